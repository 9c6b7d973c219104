//! Watch lists (issue 4): pure parsers from list files to [`Entry`] values, for the KNOWN-*
//! indicators (INDICATORS.md §2.3). No I/O: each parser takes the file's bytes and returns its
//! entries, or a [`ParseError`] naming the file and the line (`sdn.csv line 14: …`), so a
//! malformed upload is rejected whole and the active list version stays.
//!
//! | parser | reads | spec |
//! |---|---|---|
//! | [`parse_ofac_csv`] | OFAC `sdn.csv` + `alt.csv` + `add.csv` + `sdn_comments.csv` (no header; `-0-` null; programmes `A] [B`; Remarks joined with their continuation, then split into typed facts: DOB, nationality, passport/ID numbers, emails, phones, websites, `Digital Currency Address - <TICKER>` wallets, weak a.k.a.s) | §5.1, §5.2, §5.3 |
//! | [`parse_ofac_xml`] | OFAC `SDN_ADVANCED.XML` (one streaming pass; reference tables resolved by their text, never by number; `Feature`s typed by their feature type: `Digital Currency Address - <TICKER>` wallets, birthdates, nationalities, emails, phones, websites, locations; `IDRegDocuments` and `SanctionsEntries` joined to their party; same ids and facts as the CSV set) | §5.1, §5.3 |
//! | [`parse_ftm`] | OpenSanctions `entities.ftm.json` (FollowTheMoney, one entity per line; Person / Organization / Company / LegalEntity / Vessel / Airplane, with CryptoWallet, Sanction and Identification joined to their party) | §5.4 |
//! | [`parse_targets_simple`] | OpenSanctions `targets.simple.csv` (header row, `;`-joined multi-values) | §5.4 |
//! | [`parse_custom`] | custom lists, `kind,value,label,source` (internal incidents, reviewed community lists) | §2.3 KNOWN-05..07 |
//!
//! Robustness (issue 4 item 6): every parser refuses input over its [`Limits`] before work,
//! refuses truncated input (an unclosed quote at the end of a CSV file, a JSON line cut
//! mid-object, a row with too few fields, an XML element left open) naming the line, never
//! panics, and allocates in proportion to its input only. OFAC and custom CSV files are read as
//! UTF-8, or as Windows-1252 when not valid UTF-8; OpenSanctions files and `SDN_ADVANCED.XML`
//! must be UTF-8.
//!
//! A well-formed file cut short at a line boundary is caught by the import instead: a version
//! with fewer than half the active one's entries needs the importer's word ([`shrink`]).
//!
//! Matching (§6: normalised names, exact identifiers) builds on these entries and is not here.

pub mod countries;
pub mod csv_records;
pub mod custom;
pub mod encoding;
pub mod entry;
pub mod error;
pub mod limits;
pub mod lookup;
pub mod matching;
pub mod ofac_csv;
pub mod ofac_xml;
pub mod opensanctions;
pub mod shrink;

#[cfg(test)]
mod mutate;

pub use custom::{parse_custom, parse_custom_with, CUSTOM_FILE};
pub use entry::{Alias, AliasKind, Entry, EntryKind, IdNumber, Wallet};
pub use error::{Location, ParseError};
pub use limits::Limits;
pub use ofac_csv::{parse_ofac_csv, parse_ofac_csv_with, OfacCsvFiles, OFAC_SDN_SOURCE};
pub use ofac_xml::{parse_ofac_xml, parse_ofac_xml_with, OFAC_XML_FILE};
pub use opensanctions::{
    parse_ftm, parse_ftm_with, parse_targets_simple, parse_targets_simple_with, FTM_FILE,
    TARGETS_FILE,
};
