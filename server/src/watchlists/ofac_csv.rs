//! OFAC's SDN list in its CSV form (INDICATORS.md §5.1, §5.2): `sdn.csv` joined with `alt.csv`
//! (aliases), `add.csv` (addresses) and `sdn_comments.csv` (Remarks continuations) on
//! `ent_num`. The consolidated (non-SDN) list has the same layout (`cons_prim.csv`, …) and
//! parses the same way under another source name.
//!
//! Each file is read as UTF-8 when it is valid UTF-8 and as Windows-1252 otherwise (never
//! refused for its encoding). Remarks are joined with their continuation *before* being split
//! into facts (INDICATORS.md §5.2). Rows of `alt.csv`, `add.csv` and `sdn_comments.csv` whose
//! `ent_num` is not in `sdn.csv` are ignored; an `ent_num` twice in `sdn.csv` is an error.

mod remarks;
mod rows;

use std::collections::HashMap;

pub use remarks::ID_LABELS;
pub use rows::{ADD_FILE, ALT_FILE, COMMENTS_FILE, SDN_FILE};

use super::entry::{push_unique, Entry};
use super::error::ParseError;
use super::limits::Limits;

/// The source name of OFAC's SDN list (the one OpenSanctions uses too).
pub const OFAC_SDN_SOURCE: &str = "us_ofac_sdn";

/// The bytes of the four files. An empty slice stands for an absent file (no rows).
#[derive(Clone, Copy, Debug, Default)]
pub struct OfacCsvFiles<'a> {
    pub sdn: &'a [u8],
    pub alt: &'a [u8],
    pub add: &'a [u8],
    pub comments: &'a [u8],
}

/// Parses the set under [`Limits::OFAC_CSV`]. Entries come in `sdn.csv` order.
pub fn parse_ofac_csv(source: &str, files: &OfacCsvFiles<'_>) -> Result<Vec<Entry>, ParseError> {
    parse_ofac_csv_with(source, files, &Limits::OFAC_CSV)
}

/// [`parse_ofac_csv`] under the given limits (applied to each file).
pub fn parse_ofac_csv_with(
    source: &str,
    files: &OfacCsvFiles<'_>,
    limits: &Limits,
) -> Result<Vec<Entry>, ParseError> {
    for (file, bytes) in [
        (SDN_FILE, files.sdn),
        (ALT_FILE, files.alt),
        (ADD_FILE, files.add),
        (COMMENTS_FILE, files.comments),
    ] {
        limits.check_size(file, bytes.len())?;
    }
    let sdn = rows::sdn(files.sdn, limits)?;
    let alt = rows::alt(files.alt, limits)?;
    let add = rows::add(files.add, limits)?;
    let comments = rows::comments(files.comments, limits)?;

    let mut continuations: HashMap<u64, String> = HashMap::new();
    for row in comments {
        continuations
            .entry(row.ent_num)
            .or_default()
            .push_str(&row.text);
    }

    // ent_num → (index in entries, line in sdn.csv)
    let mut index: HashMap<u64, (usize, usize)> = HashMap::new();
    let mut entries = Vec::new();
    for row in sdn {
        if let Some((_, first)) = index.get(&row.ent_num) {
            return Err(ParseError::line(
                SDN_FILE,
                row.line,
                format!(
                    "repeats ent_num {} (first on line {first}): the file is damaged",
                    row.ent_num
                ),
            ));
        }
        index.insert(row.ent_num, (entries.len(), row.line));
        let mut entry = Entry::new(source, row.ent_num.to_string(), row.kind, &row.name);
        entry.programs = row.programs;
        if let Some(call_sign) = &row.call_sign {
            entry.add_id_number("Call Sign", call_sign, row.vessel_flag.clone());
        }
        // INDICATORS.md §5.2: join first, then split. The continuation begins mid-token.
        let mut joined = row.remarks.unwrap_or_default();
        if let Some(more) = continuations.remove(&row.ent_num) {
            joined.push_str(&more);
        }
        remarks::apply(&mut entry, &joined);
        entries.push(entry);
    }

    for row in alt {
        if let Some(entry) = index
            .get(&row.ent_num)
            .and_then(|(i, _)| entries.get_mut(*i))
        {
            entry.add_alias(&row.name, row.kind);
        }
    }
    for row in add {
        if let Some(entry) = index
            .get(&row.ent_num)
            .and_then(|(i, _)| entries.get_mut(*i))
        {
            push_unique(&mut entry.addresses, &row.address);
        }
    }
    Ok(entries)
}

#[cfg(test)]
mod tests;
