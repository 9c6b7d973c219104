//! Identity-consistency rules (INDICATORS.md §2.1, ID-*): does the person's own story hold
//! together across the resume, online profiles, documents and contact details? One function per
//! indicator; `evaluate` runs them in catalogue order.
//!
//! Covered: ID-01, ID-02 and ID-04 to ID-16. Each indicator reports at most one finding listing
//! everything that triggered it, except ID-07, which reports one finding per identity document.
//! Values that cannot be read (an unparseable date, a country that is not an ISO code, an empty
//! name) prove nothing, so a rule that needs them does not fire.
//!
//! Not covered: ID-03 (the same identity shown with different photos). It compares perceptual
//! hashes of photos, and the profile document carries no photo and no photo hash: photo
//! processing is biometric-adjacent and must stay optional and consent-gated (INDICATORS.md §0
//! guardrail 3), so it needs its own opt-in input.
//!
//! Guardrail (INDICATORS.md §0 guardrail 2): nationality and language are only ever compared
//! with what the candidate said about themselves (ID-07, ID-09, ID-10), never used as a signal
//! on their own. ID-10 never flags someone who says they speak Korean or has a Korean link.

use std::collections::BTreeSet;

use clearance_app::model::profile::{
    Employment, IdDocument, LoginChange, PortfolioSite, ProfileDocument,
};

use super::dates::{self, DAY_SECS};
use super::names;
use super::{Family, Finding, Input, Severity};

/// ID-01: two names of the same person below this similarity (token-sort Jaro-Winkler) are
/// inconsistent.
pub const ID_01_MIN_SIMILARITY: f64 = 0.90;
/// ID-01: a shortened legal name (middle name dropped, given names as initials) explains a
/// variant only with at least this many tokens, so a bare surname does not.
pub const ID_01_MIN_SHORT_FORM_TOKENS: usize = 2;
/// ID-02: resume and LinkedIn employer sets sharing less than this (Jaccard) do not match.
pub const ID_02_MIN_JACCARD: f64 = 0.5;
/// ID-02: legal-form words ignored when comparing employer names (INDICATORS.md §6.4 step 6).
pub const ID_02_LEGAL_FORMS: &[&str] = &[
    "inc",
    "llc",
    "llp",
    "ltd",
    "limited",
    "co",
    "corp",
    "corporation",
    "company",
    "gmbh",
    "plc",
    "pvt",
    "sa",
    "ag",
    "bv",
    "srl",
];
/// ID-04: an e-mail address first seen fewer days than this before applying is new.
pub const ID_04_MIN_EMAIL_AGE_DAYS: i64 = 180;
/// ID-04: a GitHub or LinkedIn account younger than this many days is new…
pub const ID_04_MIN_ACCOUNT_AGE_DAYS: i64 = 365;
/// ID-04: …for someone claiming at least this many years of experience.
pub const ID_04_SENIOR_YEARS: f64 = 5.0;
/// ID-05: commits dated more than this many days before the GitHub account existed were
/// back-dated or imported.
pub const ID_05_BACKDATE_TOLERANCE_DAYS: i64 = 30;
/// ID-05: the copied-repositories rule needs at least this many repositories…
pub const ID_05_MIN_REPOS: usize = 5;
/// ID-05: …of which more than this share are forks or copies.
pub const ID_05_MAX_COPIED_SHARE: f64 = 0.8;
/// ID-06: education in these countries counts as North American (ISO 3166-1 alpha-2).
pub const ID_06_NORTH_AMERICA: &[&str] = &["US", "CA"];
/// ID-07: a name read from the document below this similarity to the legal name differs.
pub const ID_07_MIN_NAME_SIMILARITY: f64 = 0.90;
/// ID-07: a verification vendor verdict containing one of these words is a failure.
pub const ID_07_FAILED_VERDICT_WORDS: &[&str] = &["tamper", "fail"];
/// ID-07: document types that the country of residence issues to non-nationals, so their
/// issuer may be the claimed residence instead of a nationality.
pub const ID_07_RESIDENCE_DOCUMENTS: &[&str] = &["driver_license", "residence_permit"];
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
/// ID-11: a display or commit name sharing less than this share of its tokens with every name
/// the candidate declared is another name.
pub const ID_11_MIN_TOKEN_OVERLAP: f64 = 0.5;
/// ID-11: a one-word handle containing a declared name part at least this long is the person's
/// own handle (`adalovelace`, `jsmith`).
pub const ID_11_MIN_HANDLE_PART: usize = 3;
/// ID-11: this many GitHub login changes…
pub const ID_11_MAX_LOGIN_CHANGES: usize = 2;
/// ID-11: …within this many days before now are identity rotation.
pub const ID_11_LOGIN_WINDOW_DAYS: i64 = 365;
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
/// ID-16: free static-site hosts (the host itself or any subdomain of it).
pub const ID_16_FREE_HOSTS: &[&str] = &[
    "netlify.app",
    "vercel.app",
    "github.io",
    "pages.dev",
    "web.app",
];

/// Evidence gathered before a finding is made: (field path, value).
type Clues = Vec<(String, String)>;

/// Runs every identity rule on the profile.
pub fn evaluate(input: &Input<'_>, out: &mut Vec<Finding>) {
    let p = input.profile;
    let now = input.now;
    out.extend(id_01_inconsistent_names(p));
    out.extend(id_02_profiles_do_not_match_resume(p));
    out.extend(id_04_young_footprint(p, now));
    out.extend(id_05_aged_or_copied_github(p));
    out.extend(id_06_us_residence_with_overseas_history(p));
    out.extend(id_07_id_document_problems(p, now));
    out.extend(id_08_background_check_conflicts(p));
    out.extend(id_09_country_mix(p));
    out.extend(id_10_korean_settings_without_korean_link(p));
    out.extend(id_11_other_names_or_renamed_accounts(p, now));
    out.extend(id_12_voip_or_mismatched_phone(p));
    out.extend(id_13_email_tied_to_other_names(p));
    out.extend(id_14_unverifiable_references(p));
    out.extend(id_15_employer_domain_younger_than_tenure(p));
    out.extend(id_16_free_hosted_portfolio(p));
}

// ---------------------------------------------------------------------------------------------
// ID-01: names

/// A name as one source shows it.
struct SourcedName<'a> {
    field: String,
    value: &'a str,
    source: &'a str,
    /// A declared alias or a short form of the legal name (the ID-01 exceptions).
    explained: bool,
}

impl SourcedName<'_> {
    fn describe(&self) -> String {
        let source = if self.source.is_empty() {
            "source not given"
        } else {
            self.source
        };
        format!("{} ({source})", self.value)
    }
}

/// ID-01 (high): the name variants and the legal name compared pairwise; every pair below
/// [`ID_01_MIN_SIMILARITY`] where neither name is explained (declared preferred or former name,
/// dropped middle name, initials) is cited with both names and their sources.
fn id_01_inconsistent_names(p: &ProfileDocument) -> Option<Finding> {
    let named = sourced_names(p);
    let mut clues = Clues::new();
    for (i, a) in named.iter().enumerate() {
        for b in named.iter().skip(i + 1) {
            if a.explained || b.explained {
                continue;
            }
            if names::similarity(a.value, b.value) < ID_01_MIN_SIMILARITY {
                clues.push((a.field.clone(), a.describe()));
                clues.push((b.field.clone(), b.describe()));
            }
        }
    }
    report(
        "ID-01",
        Severity::High,
        "Name is spelled differently across resume, profiles and documents: ask which is the \
         legal name and why the others differ",
        clues,
        "S1; S13; S17",
    )
}

/// The legal name and every non-empty name variant, in document order.
fn sourced_names(p: &ProfileDocument) -> Vec<SourcedName<'_>> {
    let legal = p.identity.legal_name.full.trim();
    let mut named = Vec::new();
    if has_tokens(legal) {
        named.push(SourcedName {
            field: "identity.legal_name.full".to_owned(),
            value: legal,
            source: "legal name entered",
            explained: false,
        });
    }
    for (i, variant) in p.identity.name_variants.iter().enumerate() {
        let value = variant.value.trim();
        if !has_tokens(value) {
            continue;
        }
        named.push(SourcedName {
            field: format!("identity.name_variants[{i}].value"),
            value,
            source: variant.source.trim(),
            explained: is_declared_alias(p, value) || is_short_form_of(value, legal),
        });
    }
    named
}

/// ID-01: the name is the declared preferred name or a declared former name (same tokens).
fn is_declared_alias(p: &ProfileDocument, name: &str) -> bool {
    let key = names::sorted_key(name);
    let legal = &p.identity.legal_name;
    legal
        .preferred_name
        .iter()
        .chain(legal.former_names.iter())
        .map(|alias| names::sorted_key(alias))
        .any(|alias| !alias.is_empty() && alias == key)
}

/// ID-01: `name` is the legal name shortened: every token is a distinct legal-name token or its
/// initial (a dropped middle name, `A. Lovelace`), with at least
/// [`ID_01_MIN_SHORT_FORM_TOKENS`] tokens.
fn is_short_form_of(name: &str, legal: &str) -> bool {
    let short = names::tokens(name);
    let mut unused = names::tokens(legal);
    if short.len() < ID_01_MIN_SHORT_FORM_TOKENS || short.len() > unused.len() {
        return false;
    }
    let (whole, initials): (Vec<&String>, Vec<&String>) =
        short.iter().partition(|t| t.chars().count() > 1);
    for token in whole {
        match unused.iter().position(|u| u == token) {
            Some(i) => {
                unused.swap_remove(i);
            }
            None => return false,
        }
    }
    for initial in initials {
        match unused.iter().position(|u| u.starts_with(initial.as_str())) {
            Some(i) => {
                unused.swap_remove(i);
            }
            None => return false,
        }
    }
    true
}

// ---------------------------------------------------------------------------------------------
// ID-02: resume vs LinkedIn

/// ID-02 (medium): resume employers vs LinkedIn employers, normalised (token-sorted, legal forms
/// dropped). Fires when the Jaccard of the two sets is below [`ID_02_MIN_JACCARD`] or a resume
/// employer is missing from LinkedIn. Silent unless both lists have entries.
fn id_02_profiles_do_not_match_resume(p: &ProfileDocument) -> Option<Finding> {
    let positions = &p.online_presence.linkedin.positions;
    let resume = keyed(p.employment.iter().map(|e| e.employer_name.as_str()));
    let linkedin = keyed(positions.iter().map(|pos| pos.employer.as_str()));
    if resume.is_empty() || linkedin.is_empty() {
        return None;
    }
    let resume_set: BTreeSet<&str> = resume.iter().map(|(_, k)| k.as_str()).collect();
    let linkedin_set: BTreeSet<&str> = linkedin.iter().map(|(_, k)| k.as_str()).collect();
    let shared = resume_set.intersection(&linkedin_set).count();
    let jaccard = shared as f64 / resume_set.union(&linkedin_set).count() as f64;
    let any_missing = resume_set.iter().any(|k| !linkedin_set.contains(k));
    if !any_missing && jaccard >= ID_02_MIN_JACCARD {
        return None;
    }

    let mut clues = Clues::new();
    for (i, key) in &resume {
        if let (false, Some(job)) = (linkedin_set.contains(key.as_str()), p.employment.get(*i)) {
            let year = start_year(job.start.as_deref());
            clues.push((
                format!("employment[{i}].employer_name"),
                with_year(&job.employer_name, year),
            ));
        }
    }
    for (j, key) in &linkedin {
        if let (false, Some(pos)) = (resume_set.contains(key.as_str()), positions.get(*j)) {
            let field = format!("online_presence.linkedin.positions[{j}].employer");
            clues.push((field, with_year(&pos.employer, pos.start_year)));
        }
    }
    report(
        "ID-02",
        Severity::Medium,
        "Employers on the resume do not match the LinkedIn profile: ask the candidate to explain \
         the differences",
        clues,
        "S2; S4",
    )
}

/// ID-02: each employer's index and normalised key; employers without a key are left out.
fn keyed<'a>(employers: impl Iterator<Item = &'a str>) -> Vec<(usize, String)> {
    employers
        .enumerate()
        .map(|(i, name)| (i, employer_key(name)))
        .filter(|(_, key)| !key.is_empty())
        .collect()
}

/// ID-02: an employer name token-sorted, without legal-form words (`Acme Inc.` → `acme`).
fn employer_key(name: &str) -> String {
    names::sorted_key(name)
        .split(' ')
        .filter(|t| !t.is_empty() && !ID_02_LEGAL_FORMS.contains(t))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The year of an ISO date (`2019-03-01` → 2019).
fn start_year(date: Option<&str>) -> Option<i32> {
    text(date)?.get(..4)?.parse().ok()
}

fn with_year(employer: &str, year: Option<i32>) -> String {
    match year {
        Some(year) => format!("{} (from {year})", employer.trim()),
        None => employer.trim().to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// ID-04, ID-05: young or artificial footprint

/// ID-04 (medium): an e-mail address first seen fewer than [`ID_04_MIN_EMAIL_AGE_DAYS`] before
/// applying; or a GitHub / LinkedIn account younger than [`ID_04_MIN_ACCOUNT_AGE_DAYS`] while
/// claiming at least [`ID_04_SENIOR_YEARS`] of experience. Ages count to the application date,
/// else to now (which can only make them older, so the fallback never adds a finding).
fn id_04_young_footprint(p: &ProfileDocument, now: i64) -> Option<Finding> {
    let reference = dated(p.application.submitted_at.as_deref()).map_or(now, |(_, at)| at);
    let mut clues = Clues::new();
    for (i, email) in p.contact.emails.iter().enumerate() {
        let Some((seen_text, seen)) = dated(email.first_seen_at.as_deref()) else {
            continue;
        };
        if dates::days_between(seen, reference) < ID_04_MIN_EMAIL_AGE_DAYS {
            let value = format!("{seen_text} ({})", email.address.trim());
            clues.push((format!("contact.emails[{i}].first_seen_at"), value));
        }
    }
    let accounts = young_accounts(p, reference);
    let senior = p
        .application
        .claimed_years_experience
        .filter(|y| *y >= ID_04_SENIOR_YEARS);
    if let (false, Some(years)) = (accounts.is_empty(), senior) {
        clues.extend(accounts);
        let field = "application.claimed_years_experience".to_owned();
        clues.push((field, format!("{years}")));
    }
    report(
        "ID-04",
        Severity::Medium,
        "E-mail or online accounts were created shortly before applying: check the candidate's \
         history through other sources",
        clues,
        "Pindrop; S17",
    )
}

/// ID-04: the GitHub and LinkedIn accounts younger than [`ID_04_MIN_ACCOUNT_AGE_DAYS`] at
/// `reference`. A LinkedIn creation year only counts when even its 1 January is too recent.
fn young_accounts(p: &ProfileDocument, reference: i64) -> Clues {
    let mut clues = Clues::new();
    let online = &p.online_presence;
    if let Some((created_text, created)) = dated(online.github.created_at.as_deref()) {
        if dates::days_between(created, reference) < ID_04_MIN_ACCOUNT_AGE_DAYS {
            clues.push((
                "online_presence.github.created_at".to_owned(),
                created_text.to_owned(),
            ));
        }
    }
    if let Some(year) = online.linkedin.created_year {
        let earliest = dates::instant(&format!("{year:04}-01-01"));
        if earliest
            .is_some_and(|at| dates::days_between(at, reference) < ID_04_MIN_ACCOUNT_AGE_DAYS)
        {
            clues.push((
                "online_presence.linkedin.created_year".to_owned(),
                year.to_string(),
            ));
        }
    }
    clues
}

/// ID-05 (medium): the earliest commit predates the GitHub account by more than
/// [`ID_05_BACKDATE_TOLERANCE_DAYS`]; or more than [`ID_05_MAX_COPIED_SHARE`] of at least
/// [`ID_05_MIN_REPOS`] repositories are forks or copies.
fn id_05_aged_or_copied_github(p: &ProfileDocument) -> Option<Finding> {
    let github = &p.online_presence.github;
    let mut clues = Clues::new();
    let created = dated(github.created_at.as_deref());
    let earliest = dated(github.earliest_commit_at.as_deref());
    if let (Some((created_text, created)), Some((earliest_text, earliest))) = (created, earliest) {
        if created - earliest > ID_05_BACKDATE_TOLERANCE_DAYS * DAY_SECS {
            clues.push((
                "online_presence.github.created_at".to_owned(),
                created_text.to_owned(),
            ));
            let field = "online_presence.github.earliest_commit_at".to_owned();
            clues.push((field, earliest_text.to_owned()));
        }
    }
    let copied: Vec<&str> = github
        .repos
        .iter()
        .filter(|r| r.is_fork || r.is_copy)
        .map(|r| r.name.trim())
        .collect();
    let total = github.repos.len();
    if total >= ID_05_MIN_REPOS && copied.len() as f64 > ID_05_MAX_COPIED_SHARE * total as f64 {
        let value = format!(
            "{} of {total} are forks or copies: {}",
            copied.len(),
            copied.join(", ")
        );
        clues.push(("online_presence.github.repos".to_owned(), value));
    }
    report(
        "ID-05",
        Severity::Medium,
        "GitHub history looks back-dated or copied: ask the candidate to walk through their own \
         code",
        clues,
        "S17; Nisos",
    )
}

// ---------------------------------------------------------------------------------------------
// ID-06 to ID-10: documents, background, countries, language

/// ID-06 (low): claims to live in the US, has no verified US job, and all education is outside
/// North America with none verified. Silent without education entries.
fn id_06_us_residence_with_overseas_history(p: &ProfileDocument) -> Option<Finding> {
    let residence = country_of(p.identity.claimed_residence.country.as_deref());
    if residence.as_deref() != Some("US") || p.education.is_empty() {
        return None;
    }
    let verified_us_job = p.employment.iter().any(|e| {
        country_of(e.country.as_deref()).as_deref() == Some("US")
            && is(e.verification_result.as_deref(), "verified")
    });
    let all_overseas = p.education.iter().all(|e| {
        country_of(e.country.as_deref()).is_some_and(|c| !ID_06_NORTH_AMERICA.contains(&c.as_str()))
    });
    let any_verified = p
        .education
        .iter()
        .any(|e| is(e.verification_result.as_deref(), "verified"));
    if verified_us_job || !all_overseas || any_verified {
        return None;
    }
    let mut clues = vec![(
        "identity.claimed_residence.country".to_owned(),
        "US".to_owned(),
    )];
    for (i, school) in p.education.iter().enumerate() {
        let country = school.country.as_deref().unwrap_or_default().trim();
        clues.push((
            format!("education[{i}].country"),
            format!("{country} ({})", school.institution.trim()),
        ));
    }
    report(
        "ID-06",
        Severity::Low,
        "Claims US residence while all education is overseas and nothing is verified: verify \
         education and work history directly",
        clues,
        "S13",
    )
}

/// One problem found on an identity document (ID-07).
struct DocumentProblem {
    label: &'static str,
    field: &'static str,
    value: String,
}

/// ID-07 (high): one finding per identity document with any problem: failed MRZ check digits,
/// a name or date of birth that differs from what was entered, expiry, a vendor tamper or fail
/// verdict, or an issuer that is none of the stated nationalities.
fn id_07_id_document_problems(p: &ProfileDocument, now: i64) -> Vec<Finding> {
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
fn id_08_background_check_conflicts(p: &ProfileDocument) -> Option<Finding> {
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

/// ID-09 (medium): at least [`ID_09_MIN_COUNTRIES`] distinct countries across the first
/// nationality, ID issuers, residence, phones and payout banks, unless employment shows work in
/// at least [`ID_09_RELOCATION_COUNTRIES`] of them. A second stated nationality counts as the
/// same claim as the first, so dual nationals are not a "mix" by themselves.
fn id_09_country_mix(p: &ProfileDocument) -> Option<Finding> {
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
fn id_10_korean_settings_without_korean_link(p: &ProfileDocument) -> Option<Finding> {
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

// ---------------------------------------------------------------------------------------------
// ID-11 to ID-13: other names, phones, e-mail links

/// ID-11 (medium): a commit author, interview display name or e-mail display name sharing less
/// than [`ID_11_MIN_TOKEN_OVERLAP`] of its tokens with every declared name (legal, preferred,
/// former; a handle built from them is the person's own); or at least
/// [`ID_11_MAX_LOGIN_CHANGES`] GitHub login changes within [`ID_11_LOGIN_WINDOW_DAYS`] of now.
fn id_11_other_names_or_renamed_accounts(p: &ProfileDocument, now: i64) -> Option<Finding> {
    let mut clues = other_names(p);
    let history = &p.online_presence.github.login_history;
    let recent: Vec<(usize, &LoginChange)> = history
        .iter()
        .enumerate()
        .filter(|(_, change)| changed_recently(change, now))
        .collect();
    if recent.len() >= ID_11_MAX_LOGIN_CHANGES {
        for (i, change) in recent {
            let changed_at = change.changed_at.as_deref().unwrap_or_default().trim();
            let value = format!("{} (changed {changed_at})", change.login.trim());
            clues.push((
                format!("online_presence.github.login_history[{i}].login"),
                value,
            ));
        }
    }
    report(
        "ID-11",
        Severity::Medium,
        "Work or calls appear under other names, or the GitHub account was renamed repeatedly: \
         confirm who does the work",
        clues,
        "S17",
    )
}

/// ID-11: the commit, interview and e-mail display names that are not the candidate's. Silent
/// without a legal name.
fn other_names(p: &ProfileDocument) -> Clues {
    let mut clues = Clues::new();
    if !has_tokens(&p.identity.legal_name.full) {
        return clues;
    }
    let declared = declared_names(p);
    let mut check = |field: String, name: Option<&str>| {
        if let Some(name) = text(name).filter(|n| is_other_name(&declared, n)) {
            clues.push((field, name.to_owned()));
        }
    };
    for (i, name) in p
        .online_presence
        .github
        .commit_author_names
        .iter()
        .enumerate()
    {
        check(
            format!("online_presence.github.commit_author_names[{i}]"),
            Some(name.as_str()),
        );
    }
    for (i, round) in p.interview_observations.iter().enumerate() {
        check(
            format!("interview_observations[{i}].display_name"),
            round.display_name.as_deref(),
        );
    }
    for (i, email) in p.contact.emails.iter().enumerate() {
        check(
            format!("contact.emails[{i}].display_name"),
            email.display_name.as_deref(),
        );
    }
    clues
}

/// ID-11: `name` shares too few tokens with every declared name and is not a handle built
/// from one of them.
fn is_other_name(declared: &[&str], name: &str) -> bool {
    let tokens = names::tokens(name);
    if tokens.is_empty() {
        return false;
    }
    let shares_enough = declared
        .iter()
        .any(|d| names::token_overlap(name, d) >= ID_11_MIN_TOKEN_OVERLAP);
    !shares_enough && !is_handle_of(&tokens, declared)
}

/// ID-11: a one-word name containing a declared name part (`adalovelace`, `jsmith`).
fn is_handle_of(tokens: &[String], declared: &[&str]) -> bool {
    let [handle] = tokens else {
        return false;
    };
    declared
        .iter()
        .flat_map(|d| names::tokens(d))
        .any(|part| part.chars().count() >= ID_11_MIN_HANDLE_PART && handle.contains(part.as_str()))
}

/// ID-11: the login change happened within [`ID_11_LOGIN_WINDOW_DAYS`] before now.
fn changed_recently(change: &LoginChange, now: i64) -> bool {
    dated(change.changed_at.as_deref()).is_some_and(|(_, at)| {
        (0..=ID_11_LOGIN_WINDOW_DAYS).contains(&dates::days_between(at, now))
    })
}

/// ID-12 (medium): a phone whose line type is VoIP, or whose carrier-registered name matches
/// worse than [`ID_12_MIN_CNAM_MATCH`].
fn id_12_voip_or_mismatched_phone(p: &ProfileDocument) -> Option<Finding> {
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
fn id_13_email_tied_to_other_names(p: &ProfileDocument) -> Option<Finding> {
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

// ---------------------------------------------------------------------------------------------
// ID-14 to ID-16: references, employers, portfolio

/// ID-14 (medium): a reference who claims a corporate employer but writes from free webmail, or
/// who could not be reached through an independent channel.
fn id_14_unverifiable_references(p: &ProfileDocument) -> Option<Finding> {
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

/// ID-15 (high): an employer's web domain was registered after the claimed start there.
fn id_15_employer_domain_younger_than_tenure(p: &ProfileDocument) -> Option<Finding> {
    let clues = p
        .employment
        .iter()
        .enumerate()
        .filter_map(|(i, job)| {
            domain_after_start(job)
                .map(|value| (format!("employment[{i}].domain_created_at"), value))
        })
        .collect();
    report(
        "ID-15",
        Severity::High,
        "Employer's web domain was registered after the claimed start date: check that the \
         employer exists and employed the candidate",
        clues,
        "S7; S9",
    )
}

/// ID-15: the evidence value when the job's domain is younger than the job.
fn domain_after_start(job: &Employment) -> Option<String> {
    let (created_text, created) = dated(job.domain_created_at.as_deref())?;
    let (start_text, start) = dated(job.start.as_deref())?;
    if created <= start {
        return None;
    }
    let domain = text(job.employer_domain.as_deref()).unwrap_or("domain not given");
    Some(format!(
        "{created_text} ({domain}; {} claimed from {start_text})",
        job.employer_name.trim()
    ))
}

/// ID-16 (low): a portfolio on a free static-site host whose testimonials could not be
/// verified. Weak alone; it counts in composites.
fn id_16_free_hosted_portfolio(p: &ProfileDocument) -> Option<Finding> {
    let mut clues = Clues::new();
    for (i, site) in p.online_presence.portfolio_sites.iter().enumerate() {
        let free_host = host_of(site).filter(|host| is_free_host(host));
        if let (Some(host), Some(false)) = (free_host, site.testimonials_verified) {
            clues.push((
                format!("online_presence.portfolio_sites[{i}].url"),
                format!("{} ({host})", site.url.trim()),
            ));
            let field = format!("online_presence.portfolio_sites[{i}].testimonials_verified");
            clues.push((field, "false".to_owned()));
        }
    }
    report(
        "ID-16",
        Severity::Low,
        "Portfolio on free hosting with testimonials that could not be verified: weigh it with the \
         other findings",
        clues,
        "S13",
    )
}

/// The portfolio's host name: the `host` field, else read from the URL.
fn host_of(site: &PortfolioSite) -> Option<String> {
    let host = match text(site.host.as_deref()) {
        Some(host) => host,
        None => {
            let url = site.url.trim();
            let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
            rest.split(['/', '?', '#', ':']).next().unwrap_or_default()
        }
    };
    let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

fn is_free_host(host: &str) -> bool {
    ID_16_FREE_HOSTS.iter().any(|free| {
        host == *free
            || host
                .strip_suffix(*free)
                .is_some_and(|sub| sub.ends_with('.'))
    })
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

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

/// Trimmed, non-empty text.
fn text(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

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
    use super::*;
    use clearance_app::model::profile::{
        Device, Education, EmailContact, GitHubRepo, Identity, InterviewObservation, LegalName,
        Login, NameVariant, PhoneContact, Position, Reference,
    };

    /// 2026-11-21T00:00:00Z.
    const NOW: i64 = 1_795_219_200;

    fn run(p: &ProfileDocument) -> Vec<Finding> {
        let mut out = Vec::new();
        evaluate(
            &Input {
                profile: p,
                now: NOW,
            },
            &mut out,
        );
        out
    }

    fn fired(p: &ProfileDocument, id: &str) -> Vec<Finding> {
        run(p).into_iter().filter(|f| f.indicator == id).collect()
    }

    fn fires(p: &ProfileDocument, id: &str) -> bool {
        !fired(p, id).is_empty()
    }

    fn has_evidence(finding: &Finding, field: &str) -> bool {
        finding.evidence.iter().any(|e| e.field == field)
    }

    /// Someone with only a legal name.
    fn person(name: &str) -> ProfileDocument {
        ProfileDocument {
            identity: Identity {
                legal_name: LegalName {
                    full: name.to_owned(),
                    ..LegalName::default()
                },
                ..Identity::default()
            },
            ..ProfileDocument::default()
        }
    }

    fn variant(value: &str, source: &str) -> NameVariant {
        NameVariant {
            value: value.to_owned(),
            source: source.to_owned(),
        }
    }

    fn job(employer: &str, start: &str, country: &str) -> Employment {
        Employment {
            employer_name: employer.to_owned(),
            start: Some(start.to_owned()),
            country: Some(country.to_owned()),
            ..Employment::default()
        }
    }

    fn position(employer: &str, year: i32) -> Position {
        Position {
            employer: employer.to_owned(),
            start_year: Some(year),
        }
    }

    fn change(login: &str, at: &str) -> LoginChange {
        LoginChange {
            login: login.to_owned(),
            changed_at: Some(at.to_owned()),
        }
    }

    fn repos(forks: usize, own: usize) -> Vec<GitHubRepo> {
        let fork = |i: usize| GitHubRepo {
            name: format!("fork-{i}"),
            is_fork: true,
            is_copy: false,
        };
        let mine = |i: usize| GitHubRepo {
            name: format!("own-{i}"),
            ..GitHubRepo::default()
        };
        (0..forks).map(fork).chain((0..own).map(mine)).collect()
    }

    /// Ada Lovelace, a British national living in the US, whose every source agrees: no identity
    /// rule may fire on her.
    fn clean() -> ProfileDocument {
        let mut p = person("Ada Lovelace");
        let id = &mut p.identity;
        id.legal_name.former_names = vec!["Ada Byron".to_owned()];
        id.dob = Some("1990-12-10".to_owned());
        id.nationality = vec!["GB".to_owned()];
        id.claimed_residence.country = Some("US".to_owned());
        id.languages_claimed = vec!["en".to_owned()];
        id.name_variants = vec![
            variant("Ada Lovelace", "resume"),
            variant("A. Lovelace", "email_display"),
            variant("LOVELACE, Ada", "id_document"),
            variant("Ada Byron", "github_profile"),
        ];
        id.id_documents = vec![
            IdDocument {
                doc_type: "passport".to_owned(),
                issuing_country: Some("GB".to_owned()),
                expiry: Some("2031-05-01".to_owned()),
                mrz_valid: Some(true),
                ocr_name: Some("LOVELACE<<ADA".to_owned()),
                ocr_dob: Some("1990-12-10".to_owned()),
                vendor_result: Some("pass".to_owned()),
                ..IdDocument::default()
            },
            IdDocument {
                doc_type: "driver_license".to_owned(),
                issuing_country: Some("US".to_owned()),
                ocr_name: Some("Ada Lovelace".to_owned()),
                ..IdDocument::default()
            },
        ];
        p.contact.emails = vec![EmailContact {
            address: "ada@example.com".to_owned(),
            display_name: Some("Ada Lovelace".to_owned()),
            first_seen_at: Some("2015-03-01".to_owned()),
            linked_names: vec!["Ada Lovelace".to_owned(), "Ada Byron".to_owned()],
            ..EmailContact::default()
        }];
        p.contact.phones = vec![PhoneContact {
            e164: "+14155550123".to_owned(),
            country: Some("US".to_owned()),
            line_type: Some("mobile".to_owned()),
            cnam_match_score: Some(0.97),
            ..PhoneContact::default()
        }];
        p.employment = vec![
            Employment {
                employer_domain: Some("analytical.example".to_owned()),
                domain_created_at: Some("2001-01-01".to_owned()),
                verification_result: Some("verified".to_owned()),
                ..job("Analytical Engines Inc.", "2016-01-01", "US")
            },
            job("Babbage LLC", "2020-05-01", "GB"),
        ];
        p.education = vec![Education {
            institution: "University of London".to_owned(),
            country: Some("GB".to_owned()),
            ..Education::default()
        }];
        let online = &mut p.online_presence;
        online.linkedin.created_year = Some(2012);
        online.linkedin.positions = vec![
            position("Analytical Engines", 2016),
            position("Babbage", 2020),
        ];
        online.github.created_at = Some("2014-02-01T09:00:00Z".to_owned());
        online.github.earliest_commit_at = Some("2014-03-01T09:00:00Z".to_owned());
        online.github.repos = repos(1, 4);
        online.github.commit_author_names =
            vec!["Ada Lovelace".to_owned(), "adalovelace".to_owned()];
        online.github.login_history = vec![change("ada-l", "2020-02-01")];
        online.portfolio_sites = vec![PortfolioSite {
            url: "https://ada.dev".to_owned(),
            testimonials_verified: Some(false),
            ..PortfolioSite::default()
        }];
        p.application.submitted_at = Some("2026-11-01".to_owned());
        p.application.claimed_years_experience = Some(10.0);
        p.devices = vec![Device {
            os_locale: Some("en_GB.UTF-8".to_owned()),
            keyboard_layouts: vec!["en-US".to_owned()],
            ..Device::default()
        }];
        p.logins = vec![Login {
            ts: "2026-11-20T10:00:00Z".to_owned(),
            accept_language: Some("en-GB,en;q=0.9".to_owned()),
            ..Login::default()
        }];
        p.interview_observations = vec![InterviewObservation {
            round: 1,
            display_name: Some("Ada Lovelace".to_owned()),
            ..InterviewObservation::default()
        }];
        p.references = vec![Reference {
            name: "Charles Babbage".to_owned(),
            company: Some("Babbage LLC".to_owned()),
            email: Some("charles@babbage.example".to_owned()),
            verified_via_independent_channel: Some(true),
            ..Reference::default()
        }];
        p
    }

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

    // ID-01

    #[test]
    fn id_01_a_name_variant_of_someone_else_is_high() {
        let mut p = clean();
        p.identity
            .name_variants
            .push(variant("Jin Sung Il", "resume"));
        let found = fired(&p, "ID-01");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::High);
        assert!(found[0]
            .evidence
            .iter()
            .any(|e| e.field == "identity.name_variants[4].value"
                && e.value == "Jin Sung Il (resume)"));
        assert!(has_evidence(&found[0], "identity.legal_name.full"));
        // The explained variants (initials, former name) are never cited.
        assert!(!has_evidence(&found[0], "identity.name_variants[1].value"));
        assert!(!has_evidence(&found[0], "identity.name_variants[3].value"));
    }

    #[test]
    fn id_01_a_bare_surname_is_not_an_explained_short_form() {
        let mut p = person("Ada Lovelace");
        p.identity.name_variants = vec![variant("Lovelace", "linkedin")];
        assert!(fires(&p, "ID-01"));
    }

    #[test]
    fn id_01_initials_a_dropped_middle_name_and_a_preferred_name_are_not_flagged() {
        let mut p = person("Maria Fernanda Gonzalez Ruiz");
        p.identity.legal_name.preferred_name = Some("Nanda Gonzalez".to_owned());
        p.identity.name_variants = vec![
            variant("Maria Gonzalez", "resume"),
            variant("M. F. Gonzalez Ruiz", "linkedin"),
            variant("Nanda Gonzalez", "github_profile"),
            variant("GONZALEZ RUIZ, Maria Fernanda", "id_document"),
        ];
        assert!(!fires(&p, "ID-01"));
    }

    #[test]
    fn id_01_spelling_variants_above_the_threshold_are_not_flagged() {
        let mut p = person("Jonathan Smith");
        p.identity.name_variants = vec![variant("Jonathon Smith", "resume")];
        assert!(!fires(&p, "ID-01"));
    }

    // ID-02

    #[test]
    fn id_02_resume_employers_missing_from_linkedin_are_medium() {
        let mut p = clean();
        p.online_presence.linkedin.positions = vec![position("Initech", 2018)];
        let found = fired(&p, "ID-02");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Medium);
        assert!(found[0]
            .evidence
            .iter()
            .any(|e| e.field == "employment[0].employer_name"
                && e.value == "Analytical Engines Inc. (from 2016)"));
        assert!(has_evidence(
            &found[0],
            "online_presence.linkedin.positions[0].employer"
        ));
    }

    #[test]
    fn id_02_the_same_employers_up_to_legal_form_are_not_flagged() {
        let mut p = clean();
        p.online_presence
            .linkedin
            .positions
            .push(position("Difference Engine Co", 2010));
        assert!(!fires(&p, "ID-02"));
    }

    #[test]
    fn id_02_without_linkedin_positions_is_not_flagged() {
        let mut p = clean();
        p.online_presence.linkedin.positions.clear();
        assert!(!fires(&p, "ID-02"));
    }

    // ID-04

    #[test]
    fn id_04_an_email_first_seen_a_month_before_applying_is_medium() {
        let mut p = clean();
        p.contact.emails.push(EmailContact {
            address: "ada.dev@example.net".to_owned(),
            first_seen_at: Some("2026-10-01".to_owned()),
            ..EmailContact::default()
        });
        let found = fired(&p, "ID-04");
        assert_eq!(found.len(), 1);
        assert!(has_evidence(&found[0], "contact.emails[1].first_seen_at"));
    }

    #[test]
    fn id_04_a_new_github_account_for_a_senior_candidate_is_flagged() {
        let mut p = clean();
        p.online_presence.github.created_at = Some("2026-06-01".to_owned());
        p.online_presence.github.earliest_commit_at = Some("2026-06-02".to_owned());
        let found = fired(&p, "ID-04");
        assert_eq!(found.len(), 1);
        assert!(has_evidence(&found[0], "online_presence.github.created_at"));
        assert!(has_evidence(
            &found[0],
            "application.claimed_years_experience"
        ));
    }

    #[test]
    fn id_04_a_linkedin_account_created_this_year_for_a_senior_candidate_is_flagged() {
        let mut p = clean();
        p.online_presence.linkedin.created_year = Some(2026);
        assert!(fires(&p, "ID-04"));
    }

    #[test]
    fn id_04_a_new_github_account_for_a_junior_candidate_is_not_flagged() {
        let mut p = clean();
        p.online_presence.github.created_at = Some("2026-06-01".to_owned());
        p.online_presence.github.earliest_commit_at = Some("2026-06-02".to_owned());
        p.application.claimed_years_experience = Some(2.0);
        assert!(!fires(&p, "ID-04"));
    }

    // ID-05

    #[test]
    fn id_05_commits_years_older_than_the_account_are_flagged() {
        let mut p = clean();
        p.online_presence.github.created_at = Some("2025-01-01".to_owned());
        p.online_presence.github.earliest_commit_at = Some("2019-06-01".to_owned());
        let found = fired(&p, "ID-05");
        assert_eq!(found.len(), 1);
        assert!(has_evidence(
            &found[0],
            "online_presence.github.earliest_commit_at"
        ));
    }

    #[test]
    fn id_05_all_repositories_forked_is_flagged() {
        let mut p = clean();
        p.online_presence.github.repos = repos(5, 0);
        assert!(fires(&p, "ID-05"));
    }

    #[test]
    fn id_05_four_forks_in_five_repositories_or_imports_within_a_month_are_not_flagged() {
        let mut p = clean();
        p.online_presence.github.repos = repos(4, 1);
        p.online_presence.github.created_at = Some("2020-01-20".to_owned());
        p.online_presence.github.earliest_commit_at = Some("2020-01-01".to_owned());
        assert!(!fires(&p, "ID-05"));
    }

    // ID-06

    fn us_resident_schooled_abroad() -> ProfileDocument {
        let mut p = person("Ada Lovelace");
        p.identity.claimed_residence.country = Some("US".to_owned());
        p.employment = vec![job("Globex", "2019-01-01", "RS")];
        p.education = vec![Education {
            institution: "University of Belgrade".to_owned(),
            country: Some("RS".to_owned()),
            verification_result: Some("unverified".to_owned()),
            ..Education::default()
        }];
        p
    }

    #[test]
    fn id_06_us_residence_with_only_unverified_overseas_education_is_low() {
        let found = fired(&us_resident_schooled_abroad(), "ID-06");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Low);
        assert!(has_evidence(&found[0], "education[0].country"));
    }

    #[test]
    fn id_06_verified_education_or_a_verified_us_job_or_no_education_is_not_flagged() {
        let mut verified = us_resident_schooled_abroad();
        verified.education[0].verification_result = Some("verified".to_owned());
        assert!(!fires(&verified, "ID-06"));

        let mut us_job = us_resident_schooled_abroad();
        us_job.employment.push(Employment {
            verification_result: Some("verified".to_owned()),
            ..job("Initech", "2021-01-01", "us")
        });
        assert!(!fires(&us_job, "ID-06"));

        let mut no_school = us_resident_schooled_abroad();
        no_school.education.clear();
        assert!(!fires(&no_school, "ID-06"));
    }

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

    // ID-11

    #[test]
    fn id_11_commits_under_another_name_are_medium() {
        let mut p = clean();
        p.online_presence
            .github
            .commit_author_names
            .push("Kevin Zhang".to_owned());
        let found = fired(&p, "ID-11");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Medium);
        assert!(found[0].evidence.iter().any(|e| e.field
            == "online_presence.github.commit_author_names[2]"
            && e.value == "Kevin Zhang"));
        assert_eq!(found[0].evidence.len(), 1);
    }

    #[test]
    fn id_11_another_name_on_a_call_is_flagged() {
        let mut p = clean();
        p.interview_observations[0].display_name = Some("devguy42".to_owned());
        let found = fired(&p, "ID-11");
        assert_eq!(found.len(), 1);
        assert!(has_evidence(
            &found[0],
            "interview_observations[0].display_name"
        ));
    }

    #[test]
    fn id_11_two_login_changes_within_a_year_are_flagged() {
        let mut p = clean();
        p.online_presence.github.login_history = vec![
            change("ada-l", "2026-02-01"),
            change("al-dev", "2026-09-15"),
        ];
        let found = fired(&p, "ID-11");
        assert_eq!(found.len(), 1);
        assert!(has_evidence(
            &found[0],
            "online_presence.github.login_history[1].login"
        ));
    }

    #[test]
    fn id_11_own_names_handles_initials_and_old_renames_are_not_flagged() {
        let mut p = clean();
        p.online_presence.github.commit_author_names = vec![
            "adalovelace".to_owned(),
            "A. Lovelace".to_owned(),
            "Ada Byron".to_owned(),
        ];
        p.contact.emails[0].display_name = Some("Ada".to_owned());
        p.online_presence.github.login_history =
            vec![change("ada-b", "2019-01-01"), change("ada-l", "2020-02-01")];
        assert!(!fires(&p, "ID-11"));
    }

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

    // ID-15

    #[test]
    fn id_15_an_employer_domain_younger_than_the_job_is_high() {
        let mut p = clean();
        p.employment[0].domain_created_at = Some("2018-06-01".to_owned());
        let found = fired(&p, "ID-15");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::High);
        assert!(has_evidence(&found[0], "employment[0].domain_created_at"));
    }

    #[test]
    fn id_15_an_older_domain_or_unreadable_dates_are_not_flagged() {
        assert!(!fires(&clean(), "ID-15"));
        let mut p = clean();
        p.employment[0].domain_created_at = Some("sometime in 2018".to_owned());
        assert!(!fires(&p, "ID-15"));
    }

    // ID-16

    #[test]
    fn id_16_a_netlify_portfolio_with_unverified_testimonials_is_low() {
        let mut p = clean();
        p.online_presence.portfolio_sites = vec![PortfolioSite {
            url: "https://ada-lovelace.netlify.app/about".to_owned(),
            testimonials_verified: Some(false),
            ..PortfolioSite::default()
        }];
        let found = fired(&p, "ID-16");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Low);
        assert!(has_evidence(
            &found[0],
            "online_presence.portfolio_sites[0].url"
        ));
    }

    #[test]
    fn id_16_own_domains_or_verified_testimonials_are_not_flagged() {
        assert!(!fires(&clean(), "ID-16"));
        let mut p = clean();
        p.online_presence.portfolio_sites = vec![PortfolioSite {
            url: "https://ada.github.io".to_owned(),
            host: Some("ada.github.io".to_owned()),
            testimonials_verified: Some(true),
        }];
        assert!(!fires(&p, "ID-16"));
        assert!(!is_free_host("notgithub.io"));
        assert!(is_free_host("github.io"));
    }
}
