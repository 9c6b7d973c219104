//! From findings to a 0–100 score and a band. Documented in the README.
//!
//! Each finding adds its severity's weight; the sum is capped at 100. Any critical finding makes
//! the band `critical` whatever the score (INDICATORS.md §0: only then is a workflow held); two
//! or more high findings reach `high`; otherwise the score decides.

use super::finding::{Finding, Severity};
use serde::Serialize;

/// Weight of each severity in the score.
pub fn weight(severity: Severity) -> u32 {
    match severity {
        Severity::Info => 0,
        Severity::Low => 4,
        Severity::Medium => 10,
        Severity::High => 22,
        Severity::Critical => 45,
    }
}

/// Scores at or above this are `high`.
pub const HIGH_FROM: u8 = 40;
/// Scores at or above this are `review`.
pub const REVIEW_FROM: u8 = 15;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    Clear,
    Review,
    High,
    Critical,
}

pub fn score(findings: &[Finding]) -> (u8, Band) {
    let total: u32 = findings.iter().map(|f| weight(f.severity)).sum();
    let score = u8::try_from(total.min(100)).unwrap_or(100);
    let band = if findings.iter().any(|f| f.severity == Severity::Critical) {
        Band::Critical
    } else if score >= HIGH_FROM {
        Band::High
    } else if score >= REVIEW_FROM {
        Band::Review
    } else {
        Band::Clear
    };
    (score, band)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::finding::Family;

    fn f(severity: Severity) -> Finding {
        Finding::new("X-01", Family::Identity, severity, "t")
    }

    #[test]
    fn nothing_found_is_clear_with_zero() {
        assert_eq!(score(&[]), (0, Band::Clear));
        assert_eq!(
            score(&[f(Severity::Info), f(Severity::Low)]),
            (4, Band::Clear)
        );
    }

    #[test]
    fn one_medium_is_not_enough_for_review_but_two_are() {
        assert_eq!(score(&[f(Severity::Medium)]).1, Band::Clear);
        assert_eq!(
            score(&[f(Severity::Medium), f(Severity::Medium)]).1,
            Band::Review
        );
    }

    #[test]
    fn a_high_finding_needs_review_and_two_make_the_band_high() {
        assert_eq!(score(&[f(Severity::High)]), (22, Band::Review));
        assert_eq!(
            score(&[f(Severity::High), f(Severity::High)]),
            (44, Band::High)
        );
    }

    #[test]
    fn any_critical_finding_makes_the_band_critical_and_the_score_is_capped() {
        assert_eq!(score(&[f(Severity::Critical)]).1, Band::Critical);
        let many = vec![f(Severity::Critical); 5];
        assert_eq!(score(&many), (100, Band::Critical));
    }
}
