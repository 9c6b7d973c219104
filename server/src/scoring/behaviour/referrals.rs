//! BEH-08 (INDICATORS.md §2.4): referral chains. Convicted facilitators were hired and then
//! "recommended their co-conspirators" (S9); whole teams have been filled that way (S17). The
//! rule reads what the caller looked up about the person's referral: the referrer's current
//! band and strong findings, and which other people referred by the same person share an
//! artifact (a link key) with this one.

use super::finding;
use crate::scoring::{Finding, Severity};
use clearance_app::model::profile::ProfileDocument;

/// The profile that referred someone, as it stands now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Referrer {
    pub person_id: i64,
    /// `clear`, `review`, `high` or `critical`.
    pub band: String,
    /// Indicators of the referrer's high and critical findings, for the evidence.
    pub strong_indicators: Vec<String>,
}

/// What the caller looked up about a referred person.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Referral {
    /// The referrer, when the profile names one that exists.
    pub referrer: Option<Referrer>,
    /// Other people referred by the same referrer who share a link key with this person.
    pub co_referees_sharing: Vec<i64>,
}

/// BEH-08: referees sharing artifacts, this person included, that make the chain high.
pub const BEH_08_HIGH_FROM_SHARING_REFEREES: usize = 2;

/// BEH-08: medium when the referrer has a high or critical band (the risk propagates to whom
/// they brought in); high when at least [`BEH_08_HIGH_FROM_SHARING_REFEREES`] people referred by
/// the same person share artifacts.
pub fn beh_08_referral_chain(p: &ProfileDocument, referral: &Referral) -> Option<Finding> {
    let named = p.source_channel.referred_by_profile_id?;
    let referrer = referral
        .referrer
        .as_ref()
        .filter(|r| r.person_id == named)?;
    let mut co: Vec<i64> = referral
        .co_referees_sharing
        .iter()
        .copied()
        .filter(|id| *id != named)
        .collect();
    co.sort_unstable();
    co.dedup();
    let risky_referrer = matches!(referrer.band.as_str(), "high" | "critical");
    let sharing = co.len() + 1 >= BEH_08_HIGH_FROM_SHARING_REFEREES;
    let (severity, title) = if sharing {
        (
            Severity::High,
            format!(
                "{} people referred by the same person share artifacts with each other (referral chain)",
                co.len() + 1
            ),
        )
    } else if risky_referrer {
        (
            Severity::Medium,
            format!(
                "Referred by a profile whose screening is {}: check who else they referred",
                referrer.band
            ),
        )
    } else {
        return None;
    };
    let mut evidence = vec![
        (
            "source_channel.referred_by_profile_id".to_owned(),
            format!("person {named}"),
        ),
        ("referrer band".to_owned(), referrer.band.clone()),
    ];
    if !referrer.strong_indicators.is_empty() {
        evidence.push((
            "referrer findings".to_owned(),
            referrer.strong_indicators.join(", "),
        ));
    }
    if sharing {
        evidence.push((
            "referred by the same person and sharing artifacts".to_owned(),
            co.iter()
                .map(|id| format!("person {id}"))
                .collect::<Vec<_>>()
                .join(", "),
        ));
    }
    Some(
        finding("BEH-08", severity, title, evidence, "S9; S17")
            .related(std::iter::once(named).chain(co)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn referred_by(id: i64) -> ProfileDocument {
        let mut p = ProfileDocument::default();
        p.source_channel.referred_by_profile_id = Some(id);
        p
    }

    fn referral(id: i64, band: &str, co: &[i64]) -> Referral {
        Referral {
            referrer: Some(Referrer {
                person_id: id,
                band: band.into(),
                strong_indicators: vec!["LINK-06".into()],
            }),
            co_referees_sharing: co.to_vec(),
        }
    }

    #[test]
    fn a_referrer_with_a_high_or_critical_screening_makes_a_medium_finding() {
        for band in ["high", "critical"] {
            let f = beh_08_referral_chain(&referred_by(7), &referral(7, band, &[])).unwrap();
            assert_eq!((f.indicator, f.severity), ("BEH-08", Severity::Medium));
            assert_eq!(f.related_person_ids, vec![7]);
            assert!(f.evidence.iter().any(|e| e.value == "LINK-06"));
        }
    }

    #[test]
    fn referees_of_one_referrer_sharing_artifacts_are_high_even_if_the_referrer_looks_clear() {
        let f =
            beh_08_referral_chain(&referred_by(7), &referral(7, "clear", &[12, 9, 12])).unwrap();
        assert_eq!(f.severity, Severity::High);
        assert_eq!(f.related_person_ids, vec![7, 9, 12]);
        assert!(f.title.starts_with("3 people"), "{}", f.title);
    }

    #[test]
    fn a_clear_referrer_without_sharing_referees_is_no_finding() {
        assert_eq!(
            beh_08_referral_chain(&referred_by(7), &referral(7, "review", &[])),
            None
        );
        assert_eq!(
            beh_08_referral_chain(&referred_by(7), &referral(7, "clear", &[])),
            None
        );
    }

    #[test]
    fn nothing_fires_without_a_referral_or_for_another_referrer() {
        let risky = referral(7, "critical", &[3]);
        assert_eq!(
            beh_08_referral_chain(&ProfileDocument::default(), &risky),
            None
        );
        assert_eq!(beh_08_referral_chain(&referred_by(8), &risky), None);
        assert_eq!(
            beh_08_referral_chain(&referred_by(7), &Referral::default()),
            None,
            "a referrer id that names nobody stored proves nothing"
        );
    }

    #[test]
    fn the_referrer_listed_among_its_own_referees_does_not_count_as_one() {
        assert_eq!(
            beh_08_referral_chain(&referred_by(7), &referral(7, "clear", &[7])),
            None
        );
    }
}
