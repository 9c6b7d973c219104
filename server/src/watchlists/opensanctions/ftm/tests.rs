//! `entities.ftm.json` on the project's sample file and on inline and damaged lines.

use super::*;
use crate::watchlists::entry::{Alias, IdNumber, Wallet};
use crate::watchlists::mutate;

const SAMPLE: &[u8] =
    include_bytes!("../../../../tests/fixtures/watchlists/opensanctions/entities.ftm.json");

const LAZARUS_ETH: &str = "0x098B716B8Aaf21512996dC57EB0615e2383E2f96";

fn sample() -> Vec<Entry> {
    parse_ftm("opensanctions_sanctions", SAMPLE).unwrap()
}

fn entry<'a>(entries: &'a [Entry], id: &str) -> &'a Entry {
    entries.iter().find(|e| e.id == id).unwrap()
}

#[test]
fn parties_become_entries_and_links_do_not() {
    let entries = sample();
    let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "NK-fixture-lazarus",
            "NK-fixture-kim-chol-jin",
            "NK-fixture-yanbian-silverstar",
            "NK-fixture-pak-song-il",
            "ofac-fixture-wallet-orphan-usdt"
        ]
    );
    assert!(entries
        .iter()
        .all(|e| e.source == "opensanctions_sanctions"));
}

#[test]
fn a_crypto_wallet_joins_its_holder_with_its_currency() {
    let entries = sample();
    let lazarus = entry(&entries, "NK-fixture-lazarus");
    assert_eq!(lazarus.kind, EntryKind::Organization);
    assert_eq!(
        lazarus.wallets,
        vec![Wallet {
            ticker: Some("ETH".into()),
            address: LAZARUS_ETH.into()
        }]
    );
    assert_eq!(lazarus.programs, vec!["DPRK3"]);
    assert_eq!(lazarus.nationalities, vec!["KP"]);
    assert_eq!(lazarus.addresses, vec!["Potonggang District, Pyongyang"]);
    assert_eq!(
        lazarus.provenance.as_deref(),
        Some("https://sanctionssearch.ofac.treas.gov/Details.aspx?id=27307")
    );
    let weak: Vec<&Alias> = lazarus
        .aliases
        .iter()
        .filter(|a| a.kind == AliasKind::Weak)
        .collect();
    assert_eq!(weak.len(), 1);
    assert_eq!(weak[0].name, "Whois Hacking Team");
    assert_eq!(lazarus.aliases.len(), 5);
}

#[test]
fn a_wallet_without_a_listed_holder_is_an_entry_of_its_own() {
    let entries = sample();
    let orphan = entry(&entries, "ofac-fixture-wallet-orphan-usdt");
    assert_eq!(orphan.kind, EntryKind::Other);
    assert_eq!(orphan.name, "");
    assert_eq!(orphan.wallets[0].ticker.as_deref(), Some("USDT"));
    assert_eq!(orphan.wallets[0].address, "TQclearanceFixtureTronAddr1234");
}

#[test]
fn a_person_has_every_field() {
    let entries = sample();
    let kim = entry(&entries, "NK-fixture-kim-chol-jin");
    assert_eq!(kim.kind, EntryKind::Person);
    assert_eq!(kim.name, "Kim Chol Jin");
    assert_eq!(
        kim.aliases,
        vec![
            Alias {
                name: "Kim Chol-chin".into(),
                kind: AliasKind::Strong
            },
            Alias {
                name: "cj.devops".into(),
                kind: AliasKind::Weak
            }
        ]
    );
    assert_eq!(kim.birth_dates, vec!["1988-04-12"]);
    assert_eq!(kim.nationalities, vec!["KP"]);
    assert_eq!(
        kim.id_numbers,
        vec![IdNumber {
            kind: "passportNumber".into(),
            number: "745310001".into(),
            country: None
        }]
    );
    assert_eq!(kim.emails, vec!["kcj.devops@example.com"]);
    assert_eq!(kim.phones, vec!["+8613800000101"]);
    assert_eq!(kim.websites, vec!["www.silverstar-fixture.example"]);
    // A Sanction's programId is preferred to its program text.
    assert_eq!(kim.programs, vec!["US-DPRK3"]);
    assert_eq!(
        kim.remarks.as_deref(),
        Some("Invented person for the project's sample files.")
    );
}

#[test]
fn a_company_has_aliases_former_names_countries_and_registry_numbers() {
    let entries = sample();
    let yanbian = entry(&entries, "NK-fixture-yanbian-silverstar");
    assert_eq!(yanbian.kind, EntryKind::Organization);
    assert!(yanbian.aliases.contains(&Alias {
        name: "China Silver Star Internet Technology Company".into(),
        kind: AliasKind::Former
    }));
    assert_eq!(yanbian.nationalities, vec!["CN"]);
    assert_eq!(yanbian.id_numbers[0].kind, "uscCode");
    assert_eq!(yanbian.id_numbers[0].number, "91222401MA0Y31E659");
}

#[test]
fn an_identification_joins_its_holder_and_citizenship_counts_as_nationality() {
    let entries = sample();
    let pak = entry(&entries, "NK-fixture-pak-song-il");
    assert_eq!(
        pak.id_numbers,
        vec![IdNumber {
            kind: "Identification Number".into(),
            number: "210302199100000002".into(),
            country: Some("CN".into())
        }]
    );
    // citizenship is there, so the residence-like `country` is not taken as a nationality.
    assert_eq!(pak.nationalities, vec!["KP"]);
    assert_eq!(pak.birth_dates, vec!["1991-11-03", "1990"]);
}

#[test]
fn non_targets_and_other_schemas_are_skipped() {
    let entries = sample();
    assert!(entries.iter().all(|e| e.name != "Relative Not Listed"));
    assert!(entries.iter().all(|e| e.id != "addr-fixture-1"));
}

#[test]
fn a_wallet_line_before_its_holder_still_joins_it() {
    let text = concat!(
        r#"{"id":"w1","schema":"CryptoWallet","properties":{"publicKey":["bc1qexample"],"currencySymbol":["xbt"],"holder":["p1"]}}"#,
        "\r\n\n",
        r#"{"id":"p1","schema":"Person","properties":{"firstName":["Song"],"lastName":["Pak"],"country":["kp"]}}"#,
        "\n"
    );
    let entries = parse_ftm("x", text.as_bytes()).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].name, "Song Pak");
    assert_eq!(entries[0].nationalities, vec!["KP"]);
    assert_eq!(entries[0].wallets[0].ticker.as_deref(), Some("XBT"));
}

#[test]
fn a_line_cut_mid_object_is_refused_naming_the_line() {
    let text = String::from_utf8(SAMPLE.to_vec()).unwrap();
    let cut = &text[..text.find("\"passportNumber\"").unwrap()];
    let line = cut.matches('\n').count() + 1;
    let error = parse_ftm("x", cut.as_bytes()).unwrap_err();
    assert_eq!(error.file, "entities.ftm.json");
    assert_eq!(error.line_number(), Some(line));
    assert!(
        error.message.contains("not a complete FtM entity"),
        "{error}"
    );
}

#[test]
fn lines_without_id_or_schema_or_not_objects_are_refused() {
    for bad in [
        "{\"schema\":\"Person\"}",
        "{\"id\":\"\",\"schema\":\"Person\"}",
        "[1,2]",
        "{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":\"not a list\"}}",
    ] {
        let text = format!("{{\"id\":\"ok\",\"schema\":\"Person\"}}\n{bad}\n");
        let error = parse_ftm("x", text.as_bytes()).unwrap_err();
        assert_eq!(error.line_number(), Some(2), "{bad}: {error}");
    }
}

#[test]
fn a_repeated_party_id_and_invalid_utf8_are_refused() {
    let twice = b"{\"id\":\"a\",\"schema\":\"Person\"}\n{\"id\":\"a\",\"schema\":\"Company\"}\n";
    let error = parse_ftm("x", twice).unwrap_err();
    assert!(error.message.contains("first on line 1"), "{error}");
    let bad = b"{\"id\":\"a\",\"schema\":\"Person\"}\n{\"id\":\"\xff\",\"schema\":\"Person\"}\n";
    assert_eq!(parse_ftm("x", bad).unwrap_err().line_number(), Some(2));
}

#[test]
fn files_and_lines_over_the_limits_are_refused() {
    let small = Limits {
        max_bytes: 100,
        ..Limits::FTM
    };
    assert!(parse_ftm_with("x", SAMPLE, &small)
        .unwrap_err()
        .to_string()
        .starts_with("entities.ftm.json: is "));
    let short_lines = Limits {
        max_field_bytes: 50,
        ..Limits::FTM
    };
    assert_eq!(
        parse_ftm_with("x", SAMPLE, &short_lines)
            .unwrap_err()
            .line_number(),
        Some(1)
    );
    let few = Limits {
        max_rows: 3,
        ..Limits::FTM
    };
    assert_eq!(
        parse_ftm_with("x", SAMPLE, &few).unwrap_err().line_number(),
        Some(4)
    );
}

#[test]
fn damaged_copies_of_the_sample_never_panic() {
    for damaged in mutate::mutations(SAMPLE, 11, 300) {
        let _ = parse_ftm("x", &damaged);
    }
    for noise in mutate::noise(12, 100, 400) {
        let _ = parse_ftm("x", &noise);
    }
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(parse_ftm("x", deep.as_bytes()).is_err());
}
