//! Exact identifiers: wallets by chain rules, contacts and documents in canonical form.

use super::*;

#[test]
fn wallets_match_by_chain_rules() {
    let matcher = sdn();
    let evm = matcher.match_identifier(
        IdentifierKind::Wallet,
        "0x098b716b8aaf21512996dc57eb0615e2383e2f96",
    );
    assert_eq!(evm.len(), 1);
    assert_eq!(
        (evm[0].entry_id.as_str(), evm[0].indicator),
        ("27307", "KNOWN-02")
    );
    assert_eq!(evm[0].severity, Severity::Critical);
    assert_eq!(
        evm[0].matched_value,
        "0x098B716B8Aaf21512996dC57EB0615e2383E2f96"
    );
    assert!(matcher
        .match_identifier(IdentifierKind::Wallet, "149W62RY42AZBOX8FGCMQNSXUZSSTKEQ8C")
        .is_empty());
    assert_eq!(
        matcher
            .match_identifier(IdentifierKind::Wallet, "149w62rY42aZBox8fGcmqNsXUzSStKeq8C")
            .len(),
        1
    );
}

#[test]
fn contacts_and_documents_match_canonically() {
    let matcher = sdn();
    let hits = |kind, value| -> Vec<(String, &'static str)> {
        matcher
            .match_identifier(kind, value)
            .into_iter()
            .map(|m| (m.entry_id, m.indicator))
            .collect()
    };
    let known_03 = |entry: &str| vec![(entry.to_owned(), "KNOWN-03")];
    assert_eq!(
        hits(IdentifierKind::Email, "Topp.Glasses+jobs@googlemail.com"),
        known_03("600")
    );
    assert_eq!(
        hits(IdentifierKind::Phone, "+86 133 1425 7947"),
        known_03("28264")
    );
    assert_eq!(
        hits(IdentifierKind::Phone, "0086 133-1425-7947"),
        known_03("28264")
    );
    assert_eq!(
        hits(IdentifierKind::IdNumber, "t 1455 3558"),
        known_03("600")
    );
    assert_eq!(
        hits(
            IdentifierKind::Domain,
            "https://www.SilverStar.example/jobs"
        ),
        known_03("24977")
    );
    assert!(hits(IdentifierKind::Email, "someone@example.com").is_empty());
    assert!(hits(IdentifierKind::Phone, "n/a").is_empty());
}
