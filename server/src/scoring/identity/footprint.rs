//! The online footprint (ID-04, ID-05, ID-16): e-mail and accounts created shortly before
//! applying, back-dated or copied GitHub history, and portfolios on free hosting with unverified
//! testimonials.

use clearance_app::model::profile::{PortfolioSite, ProfileDocument};

use crate::scoring::dates::{self, DAY_SECS};
use crate::scoring::{Finding, Severity};

use super::{dated, report, text, Clues};

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
/// ID-16: free static-site hosts (the host itself or any subdomain of it).
pub const ID_16_FREE_HOSTS: &[&str] = &[
    "netlify.app",
    "vercel.app",
    "github.io",
    "pages.dev",
    "web.app",
];

// ---------------------------------------------------------------------------------------------
// ID-04, ID-05: young or artificial footprint

/// ID-04 (medium): an e-mail address first seen fewer than [`ID_04_MIN_EMAIL_AGE_DAYS`] before
/// applying; or a GitHub / LinkedIn account younger than [`ID_04_MIN_ACCOUNT_AGE_DAYS`] while
/// claiming at least [`ID_04_SENIOR_YEARS`] of experience. Ages count to the application date,
/// else to now (which can only make them older, so the fallback never adds a finding).
pub(super) fn id_04_young_footprint(p: &ProfileDocument, now: i64) -> Option<Finding> {
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
pub(super) fn id_05_aged_or_copied_github(p: &ProfileDocument) -> Option<Finding> {
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
// ID-16: portfolio

/// ID-16 (low): a portfolio on a free static-site host whose testimonials could not be
/// verified. Weak alone; it counts in composites.
pub(super) fn id_16_free_hosted_portfolio(p: &ProfileDocument) -> Option<Finding> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::identity::fixtures::{clean, fired, fires, has_evidence, repos};
    use clearance_app::model::profile::EmailContact;

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
