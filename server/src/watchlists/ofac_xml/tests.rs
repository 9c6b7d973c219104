//! `SDN_ADVANCED.XML` end to end, on the project's sample file
//! (`server/tests/fixtures/watchlists/ofac/sdn_advanced.xml`), checked field by field and
//! against the CSV set's entries for the same parties.

use super::*;
use crate::watchlists::entry::{Alias, AliasKind, EntryKind, IdNumber, Wallet};
use crate::watchlists::ofac_csv::{parse_ofac_csv, OfacCsvFiles, OFAC_SDN_SOURCE};

const SAMPLE: &[u8] = include_bytes!("../../../tests/fixtures/watchlists/ofac/sdn_advanced.xml");

const SDN: &[u8] = include_bytes!("../../../tests/fixtures/watchlists/ofac/sdn.csv");
const ALT: &[u8] = include_bytes!("../../../tests/fixtures/watchlists/ofac/alt.csv");
const ADD: &[u8] = include_bytes!("../../../tests/fixtures/watchlists/ofac/add.csv");
const COMMENTS: &[u8] = include_bytes!("../../../tests/fixtures/watchlists/ofac/sdn_comments.csv");

const LAZARUS_ETH: &str = "0x098B716B8Aaf21512996dC57EB0615e2383E2f96";

fn sample() -> Vec<Entry> {
    parse_ofac_xml(OFAC_SDN_SOURCE, SAMPLE).unwrap()
}

fn entry<'a>(entries: &'a [Entry], id: &str) -> &'a Entry {
    entries.iter().find(|e| e.id == id).unwrap()
}

fn alias(name: &str, kind: AliasKind) -> Alias {
    Alias {
        name: name.into(),
        kind,
    }
}

fn id_number(kind: &str, number: &str, country: Option<&str>) -> IdNumber {
    IdNumber {
        kind: kind.into(),
        number: number.into(),
        country: country.map(str::to_owned),
    }
}

/// The sample with `from` replaced by `to` (once), for damaged and renumbered variants.
fn sample_with(from: &str, to: &str) -> Vec<u8> {
    let text = std::str::from_utf8(SAMPLE).unwrap();
    assert!(text.contains(from), "{from} is not in the sample");
    text.replacen(from, to, 1).into_bytes()
}

#[test]
fn every_distinct_party_becomes_an_entry_in_file_order() {
    let entries = sample();
    let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, vec!["24977", "27307", "90001", "90002", "90005"]);
    assert!(entries.iter().all(|e| e.source == "us_ofac_sdn"));
}

#[test]
fn lazarus_group_carries_its_eth_wallet_exactly_as_written() {
    let entries = sample();
    let lazarus = entry(&entries, "27307");
    assert_eq!(lazarus.name, "LAZARUS GROUP");
    assert_eq!(lazarus.kind, EntryKind::Organization);
    assert_eq!(lazarus.programs, vec!["DPRK3"]);
    assert_eq!(
        lazarus.wallets,
        vec![Wallet {
            ticker: Some("ETH".into()),
            address: LAZARUS_ETH.into()
        }]
    );
    assert_eq!(
        lazarus.aliases,
        vec![
            alias("HIDDEN COBRA", AliasKind::Weak),
            alias("GUARDIANS OF PEACE", AliasKind::Weak)
        ]
    );
    assert_eq!(
        lazarus.addresses,
        vec!["Potonggang District, Pyongyang, Korea, North"]
    );
    assert!(lazarus.birth_dates.is_empty() && lazarus.id_numbers.is_empty());
    assert_eq!(lazarus.remarks, None);
}

#[test]
fn a_person_has_every_feature_typed_and_a_late_passport_attached() {
    let entries = sample();
    let kim = entry(&entries, "90001");
    assert_eq!(kim.kind, EntryKind::Person);
    assert_eq!(kim.name, "KIM Chol Jin");
    assert_eq!(kim.aliases, vec![alias("KIM Chol-chin", AliasKind::Strong)]);
    assert_eq!(kim.programs, vec!["DPRK3"]);
    assert_eq!(kim.birth_dates, vec!["12 Apr 1988"]);
    assert_eq!(kim.nationalities, vec!["KP"]);
    // IDRegDocuments come after DistinctParties in the sample.
    assert_eq!(
        kim.id_numbers,
        vec![id_number("Passport", "745310001", Some("KP"))]
    );
    assert_eq!(
        kim.emails,
        vec!["kcj.devops@example.com", "chol.jin.dev@example.net"]
    );
    assert_eq!(kim.phones, vec!["+8613800000101"]);
    assert_eq!(kim.websites, vec!["www.silverstar-fixture.example"]);
    assert!(kim.wallets.is_empty() && kim.addresses.is_empty());
}

#[test]
fn dates_countries_and_wallets_come_in_every_form_the_file_uses() {
    let entries = sample();
    let pak = entry(&entries, "90002");
    assert_eq!(pak.name, "PAK Song Il");
    // A single day, and a whole year written as 1 Jan to 31 Dec.
    assert_eq!(pak.birth_dates, vec!["03 Nov 1991", "1990"]);
    // A Location's country, then a DetailReference.
    assert_eq!(pak.nationalities, vec!["KP", "CN"]);
    assert_eq!(
        pak.wallets,
        vec![Wallet {
            ticker: Some("XBT".into()),
            address: "1ClearanceFixtureXbtAddr7Qz".into()
        }]
    );
    assert_eq!(pak.emails, vec!["songil.pak@example.org"]);
    assert_eq!(pak.phones, vec!["8613300000202", "8618000000303"]);
    assert_eq!(
        pak.id_numbers,
        vec![id_number(
            "Identification Number",
            "210302199100000002",
            Some("CN")
        )]
    );
    assert_eq!(pak.aliases, vec![alias("blackfox91", AliasKind::Weak)]);
    assert_eq!(
        pak.addresses,
        vec!["Calle 50, Edificio Océano, Piso 3, Ciudad de Panamá, Panama"]
    );
    assert_eq!(pak.programs, vec!["DPRK3", "DPRK4"]);
}

#[test]
fn an_entity_has_its_aliases_kinds_programs_and_registration_number() {
    let entries = sample();
    let yanbian = entry(&entries, "24977");
    assert_eq!(
        yanbian.name,
        "YANBIAN SILVERSTAR NETWORK TECHNOLOGY CO., LTD."
    );
    assert_eq!(yanbian.kind, EntryKind::Organization);
    assert_eq!(
        yanbian.aliases,
        vec![
            alias("YANBIAN SILVERSTAR", AliasKind::Strong),
            alias(
                "SILVER STAR INTERNET TECHNOLOGY CORPORATION",
                AliasKind::Strong
            ),
            alias("YANBIAN SILVER STAR", AliasKind::Former),
        ]
    );
    // The Block measure has no comment; the Program measures are the programmes.
    assert_eq!(yanbian.programs, vec!["DPRK3", "DPRK4"]);
    assert_eq!(
        yanbian.id_numbers,
        vec![id_number(
            "Unified Social Credit Code (USCC)",
            "91222401MA0Y31E659",
            Some("CN")
        )]
    );
    assert_eq!(
        yanbian.addresses,
        vec!["20998B-26 Changbaishan East Road, Yanji, Jilin, China"]
    );
    assert!(yanbian.wallets.is_empty() && yanbian.nationalities.is_empty());
}

#[test]
fn a_vessel_keeps_its_call_sign_with_its_flag_and_its_registration_numbers() {
    let entries = sample();
    let vessel = entry(&entries, "90005");
    assert_eq!(vessel.kind, EntryKind::Vessel);
    assert_eq!(vessel.name, "CHOL SAN 7");
    assert_eq!(vessel.programs, vec!["DPRK"]);
    assert_eq!(
        vessel.id_numbers,
        vec![
            id_number("Call Sign", "HMYX9", Some("KP")),
            id_number("Vessel Registration Identification", "IMO 9900007", None),
            id_number("MMSI", "445000007", None),
        ]
    );
    assert_eq!(vessel.addresses, vec!["Nampo, Korea, North"]);
    assert!(vessel.aliases.is_empty());
}

/// `KIM, Chol Jin` (sdn.csv) and `KIM Chol Jin` (name parts joined) compare equal.
fn comparable(name: &str) -> String {
    name.replace(',', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[test]
fn entries_agree_with_the_csv_set_for_the_same_parties() {
    let files = OfacCsvFiles {
        sdn: SDN,
        alt: ALT,
        add: ADD,
        comments: COMMENTS,
    };
    let from_csv = parse_ofac_csv(OFAC_SDN_SOURCE, &files).unwrap();
    for xml in sample() {
        let id = xml.id.as_str();
        let csv = from_csv
            .iter()
            .find(|e| e.id == id)
            .unwrap_or_else(|| panic!("FixedRef {id} is not an ent_num of sdn.csv"));
        assert_eq!(comparable(&xml.name), comparable(&csv.name), "{id}");
        assert_eq!(xml.kind, csv.kind, "{id}");
        assert_eq!(xml.programs, csv.programs, "{id}");
        assert_eq!(xml.wallets, csv.wallets, "{id}");
        // The XML sample holds a subset of each party's facts; each must read as in the CSV.
        for (field, in_xml, in_csv) in [
            ("birth_dates", &xml.birth_dates, &csv.birth_dates),
            ("nationalities", &xml.nationalities, &csv.nationalities),
            ("emails", &xml.emails, &csv.emails),
            ("phones", &xml.phones, &csv.phones),
            ("websites", &xml.websites, &csv.websites),
            ("addresses", &xml.addresses, &csv.addresses),
        ] {
            assert!(
                in_xml.iter().all(|value| in_csv.contains(value)),
                "{id} {field}: {in_xml:?} not all in {in_csv:?}"
            );
        }
        assert!(
            xml.id_numbers.iter().all(|n| csv.id_numbers.contains(n)),
            "{id}: {:?} not all in {:?}",
            xml.id_numbers,
            csv.id_numbers
        );
    }
}

#[test]
fn reference_ids_are_resolved_by_text_not_by_number() {
    let renumbered = sample_with(r#"FeatureType ID="7345""#, r#"FeatureType ID="1""#);
    let renumbered = String::from_utf8(renumbered).unwrap().replacen(
        r#"FeatureTypeID="7345""#,
        r#"FeatureTypeID="1""#,
        1,
    );
    let entries = parse_ofac_xml(OFAC_SDN_SOURCE, renumbered.as_bytes()).unwrap();
    assert_eq!(entry(&entries, "27307").wallets[0].address, LAZARUS_ETH);
}

#[test]
fn a_feature_of_an_unknown_type_is_skipped_and_the_rest_kept() {
    let unknown = sample_with(r#"FeatureTypeID="7345""#, r#"FeatureTypeID="99999""#);
    let entries = parse_ofac_xml(OFAC_SDN_SOURCE, &unknown).unwrap();
    let lazarus = entry(&entries, "27307");
    assert!(lazarus.wallets.is_empty());
    assert_eq!(lazarus.name, "LAZARUS GROUP");
    assert_eq!(lazarus.addresses.len(), 1);
    assert_eq!(entry(&entries, "90002").wallets.len(), 1);
}

#[test]
fn an_unknown_document_type_or_sanctions_type_drops_only_that_fact() {
    let unknown = sample_with(r#"IDRegDocTypeID="7571""#, r#"IDRegDocTypeID="1""#);
    let entries = parse_ofac_xml(OFAC_SDN_SOURCE, &unknown).unwrap();
    assert!(entry(&entries, "90001").id_numbers.is_empty());
    let unknown = sample_with(
        r#"<SanctionsMeasure ID="96011" SanctionsTypeID="7001">"#,
        r#"<SanctionsMeasure ID="96011" SanctionsTypeID="1">"#,
    );
    let entries = parse_ofac_xml(OFAC_SDN_SOURCE, &unknown).unwrap();
    assert!(entry(&entries, "27307").programs.is_empty());
    assert_eq!(entry(&entries, "90001").programs, vec!["DPRK3"]);
}

#[test]
fn a_byte_order_mark_is_dropped() {
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(SAMPLE);
    assert_eq!(
        parse_ofac_xml(OFAC_SDN_SOURCE, &with_bom).unwrap(),
        sample()
    );
}

mod refusals;
