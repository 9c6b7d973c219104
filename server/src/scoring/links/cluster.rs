//! LINK-10 (medium): GitHub co-contribution clusters. Each applicant's own login and the
//! collaborators listed on their repositories are keys of one kind, so two applicants meet in the
//! index when one lists the other as a collaborator, or both list the same account: at least two
//! applicants in one contributor component (INDICATORS.md §2.6; S17 story 3, where every
//! contributor of the repositories was a DPRK IT worker).
//!
//! All of a profile's shared logins make one finding naming every other applicant; the same
//! claimed identity applying twice does not count (§4.2).

use std::collections::BTreeMap;

use super::findings::distinct_identities;
use super::rules::Matching;
use super::{LinkHit, LinkKey, LinkKind};
use crate::scoring::finding::Finding;

/// LINK-10: accounts that appear in countless unrelated repositories (deleted users, the web
/// editor's committer, automation), so sharing one says nothing about two applicants.
pub const LINK_10_IGNORED_LOGINS: &[&str] = &[
    "ghost",
    "web-flow",
    "github-actions",
    "actions-user",
    "dependabot",
    "dependabot-preview",
    "renovate-bot",
    "greenkeeperio-bot",
    "invalid-email-address",
];

/// LINK-10: one finding per cluster kind with shared keys (today only GitHub logins).
pub(super) fn cluster_findings(
    own: &[LinkKey],
    own_identity: &str,
    hits: &[LinkHit],
) -> Vec<Finding> {
    let mut by_kind: BTreeMap<LinkKind, Vec<&LinkKey>> = BTreeMap::new();
    for key in own
        .iter()
        .filter(|k| k.kind.matching() == Matching::Cluster)
    {
        by_kind.entry(key.kind).or_default().push(key);
    }
    by_kind
        .into_iter()
        .filter_map(|(kind, keys)| cluster_finding(kind, &keys, own_identity, hits))
        .collect()
}

/// The finding for the keys of one cluster kind: the own keys other applicants also hold as
/// evidence (field, login), and every such applicant as related.
fn cluster_finding(
    kind: LinkKind,
    keys: &[&LinkKey],
    own_identity: &str,
    hits: &[LinkHit],
) -> Option<Finding> {
    let mut evidence = Vec::new();
    let mut others: BTreeMap<i64, &LinkHit> = BTreeMap::new();
    for key in keys {
        let holders: Vec<&LinkHit> = hits
            .iter()
            .filter(|h| h.kind == kind && h.key == key.key && h.other_identity_key != own_identity)
            .collect();
        if holders.is_empty() {
            continue;
        }
        evidence.push((key.field.clone(), key.key.clone()));
        for hit in holders {
            others.entry(hit.other_person_id).or_insert(hit);
        }
    }
    let distinct = distinct_identities(own_identity, others.values().copied());
    if distinct < 2 {
        return None;
    }
    let (indicator, severity, title, source) = kind.rule();
    Some(
        Finding::new(
            indicator,
            kind.family(),
            severity,
            format!("{title} ({distinct} distinct identities)"),
        )
        .with_evidence(evidence)
        .related(others.keys().copied())
        .source(source),
    )
}

#[cfg(test)]
mod tests {
    use crate::scoring::finding::{Family, Finding, Severity};
    use crate::scoring::links::canonical_github_login;
    use crate::scoring::links::fixtures::{found, person};
    use clearance_app::model::profile::ProfileDocument;

    fn applicant(name: &str, login: &str, collaborators: &[&str]) -> ProfileDocument {
        let mut p = person(name);
        p.online_presence.github.login = Some(login.into());
        p.online_presence.github.collaborators =
            collaborators.iter().map(|c| (*c).to_owned()).collect();
        p
    }

    fn link_10(own: &ProfileDocument, others: &[(i64, &ProfileDocument)]) -> Vec<Finding> {
        found(own, others, "LINK-10")
    }

    #[test]
    fn link_10_an_applicant_listed_as_a_collaborator_links_both_ways() {
        let ada = applicant("Ada Lovelace", "ada-l", &["@Bob-Dev"]);
        let bob = applicant("Bob Smith", "https://github.com/bob-dev", &[]);
        let found = link_10(&ada, &[(2, &bob)]);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].family, found[0].severity),
            (Family::Link, Severity::Medium)
        );
        assert_eq!(found[0].related_person_ids, vec![2]);
        assert_eq!(
            found[0].evidence[0].field,
            "online_presence.github.collaborators[0]"
        );
        assert_eq!(found[0].evidence[0].value, "bob-dev");
        let back = link_10(&bob, &[(1, &ada)]);
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].evidence[0].field, "online_presence.github.login");
    }

    #[test]
    fn link_10_a_shared_collaborator_makes_one_finding_naming_everyone() {
        let ada = applicant("Ada Lovelace", "ada-l", &["kim-ops", "bob-dev"]);
        let bob = applicant("Bob Smith", "bob-dev", &["kim-ops"]);
        let cy = applicant("Cy Young", "cy", &["KIM-OPS"]);
        let found = link_10(&ada, &[(2, &bob), (3, &cy)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].related_person_ids, vec![2, 3]);
        assert!(
            found[0].title.contains("3 distinct identities"),
            "{}",
            found[0].title
        );
        assert_eq!(found[0].evidence.len(), 2);
    }

    #[test]
    fn link_10_unrelated_logins_the_same_identity_and_bot_accounts_do_not_link() {
        let ada = applicant(
            "Ada Lovelace",
            "ada-l",
            &["ghost", "dependabot[bot]", "web-flow"],
        );
        let bob = applicant(
            "Bob Smith",
            "bob-dev",
            &["ghost", "dependabot[bot]", "web-flow"],
        );
        assert!(link_10(&ada, &[(2, &bob)]).is_empty());
        let again = applicant("Lovelace, Ada", "ada-lovelace", &["ada-l"]);
        assert!(link_10(&ada, &[(2, &again)]).is_empty());
    }

    #[test]
    fn github_logins_are_folded_and_odd_text_is_not_a_login() {
        assert_eq!(
            canonical_github_login(" https://GitHub.com/Bob-Dev/repo ").as_deref(),
            Some("bob-dev")
        );
        assert_eq!(
            canonical_github_login("@Bob-Dev").as_deref(),
            Some("bob-dev")
        );
        let long = "a".repeat(40);
        for bad in [
            "",
            "  ",
            "-x",
            "a b",
            "dependabot[bot]",
            "ghost",
            "ü",
            long.as_str(),
        ] {
            assert_eq!(canonical_github_login(bad), None, "{bad:?}");
        }
    }
}
