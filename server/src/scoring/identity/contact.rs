//! Contact details and references (ID-12 to ID-14): VoIP phones or phones registered to another
//! name, other names tied to the applicant's e-mail address, and references that write from free
//! webmail for a company or could not be confirmed independently.

use clearance_app::model::profile::ProfileDocument;

use crate::scoring::names;
use crate::scoring::{Finding, Severity};

use super::{declared_names, has_tokens, is, report, text, Clues};

/// ID-12: a carrier-registered name matching worse than this is someone else's line.
pub const ID_12_MIN_CNAM_MATCH: f64 = 0.5;
/// ID-13: a name tied to the applicant's e-mail below this similarity to every declared name is
/// another person's.
pub const ID_13_MIN_SIMILARITY: f64 = 0.85;
/// ID-14: free webmail domains: a reference at a company writing from one cannot be confirmed
/// through the company.
pub const ID_14_FREE_WEBMAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "yahoo.com",
    "proton.me",
    "protonmail.com",
    "icloud.com",
    "mail.ru",
    "qq.com",
    "163.com",
];
/// ID-14: `company` values that name no corporate employer (compared case-insensitively).
pub const ID_14_NO_EMPLOYER: &[&str] = &[
    "self-employed",
    "self employed",
    "freelance",
    "freelancer",
    "independent",
    "none",
    "n/a",
];

/// ID-12 (medium): a phone whose line type is VoIP, or whose carrier-registered name matches
/// worse than [`ID_12_MIN_CNAM_MATCH`].
pub(super) fn id_12_voip_or_mismatched_phone(p: &ProfileDocument) -> Option<Finding> {
    let mut clues = Clues::new();
    for (i, phone) in p.contact.phones.iter().enumerate() {
        let number = phone.e164.trim();
        if is(phone.line_type.as_deref(), "voip") {
            clues.push((
                format!("contact.phones[{i}].line_type"),
                format!("voip ({number})"),
            ));
        }
        if let Some(score) = phone.cnam_match_score.filter(|s| *s < ID_12_MIN_CNAM_MATCH) {
            let field = format!("contact.phones[{i}].cnam_match_score");
            clues.push((field, format!("{score} ({number})")));
        }
    }
    report(
        "ID-12",
        Severity::Medium,
        "Phone is a VoIP number or registered to another name: verify it by calling the candidate",
        clues,
        "S4; S16; Pindrop",
    )
}

/// ID-13 (medium): a name the applicant's e-mail address is tied to elsewhere is below
/// [`ID_13_MIN_SIMILARITY`] to every declared name (legal, preferred, former). Silent without a
/// legal name.
pub(super) fn id_13_email_tied_to_other_names(p: &ProfileDocument) -> Option<Finding> {
    if !has_tokens(&p.identity.legal_name.full) {
        return None;
    }
    let declared = declared_names(p);
    let mut clues = Clues::new();
    for (i, email) in p.contact.emails.iter().enumerate() {
        for (j, linked) in email.linked_names.iter().enumerate() {
            let linked = linked.trim();
            let known = declared
                .iter()
                .any(|d| names::similarity(linked, d) >= ID_13_MIN_SIMILARITY);
            if has_tokens(linked) && !known {
                let value = format!("{linked} (via {})", email.address.trim());
                clues.push((format!("contact.emails[{i}].linked_names[{j}]"), value));
            }
        }
    }
    report(
        "ID-13",
        Severity::Medium,
        "The candidate's e-mail address is tied to profiles under other names: ask about them",
        clues,
        "S13",
    )
}

/// ID-14 (medium): a reference who claims a corporate employer but writes from free webmail, or
/// who could not be reached through an independent channel.
pub(super) fn id_14_unverifiable_references(p: &ProfileDocument) -> Option<Finding> {
    let mut clues = Clues::new();
    for (i, reference) in p.references.iter().enumerate() {
        let company = text(reference.company.as_deref()).filter(|c| names_an_employer(c));
        let email = text(reference.email.as_deref());
        if let (Some(company), Some(email)) = (company, email) {
            if email_domain(email).is_some_and(|d| ID_14_FREE_WEBMAIL.contains(&d.as_str())) {
                clues.push((
                    format!("references[{i}].email"),
                    format!("{email} (for {company})"),
                ));
            }
        }
        if reference.verified_via_independent_channel == Some(false) {
            let field = format!("references[{i}].verified_via_independent_channel");
            clues.push((field, format!("false ({})", reference.name.trim())));
        }
    }
    report(
        "ID-14",
        Severity::Medium,
        "References use free webmail for a company or could not be confirmed independently: \
         contact them through the company's published switchboard",
        clues,
        "S1; S16",
    )
}

fn names_an_employer(company: &str) -> bool {
    !ID_14_NO_EMPLOYER.contains(&company.to_lowercase().as_str())
}

/// The lower-case domain of an e-mail address.
fn email_domain(address: &str) -> Option<String> {
    let (_, domain) = address.trim().rsplit_once('@')?;
    let domain = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    (!domain.is_empty()).then_some(domain)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::identity::fixtures::{clean, fired, fires, has_evidence};

    // ID-12

    #[test]
    fn id_12_a_voip_phone_is_flagged() {
        let mut p = clean();
        p.contact.phones[0].line_type = Some("VoIP".to_owned());
        let found = fired(&p, "ID-12");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Medium);
        assert!(has_evidence(&found[0], "contact.phones[0].line_type"));
    }

    #[test]
    fn id_12_a_phone_registered_to_another_name_is_flagged() {
        let mut p = clean();
        p.contact.phones[0].cnam_match_score = Some(0.09);
        let found = fired(&p, "ID-12");
        assert_eq!(found.len(), 1);
        assert!(has_evidence(
            &found[0],
            "contact.phones[0].cnam_match_score"
        ));
    }

    #[test]
    fn id_12_a_mobile_phone_with_matching_name_is_not() {
        assert!(!fires(&clean(), "ID-12"));
    }

    // ID-13

    #[test]
    fn id_13_an_email_tied_to_another_name_is_medium() {
        let mut p = clean();
        p.contact.emails[0]
            .linked_names
            .push("Kevin Zhang".to_owned());
        let found = fired(&p, "ID-13");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Medium);
        assert!(found[0]
            .evidence
            .iter()
            .any(|e| e.field == "contact.emails[0].linked_names[2]"
                && e.value == "Kevin Zhang (via ada@example.com)"));
    }

    #[test]
    fn id_13_names_tied_to_the_email_that_are_the_candidates_own_are_not_flagged() {
        let mut p = clean();
        p.contact.emails[0]
            .linked_names
            .push("LOVELACE, Ada".to_owned());
        assert!(!fires(&p, "ID-13"));
    }

    // ID-14

    #[test]
    fn id_14_a_corporate_reference_writing_from_gmail_is_medium() {
        let mut p = clean();
        p.references[0].email = Some("charles.babbage@Gmail.com".to_owned());
        let found = fired(&p, "ID-14");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Medium);
        assert!(has_evidence(&found[0], "references[0].email"));
    }

    #[test]
    fn id_14_a_reference_not_confirmed_independently_is_flagged() {
        let mut p = clean();
        p.references[0].verified_via_independent_channel = Some(false);
        let found = fired(&p, "ID-14");
        assert_eq!(found.len(), 1);
        assert!(has_evidence(
            &found[0],
            "references[0].verified_via_independent_channel"
        ));
    }

    #[test]
    fn id_14_a_company_address_or_a_freelancer_on_webmail_is_not_flagged() {
        assert!(!fires(&clean(), "ID-14"));
        let mut p = clean();
        p.references[0].company = Some("Freelance".to_owned());
        p.references[0].email = Some("charles@gmail.com".to_owned());
        p.references[0].verified_via_independent_channel = None;
        assert!(!fires(&p, "ID-14"));
    }
}
