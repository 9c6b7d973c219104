use super::*;
use crate::watchlists::{parse_custom, parse_ofac_csv, OfacCsvFiles};
use clearance_app::model::profile::{
    CryptoAddress, CryptoWallet, EmailContact, Employment, NameVariant, PaymentInstruction,
};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/watchlists");

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).unwrap()
}

fn sdn_entries() -> Vec<crate::watchlists::Entry> {
    let (sdn, alt, add, comments) = (
        read("ofac/sdn.csv"),
        read("ofac/alt.csv"),
        read("ofac/add.csv"),
        read("ofac/sdn_comments.csv"),
    );
    let files = OfacCsvFiles {
        sdn: &sdn,
        alt: &alt,
        add: &add,
        comments: &comments,
    };
    parse_ofac_csv("us_ofac_sdn", &files).unwrap()
}

/// `lists` with version `version_id` of list `source` loaded.
fn with_list(
    mut lists: ActiveLists,
    (source, version_id): (&str, i64),
    format: &str,
    entries: &[crate::watchlists::Entry],
) -> ActiveLists {
    lists.add(
        ListVersion {
            source: source.into(),
            version_id,
        },
        format,
        entries,
    );
    lists
}

fn sdn_lists() -> ActiveLists {
    with_list(
        ActiveLists::default(),
        ("us_ofac_sdn", 7),
        "ofac_csv",
        &sdn_entries(),
    )
}

fn person(name: &str) -> ProfileDocument {
    let mut doc = ProfileDocument::default();
    doc.identity.legal_name.full = name.into();
    doc
}

#[test]
fn the_lazarus_wallet_in_any_case_is_a_critical_known_02_hit_on_the_active_version() {
    let mut doc = person("Alex Carter");
    doc.crypto_wallets.push(CryptoWallet {
        chain: "ethereum".into(),
        asset: None,
        address: "0x098b716b8aaf21512996dc57eb0615e2383e2f96".into(),
    });
    let hits = sdn_lists().hits(&doc);
    assert_eq!(hits.len(), 1, "{hits:?}");
    let hit = &hits[0];
    assert_eq!(
        (hit.indicator, hit.severity, hit.entry_id.as_str()),
        ("KNOWN-02", Severity::Critical, "27307")
    );
    assert_eq!(hit.list, "us_ofac_sdn");
    assert_eq!(hit.list_version, "7");
    assert_eq!(hit.field, "crypto_wallets[0].address");
    assert!(hit.matched.starts_with("LAZARUS GROUP"), "{}", hit.matched);
    assert_eq!(hit.score, 1.0);
    assert_eq!(hit.entry_digest.len(), 12);
}

#[test]
fn a_payout_address_on_the_list_is_a_known_02_hit_too() {
    let mut doc = person("Alex Carter");
    doc.payment_instructions.push(PaymentInstruction {
        method: "crypto".into(),
        crypto: Some(CryptoAddress {
            chain: "ethereum".into(),
            asset: Some("USDT".into()),
            address: "0x098B716B8Aaf21512996dC57EB0615e2383E2f96".into(),
        }),
        ..PaymentInstruction::default()
    });
    let hits = sdn_lists().hits(&doc);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(
        (hits[0].indicator, hits[0].field.as_str(), hits[0].severity),
        (
            "KNOWN-02",
            "payment_instructions[0].crypto.address",
            Severity::Critical
        )
    );
}

#[test]
fn a_listed_email_is_a_critical_known_03_hit() {
    let mut doc = person("Alex Carter");
    doc.contact.emails.push(EmailContact {
        address: "KCJ.DevOps@Example.com".into(),
        ..EmailContact::default()
    });
    let hits = sdn_lists().hits(&doc);
    assert!(
        hits.iter()
            .any(|h| h.indicator == "KNOWN-03" && h.entry_id == "90001"),
        "{hits:?}"
    );
}

#[test]
fn a_reordered_listed_name_with_the_same_birth_date_is_a_critical_known_01_hit() {
    let mut doc = person("Chol Jin Kim");
    doc.identity.dob = Some("1988-04-12".into());
    doc.identity.nationality = vec!["KP".into()];
    let hits = sdn_lists().hits(&doc);
    let hit = hits
        .iter()
        .find(|h| h.indicator == "KNOWN-01" && h.entry_id == "90001")
        .unwrap_or_else(|| panic!("{hits:?}"));
    assert_eq!(hit.severity, Severity::Critical);
    assert!(hit.score >= 0.95, "{}", hit.score);
    assert!(
        hit.explanation
            .iter()
            .any(|(f, d)| f == "date_of_birth" && d.contains("same day")),
        "the explanation names the birth date: {:?}",
        hit.explanation
    );
}

#[test]
fn the_same_name_with_another_birth_year_stays_below_critical() {
    let mut doc = person("Chol Jin Kim");
    doc.identity.dob = Some("1970-01-30".into());
    let hits = sdn_lists().hits(&doc);
    assert!(
        hits.iter()
            .filter(|h| h.entry_id == "90001")
            .all(|h| h.severity < Severity::Critical),
        "{hits:?}"
    );
}

#[test]
fn a_front_company_as_former_employer_is_a_known_04_hit() {
    let mut doc = person("Alex Carter");
    doc.employment.push(Employment {
        employer_name: "Yanbian Silverstar Network Technology Co Ltd".into(),
        ..Employment::default()
    });
    let hits = sdn_lists().hits(&doc);
    let front = hits
        .iter()
        .find(|h| h.indicator == "KNOWN-04" && h.entry_id == "24977")
        .unwrap_or_else(|| panic!("{hits:?}"));
    // High, and its decision line says so (not KNOWN-01's critical hold).
    assert_eq!(front.severity, Severity::High);
    let decision = decision_of(front);
    assert!(
        decision.starts_with("high: ") && decision.contains("KNOWN-04"),
        "{decision}"
    );
}

#[test]
fn an_ordinary_profile_has_no_hits() {
    let mut doc = person("Maria Gonzalez");
    doc.identity.name_variants.push(NameVariant {
        value: "M. Gonzalez".into(),
        source: "resume".into(),
    });
    assert!(sdn_lists().hits(&doc).is_empty());
}

#[test]
fn custom_lists_raise_incident_or_community_indicators_by_their_source() {
    let entries = parse_custom("incidents", &read("custom.csv")).unwrap();
    let mut doc = person("Alex Carter");
    doc.contact.emails.push(EmailContact {
        address: "kcj.devops@example.com".into(),
        ..EmailContact::default()
    });
    for (source, indicator, severity) in [
        ("incidents", "KNOWN-07", Severity::Critical),
        ("community_osint", "KNOWN-06", Severity::Medium),
    ] {
        let lists = with_list(ActiveLists::default(), (source, 1), "custom_csv", &entries);
        let hits = lists.hits(&doc);
        assert!(
            hits.iter()
                .any(|h| h.indicator == indicator && h.severity == severity),
            "{source}: {hits:?}"
        );
    }
}

#[test]
fn digests_change_with_the_entry_and_only_with_it() {
    let entries = parse_custom("incidents", &read("custom.csv")).unwrap();
    let mut changed = entries[0].clone();
    assert_eq!(entry_digest(&entries[0]), entry_digest(&changed));
    changed.remarks = Some("edited".into());
    assert_ne!(entry_digest(&entries[0]), entry_digest(&changed));
}

fn incident_names(names: &[&str]) -> ActiveLists {
    let mut csv = String::from("kind,value,label,source\n");
    for name in names {
        csv.push_str(&format!(
            "name,{name},Alias in incident 2026-020,internal\n"
        ));
    }
    let entries = parse_custom("incidents", csv.as_bytes()).unwrap();
    with_list(
        ActiveLists::default(),
        ("incidents", 1),
        "custom_csv",
        &entries,
    )
}

fn decision_of(hit: &WatchlistHit) -> &str {
    hit.explanation
        .iter()
        .find(|(feature, _)| feature == "decision")
        .map(|(_, detail)| detail.as_str())
        .unwrap_or_default()
}

#[test]
fn the_closest_listed_names_come_first() {
    let lists = incident_names(&["Kim Chal", "Kimm Chol", "Gim Chol", "Kim Chol"]);
    let hits = lists.hits(&person("Kim Chol"));
    let matched: Vec<&str> = hits.iter().map(|h| h.matched.as_str()).collect();
    assert_eq!(hits.len(), 4, "{matched:?}");
    assert_eq!(matched[0], "Kim Chol", "{matched:?}");
    assert!(
        hits.windows(2).all(|w| w[0].score >= w[1].score),
        "{:?}",
        hits.iter()
            .map(|h| (&h.matched, h.score))
            .collect::<Vec<_>>()
    );
}

#[test]
fn an_alias_hit_says_it_is_high_not_critical() {
    let hits = incident_names(&["Kim Chol"]).hits(&person("Kim Chol"));
    assert_eq!(hits[0].indicator, "KNOWN-05");
    assert_eq!(hits[0].severity, Severity::High);
    let decision = decision_of(&hits[0]);
    assert!(decision.starts_with("high: score 1.000"), "{decision}");
    assert!(decision.contains("KNOWN-05"), "{decision}");
}

const HASH_KEY: &[u8] = b"lookup test key 0123456789abcdef";

fn with_numbers(doc_type: &str, number: &str, iban: &str) -> ProfileDocument {
    let mut doc = person("Alex Carter");
    doc.identity
        .id_documents
        .push(clearance_app::model::profile::IdDocument {
            doc_type: doc_type.into(),
            number: Some(number.into()),
            ..Default::default()
        });
    doc.payment_instructions.push(PaymentInstruction {
        iban: Some(iban.into()),
        ..PaymentInstruction::default()
    });
    crate::profiles::protect::protect(&mut doc, HASH_KEY);
    doc
}

#[test]
fn a_stored_id_or_account_number_equal_to_a_listed_one_is_a_hit_shown_by_its_last_four() {
    let entries = parse_custom("incidents", &read("custom.csv")).unwrap();
    let lists = with_list(
        ActiveLists::with_hash_key(HASH_KEY),
        ("incidents", 1),
        "custom_csv",
        &entries,
    );
    let doc = with_numbers("passport", "X1234567", "gb33 bukb 2020 1555 5555 55");
    let hits = lists.hits(&doc);
    let account = hits
        .iter()
        .find(|h| h.field == "payment_instructions[0].account")
        .unwrap_or_else(|| panic!("{hits:?}"));
    assert_eq!(account.indicator, "KNOWN-07");
    assert_eq!(account.severity, Severity::Critical);
    assert_eq!(account.value, "account number ending 5555");
    let shown = format!("{hits:?}");
    assert!(!shown.contains("BUKB20201555"), "{shown}");

    // Without the key the same lists cannot compare stored numbers.
    let keyless = with_list(
        ActiveLists::default(),
        ("incidents", 1),
        "custom_csv",
        &entries,
    );
    assert!(keyless
        .hits(&doc)
        .iter()
        .all(|h| h.field != "payment_instructions[0].account"));
}

#[test]
fn a_passport_number_in_sdn_remarks_is_a_critical_known_03_hit_on_a_stored_document() {
    let entries = sdn_entries();
    let listed = entries
        .iter()
        .find_map(|e| {
            e.id_numbers
                .first()
                .map(|n| (e.id.clone(), n.number.clone()))
        })
        .expect("the sample list has an ID number");
    let lists = with_list(
        ActiveLists::with_hash_key(HASH_KEY),
        ("us_ofac_sdn", 3),
        "ofac_csv",
        &entries,
    );
    let doc = with_numbers(
        "national_id",
        &listed.1.to_lowercase(),
        "DE89370400440532013000",
    );
    let hits = lists.hits(&doc);
    let hit = hits
        .iter()
        .find(|h| h.field == "identity.id_documents[0].number")
        .unwrap_or_else(|| panic!("{listed:?}: {hits:?}"));
    assert_eq!(
        (hit.indicator, hit.severity, hit.entry_id.as_str()),
        ("KNOWN-03", Severity::Critical, listed.0.as_str())
    );
    assert!(!format!("{hits:?}").contains(&listed.1), "{hits:?}");
}
