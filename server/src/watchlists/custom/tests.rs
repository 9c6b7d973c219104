//! Custom lists on the project's sample file and on inline rows.

use super::*;
use crate::watchlists::entry::{IdNumber, Wallet};
use crate::watchlists::mutate;

const SAMPLE: &[u8] = include_bytes!("../../../tests/fixtures/watchlists/custom.csv");

fn sample() -> Vec<Entry> {
    parse_custom("internal_incidents", SAMPLE).unwrap()
}

#[test]
fn every_kind_lands_in_its_field() {
    let entries = sample();
    // Eleven rows, one repeating an earlier kind and value.
    assert_eq!(entries.len(), 10);
    assert!(entries.iter().all(|e| e.source == "internal_incidents"));
    assert!(entries.iter().all(|e| e.kind == EntryKind::Other));
    assert_eq!(entries[0].name, "Jiho Han");
    assert_eq!(entries[1].emails, vec!["kcj.devops@example.com"]);
    assert_eq!(entries[2].phones, vec!["+1 555 0100 123"]);
    assert_eq!(
        entries[3].wallets,
        vec![Wallet {
            ticker: Some("ETH".into()),
            address: "0x098b716b8aaf21512996dc57eb0615e2383e2f96".into()
        }]
    );
    assert_eq!(entries[4].wallets[0].ticker, None);
    assert_eq!(entries[5].bank_accounts, vec!["GB33BUKB20201555555555"]);
    assert_eq!(
        entries[6].addresses,
        vec!["1200 Example Ave, Apt 4, Springfield, IL 62701, US"]
    );
    assert_eq!(entries[7].github_logins, vec!["octo-fixture-dev"]);
    assert_eq!(entries[8].websites, vec!["silverstar-fixture.example"]);
    assert_eq!(
        entries[9].id_numbers,
        vec![IdNumber {
            kind: "id_number".into(),
            number: "745310001".into(),
            country: None
        }]
    );
}

#[test]
fn identifier_rows_have_no_name_and_keep_label_and_provenance() {
    let entries = sample();
    assert!(entries[1..].iter().all(|e| e.name.is_empty()));
    assert_eq!(
        entries[1].remarks.as_deref(),
        Some("Persona email from incident 2026-014")
    );
    assert_eq!(
        entries[1].provenance.as_deref(),
        Some("internal incident 2026-014")
    );
}

#[test]
fn ids_are_stable_hashes_of_kind_and_value() {
    let entries = sample();
    assert_eq!(entries[1].id, stable_id("email", "kcj.devops@example.com"));
    assert!(entries[1].id.starts_with("custom:"));
    assert_eq!(entries[1].id.len(), "custom:".len() + 16);
    assert_ne!(stable_id("email", "a"), stable_id("phone", "a"));
    // Reordering rows or editing labels keeps every id.
    let reordered = b"source,value,kind\nx,kcj.devops@example.com,email\n";
    let again = parse_custom("internal_incidents", reordered).unwrap();
    assert_eq!(again[0].id, entries[1].id);
    assert_eq!(again[0].remarks, None);
}

#[test]
fn an_unknown_kind_is_refused_naming_the_line() {
    let error = parse_custom("x", b"kind,value\nemail,a@b.co\ntelegram,@someone\n").unwrap_err();
    assert_eq!(error.file, "custom.csv");
    assert_eq!(error.line_number(), Some(3));
    assert!(error.message.contains("\"telegram\""), "{error}");
    assert!(error.message.contains("github_login"), "{error}");
}

#[test]
fn header_and_row_problems_are_refused_naming_the_line() {
    let cases: [(&[u8], Option<usize>); 8] = [
        (b"", None),
        (b"kind,value,colour\n", Some(1)),
        (b"kind,kind,value\n", Some(1)),
        (b"label,source\n", Some(1)),
        (b"kind,value\nemail, \n", Some(2)),
        (b"kind,value,label\nemail,a@b.co\n", Some(2)),
        (b"kind,value\nwallet,ETH 0xabc extra\n", Some(2)),
        (b"kind,value\nname,\"Kim\nemail,a@b.co\n", Some(2)),
    ];
    for (text, line) in cases {
        let error = parse_custom("x", text).unwrap_err();
        assert_eq!(error.line_number(), line, "{error}");
    }
}

#[test]
fn a_windows_1252_export_and_a_byte_order_mark_are_read() {
    let entries = parse_custom("x", b"kind,value\r\nname,Jos\xe9 P\xe9rez\r\n").unwrap();
    assert_eq!(entries[0].name, "José Pérez");
    let entries = parse_custom("x", "\u{feff}kind,value\nname,Kim\n".as_bytes()).unwrap();
    assert_eq!(entries[0].name, "Kim");
}

#[test]
fn kinds_and_columns_are_case_insensitive() {
    let entries = parse_custom("x", b"KIND,Value\nEmail,a@b.co\n").unwrap();
    assert_eq!(entries[0].emails, vec!["a@b.co"]);
}

#[test]
fn too_many_rows_are_refused() {
    let few = Limits {
        max_rows: 3,
        ..Limits::CUSTOM
    };
    let error = parse_custom_with("x", SAMPLE, &few).unwrap_err();
    assert_eq!(error.line_number(), Some(4));
}

#[test]
fn damaged_copies_of_the_sample_never_panic() {
    for damaged in mutate::mutations(SAMPLE, 31, 300) {
        let _ = parse_custom("x", &damaged);
    }
    for noise in mutate::noise(32, 100, 300) {
        let _ = parse_custom("x", &noise);
    }
}
