//! Findings from the other profiles that share a key (INDICATORS.md §4.2).

use super::{LinkKey, LinkKind, CLUSTER_MIN_IDENTITIES, EMPLOYER_DOMAIN_MIN_IDENTITIES};
use crate::scoring::finding::{Family, Finding, Severity};

/// Another profile holding one of this profile's keys (from the index).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkHit {
    pub kind: LinkKind,
    pub key: String,
    pub other_person_id: i64,
    pub other_identity_key: String,
}

/// Findings for a profile whose keys are `own` and whose identity key is `own_identity`, given
/// the other profiles found in the index. One finding per shared key, naming the other people.
pub fn link_findings(own: &[LinkKey], own_identity: &str, hits: &[LinkHit]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for key in own {
        let mut others: Vec<&LinkHit> = hits
            .iter()
            .filter(|h| {
                h.kind == key.kind && h.key == key.key && h.other_identity_key != own_identity
            })
            .collect();
        others.sort_by_key(|h| h.other_person_id);
        others.dedup_by_key(|h| h.other_person_id);
        let mut identities: Vec<&str> = others
            .iter()
            .map(|h| h.other_identity_key.as_str())
            .collect();
        identities.push(own_identity);
        identities.sort_unstable();
        identities.dedup();
        let distinct = identities.len();
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
        let title = format!("{title} ({} distinct identities)", distinct);
        findings.push(
            Finding::new(indicator, Family::Link, severity, title)
                .evidence(key.field.clone(), shown(key))
                .related(others.iter().map(|h| h.other_person_id))
                .source(source),
        );
    }
    findings
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
