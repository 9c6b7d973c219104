//! The OFAC CSV set end to end, on the project's sample files
//! (`server/tests/fixtures/watchlists/ofac/`) and on damaged copies of them.

use super::*;
use crate::watchlists::entry::{Alias, AliasKind, EntryKind, IdNumber, Wallet};
use crate::watchlists::mutate;

const SDN: &[u8] = include_bytes!("../../../tests/fixtures/watchlists/ofac/sdn.csv");
const ALT: &[u8] = include_bytes!("../../../tests/fixtures/watchlists/ofac/alt.csv");
const ADD: &[u8] = include_bytes!("../../../tests/fixtures/watchlists/ofac/add.csv");
const COMMENTS: &[u8] = include_bytes!("../../../tests/fixtures/watchlists/ofac/sdn_comments.csv");

const LAZARUS_ETH: &str = "0x098B716B8Aaf21512996dC57EB0615e2383E2f96";

fn files() -> OfacCsvFiles<'static> {
    OfacCsvFiles {
        sdn: SDN,
        alt: ALT,
        add: ADD,
        comments: COMMENTS,
    }
}

fn sample() -> Vec<Entry> {
    parse_ofac_csv(OFAC_SDN_SOURCE, &files()).unwrap()
}

fn entry<'a>(entries: &'a [Entry], id: &str) -> &'a Entry {
    entries.iter().find(|e| e.id == id).unwrap()
}

fn alias_names(entry: &Entry, kind: AliasKind) -> Vec<&str> {
    entry
        .aliases
        .iter()
        .filter(|a| a.kind == kind)
        .map(|a| a.name.as_str())
        .collect()
}

#[test]
fn every_sdn_row_becomes_an_entry_in_file_order() {
    let entries = sample();
    let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "24977", "24978", "27307", "12209", "12210", "43379", "54764", "90001", "90002",
            "90003", "90004", "90005"
        ]
    );
    assert!(entries.iter().all(|e| e.source == "us_ofac_sdn"));
}

#[test]
fn lazarus_group_carries_its_eth_wallet_and_its_continued_remarks() {
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
    // The remark was cut at "WHOIS HACKIN" and continues with "G TEAM'" in sdn_comments.csv.
    assert_eq!(
        alias_names(lazarus, AliasKind::Weak),
        vec![
            "HIDDEN COBRA",
            "OFFICE 91",
            "GUARDIANS OF PEACE",
            "WHOIS HACKING TEAM",
            "RED DOT",
            "TEMP.HERMIT",
            "APPLEWORM"
        ]
    );
    let remarks = lazarus.remarks.as_deref().unwrap();
    assert!(remarks.starts_with("Digital Currency Address - ETH"));
    assert!(remarks.contains("'WHOIS HACKING TEAM'; a.k.a. 'RED DOT'"));
    assert!(remarks.ends_with("'APPLEWORM'."));
    assert_eq!(
        lazarus.addresses,
        vec!["Potonggang District, Pyongyang, Korea, North"]
    );
}

#[test]
fn splitting_before_joining_would_have_cut_the_alias() {
    let without_comments = OfacCsvFiles {
        comments: &[],
        ..files()
    };
    let entries = parse_ofac_csv(OFAC_SDN_SOURCE, &without_comments).unwrap();
    let lazarus = entry(&entries, "27307");
    assert!(alias_names(lazarus, AliasKind::Weak).contains(&"WHOIS HACKIN"));
    assert!(!alias_names(lazarus, AliasKind::Weak).contains(&"RED DOT"));
}

#[test]
fn a_continuation_that_starts_mid_word_completes_a_phone_number() {
    let entries = sample();
    let pak = entry(&entries, "90002");
    assert_eq!(pak.phones, vec!["8613300000202", "8618000000303"]);
    assert_eq!(pak.emails, vec!["songil.pak@example.org"]);
    assert_eq!(
        pak.id_numbers,
        vec![IdNumber {
            kind: "Identification Number".into(),
            number: "210302199100000002".into(),
            country: Some("CN".into())
        }]
    );
    assert_eq!(alias_names(pak, AliasKind::Weak), vec!["blackfox91"]);
    assert_eq!(pak.nationalities, vec!["KP", "CN"]);
    assert_eq!(pak.birth_dates, vec!["03 Nov 1991", "1990"]);
    assert_eq!(pak.wallets[0].address, "1ClearanceFixtureXbtAddr7Qz");
}

#[test]
fn a_wallet_address_cut_by_the_column_limit_is_whole_again() {
    let entries = sample();
    let ri = entry(&entries, "90003");
    assert_eq!(
        ri.wallets,
        vec![Wallet {
            ticker: Some("USDT".into()),
            address: "TQclearanceFixtureTronAddr1234".into()
        }]
    );
    assert_eq!(ri.id_numbers[0].number, "836500003");
}

#[test]
fn a_person_has_every_remark_fact_typed() {
    let entries = sample();
    let kim = entry(&entries, "90001");
    assert_eq!(kim.kind, EntryKind::Person);
    assert_eq!(kim.name, "KIM, Chol Jin");
    assert_eq!(kim.birth_dates, vec!["12 Apr 1988"]);
    assert_eq!(kim.nationalities, vec!["KP"]);
    assert_eq!(
        kim.id_numbers,
        vec![IdNumber {
            kind: "Passport".into(),
            number: "745310001".into(),
            country: Some("KP".into())
        }]
    );
    assert_eq!(
        kim.emails,
        vec!["kcj.devops@example.com", "chol.jin.dev@example.net"]
    );
    assert_eq!(kim.phones, vec!["+8613800000101"]);
    assert_eq!(kim.websites, vec!["www.silverstar-fixture.example"]);
    assert_eq!(alias_names(kim, AliasKind::Strong), vec!["KIM, Chol-chin"]);
}

#[test]
fn aliases_from_alt_csv_and_remarks_are_joined_with_their_kinds() {
    let entries = sample();
    let han = entry(&entries, "90004");
    assert_eq!(
        han.aliases,
        vec![
            Alias {
                name: "Kevin Han".into(),
                kind: AliasKind::Weak
            },
            Alias {
                name: "HAN, Kwang-so'k".into(),
                kind: AliasKind::Strong
            },
            Alias {
                name: "HAN, Kwang Soo".into(),
                kind: AliasKind::Former
            },
        ]
    );
    assert_eq!(han.nationalities, vec!["KP"]);
    assert_eq!(han.id_numbers[0].kind, "National ID No.");
    assert_eq!(han.birth_dates, vec!["circa 1979"]);
}

#[test]
fn an_entity_has_its_programs_split_aliases_and_addresses_joined() {
    let entries = sample();
    let yanbian = entry(&entries, "24977");
    assert_eq!(
        yanbian.name,
        "YANBIAN SILVERSTAR NETWORK TECHNOLOGY CO., LTD."
    );
    assert_eq!(yanbian.programs, vec!["DPRK3", "DPRK4"]);
    assert_eq!(
        alias_names(yanbian, AliasKind::Strong),
        vec![
            "YANBIAN SILVERSTAR",
            "SILVER STAR INTERNET TECHNOLOGY CORPORATION",
            "YANJI SILVER STAR NETWORK TECHNOLOGY CO. LTD."
        ]
    );
    assert_eq!(
        yanbian.addresses,
        vec![
            "20998B-26 Changbaishan East Road, Yanji, Jilin, China",
            "No. 213-214, Building 2, Science and Technology Industrial Park, Yanji Development \
             Zone, China"
        ]
    );
    assert_eq!(
        yanbian.id_numbers[0].kind,
        "Unified Social Credit Code (USCC)"
    );
    assert_eq!(yanbian.id_numbers[0].number, "91222401MA0Y31E659");
    assert_eq!(entry(&entries, "12210").programs, vec!["DPRK", "DPRK2"]);
    assert_eq!(
        alias_names(entry(&entries, "43379"), AliasKind::Strong),
        vec!["JINYONG IT COOPERATION COMPANY"]
    );
}

#[test]
fn null_fields_stay_empty() {
    let entries = sample();
    let volasys = entry(&entries, "24978");
    assert_eq!(volasys.kind, EntryKind::Organization);
    assert!(volasys.aliases.is_empty() && volasys.wallets.is_empty());
    assert!(volasys.id_numbers.is_empty() && volasys.birth_dates.is_empty());
    assert!(entries.iter().all(|e| !e.name.contains("-0-")));
    assert!(entries
        .iter()
        .flat_map(|e| e.addresses.iter())
        .all(|a| !a.contains("-0-")));
}

#[test]
fn a_vessel_keeps_its_call_sign_flag_and_registration_numbers() {
    let entries = sample();
    let vessel = entry(&entries, "90005");
    assert_eq!(vessel.kind, EntryKind::Vessel);
    let ids: Vec<(&str, &str, Option<&str>)> = vessel
        .id_numbers
        .iter()
        .map(|i| (i.kind.as_str(), i.number.as_str(), i.country.as_deref()))
        .collect();
    assert_eq!(
        ids,
        vec![
            ("Call Sign", "HMYX9", Some("KP")),
            ("Vessel Registration Identification", "IMO 9900007", None),
            ("MMSI", "445000007", None),
        ]
    );
    assert_eq!(vessel.addresses, vec!["Nampo, Korea, North"]);
}

#[test]
fn a_windows_1252_file_is_decoded_and_orphan_rows_are_ignored() {
    assert!(
        std::str::from_utf8(std::hint::black_box(ADD)).is_err(),
        "the sample add.csv is Windows-1252"
    );
    let entries = sample();
    assert_eq!(
        entry(&entries, "90002").addresses,
        vec!["Calle 50, Edificio Océano, Piso 3, Ciudad de Panamá, Panama"]
    );
    assert!(entries
        .iter()
        .all(|e| e.aliases.iter().all(|a| a.name != "NOT IN SDN CSV")));
}

mod refusals;
