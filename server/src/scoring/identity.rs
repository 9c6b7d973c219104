//! Identity-consistency rules (INDICATORS.md §2.1, ID-*): does the person's own story hold
//! together across the resume, online profiles, documents and contact details? One function per
//! indicator; `evaluate` runs them in catalogue order.
//!
//! Covered: ID-01 to ID-16. Each indicator reports at most one finding listing everything that
//! triggered it, except ID-07, which reports one finding per identity document. Values that
//! cannot be read (an unparseable date, a country that is not an ISO code, an empty name, a photo
//! hash that is not 16 hex digits) prove nothing, so a rule that needs them does not fire.
//!
//! ID-03 (the same identity shown with different photos) reads only perceptual hashes of photos,
//! which the profile carries when they were supplied with consent (INDICATORS.md §0 guardrail
//! 3); without them it never fires.
//!
//! Guardrail (INDICATORS.md §0 guardrail 2): nationality and language are only ever compared
//! with what the candidate said about themselves (ID-07, ID-09, ID-10), never used as a signal
//! on their own. ID-10 never flags someone who says they speak Korean or has a Korean link.

use clearance_app::model::profile::ProfileDocument;

use super::dates;
use super::names;
use super::{Family, Finding, Input, Severity};

mod contact;
mod countries;
mod documents;
mod employment;
#[cfg(test)]
mod fixtures;
mod footprint;
mod naming;
mod photos;

pub use contact::{
    ID_12_MIN_CNAM_MATCH, ID_13_MIN_SIMILARITY, ID_14_FREE_WEBMAIL, ID_14_NO_EMPLOYER,
};
pub use countries::{
    ID_09_MIN_COUNTRIES, ID_09_RELOCATION_COUNTRIES, ID_10_KOREAN_COUNTRIES, ID_10_KOREAN_LANGUAGE,
    ID_10_MAX_SESSIONS_CITED,
};
pub use documents::{
    ID_07_FAILED_VERDICT_WORDS, ID_07_MIN_NAME_SIMILARITY, ID_07_RESIDENCE_DOCUMENTS,
};
pub use employment::{ID_02_LEGAL_FORMS, ID_02_MIN_JACCARD, ID_06_NORTH_AMERICA};
pub use footprint::{
    ID_04_MIN_ACCOUNT_AGE_DAYS, ID_04_MIN_EMAIL_AGE_DAYS, ID_04_SENIOR_YEARS,
    ID_05_BACKDATE_TOLERANCE_DAYS, ID_05_MAX_COPIED_SHARE, ID_05_MIN_REPOS, ID_16_FREE_HOSTS,
};
pub use naming::{
    ID_01_MIN_SHORT_FORM_TOKENS, ID_01_MIN_SIMILARITY, ID_11_LOGIN_WINDOW_DAYS,
    ID_11_MAX_LOGIN_CHANGES, ID_11_MIN_HANDLE_PART, ID_11_MIN_TOKEN_OVERLAP,
};
pub use photos::ID_03_MIN_DISTANCE;

/// Evidence gathered before a finding is made: (field path, value).
type Clues = Vec<(String, String)>;

/// Runs every identity rule on the profile.
pub fn evaluate(input: &Input<'_>, out: &mut Vec<Finding>) {
    let p = input.profile;
    let now = input.now;
    out.extend(naming::id_01_inconsistent_names(p));
    out.extend(employment::id_02_profiles_do_not_match_resume(p));
    out.extend(photos::id_03_different_photos(p));
    out.extend(footprint::id_04_young_footprint(p, now));
    out.extend(footprint::id_05_aged_or_copied_github(p));
    out.extend(employment::id_06_us_residence_with_overseas_history(p));
    out.extend(documents::id_07_id_document_problems(p, now));
    out.extend(documents::id_08_background_check_conflicts(p));
    out.extend(countries::id_09_country_mix(p));
    out.extend(countries::id_10_korean_settings_without_korean_link(p));
    out.extend(naming::id_11_other_names_or_renamed_accounts(p, now));
    out.extend(contact::id_12_voip_or_mismatched_phone(p));
    out.extend(contact::id_13_email_tied_to_other_names(p));
    out.extend(contact::id_14_unverifiable_references(p));
    out.extend(employment::id_15_employer_domain_younger_than_tenure(p));
    out.extend(footprint::id_16_free_hosted_portfolio(p));
}

// ---------------------------------------------------------------------------------------------
// Shared helpers (used by the rule modules)

/// An identity finding with all the clues as evidence, in order; none without clues.
fn report(
    indicator: &'static str,
    severity: Severity,
    title: impl Into<String>,
    clues: Clues,
    source: &'static str,
) -> Option<Finding> {
    if clues.is_empty() {
        return None;
    }
    let finding = Finding::new(indicator, Family::Identity, severity, title).source(source);
    Some(
        clues
            .into_iter()
            .fold(finding, |f, (field, value)| f.evidence(field, value)),
    )
}

use super::text;

/// A readable date field: its trimmed text and its Unix time.
fn dated(value: Option<&str>) -> Option<(&str, i64)> {
    let value = text(value)?;
    dates::instant(value).map(|at| (value, at))
}

/// The field equals `expected`, ignoring case and surrounding space.
fn is(value: Option<&str>, expected: &str) -> bool {
    text(value).is_some_and(|v| v.eq_ignore_ascii_case(expected))
}

/// An ISO 3166-1 alpha-2 code, upper-cased; anything else is unreadable.
fn country_of(value: Option<&str>) -> Option<String> {
    let code = text(value)?;
    (code.len() == 2 && code.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| code.to_ascii_uppercase())
}

/// The stated nationalities as readable ISO codes, in order.
fn nationalities(p: &ProfileDocument) -> Vec<String> {
    p.identity
        .nationality
        .iter()
        .filter_map(|n| country_of(Some(n.as_str())))
        .collect()
}

/// The names the candidate declared for themselves: legal, preferred and former.
fn declared_names(p: &ProfileDocument) -> Vec<&str> {
    let legal = &p.identity.legal_name;
    std::iter::once(legal.full.as_str())
        .chain(legal.preferred_name.as_deref())
        .chain(legal.former_names.iter().map(String::as_str))
        .filter(|name| has_tokens(name))
        .collect()
}

fn has_tokens(name: &str) -> bool {
    !names::tokens(name).is_empty()
}

#[cfg(test)]
mod tests {
    use super::fixtures::{clean, person, run, variant};
    use super::*;

    #[test]
    fn an_empty_profile_has_no_findings_at_all() {
        assert!(run(&ProfileDocument::default()).is_empty());
    }

    #[test]
    fn a_consistent_profile_has_no_identity_findings() {
        assert_eq!(run(&clean()), Vec::<Finding>::new());
        assert!(run(&person("Ada Lovelace")).is_empty());
    }

    #[test]
    fn findings_are_the_same_for_the_same_profile_and_in_catalogue_order() {
        let mut p = clean();
        p.identity
            .name_variants
            .push(variant("Jin Sung Il", "resume"));
        p.contact.phones[0].line_type = Some("voip".to_owned());
        p.identity.background_check.identity_conflicts = vec!["dob".to_owned()];
        let ids: Vec<&str> = run(&p).iter().map(|f| f.indicator).collect();
        assert_eq!(ids, ["ID-01", "ID-08", "ID-12"]);
        assert_eq!(run(&p), run(&p));
    }
}
