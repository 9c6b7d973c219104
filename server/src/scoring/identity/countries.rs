//! Countries and language settings against the candidate's own claims (ID-09, ID-10): an
//! unusual mix of countries across nationality, documents, residence, phones and banks, and
//! Korean device or browser settings that nothing the candidate said explains.
//!
//! Guardrail (INDICATORS.md §0 guardrail 2): both are consistency checks between the
//! candidate's own statements, never a judgement of language or origin.

use std::collections::BTreeSet;

use clearance_app::model::profile::ProfileDocument;

use crate::scoring::{Finding, Severity};

use super::{country_of, nationalities, report, text, Clues};

/// ID-09: this many distinct countries across the candidate's own claims is an unusual mix…
pub const ID_09_MIN_COUNTRIES: usize = 3;
/// ID-09: …unless they worked in at least this many of them (a documented relocation).
pub const ID_09_RELOCATION_COUNTRIES: usize = 2;
/// ID-10: the primary language subtag of Korean (BCP 47 / ISO 639-1).
pub const ID_10_KOREAN_LANGUAGE: &str = "ko";
/// ID-10: a claimed nationality, residence, job or school in one of these is a Korean link.
pub const ID_10_KOREAN_COUNTRIES: &[&str] = &["KR", "KP"];
/// ID-10: at most this many sessions are cited one by one; the rest are counted.
pub const ID_10_MAX_SESSIONS_CITED: usize = 3;

/// ID-09 (medium): at least [`ID_09_MIN_COUNTRIES`] distinct countries across the first
/// nationality, ID issuers, residence, phones and payout banks, unless employment shows work in
/// at least [`ID_09_RELOCATION_COUNTRIES`] of them. A second stated nationality counts as the
/// same claim as the first, so dual nationals are not a "mix" by themselves.
pub(super) fn id_09_country_mix(p: &ProfileDocument) -> Option<Finding> {
    let claims = country_claims(p);
    let nationality = nationalities(p);
    let distinct: BTreeSet<&str> = claims
        .iter()
        .map(|(_, code)| as_nationality(&nationality, code))
        .collect();
    if distinct.len() < ID_09_MIN_COUNTRIES {
        return None;
    }
    let worked_in: BTreeSet<&str> = p
        .employment
        .iter()
        .filter_map(|e| e.country.as_deref())
        .filter_map(|c| country_of(Some(c)))
        .filter_map(|code| {
            distinct
                .iter()
                .copied()
                .find(|d| *d == as_nationality(&nationality, &code))
        })
        .collect();
    if worked_in.len() >= ID_09_RELOCATION_COUNTRIES {
        return None;
    }
    let title = format!(
        "Nationality, ID issuer, residence, phone and bank point to {} different countries: ask \
         how they fit together",
        distinct.len()
    );
    report("ID-09", Severity::Medium, title, claims, "S13; S17")
}

/// ID-09: every readable country the candidate's own data names, with its field.
fn country_claims(p: &ProfileDocument) -> Clues {
    let id = &p.identity;
    let mut claims = Clues::new();
    let first_nationality = id.nationality.first().map(String::as_str);
    push_country(
        &mut claims,
        "identity.nationality[0]".to_owned(),
        first_nationality,
    );
    for (i, doc) in id.id_documents.iter().enumerate() {
        let field = format!("identity.id_documents[{i}].issuing_country");
        push_country(&mut claims, field, doc.issuing_country.as_deref());
    }
    let residence = id.claimed_residence.country.as_deref();
    push_country(
        &mut claims,
        "identity.claimed_residence.country".to_owned(),
        residence,
    );
    for (i, phone) in p.contact.phones.iter().enumerate() {
        push_country(
            &mut claims,
            format!("contact.phones[{i}].country"),
            phone.country.as_deref(),
        );
    }
    for (i, payment) in p.payment_instructions.iter().enumerate() {
        let field = format!("payment_instructions[{i}].bank_country");
        push_country(&mut claims, field, payment.bank_country.as_deref());
    }
    claims
}

fn push_country(claims: &mut Clues, field: String, value: Option<&str>) {
    if let Some(code) = country_of(value) {
        claims.push((field, code));
    }
}

/// ID-09: any stated nationality stands for the first one.
fn as_nationality<'a>(nationality: &'a [String], code: &'a str) -> &'a str {
    match nationality.first() {
        Some(first) if nationality.iter().any(|n| n == code) => first.as_str(),
        _ => code,
    }
}

/// ID-10 (medium): Korean in an OS locale, keyboard layout or browser Accept-Language, while
/// nothing the candidate said links them to Korean (nationality, residence, job or school in
/// KR/KP, or Korean among the languages they speak). A consistency check only: never fires for
/// someone who says they speak Korean.
pub(super) fn id_10_korean_settings_without_korean_link(p: &ProfileDocument) -> Option<Finding> {
    if has_korean_link(p) {
        return None;
    }
    let mut clues = Clues::new();
    for (i, device) in p.devices.iter().enumerate() {
        if let Some(locale) = text(device.os_locale.as_deref()).filter(|v| is_korean_tag(v)) {
            clues.push((format!("devices[{i}].os_locale"), locale.to_owned()));
        }
        for (j, layout) in device.keyboard_layouts.iter().enumerate() {
            if is_korean_tag(layout) {
                clues.push((
                    format!("devices[{i}].keyboard_layouts[{j}]"),
                    layout.trim().to_owned(),
                ));
            }
        }
    }
    let sessions: Vec<(usize, &str)> = p
        .logins
        .iter()
        .enumerate()
        .filter_map(|(i, login)| {
            text(login.accept_language.as_deref())
                .filter(|v| is_korean_tag(v))
                .map(|v| (i, v))
        })
        .collect();
    for (i, value) in sessions.iter().take(ID_10_MAX_SESSIONS_CITED) {
        clues.push((format!("logins[{i}].accept_language"), (*value).to_owned()));
    }
    if sessions.len() > ID_10_MAX_SESSIONS_CITED {
        let value = format!(
            "{} sessions in all with Korean in Accept-Language",
            sessions.len()
        );
        clues.push(("logins".to_owned(), value));
    }
    report(
        "ID-10",
        Severity::Medium,
        "Korean-language device or browser settings, but nothing the candidate stated links them \
         to Korean: ask about it (consistency check, not a language or origin judgement)",
        clues,
        "S2",
    )
}

/// ID-10: the candidate's own claims give a reason for Korean settings.
fn has_korean_link(p: &ProfileDocument) -> bool {
    let id = &p.identity;
    id.nationality
        .iter()
        .any(|n| is_korean_country(Some(n.as_str())))
        || id
            .languages_claimed
            .iter()
            .any(|language| is_korean_tag(language))
        || is_korean_country(id.claimed_residence.country.as_deref())
        || p.employment
            .iter()
            .any(|e| is_korean_country(e.country.as_deref()))
        || p.education
            .iter()
            .any(|e| is_korean_country(e.country.as_deref()))
}

fn is_korean_country(value: Option<&str>) -> bool {
    country_of(value).is_some_and(|code| ID_10_KOREAN_COUNTRIES.contains(&code.as_str()))
}

/// ID-10: a language tag, locale or list of them (`ko-KR`, `ko_KR.UTF-8`,
/// `en-US,ko;q=0.8`, `com.apple.inputmethod.Korean.2SetKorean`) names Korean. Only the primary
/// subtag counts, so `kok` (Konkani) is not Korean.
fn is_korean_tag(value: &str) -> bool {
    value
        .split(',')
        .filter_map(|part| part.split(';').next())
        .any(|tag| {
            let tag = tag.trim().to_lowercase();
            let primary = tag.split(['-', '_', '.', '@']).next().unwrap_or_default();
            primary == ID_10_KOREAN_LANGUAGE || tag.contains("korean")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::identity::fixtures::{clean, fired, fires, has_evidence, job, person, run};
    use clearance_app::model::profile::{Device, Education, IdDocument, Login, PhoneContact};

    // ID-09

    #[test]
    fn id_09_three_unrelated_countries_are_medium() {
        let mut p = person("Ada Lovelace");
        p.identity.nationality = vec!["JP".to_owned()];
        p.identity.id_documents = vec![IdDocument {
            doc_type: "passport".to_owned(),
            issuing_country: Some("co".to_owned()),
            ..IdDocument::default()
        }];
        p.identity.claimed_residence.country = Some("TH".to_owned());
        let found = fired(&p, "ID-09");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Medium);
        assert!(
            found[0].title.contains("3 different countries"),
            "{}",
            found[0].title
        );
        assert!(found[0]
            .evidence
            .iter()
            .any(|e| e.field == "identity.id_documents[0].issuing_country" && e.value == "CO"));
    }

    #[test]
    fn id_09_a_relocation_documented_by_employment_is_not_flagged() {
        let mut p = person("Ada Lovelace");
        p.identity.nationality = vec!["FR".to_owned()];
        p.identity.claimed_residence.country = Some("US".to_owned());
        p.contact.phones = vec![PhoneContact {
            country: Some("GB".to_owned()),
            ..PhoneContact::default()
        }];
        p.employment = vec![
            job("Dassault", "2012-01-01", "FR"),
            job("Arm", "2018-01-01", "GB"),
        ];
        assert!(!fires(&p, "ID-09"));
    }

    #[test]
    fn id_09_a_dual_national_is_not_a_mix_by_themselves() {
        let mut p = person("Ada Lovelace");
        p.identity.nationality = vec!["FR".to_owned(), "CA".to_owned()];
        p.identity.id_documents = vec![IdDocument {
            doc_type: "passport".to_owned(),
            issuing_country: Some("CA".to_owned()),
            ..IdDocument::default()
        }];
        p.identity.claimed_residence.country = Some("US".to_owned());
        assert!(!fires(&p, "ID-09"));
        assert!(!fires(&clean(), "ID-09"));
    }

    // ID-10

    fn korean_keyboard(nationality: &str, languages: &[&str]) -> ProfileDocument {
        let mut p = person("Daniel Park");
        p.identity.nationality = vec![nationality.to_owned()];
        p.identity.claimed_residence.country = Some("US".to_owned());
        p.identity.languages_claimed = languages.iter().map(|l| (*l).to_owned()).collect();
        p.devices = vec![Device {
            os_locale: Some("en_US.UTF-8".to_owned()),
            keyboard_layouts: vec!["en-US".to_owned(), "ko-KR".to_owned()],
            ..Device::default()
        }];
        p.logins = vec![Login {
            ts: "2026-11-20T10:00:00Z".to_owned(),
            accept_language: Some("ko-KR,ko;q=0.9,en-US;q=0.8".to_owned()),
            ..Login::default()
        }];
        p
    }

    #[test]
    fn id_10_korean_settings_with_no_korean_link_in_the_claims_are_medium() {
        let found = fired(&korean_keyboard("US", &["en"]), "ID-10");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Medium);
        assert!(has_evidence(&found[0], "devices[0].keyboard_layouts[1]"));
        assert!(has_evidence(&found[0], "logins[0].accept_language"));
        assert!(!has_evidence(&found[0], "devices[0].os_locale"));
    }

    #[test]
    fn id_10_a_korean_american_who_says_they_speak_korean_is_never_flagged() {
        let p = korean_keyboard("US", &["en", "ko"]);
        assert!(!fires(&p, "ID-10"));
        assert!(run(&p).is_empty());
    }

    #[test]
    fn id_10_a_korean_nationality_or_korean_education_explains_korean_settings() {
        assert!(!fires(&korean_keyboard("KR", &["en"]), "ID-10"));
        let mut schooled = korean_keyboard("US", &["en"]);
        schooled.education = vec![Education {
            institution: "Seoul National University".to_owned(),
            country: Some("KR".to_owned()),
            ..Education::default()
        }];
        assert!(!fires(&schooled, "ID-10"));
    }

    #[test]
    fn id_10_only_the_korean_language_tag_counts() {
        assert!(is_korean_tag("ko"));
        assert!(is_korean_tag("ko_KR.UTF-8"));
        assert!(is_korean_tag("en-US,en;q=0.9,ko;q=0.8"));
        assert!(is_korean_tag("com.apple.inputmethod.Korean.2SetKorean"));
        assert!(!is_korean_tag("kok-IN"));
        assert!(!is_korean_tag("en-US,en;q=0.9"));
        assert!(!is_korean_tag(""));
    }
}
