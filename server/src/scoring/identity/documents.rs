//! Identity documents and background checks (ID-07, ID-08): problems found on an identity
//! document (check digits, name, date of birth, expiry, vendor verdict, issuer), and identity
//! conflicts reported by the background-check vendor.

use clearance_app::model::profile::{IdDocument, ProfileDocument};

use crate::scoring::dates::DAY_SECS;
use crate::scoring::names;
use crate::scoring::{Finding, Severity};

use super::{country_of, dated, has_tokens, nationalities, report, text, Clues};

/// ID-07: a name read from the document below this similarity to the legal name differs.
pub const ID_07_MIN_NAME_SIMILARITY: f64 = 0.90;
/// ID-07: a verification vendor verdict containing one of these words is a failure.
pub const ID_07_FAILED_VERDICT_WORDS: &[&str] = &["tamper", "fail"];
/// ID-07: document types that the country of residence issues to non-nationals, so their
/// issuer may be the claimed residence instead of a nationality.
pub const ID_07_RESIDENCE_DOCUMENTS: &[&str] = &["driver_license", "residence_permit"];

/// One problem found on an identity document (ID-07).
struct DocumentProblem {
    label: &'static str,
    field: &'static str,
    value: String,
}

/// ID-07 (high): one finding per identity document with any problem: failed MRZ check digits,
/// a name or date of birth that differs from what was entered, expiry, a vendor tamper or fail
/// verdict, or an issuer that is none of the stated nationalities.
pub(super) fn id_07_id_document_problems(p: &ProfileDocument, now: i64) -> Vec<Finding> {
    p.identity
        .id_documents
        .iter()
        .enumerate()
        .filter_map(|(i, doc)| id_07_document(p, i, doc, now))
        .collect()
}

/// ID-07: the finding for the document at `identity.id_documents[i]`, if it has problems.
fn id_07_document(p: &ProfileDocument, i: usize, doc: &IdDocument, now: i64) -> Option<Finding> {
    let problems: Vec<DocumentProblem> = [
        mrz_problem(doc),
        name_problem(p, doc),
        dob_problem(p, doc),
        expiry_problem(doc, now),
        vendor_problem(doc),
        issuer_problem(p, doc),
    ]
    .into_iter()
    .flatten()
    .collect();
    if problems.is_empty() {
        return None;
    }
    let labels: Vec<&str> = problems.iter().map(|problem| problem.label).collect();
    let kind = match doc.doc_type.trim() {
        "" => "type not given",
        kind => kind,
    };
    let title = format!(
        "Check identity document {} ({kind}) with the candidate: {}",
        i + 1,
        labels.join(", ")
    );
    let clues = problems
        .into_iter()
        .map(|problem| {
            (
                format!("identity.id_documents[{i}].{}", problem.field),
                problem.value,
            )
        })
        .collect();
    report("ID-07", Severity::High, title, clues, "S4; S5; S11")
}

fn mrz_problem(doc: &IdDocument) -> Option<DocumentProblem> {
    (doc.mrz_valid == Some(false)).then(|| DocumentProblem {
        label: "MRZ check digits fail",
        field: "mrz_valid",
        value: "false".to_owned(),
    })
}

fn name_problem(p: &ProfileDocument, doc: &IdDocument) -> Option<DocumentProblem> {
    let read = text(doc.ocr_name.as_deref())?;
    let legal = p.identity.legal_name.full.trim();
    if !has_tokens(legal) || names::similarity(read, legal) >= ID_07_MIN_NAME_SIMILARITY {
        return None;
    }
    Some(DocumentProblem {
        label: "name differs from the legal name entered",
        field: "ocr_name",
        value: format!("{read} (entered: {legal})"),
    })
}

fn dob_problem(p: &ProfileDocument, doc: &IdDocument) -> Option<DocumentProblem> {
    let (read_text, read) = dated(doc.ocr_dob.as_deref())?;
    let (entered_text, entered) = dated(p.identity.dob.as_deref())?;
    if read.div_euclid(DAY_SECS) == entered.div_euclid(DAY_SECS) {
        return None;
    }
    Some(DocumentProblem {
        label: "date of birth differs from the one entered",
        field: "ocr_dob",
        value: format!("{read_text} (entered: {entered_text})"),
    })
}

/// A document is valid through its expiry day.
fn expiry_problem(doc: &IdDocument, now: i64) -> Option<DocumentProblem> {
    let (expiry_text, expiry) = dated(doc.expiry.as_deref())?;
    (expiry + DAY_SECS <= now).then(|| DocumentProblem {
        label: "expired",
        field: "expiry",
        value: expiry_text.to_owned(),
    })
}

fn vendor_problem(doc: &IdDocument) -> Option<DocumentProblem> {
    let verdict = text(doc.vendor_result.as_deref())?;
    let lower = verdict.to_lowercase();
    ID_07_FAILED_VERDICT_WORDS
        .iter()
        .any(|word| lower.contains(*word))
        .then(|| DocumentProblem {
            label: "verification vendor reported tampering or failure",
            field: "vendor_result",
            value: verdict.to_owned(),
        })
}

/// The issuer must be a stated nationality; a driver's licence or residence permit may instead
/// come from the claimed country of residence. Silent without a stated nationality.
fn issuer_problem(p: &ProfileDocument, doc: &IdDocument) -> Option<DocumentProblem> {
    let issuer = country_of(doc.issuing_country.as_deref())?;
    let nationality = nationalities(p);
    if nationality.is_empty() || nationality.contains(&issuer) {
        return None;
    }
    let residence = country_of(p.identity.claimed_residence.country.as_deref());
    let doc_type = doc.doc_type.trim().to_lowercase();
    if ID_07_RESIDENCE_DOCUMENTS.contains(&doc_type.as_str())
        && residence.as_deref() == Some(issuer.as_str())
    {
        return None;
    }
    Some(DocumentProblem {
        label: "issued by a country that is not a stated nationality",
        field: "issuing_country",
        value: format!("{issuer} (nationality entered: {})", nationality.join(", ")),
    })
}

/// ID-08 (high): the background-check vendor reported identity conflicts (DOB, address
/// history, SSN issuance, already employed elsewhere).
pub(super) fn id_08_background_check_conflicts(p: &ProfileDocument) -> Option<Finding> {
    let check = &p.identity.background_check;
    let mut clues: Clues = check
        .identity_conflicts
        .iter()
        .enumerate()
        .filter_map(|(i, conflict)| {
            text(Some(conflict.as_str())).map(|c| {
                (
                    format!("identity.background_check.identity_conflicts[{i}]"),
                    c.to_owned(),
                )
            })
        })
        .collect();
    if let (false, Some(vendor)) = (clues.is_empty(), text(check.vendor.as_deref())) {
        clues.push((
            "identity.background_check.vendor".to_owned(),
            vendor.to_owned(),
        ));
    }
    report(
        "ID-08",
        Severity::High,
        "Background check found identity conflicts: the identity may be stolen or borrowed, \
         verify the person in person before any offer",
        clues,
        "S6; S8; S9; S10; S16",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::identity::fixtures::{clean, fired, fires, has_evidence};

    // ID-07

    #[test]
    fn id_07_an_expired_document_in_another_name_is_one_high_finding() {
        let mut p = clean();
        p.identity.id_documents[0].ocr_name = Some("Jin Sung Il".to_owned());
        p.identity.id_documents[0].expiry = Some("2024-01-01".to_owned());
        let found = fired(&p, "ID-07");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::High);
        assert!(
            found[0].title.contains("name differs"),
            "{}",
            found[0].title
        );
        assert!(found[0].title.contains("expired"), "{}", found[0].title);
        assert!(has_evidence(&found[0], "identity.id_documents[0].ocr_name"));
        assert!(has_evidence(&found[0], "identity.id_documents[0].expiry"));
        assert_eq!(found[0].evidence.len(), 2);
    }

    #[test]
    fn id_07_each_bad_document_is_its_own_finding() {
        let mut p = clean();
        p.identity.id_documents[0].mrz_valid = Some(false);
        p.identity.id_documents[0].ocr_dob = Some("1988-01-02".to_owned());
        p.identity.id_documents[1].vendor_result = Some("tamper_suspected".to_owned());
        let found = fired(&p, "ID-07");
        assert_eq!(found.len(), 2);
        assert!(has_evidence(
            &found[0],
            "identity.id_documents[0].mrz_valid"
        ));
        assert!(has_evidence(&found[0], "identity.id_documents[0].ocr_dob"));
        assert!(has_evidence(
            &found[1],
            "identity.id_documents[1].vendor_result"
        ));
    }

    #[test]
    fn id_07_a_passport_from_a_country_that_is_not_a_nationality_is_flagged() {
        let mut p = clean();
        p.identity.id_documents[0].issuing_country = Some("CO".to_owned());
        let found = fired(&p, "ID-07");
        assert_eq!(found.len(), 1);
        assert!(has_evidence(
            &found[0],
            "identity.id_documents[0].issuing_country"
        ));
    }

    #[test]
    fn id_07_valid_documents_and_a_licence_from_the_country_of_residence_are_not_flagged() {
        let p = clean();
        assert_eq!(
            p.identity.id_documents[1].issuing_country.as_deref(),
            Some("US")
        );
        assert!(!fires(&p, "ID-07"));
    }

    #[test]
    fn id_07_a_document_expiring_today_is_still_valid() {
        let mut p = clean();
        p.identity.id_documents[0].expiry = Some("2026-11-21".to_owned());
        assert!(!fires(&p, "ID-07"));
    }

    // ID-08

    #[test]
    fn id_08_background_check_conflicts_are_high() {
        let mut p = clean();
        p.identity.background_check.vendor = Some("Checkr".to_owned());
        p.identity.background_check.identity_conflicts =
            vec!["dob".to_owned(), "address_history".to_owned()];
        let found = fired(&p, "ID-08");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::High);
        assert!(has_evidence(
            &found[0],
            "identity.background_check.identity_conflicts[1]"
        ));
        assert!(has_evidence(&found[0], "identity.background_check.vendor"));
    }

    #[test]
    fn id_08_a_clean_or_blank_background_check_is_not_flagged() {
        let mut p = clean();
        p.identity.background_check.vendor = Some("Checkr".to_owned());
        p.identity.background_check.identity_conflicts = vec!["  ".to_owned()];
        assert!(!fires(&p, "ID-08"));
    }
}
