//! Behavioural and interview rules (INDICATORS.md §2.4, BEH-*): what interviewers recorded, how
//! the hire was sourced, and when the worker is active. One function per indicator; `evaluate`
//! runs them in catalogue order.
//!
//! Each indicator reports at most one finding, listing every observation that triggered it.
//! Interviewer attestations count only when recorded explicitly (`Some(false)`, `"false"`): a
//! missing or `unsure` answer proves nothing.
//!
//! Not implemented here:
//! - BEH-10 (cover letters reused across applicants) compares profiles with each other: the link
//!   index reports it from banded cover-letter SimHashes (`links`, near keys).
//! - BEH-08 (referral chains) reads what the caller looked up about the referrer and the other
//!   people they referred (`referrals`, run by the engine with the lookups).
//! - BEH-09 (output quality varies as if several people share the account) comes from post-hire
//!   manager notes, which the profile document does not carry.
//!
//! Guardrails (INDICATORS.md §0): no rule reads appearance, accent or nationality; BEH-07
//! compares activity with the worker's own claimed time zone and never fires for someone who
//! claims to live in UTC+8 or UTC+9.

use super::{Family, Finding, Input, Severity};

#[cfg(test)]
mod fixtures;
mod interviews;
pub mod referrals;
mod timezone;
mod vetting;

pub use interviews::{BEH_01_HIGH_FROM_ROUNDS, BEH_05_BAD_OUTCOMES};
pub use timezone::{
    BEH_07_BUSINESS_END_SECS, BEH_07_BUSINESS_START_SECS, BEH_07_MAX_CLAIMED_PERCENT,
    BEH_07_MIN_EVENTS, BEH_07_MIN_OTHER_PERCENT, BEH_07_OTHER_OFFSETS_MIN, BEH_07_ZONE_OFFSETS_MIN,
};
pub use vetting::BEH_03_MIN_DECLINED_IN_PERSON;

/// Runs every behavioural rule on the profile.
pub fn evaluate(input: &Input<'_>, out: &mut Vec<Finding>) {
    let p = input.profile;
    out.extend(interviews::beh_01_camera_off(p));
    out.extend(interviews::beh_02_inconsistent_on_camera(p));
    out.extend(vetting::beh_03_avoids_in_person_steps(p));
    out.extend(interviews::beh_04_reading_answers(p));
    out.extend(interviews::beh_05_liveness_failed(p));
    out.extend(interviews::beh_06_location_smalltalk(p));
    out.extend(timezone::beh_07_activity_in_another_zone(p));
    out.extend(vetting::beh_11_agency_without_own_verification(p));
}

// ---------------------------------------------------------------------------------------------
// Shared helpers (used by the rule modules)

/// A behaviour finding with its evidence, in the order given.
fn finding(
    indicator: &'static str,
    severity: Severity,
    title: impl Into<String>,
    evidence: Vec<(String, String)>,
    source: &'static str,
) -> Finding {
    Finding::new(indicator, Family::Behaviour, severity, title)
        .source(source)
        .with_evidence(evidence)
}

use super::text;

/// Whether a recorded value is `expected` (trimmed, case-insensitive).
fn is(value: Option<&str>, expected: &str) -> bool {
    value
        .map(str::trim)
        .is_some_and(|v| v.eq_ignore_ascii_case(expected))
}

#[cfg(test)]
mod tests {
    use super::fixtures::{clean_round, run, with_rounds};
    use clearance_app::model::profile::ProfileDocument;

    #[test]
    fn an_empty_profile_has_no_behaviour_findings() {
        assert!(run(&ProfileDocument::default()).is_empty());
    }

    #[test]
    fn clean_interview_rounds_have_no_findings() {
        assert!(run(&with_rounds(vec![clean_round(1), clean_round(2)])).is_empty());
    }
}
