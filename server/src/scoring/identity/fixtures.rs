//! Test fixtures shared by the identity rules' tests: a consistent profile on which no identity
//! rule fires ([`clean`]) and builders for the parts the tests vary.

use clearance_app::model::profile::{
    Device, Education, EmailContact, Employment, GitHubRepo, IdDocument, Identity,
    InterviewObservation, LegalName, Login, LoginChange, NameVariant, PhoneContact, PortfolioSite,
    Position, ProfileDocument, Reference,
};

use crate::scoring::Finding;

use super::evaluate;

/// 2026-11-21T00:00:00Z.
const NOW: i64 = 1_795_219_200;

pub(super) fn run(p: &ProfileDocument) -> Vec<Finding> {
    crate::scoring::run_family(evaluate, p, NOW)
}

pub(super) fn fired(p: &ProfileDocument, id: &str) -> Vec<Finding> {
    run(p).into_iter().filter(|f| f.indicator == id).collect()
}

pub(super) fn fires(p: &ProfileDocument, id: &str) -> bool {
    !fired(p, id).is_empty()
}

pub(super) fn has_evidence(finding: &Finding, field: &str) -> bool {
    finding.evidence.iter().any(|e| e.field == field)
}

/// Someone with only a legal name.
pub(super) fn person(name: &str) -> ProfileDocument {
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

pub(super) fn variant(value: &str, source: &str) -> NameVariant {
    NameVariant {
        value: value.to_owned(),
        source: source.to_owned(),
    }
}

pub(super) fn job(employer: &str, start: &str, country: &str) -> Employment {
    Employment {
        employer_name: employer.to_owned(),
        start: Some(start.to_owned()),
        country: Some(country.to_owned()),
        ..Employment::default()
    }
}

pub(super) fn position(employer: &str, year: i32) -> Position {
    Position {
        employer: employer.to_owned(),
        start_year: Some(year),
    }
}

pub(super) fn change(login: &str, at: &str) -> LoginChange {
    LoginChange {
        login: login.to_owned(),
        changed_at: Some(at.to_owned()),
    }
}

pub(super) fn repos(forks: usize, own: usize) -> Vec<GitHubRepo> {
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
pub(super) fn clean() -> ProfileDocument {
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
    online.github.commit_author_names = vec!["Ada Lovelace".to_owned(), "adalovelace".to_owned()];
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
