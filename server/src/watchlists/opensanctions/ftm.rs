//! `entities.ftm.json`: one FollowTheMoney entity per line, every property a list of strings
//! (INDICATORS.md §5.4). Parties (Person, Organization, Company, LegalEntity, PublicBody, Vessel,
//! Airplane) become entries, except those marked `"target": false` (related but not listed).
//! Three other schemas add to the party they reference, whichever line comes first:
//! - CryptoWallet: `publicKey` + `currency`/`currencySymbol` → a wallet of its `holder`; a wallet
//!   whose holder is not an entry of the file becomes an entry of its own (kind Other, no name),
//!   so a listed address is never lost (KNOWN-02).
//! - Sanction: `programId`, else `program` → programmes of its `entity`.
//! - Identification / Passport: `number` (+ `country`, `type`) → an identity number of its
//!   `holder`.
//!
//! Any line that is not a complete JSON object with `id` and `schema` (a file cut mid-object)
//! is refused naming the line.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

use super::party_kind;
use crate::watchlists::countries;
use crate::watchlists::encoding;
use crate::watchlists::entry::{push_unique, AliasKind, Entry, EntryKind};
use crate::watchlists::error::{snippet, ParseError};
use crate::watchlists::limits::Limits;

/// The file name used in errors.
pub const FTM_FILE: &str = "entities.ftm.json";

type Props = HashMap<String, Vec<Value>>;

#[derive(Deserialize)]
struct RawEntity {
    id: String,
    schema: String,
    #[serde(default)]
    caption: Option<String>,
    #[serde(default)]
    properties: Props,
    #[serde(default)]
    target: Option<bool>,
}

/// FtM identifier properties copied into `id_numbers` (the property name is the kind).
const ID_PROPERTIES: &[&str] = &[
    "passportNumber",
    "idNumber",
    "socialSecurityNumber",
    "taxNumber",
    "registrationNumber",
    "uscCode",
    "innCode",
    "ogrnCode",
    "leiCode",
    "dunsCode",
    "swiftBic",
    "bicCode",
    "vatCode",
    "okpoCode",
    "uniqueEntityId",
    "imoNumber",
    "mmsi",
    "callSign",
    "serialNumber",
];

fn strings<'a>(props: &'a Props, key: &str) -> impl Iterator<Item = &'a str> + 'a {
    props
        .get(key)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}

fn first<'a>(props: &'a Props, key: &str) -> Option<&'a str> {
    strings(props, key).map(str::trim).find(|s| !s.is_empty())
}

/// Parses `bytes` under [`Limits::FTM`].
pub fn parse_ftm(source: &str, bytes: &[u8]) -> Result<Vec<Entry>, ParseError> {
    parse_ftm_with(source, bytes, &Limits::FTM)
}

/// [`parse_ftm`] under the given limits.
pub fn parse_ftm_with(
    source: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Vec<Entry>, ParseError> {
    limits.check_size(FTM_FILE, bytes.len())?;
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(bytes);
    let mut entries: Vec<Entry> = Vec::new();
    // party id → (index in entries, line)
    let mut index: HashMap<String, (usize, usize)> = HashMap::new();
    let mut links: Vec<RawEntity> = Vec::new();
    let mut rows = 0;
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        let number = i + 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        rows += 1;
        limits.check_rows(FTM_FILE, number, rows)?;
        if line.len() > limits.max_field_bytes {
            return Err(ParseError::line(
                FTM_FILE,
                number,
                format!("is longer than {} bytes", limits.max_field_bytes),
            ));
        }
        let raw = entity(line, number)?;
        match party_kind(&raw.schema) {
            Some(_) if raw.target == Some(false) => {}
            Some(kind) => {
                if let Some((_, first_line)) = index.get(&raw.id) {
                    return Err(ParseError::line(
                        FTM_FILE,
                        number,
                        format!(
                            "repeats entity id \"{}\" (first on line {first_line})",
                            snippet(&raw.id)
                        ),
                    ));
                }
                index.insert(raw.id.clone(), (entries.len(), number));
                entries.push(party(source, kind, &raw));
            }
            None => {
                if matches!(
                    raw.schema.as_str(),
                    "CryptoWallet" | "Sanction" | "Identification" | "Passport"
                ) {
                    links.push(raw);
                }
            }
        }
    }
    for raw in &links {
        link(source, &mut entries, &index, raw);
    }
    Ok(entries)
}

fn entity(line: &[u8], number: usize) -> Result<RawEntity, ParseError> {
    let line = encoding::utf8_strict(FTM_FILE, line)
        .map_err(|e| ParseError::line(FTM_FILE, number, e.message))?;
    let raw: RawEntity = serde_json::from_str(line.trim()).map_err(|e| {
        ParseError::line(
            FTM_FILE,
            number,
            format!("is not a complete FtM entity (a JSON object with id and schema): {e}"),
        )
    })?;
    if raw.id.trim().is_empty() || raw.schema.trim().is_empty() {
        return Err(ParseError::line(
            FTM_FILE,
            number,
            "has an empty id or schema",
        ));
    }
    Ok(raw)
}

/// A party entity as an entry.
fn party(source: &str, kind: EntryKind, raw: &RawEntity) -> Entry {
    let p = &raw.properties;
    let composed = ["firstName", "middleName", "lastName"]
        .iter()
        .filter_map(|key| first(p, key))
        .collect::<Vec<_>>()
        .join(" ");
    let caption = raw
        .caption
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let name = first(p, "name").or(caption).unwrap_or(composed.as_str());
    let mut entry = Entry::new(source, raw.id.trim(), kind, name);
    for (key, alias_kind) in [
        ("name", AliasKind::Strong),
        ("alias", AliasKind::Strong),
        ("weakAlias", AliasKind::Weak),
        ("previousName", AliasKind::Former),
    ] {
        for alias in strings(p, key) {
            entry.add_alias(alias, alias_kind);
        }
    }
    for date in strings(p, "birthDate") {
        push_unique(&mut entry.birth_dates, date);
    }
    let country_keys: &[&str] = match kind {
        EntryKind::Person => &["nationality", "citizenship"],
        _ => &["country", "jurisdiction", "mainCountry"],
    };
    for key in country_keys {
        for country in strings(p, key) {
            push_unique(&mut entry.nationalities, &countries::normalise(country));
        }
    }
    if kind == EntryKind::Person && entry.nationalities.is_empty() {
        for country in strings(p, "country") {
            push_unique(&mut entry.nationalities, &countries::normalise(country));
        }
    }
    for key in ID_PROPERTIES {
        for number in strings(p, key) {
            entry.add_id_number(key, number, None);
        }
    }
    for (key, list) in [
        ("email", &mut entry.emails),
        ("phone", &mut entry.phones),
        ("website", &mut entry.websites),
        ("address", &mut entry.addresses),
        ("programId", &mut entry.programs),
    ] {
        for value in strings(p, key) {
            push_unique(list, value);
        }
    }
    let notes: Vec<&str> = strings(p, "notes")
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect();
    entry.remarks = (!notes.is_empty()).then(|| notes.join("; "));
    entry.provenance = first(p, "sourceUrl").map(str::to_owned);
    entry
}

/// Adds a wallet, sanction or identification to the party it references.
fn link(
    source: &str,
    entries: &mut Vec<Entry>,
    index: &HashMap<String, (usize, usize)>,
    raw: &RawEntity,
) {
    let p = &raw.properties;
    let target_key = if raw.schema == "Sanction" {
        "entity"
    } else {
        "holder"
    };
    let target = strings(p, target_key)
        .filter_map(|id| index.get(id.trim()))
        .map(|(i, _)| *i)
        .next();
    match raw.schema.as_str() {
        "CryptoWallet" => {
            if first(p, "publicKey").is_none() {
                return;
            }
            let ticker = first(p, "currency").or_else(|| first(p, "currencySymbol"));
            let at = match target {
                Some(i) => i,
                None => {
                    let mut own = Entry::new(source, raw.id.trim(), EntryKind::Other, "");
                    own.provenance = first(p, "sourceUrl").map(str::to_owned);
                    entries.push(own);
                    entries.len().saturating_sub(1)
                }
            };
            let Some(holder) = entries.get_mut(at) else {
                return;
            };
            for key in strings(p, "publicKey") {
                holder.add_wallet(ticker, key);
            }
        }
        "Sanction" => {
            let Some(entry) = target.and_then(|i| entries.get_mut(i)) else {
                return;
            };
            let ids: Vec<&str> = strings(p, "programId").collect();
            let programs = if ids.is_empty() {
                strings(p, "program").collect()
            } else {
                ids
            };
            for program in programs {
                push_unique(&mut entry.programs, program);
            }
        }
        _ => {
            let Some(entry) = target.and_then(|i| entries.get_mut(i)) else {
                return;
            };
            let kind = first(p, "type").unwrap_or(raw.schema.as_str());
            let country = first(p, "country").map(countries::normalise);
            for number in strings(p, "number") {
                entry.add_id_number(kind, number, country.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests;
