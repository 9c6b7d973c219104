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

/// One finding per hit, with the list, version, entry and score as evidence.
pub fn findings(hits: &[WatchlistHit]) -> Vec<Finding> {
    hits.iter()
        .map(|hit| {
            Finding::new(
                hit.indicator,
                Family::Known,
                hit.severity,
                format!(
                    "Matches {} entry {} ({})",
                    hit.list, hit.entry_id, hit.matched
                ),
            )
            .evidence(hit.field.clone(), hit.value.clone())
            .evidence("list_version", hit.list_version.clone())
            .evidence("score", format!("{:.2}", hit.score))
            .source("S18; S19")
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
        };
        let found = findings(&[hit]);
        assert_eq!(
            (found[0].indicator, found[0].severity, found[0].family),
            ("KNOWN-02", Severity::Critical, Family::Known)
        );
        assert!(found[0]
            .evidence
            .iter()
            .any(|e| e.field == "list_version" && e.value == "2026-11-20"));
    }
}
