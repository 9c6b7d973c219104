//! `targets.simple.csv` (INDICATORS.md §5.4): one row per target with a header naming the
//! columns `id, schema, name, aliases, birth_date, countries, addresses, identifiers, sanctions,
//! phones, emails, dataset, first_seen, last_seen, last_change` (newer builds add
//! `program_ids`); multi-valued cells are `;`-joined. `id`, `schema` and `name` are required;
//! other columns may be absent and unknown ones are ignored.
//!
//! The flat file loses what the FtM export keeps: identifiers carry no type (kind
//! `identifier`), addresses containing `;` are split, and a CryptoWallet row's address is
//! taken from its `identifiers` (else its `name`) without a ticker. Prefer `entities.ftm.json`.

use std::collections::HashMap;

use super::party_kind;
use crate::watchlists::countries;
use crate::watchlists::csv_records;
use crate::watchlists::encoding;
use crate::watchlists::entry::{push_unique, AliasKind, Entry, EntryKind};
use crate::watchlists::error::{snippet, ParseError};
use crate::watchlists::limits::Limits;

/// The file name used in errors.
pub const TARGETS_FILE: &str = "targets.simple.csv";

const REQUIRED: [&str; 3] = ["id", "schema", "name"];

/// Parses `bytes` under [`Limits::TARGETS_SIMPLE`].
pub fn parse_targets_simple(source: &str, bytes: &[u8]) -> Result<Vec<Entry>, ParseError> {
    parse_targets_simple_with(source, bytes, &Limits::TARGETS_SIMPLE)
}

/// [`parse_targets_simple`] under the given limits.
pub fn parse_targets_simple_with(
    source: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Vec<Entry>, ParseError> {
    limits.check_size(TARGETS_FILE, bytes.len())?;
    let text = encoding::utf8_strict(TARGETS_FILE, bytes)?;
    let mut records = csv_records::read(TARGETS_FILE, text, limits)?.into_iter();
    let Some(header) = records.next() else {
        return Err(ParseError::file(
            TARGETS_FILE,
            "is empty: expected a header row",
        ));
    };
    let columns: HashMap<String, usize> = header
        .fields
        .iter()
        .enumerate()
        .map(|(i, name)| (name.trim().to_ascii_lowercase(), i))
        .collect();
    if let Some(missing) = REQUIRED.iter().find(|c| !columns.contains_key(**c)) {
        return Err(ParseError::line(
            TARGETS_FILE,
            header.line,
            format!("has no \"{missing}\" column: the header must name id, schema and name"),
        ));
    }
    let mut entries = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for record in records {
        if record.fields.len() != header.fields.len() {
            return Err(ParseError::line(
                TARGETS_FILE,
                record.line,
                format!(
                    "has {} fields where the header has {}: the file is truncated or damaged",
                    record.fields.len(),
                    header.fields.len()
                ),
            ));
        }
        let cell = |column: &str| {
            columns
                .get(column)
                .map(|i| record.field(*i).trim())
                .unwrap_or("")
        };
        let many = |column: &str| {
            cell(column)
                .split(';')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .collect::<Vec<&str>>()
        };
        let id = cell("id");
        if id.is_empty() {
            return Err(ParseError::line(
                TARGETS_FILE,
                record.line,
                "has an empty id",
            ));
        }
        if let Some(first) = seen.insert(id.to_owned(), record.line) {
            return Err(ParseError::line(
                TARGETS_FILE,
                record.line,
                format!("repeats id \"{}\" (first on line {first})", snippet(id)),
            ));
        }
        let schema = cell("schema");
        let wallet = schema == "CryptoWallet";
        let kind = party_kind(schema).unwrap_or(EntryKind::Other);
        let mut entry = Entry::new(source, id, kind, if wallet { "" } else { cell("name") });
        if wallet {
            let addresses = many("identifiers");
            let addresses = if addresses.is_empty() {
                many("name")
            } else {
                addresses
            };
            for address in addresses {
                entry.add_wallet(None, address);
            }
        } else {
            for number in many("identifiers") {
                entry.add_id_number("identifier", number, None);
            }
        }
        for alias in many("aliases") {
            entry.add_alias(alias, AliasKind::Strong);
        }
        for country in many("countries") {
            push_unique(&mut entry.nationalities, &countries::normalise(country));
        }
        for (column, list) in [
            ("birth_date", &mut entry.birth_dates),
            ("addresses", &mut entry.addresses),
            ("phones", &mut entry.phones),
            ("emails", &mut entry.emails),
            ("program_ids", &mut entry.programs),
        ] {
            for value in many(column) {
                push_unique(list, value);
            }
        }
        let sanctions = many("sanctions");
        entry.remarks = (!sanctions.is_empty()).then(|| sanctions.join("; "));
        entry.provenance = Some(cell("dataset"))
            .filter(|d| !d.is_empty())
            .map(str::to_owned);
        entries.push(entry);
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::watchlists::mutate;

    const SAMPLE: &[u8] =
        include_bytes!("../../../tests/fixtures/watchlists/opensanctions/targets.simple.csv");

    fn sample() -> Vec<Entry> {
        parse_targets_simple("opensanctions_sanctions", SAMPLE).unwrap()
    }

    #[test]
    fn every_row_is_an_entry_with_its_multi_values_split() {
        let entries = sample();
        assert_eq!(entries.len(), 4);
        let lazarus = &entries[0];
        assert_eq!(
            (lazarus.id.as_str(), lazarus.kind),
            ("NK-fixture-lazarus", EntryKind::Organization)
        );
        assert_eq!(lazarus.name, "Lazarus Group");
        let aliases: Vec<&str> = lazarus.aliases.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(
            aliases,
            vec![
                "Hidden Cobra",
                "Guardians of Peace",
                "APT-C-26",
                "Appleworm"
            ]
        );
        assert_eq!(lazarus.nationalities, vec!["KP"]);
        assert_eq!(lazarus.addresses, vec!["Potonggang District, Pyongyang"]);
        assert_eq!(lazarus.programs, vec!["US-DPRK3"]);
        assert_eq!(
            lazarus.remarks.as_deref(),
            Some("US OFAC Specially Designated Nationals - DPRK3")
        );
        assert_eq!(
            lazarus.provenance.as_deref(),
            Some("US OFAC Specially Designated Nationals (SDN) List")
        );
    }

    #[test]
    fn a_person_row_has_dob_identifiers_and_contacts() {
        let entries = sample();
        let kim = &entries[1];
        assert_eq!(kim.kind, EntryKind::Person);
        assert_eq!(kim.birth_dates, vec!["1988-04-12"]);
        assert_eq!(kim.id_numbers[0].number, "745310001");
        assert_eq!(kim.id_numbers[0].kind, "identifier");
        assert_eq!(kim.phones, vec!["+8613800000101"]);
        assert_eq!(kim.emails, vec!["kcj.devops@example.com"]);
        assert_eq!(entries[2].programs, vec!["US-DPRK3", "US-DPRK4"]);
        assert_eq!(
            entries[2].name,
            "Yanbian Silverstar Network Technology Co., Ltd."
        );
    }

    #[test]
    fn a_crypto_wallet_row_is_a_wallet_without_a_name() {
        let entries = sample();
        let wallet = &entries[3];
        assert_eq!(wallet.kind, EntryKind::Other);
        assert_eq!(wallet.name, "");
        assert_eq!(
            wallet.wallets[0].address,
            "0x098B716B8Aaf21512996dC57EB0615e2383E2f96"
        );
        assert!(wallet.id_numbers.is_empty());
    }

    #[test]
    fn a_minimal_header_is_enough_and_unknown_columns_are_ignored() {
        let entries =
            parse_targets_simple("x", b"name,schema,id,extra\nKim,Person,p1,z\n").unwrap();
        assert_eq!(
            (entries[0].name.as_str(), entries[0].id.as_str()),
            ("Kim", "p1")
        );
    }

    #[test]
    fn structural_problems_are_refused_naming_the_line() {
        let cases: [(&[u8], Option<usize>); 6] = [
            (b"", None),
            (b"id,name\n", Some(1)),
            (b"id,schema,name\np1,Person,A\np2,Person\n", Some(3)),
            (b"id,schema,name\np1,Person,A\np1,Person,B\n", Some(3)),
            (b"id,schema,name\n,Person,A\n", Some(2)),
            (b"id,schema,name\np1,Person,\"cut", Some(2)),
        ];
        for (text, line) in cases {
            let error = parse_targets_simple("x", text).unwrap_err();
            assert_eq!(error.file, "targets.simple.csv");
            assert_eq!(error.line_number(), line, "{error}");
        }
        let error = parse_targets_simple("x", b"id,schema,name\np1,Person,\xff\n").unwrap_err();
        assert_eq!(error.line_number(), Some(2));
    }

    #[test]
    fn damaged_copies_of_the_sample_never_panic() {
        for damaged in mutate::mutations(SAMPLE, 21, 300) {
            let _ = parse_targets_simple("x", &damaged);
        }
        for noise in mutate::noise(22, 100, 300) {
            let _ = parse_targets_simple("x", &noise);
        }
    }
}
