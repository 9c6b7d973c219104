//! Findings from the other profiles that share a key (INDICATORS.md §4.2).

use super::rules::Matching;
use super::{cluster, near};
use super::{LinkKey, LinkKind, CLUSTER_MIN_IDENTITIES, EMPLOYER_DOMAIN_MIN_IDENTITIES};
use crate::scoring::finding::{Finding, Severity};

/// Another profile holding one of this profile's keys (from the index).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkHit {
    pub kind: LinkKind,
    pub key: String,
    pub other_person_id: i64,
    pub other_identity_key: String,
    /// The other profile's [`LinkKey::payload`] for this key: its full hash for near kinds
    /// (compared with this profile's own), empty for the others.
    pub other_payload: String,
}

/// Findings for a profile whose keys are `own` and whose identity key is `own_identity`, given
/// the other profiles found in the index. Exact kinds make one finding per shared key, near kinds
/// one per own hash within distance of others (LINK-03 near, BEH-10, LINK-04), and GitHub logins
/// one cluster finding (LINK-10); each names the other people.
pub fn link_findings(own: &[LinkKey], own_identity: &str, hits: &[LinkHit]) -> Vec<Finding> {
    let mut findings = exact_findings(own, own_identity, hits);
    findings.extend(near::near_findings(own, own_identity, hits));
    findings.extend(cluster::cluster_findings(own, own_identity, hits));
    findings
}

/// §4.2 for exact keys: one finding per shared key, between distinct claimed identities.
fn exact_findings(own: &[LinkKey], own_identity: &str, hits: &[LinkHit]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for key in own.iter().filter(|k| k.kind.matching() == Matching::Exact) {
        let mut others: Vec<&LinkHit> = hits
            .iter()
            .filter(|h| {
                h.kind == key.kind && h.key == key.key && h.other_identity_key != own_identity
            })
            .collect();
        others.sort_by_key(|h| h.other_person_id);
        others.dedup_by_key(|h| h.other_person_id);
        let distinct = distinct_identities(own_identity, others.iter().copied());
        if distinct < 2 {
            continue;
        }
        let (indicator, mut severity, title, source) = key.kind.rule();
        match key.kind {
            LinkKind::EmployerDomain if distinct < EMPLOYER_DOMAIN_MIN_IDENTITIES => continue,
            LinkKind::Address | LinkKind::Payout if distinct >= CLUSTER_MIN_IDENTITIES => {
                severity = Severity::Critical
            }
            _ => {}
        }
        let title = format!("{title} ({distinct} distinct identities)");
        findings.push(
            Finding::new(indicator, key.kind.family(), severity, title)
                .evidence(key.field.clone(), shown(key))
                .related(others.iter().map(|h| h.other_person_id))
                .source(source),
        );
    }
    findings
}

/// How many distinct claimed identities: this profile's and the others'.
pub(super) fn distinct_identities<'a>(
    own_identity: &'a str,
    others: impl IntoIterator<Item = &'a LinkHit>,
) -> usize {
    let mut identities: Vec<&str> = others
        .into_iter()
        .map(|h| h.other_identity_key.as_str())
        .collect();
    identities.push(own_identity);
    identities.sort_unstable();
    identities.dedup();
    identities.len()
}

/// Sensitive keys (hashes) are shown shortened; others as they are.
fn shown(key: &LinkKey) -> String {
    match key.kind {
        LinkKind::Address | LinkKind::ResumeText => {
            format!("{}…", key.key.get(..12).unwrap_or(&key.key))
        }
        _ => key.key.clone(),
    }
}
