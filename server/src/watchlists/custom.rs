//! Custom lists (issue 4; KNOWN-05, KNOWN-06, KNOWN-07 in INDICATORS.md §2.3): internal
//! incident indicators and legally reviewed community lists, as CSV with the header
//! `kind,value,label,source` (any order; `label` and `source` optional). Each row is one entry:
//!
//! | kind            | becomes                                                     |
//! |-----------------|-------------------------------------------------------------|
//! | name            | the entry's name (kind Other: person or organisation)       |
//! | email, phone    | `emails`, `phones`                                          |
//! | wallet          | `wallets`: `<address>` or `<TICKER> <address>`              |
//! | bank_account    | `bank_accounts`                                             |
//! | address         | `addresses`                                                 |
//! | github_login    | `github_logins`                                             |
//! | employer_domain | `websites` (a front company's domain, KNOWN-04)             |
//! | id_number       | `id_numbers` with kind `id_number`                          |
//!
//! `label` becomes the remarks and `source` the provenance (KNOWN-06 asks for provenance and
//! date per entry). The id is `custom:` and the first 16 hex digits of SHA-256 over
//! `kind \n value`, so it stays the same across versions of the list and a re-screening can
//! tell a new entry from an old one; a row repeating an earlier kind and value is skipped.
//! The file is read as UTF-8, or Windows-1252 when it is not UTF-8 (spreadsheet exports).

use std::collections::HashSet;

use sha2::{Digest, Sha256};

use super::csv_records;
use super::encoding;
use super::entry::{collapse_spaces, push_unique, Entry, EntryKind};
use super::error::{snippet, ParseError};
use super::limits::Limits;

/// The file name used in errors.
pub const CUSTOM_FILE: &str = "custom.csv";

/// The kinds a row may have.
pub const KINDS: [&str; 9] = [
    "name",
    "email",
    "phone",
    "wallet",
    "bank_account",
    "address",
    "github_login",
    "employer_domain",
    "id_number",
];

const COLUMNS: [&str; 4] = ["kind", "value", "label", "source"];

/// Parses `bytes` under [`Limits::CUSTOM`]; every entry gets `source` as its list.
pub fn parse_custom(source: &str, bytes: &[u8]) -> Result<Vec<Entry>, ParseError> {
    parse_custom_with(source, bytes, &Limits::CUSTOM)
}

/// [`parse_custom`] under the given limits.
pub fn parse_custom_with(
    source: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Vec<Entry>, ParseError> {
    limits.check_size(CUSTOM_FILE, bytes.len())?;
    let (text, _) = encoding::lenient(bytes);
    let mut records = csv_records::read(CUSTOM_FILE, &text, limits)?.into_iter();
    let Some(header) = records.next() else {
        return Err(ParseError::file(
            CUSTOM_FILE,
            "is empty: expected the header kind,value,label,source",
        ));
    };
    let names: Vec<String> = header
        .fields
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    for (i, name) in names.iter().enumerate() {
        if !COLUMNS.contains(&name.as_str())
            || names.get(..i).is_some_and(|before| before.contains(name))
        {
            return Err(ParseError::line(
                CUSTOM_FILE,
                header.line,
                format!(
                    "has the column \"{}\" unknown or twice; the columns are kind,value,label,source",
                    snippet(name)
                ),
            ));
        }
    }
    let position = |column: &str| names.iter().position(|n| n == column);
    let (Some(kind_at), Some(value_at)) = (position("kind"), position("value")) else {
        return Err(ParseError::line(
            CUSTOM_FILE,
            header.line,
            "needs the columns kind and value (and optionally label, source)",
        ));
    };
    let (label_at, source_at) = (position("label"), position("source"));

    let mut entries = Vec::new();
    let mut seen = HashSet::new();
    for record in records {
        let line = record.line;
        if record.fields.len() != names.len() {
            return Err(ParseError::line(
                CUSTOM_FILE,
                line,
                format!(
                    "has {} fields where the header has {} (quote values that contain commas)",
                    record.fields.len(),
                    names.len()
                ),
            ));
        }
        let kind = record.field(kind_at).trim().to_ascii_lowercase();
        if !KINDS.contains(&kind.as_str()) {
            return Err(ParseError::line(
                CUSTOM_FILE,
                line,
                format!(
                    "has the kind \"{}\"; the kinds are {}",
                    snippet(&kind),
                    KINDS.join(", ")
                ),
            ));
        }
        let value = record.field(value_at).trim();
        if value.is_empty() {
            return Err(ParseError::line(CUSTOM_FILE, line, "has an empty value"));
        }
        let id = stable_id(&kind, value);
        if !seen.insert(id.clone()) {
            continue;
        }
        let optional = |at: Option<usize>| {
            at.map(|i| record.field(i).trim())
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let mut entry = Entry::new(source, id, EntryKind::Other, "");
        entry.remarks = optional(label_at);
        entry.provenance = optional(source_at);
        fill(&mut entry, &kind, value)
            .map_err(|message| ParseError::line(CUSTOM_FILE, line, message))?;
        entries.push(entry);
    }
    Ok(entries)
}

/// `custom:` + 16 hex digits of SHA-256 over `kind \n value`.
pub fn stable_id(kind: &str, value: &str) -> String {
    let digest = Sha256::digest(format!("{kind}\n{value}").as_bytes());
    let short: Vec<u8> = digest.iter().copied().take(8).collect();
    format!("custom:{}", hex::encode(short))
}

fn fill(entry: &mut Entry, kind: &str, value: &str) -> Result<(), String> {
    match kind {
        "name" => entry.name = collapse_spaces(value),
        "email" => push_unique(&mut entry.emails, value),
        "phone" => push_unique(&mut entry.phones, value),
        "wallet" => return wallet_into(entry, value),
        "bank_account" => push_unique(&mut entry.bank_accounts, value),
        "address" => push_unique(&mut entry.addresses, value),
        "github_login" => push_unique(&mut entry.github_logins, value),
        "employer_domain" => push_unique(&mut entry.websites, value),
        "id_number" => entry.add_id_number("id_number", value, None),
        // Unreachable: the caller checked `kind` against KINDS.
        _ => return Err(format!("has the kind \"{}\"", snippet(kind))),
    }
    Ok(())
}

/// `<address>` or `<TICKER> <address>`.
fn wallet_into(entry: &mut Entry, value: &str) -> Result<(), String> {
    let mut tokens = value.split_whitespace();
    match (tokens.next(), tokens.next(), tokens.next()) {
        (Some(address), None, None) => entry.add_wallet(None, address),
        (Some(ticker), Some(address), None) if is_ticker(ticker) => {
            entry.add_wallet(Some(ticker), address)
        }
        _ => {
            return Err(format!(
                "has the wallet \"{}\"; write the address, optionally after its ticker \
                 (ETH 0x…)",
                snippet(value)
            ))
        }
    }
    Ok(())
}

fn is_ticker(token: &str) -> bool {
    (2..=10).contains(&token.len()) && token.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests;
