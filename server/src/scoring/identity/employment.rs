//! The work and education history (ID-02, ID-06, ID-15): resume employers missing from
//! LinkedIn, a US residence backed only by unverified overseas history, and employers whose web
//! domain is younger than the claimed job.

use std::collections::BTreeSet;

use clearance_app::model::profile::{Employment, ProfileDocument};

use crate::scoring::names;
use crate::scoring::{Finding, Severity};

use super::{country_of, dated, is, report, text, Clues};

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
/// ID-06: education in these countries counts as North American (ISO 3166-1 alpha-2).
pub const ID_06_NORTH_AMERICA: &[&str] = &["US", "CA"];

// ---------------------------------------------------------------------------------------------
// ID-02: resume vs LinkedIn

/// ID-02 (medium): resume employers vs LinkedIn employers, normalised (token-sorted, legal forms
/// dropped). Fires when the Jaccard of the two sets is below [`ID_02_MIN_JACCARD`] or a resume
/// employer is missing from LinkedIn. Silent unless both lists have entries.
pub(super) fn id_02_profiles_do_not_match_resume(p: &ProfileDocument) -> Option<Finding> {
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
// ID-06, ID-15: residence and employers

/// ID-06 (low): claims to live in the US, has no verified US job, and all education is outside
/// North America with none verified. Silent without education entries.
pub(super) fn id_06_us_residence_with_overseas_history(p: &ProfileDocument) -> Option<Finding> {
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

/// ID-15 (high): an employer's web domain was registered after the claimed start there.
pub(super) fn id_15_employer_domain_younger_than_tenure(p: &ProfileDocument) -> Option<Finding> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::identity::fixtures::{
        clean, fired, fires, has_evidence, job, person, position,
    };
    use clearance_app::model::profile::Education;

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
}
