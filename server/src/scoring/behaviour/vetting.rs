//! Our own vetting steps (BEH-03, BEH-11): in-person steps or a required drug test the candidate
//! avoids, and a staffing-agency hire without our own identity verification.

use clearance_app::model::profile::ProfileDocument;

use crate::scoring::{Finding, Severity};

use super::{finding, is, text};

/// BEH-03: this many declined in-person steps are "repeated".
pub const BEH_03_MIN_DECLINED_IN_PERSON: usize = 2;

/// BEH-03 (medium): repeatedly declines in-person steps, or refuses a drug test the role
/// requires.
pub(super) fn beh_03_avoids_in_person_steps(p: &ProfileDocument) -> Vec<Finding> {
    let facts = &p.screening;
    let declined: Vec<usize> = facts
        .in_person_offers
        .iter()
        .enumerate()
        .filter(|(_, offer)| offer.accepted == Some(false))
        .map(|(i, _)| i)
        .collect();
    let repeated = declined.len() >= BEH_03_MIN_DECLINED_IN_PERSON;
    let refused_test =
        facts.role_requires_drug_test && is(facts.drug_test_status.as_deref(), "refused");

    let mut reasons: Vec<String> = Vec::new();
    let mut evidence = Vec::new();
    if repeated {
        reasons.push(format!("declined {} in-person steps", declined.len()));
        for i in &declined {
            let offer = facts.in_person_offers.get(*i);
            let reason = offer.and_then(|o| text(o.declined_reason.as_deref()));
            let value = match reason {
                Some(reason) => format!("false ({reason})"),
                None => "false".to_owned(),
            };
            evidence.push((format!("screening.in_person_offers[{i}].accepted"), value));
        }
    }
    if refused_test {
        reasons.push("refused the drug test the role requires".to_owned());
        evidence.push((
            "screening.role_requires_drug_test".to_owned(),
            "true".to_owned(),
        ));
        evidence.push((
            "screening.drug_test_status".to_owned(),
            "refused".to_owned(),
        ));
    }
    if reasons.is_empty() {
        return Vec::new();
    }
    let title = format!(
        "Avoids in-person requirements ({}): arrange an in-person identity check",
        reasons.join("; ")
    );
    vec![finding(
        "BEH-03",
        Severity::Medium,
        title,
        evidence,
        "S2; S17",
    )]
}

/// BEH-11 (medium): hired through a staffing agency without our own identity verification.
pub(super) fn beh_11_agency_without_own_verification(p: &ProfileDocument) -> Vec<Finding> {
    let channel = &p.source_channel;
    if !is(channel.channel_type.as_deref(), "staffing_agency")
        || channel.own_identity_verification == Some(true)
    {
        return Vec::new();
    }
    let mut evidence = vec![(
        "source_channel.type".to_owned(),
        "staffing_agency".to_owned(),
    )];
    if let Some(agency) = text(channel.agency_name.as_deref()) {
        evidence.push(("source_channel.agency_name".to_owned(), agency.to_owned()));
    }
    if let Some(attested) = channel.agency_vetting_attestation {
        let value = attested.to_string();
        evidence.push((
            "source_channel.agency_vetting_attestation".to_owned(),
            value,
        ));
    }
    let own = match channel.own_identity_verification {
        Some(verified) => verified.to_string(),
        None => "not recorded".to_owned(),
    };
    evidence.push(("source_channel.own_identity_verification".to_owned(), own));
    let title = "Hired through a staffing agency without our own identity check: \
                 verify the ID document and liveness ourselves";
    vec![finding(
        "BEH-11",
        Severity::Medium,
        title,
        evidence,
        "S2; S4; S5",
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::behaviour::fixtures::{get, run};
    use clearance_app::model::profile::{InPersonOffer, SourceChannel};

    #[test]
    fn beh_03_two_declined_in_person_steps_are_medium() {
        let mut p = ProfileDocument::default();
        for reason in ["travelling", "sick"] {
            p.screening.in_person_offers.push(InPersonOffer {
                accepted: Some(false),
                declined_reason: Some(reason.into()),
                ..Default::default()
            });
        }
        let found = run(&p);
        let f = get(&found, "BEH-03").unwrap();
        assert_eq!(f.severity, Severity::Medium);
        assert_eq!(
            f.evidence[1].field,
            "screening.in_person_offers[1].accepted"
        );
        assert_eq!(f.evidence[1].value, "false (sick)");
    }

    #[test]
    fn beh_03_refusing_a_drug_test_the_role_requires_is_medium() {
        let mut p = ProfileDocument::default();
        p.screening.role_requires_drug_test = true;
        p.screening.drug_test_status = Some("refused".into());
        assert_eq!(get(&run(&p), "BEH-03").unwrap().severity, Severity::Medium);
    }

    #[test]
    fn beh_03_one_decline_or_a_refused_test_the_role_does_not_need_is_not_flagged() {
        let mut p = ProfileDocument::default();
        p.screening.drug_test_status = Some("refused".into());
        p.screening.in_person_offers.push(InPersonOffer {
            accepted: Some(false),
            ..Default::default()
        });
        p.screening.in_person_offers.push(InPersonOffer {
            accepted: Some(true),
            ..Default::default()
        });
        assert!(get(&run(&p), "BEH-03").is_none());
    }

    #[test]
    fn beh_11_an_agency_hire_without_our_own_check_is_medium() {
        let p = ProfileDocument {
            source_channel: SourceChannel {
                channel_type: Some("staffing_agency".into()),
                agency_name: Some("Acme Talent".into()),
                agency_vetting_attestation: Some(true),
                ..Default::default()
            },
            ..Default::default()
        };
        let found = run(&p);
        let f = get(&found, "BEH-11").unwrap();
        assert_eq!(f.severity, Severity::Medium);
        assert_eq!(f.evidence.last().unwrap().value, "not recorded");
    }

    #[test]
    fn beh_11_an_agency_hire_we_verified_ourselves_is_not_flagged() {
        let p = ProfileDocument {
            source_channel: SourceChannel {
                channel_type: Some("staffing_agency".into()),
                own_identity_verification: Some(true),
                ..Default::default()
            },
            ..Default::default()
        };
        assert!(run(&p).is_empty());
        let referral = ProfileDocument {
            source_channel: SourceChannel {
                channel_type: Some("referral".into()),
                ..Default::default()
            },
            ..Default::default()
        };
        assert!(run(&referral).is_empty());
    }
}
