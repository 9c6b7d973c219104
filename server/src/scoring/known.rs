//! Watch-list findings (KNOWN-*, INDICATORS.md §2.3). The matching itself belongs to the
//! watch-list issue; the engine only defines what it asks for and turns answers into findings,
//! so that the rest of screening does not change when real lists arrive.

use super::finding::{Family, Finding, Severity};
use clearance_app::model::profile::ProfileDocument;

/// One match of a profile value against a list entry.
#[derive(Clone, Debug, PartialEq)]
pub struct WatchlistHit {
    /// KNOWN-01 (name), KNOWN-02 (wallet), KNOWN-03 (contact/ID), KNOWN-04 (employer), …
    pub indicator: &'static str,
    pub list: String,
    pub list_version: String,
    pub entry_id: String,
    /// The profile field that matched and its value.
    pub field: String,
    pub value: String,
    /// What it matched on the list.
    pub matched: String,
    /// 0..=1; exact identifier matches are 1.
    pub score: f64,
    pub severity: Severity,
    /// A digest of the listed entry as imported: part of the finding's evidence, so a dismissed
    /// (false) match comes back when the entry changes, not merely because a new version of the
    /// list was imported.
    pub entry_digest: String,
    /// How the score came about, one line per compared feature (name parts, DOB, nationality).
    pub explanation: Vec<(String, String)>,
}

/// What the engine needs from the watch lists. Implemented by the watch-list matcher; until lists
/// are imported, [`NoLists`] answers that nothing matches.
pub trait WatchlistLookup {
    fn hits(&self, profile: &ProfileDocument) -> Vec<WatchlistHit>;
}

/// No lists loaded.
pub struct NoLists;

impl WatchlistLookup for NoLists {
    fn hits(&self, _profile: &ProfileDocument) -> Vec<WatchlistHit> {
        Vec::new()
    }
}

/// One finding per hit. The list version is in the title, not the evidence: the evidence is what
/// a dismissal (a reviewed false match) is keyed on, and it must survive a new version of an
/// unchanged entry (issue 4 item 5).
pub fn findings(hits: &[WatchlistHit]) -> Vec<Finding> {
    hits.iter()
        .map(|hit| {
            let mut finding = Finding::new(
                hit.indicator,
                Family::Known,
                hit.severity,
                format!(
                    "Matches {} entry {} \u{201c}{}\u{201d} (list version {})",
                    hit.list, hit.entry_id, hit.matched, hit.list_version
                ),
            )
            .evidence(hit.field.clone(), hit.value.clone())
            .evidence("list", hit.list.clone())
            .evidence("entry", hit.entry_id.clone())
            .evidence("entry_digest", hit.entry_digest.clone())
            .evidence("score", format!("{:.2}", hit.score));
            for (feature, detail) in &hit.explanation {
                finding = finding.evidence(feature.clone(), detail.clone());
            }
            finding.source("S18; S19")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_lists_nothing_matches() {
        assert!(NoLists.hits(&ProfileDocument::default()).is_empty());
    }

    #[test]
    fn a_wallet_hit_becomes_a_critical_known_02_finding_with_its_list_version() {
        let hit = WatchlistHit {
            indicator: "KNOWN-02",
            list: "us_ofac_sdn".into(),
            list_version: "2026-11-20".into(),
            entry_id: "27304".into(),
            field: "crypto_wallets[0].address".into(),
            value: "0x098b716b8aaf21512996dc57eb0615e2383e2f96".into(),
            matched: "LAZARUS GROUP".into(),
            score: 1.0,
            severity: Severity::Critical,
            entry_digest: "5e1c".into(),
            explanation: vec![("identifier".into(), "exact wallet".into())],
        };
        let found = findings(&[hit]);
        assert_eq!(
            (found[0].indicator, found[0].severity, found[0].family),
            ("KNOWN-02", Severity::Critical, Family::Known)
        );
        assert!(found[0].title.contains("list version 2026-11-20"));
        assert!(found[0]
            .evidence
            .iter()
            .any(|e| e.field == "entry_digest" && e.value == "5e1c"));
        assert!(found[0]
            .evidence
            .iter()
            .any(|e| e.field == "identifier" && e.value == "exact wallet"));
    }
}
