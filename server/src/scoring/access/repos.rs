//! What happens to the organisation's code (ACC-10): pushes to outside remotes and bulk
//! cloning.

use std::collections::BTreeMap;

use clearance_app::model::profile::ProfileDocument;

use crate::scoring::dates::instant;
use crate::scoring::{Finding, Severity};

use super::{non_empty, Case, HOUR_SECS};

/// ACC-10: more distinct repositories than this cloned within [`ACC_10_CLONE_WINDOW_SECS`].
pub const ACC_10_MAX_CLONED_REPOS: usize = 20;
/// ACC-10: the bulk-cloning window.
pub const ACC_10_CLONE_WINDOW_SECS: i64 = 48 * HOUR_SECS;

/// ACC-10 (critical): a push to a remote outside the organisation, or more than 20 distinct
/// repositories cloned within 48 hours.
pub(super) fn acc_10_repository_exfiltration(profile: &ProfileDocument, out: &mut Vec<Finding>) {
    let mut case = Case::default();

    for (i, event) in profile.repo_events.iter().enumerate() {
        if event.external_remote && event.action.trim().eq_ignore_ascii_case("push") {
            let remote = non_empty(event.remote_url.as_deref()).unwrap_or("an external remote");
            case.reason(format!(
                "Code from {} was pushed to {remote}: check what left the organisation",
                non_empty(Some(event.repo.as_str())).unwrap_or("a repository")
            ));
            case.evidence(format!("repo_events[{i}].repo"), event.repo.trim());
            if let Some(url) = non_empty(event.remote_url.as_deref()) {
                case.evidence(format!("repo_events[{i}].remote_url"), url);
            }
        }
    }

    let mut clones: Vec<(i64, usize, String)> = profile
        .repo_events
        .iter()
        .enumerate()
        .filter(|(_, event)| event.action.trim().eq_ignore_ascii_case("clone"))
        .filter_map(|(i, event)| {
            let repo = non_empty(Some(event.repo.as_str()))?.to_lowercase();
            Some((instant(&event.ts)?, i, repo))
        })
        .collect();
    clones.sort();
    // Sliding window over time: distinct repositories cloned within 48 h of each other.
    let mut in_window: BTreeMap<&str, usize> = BTreeMap::new();
    let mut left = 0usize;
    let mut widest: Option<(usize, usize, usize)> = None;
    for (right, (t_right, _, repo)) in clones.iter().enumerate() {
        *in_window.entry(repo.as_str()).or_insert(0) += 1;
        while let Some((t_left, _, old)) = clones.get(left) {
            if t_right.saturating_sub(*t_left) <= ACC_10_CLONE_WINDOW_SECS {
                break;
            }
            let emptied = match in_window.get_mut(old.as_str()) {
                Some(n) => {
                    *n = n.saturating_sub(1);
                    *n == 0
                }
                None => false,
            };
            if emptied {
                in_window.remove(old.as_str());
            }
            left += 1;
        }
        let distinct = in_window.len();
        if distinct > ACC_10_MAX_CLONED_REPOS && widest.is_none_or(|(most, _, _)| distinct > most) {
            widest = Some((distinct, left, right));
        }
    }
    if let Some((distinct, from, to)) = widest {
        case.reason(format!(
            "{distinct} repositories were cloned within 48 hours: check the assignment and where the code went"
        ));
        for (_, i, _) in clones.get(from..=to).unwrap_or_default() {
            if let Some(event) = profile.repo_events.get(*i) {
                case.evidence(format!("repo_events[{i}].repo"), event.repo.trim());
            }
        }
    }

    out.extend(case.report("ACC-10", Severity::Critical, "S4", "repo_events"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::access::fixtures::finding;
    use clearance_app::model::profile::RepoEvent;

    // ACC-10

    fn clones(n: usize, hours_apart: usize) -> Vec<RepoEvent> {
        let start = instant("2026-11-10T00:00:00Z").unwrap();
        (0..n)
            .map(|i| {
                let at = start + (i * hours_apart) as i64 * 3600;
                let ts = time::OffsetDateTime::from_unix_timestamp(at)
                    .unwrap()
                    .format(&time::format_description::well_known::Rfc3339)
                    .unwrap();
                RepoEvent {
                    ts,
                    repo: format!("org/service-{i}"),
                    action: "clone".into(),
                    ..Default::default()
                }
            })
            .collect()
    }

    #[test]
    fn acc_10_a_push_to_a_personal_remote_is_critical() {
        let profile = ProfileDocument {
            repo_events: vec![RepoEvent {
                ts: "2026-11-20T10:00:00Z".into(),
                repo: "org/payments".into(),
                action: "push".into(),
                remote_url: Some("https://github.com/someone/payments".into()),
                external_remote: true,
            }],
            ..Default::default()
        };
        let f = finding(&profile, "ACC-10").unwrap();
        assert_eq!(f.severity, Severity::Critical);
        assert!(
            f.title.contains("github.com/someone/payments"),
            "{}",
            f.title
        );
    }

    #[test]
    fn acc_10_twenty_one_repositories_cloned_in_a_day_are_flagged() {
        let profile = ProfileDocument {
            repo_events: clones(21, 1),
            ..Default::default()
        };
        let f = finding(&profile, "ACC-10").unwrap();
        assert!(f.title.starts_with("21 repositories"), "{}", f.title);
    }

    #[test]
    fn acc_10_twenty_clones_or_clones_spread_over_days_are_not() {
        let twenty = ProfileDocument {
            repo_events: clones(20, 1),
            ..Default::default()
        };
        assert_eq!(finding(&twenty, "ACC-10"), None);
        let spread = ProfileDocument {
            repo_events: clones(30, 6),
            ..Default::default()
        };
        assert_eq!(finding(&spread, "ACC-10"), None);
    }

    #[test]
    fn acc_10_a_push_to_the_organisation_is_not() {
        let profile = ProfileDocument {
            repo_events: vec![RepoEvent {
                ts: "2026-11-20T10:00:00Z".into(),
                repo: "org/payments".into(),
                action: "push".into(),
                remote_url: Some("https://github.com/org/payments".into()),
                external_remote: false,
            }],
            ..Default::default()
        };
        assert_eq!(finding(&profile, "ACC-10"), None);
    }
}
