//! The four OFAC CSV files, row by row (layouts in INDICATORS.md §5.2). No header rows; `-0-`
//! (often `-0- `) is null; every row must have its file's exact number of fields, so a file cut
//! mid-row or a file of another format is refused naming the line.

use crate::watchlists::countries;
use crate::watchlists::csv_records::{self, Record};
use crate::watchlists::encoding;
use crate::watchlists::entry::{collapse_spaces, AliasKind, EntryKind};
use crate::watchlists::error::{snippet, ParseError};
use crate::watchlists::limits::Limits;

pub const SDN_FILE: &str = "sdn.csv";
pub const ALT_FILE: &str = "alt.csv";
pub const ADD_FILE: &str = "add.csv";
pub const COMMENTS_FILE: &str = "sdn_comments.csv";

/// `sdn.csv`: `ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT,
/// Vess_flag, Vess_owner, Remarks`.
#[derive(Debug)]
pub struct SdnRow {
    pub line: usize,
    pub ent_num: u64,
    pub name: String,
    pub kind: EntryKind,
    pub programs: Vec<String>,
    pub call_sign: Option<String>,
    pub vessel_flag: Option<String>,
    /// Exactly as written (not trimmed): it may end mid-word and continue in `sdn_comments.csv`.
    pub remarks: Option<String>,
}

/// `alt.csv`: `ent_num, alt_num, alt_type, alt_name, alt_remarks`.
#[derive(Debug)]
pub struct AltRow {
    pub ent_num: u64,
    pub kind: AliasKind,
    pub name: String,
}

/// `add.csv`: `ent_num, add_num, Address, City/State/Province/Postal Code, Country, Add_remarks`.
#[derive(Debug)]
pub struct AddRow {
    pub ent_num: u64,
    /// The non-null parts joined with ", ".
    pub address: String,
}

/// `sdn_comments.csv`: `ent_num, remarks_extension`.
#[derive(Debug)]
pub struct CommentRow {
    pub ent_num: u64,
    /// Exactly as written: it usually begins mid-word (INDICATORS.md §5.2).
    pub text: String,
}

/// The value of a field, or `None` for OFAC's null `-0-` and for blanks.
pub fn value(field: &str) -> Option<&str> {
    let trimmed = field.trim();
    (!trimmed.is_empty() && trimmed != "-0-").then_some(trimmed)
}

/// `"DPRK3] [DPRK4"` (the outer brackets of `[DPRK3] [DPRK4]` stripped) → `DPRK3`, `DPRK4`.
pub fn programs(field: &str) -> Vec<String> {
    let Some(field) = value(field) else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    for part in field.split(']') {
        let program = part.trim().trim_start_matches('[').trim();
        if !program.is_empty() && !out.iter().any(|p| p == program) {
            out.push(program.to_owned());
        }
    }
    out
}

fn kind(field: &str) -> EntryKind {
    match value(field).map(str::to_ascii_lowercase).as_deref() {
        None => EntryKind::Organization,
        Some("individual") => EntryKind::Person,
        Some("vessel") => EntryKind::Vessel,
        Some("aircraft") => EntryKind::Aircraft,
        Some(_) => EntryKind::Other,
    }
}

fn alias_kind(field: &str) -> AliasKind {
    let lower: String = field
        .chars()
        .filter(|c| c.is_ascii_alphabetic())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    match lower.as_str() {
        "fka" => AliasKind::Former,
        _ => AliasKind::Strong,
    }
}

/// Decodes (UTF-8, else Windows-1252), splits and checks every row has `columns` fields.
fn records(
    file: &str,
    bytes: &[u8],
    columns: usize,
    limits: &Limits,
) -> Result<Vec<Record>, ParseError> {
    limits.check_size(file, bytes.len())?;
    let (text, _) = encoding::lenient(bytes);
    let records = csv_records::read(file, &text, limits)?;
    if let Some(bad) = records.iter().find(|r| r.fields.len() != columns) {
        return Err(ParseError::line(
            file,
            bad.line,
            format!(
                "has {} fields where OFAC's {file} has {columns}: the file is truncated, damaged \
                 or not this format",
                bad.fields.len()
            ),
        ));
    }
    Ok(records)
}

fn ent_num(file: &str, record: &Record) -> Result<u64, ParseError> {
    let raw = record.field(0).trim();
    match raw.parse::<u64>() {
        Ok(n) if n > 0 && raw.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
        _ => Err(ParseError::line(
            file,
            record.line,
            format!(
                "starts with \"{}\" where an ent_num (a whole number) belongs; OFAC's files have \
                 no header row",
                snippet(raw)
            ),
        )),
    }
}

/// The rows of `sdn.csv`.
pub fn sdn(bytes: &[u8], limits: &Limits) -> Result<Vec<SdnRow>, ParseError> {
    let mut rows = Vec::new();
    for record in records(SDN_FILE, bytes, 12, limits)? {
        let ent_num = ent_num(SDN_FILE, &record)?;
        let Some(name) = value(record.field(1)).map(collapse_spaces) else {
            return Err(ParseError::line(
                SDN_FILE,
                record.line,
                format!("ent_num {ent_num} has no name"),
            ));
        };
        let remarks = record.field(11);
        rows.push(SdnRow {
            line: record.line,
            ent_num,
            name,
            kind: kind(record.field(2)),
            programs: programs(record.field(3)),
            call_sign: value(record.field(5)).map(str::to_owned),
            vessel_flag: value(record.field(9)).map(countries::normalise),
            remarks: value(remarks).map(|_| remarks.to_owned()),
        });
    }
    Ok(rows)
}

/// The rows of `alt.csv`; rows without a name are skipped.
pub fn alt(bytes: &[u8], limits: &Limits) -> Result<Vec<AltRow>, ParseError> {
    let mut rows = Vec::new();
    for record in records(ALT_FILE, bytes, 5, limits)? {
        let ent_num = ent_num(ALT_FILE, &record)?;
        if let Some(name) = value(record.field(3)) {
            rows.push(AltRow {
                ent_num,
                kind: alias_kind(record.field(2)),
                name: name.to_owned(),
            });
        }
    }
    Ok(rows)
}

/// The rows of `add.csv`; rows whose parts are all null are skipped.
pub fn add(bytes: &[u8], limits: &Limits) -> Result<Vec<AddRow>, ParseError> {
    let mut rows = Vec::new();
    for record in records(ADD_FILE, bytes, 6, limits)? {
        let ent_num = ent_num(ADD_FILE, &record)?;
        let parts: Vec<String> = (2..=4)
            .filter_map(|i| value(record.field(i)))
            .map(collapse_spaces)
            .collect();
        if !parts.is_empty() {
            rows.push(AddRow {
                ent_num,
                address: parts.join(", "),
            });
        }
    }
    Ok(rows)
}

/// The rows of `sdn_comments.csv`; null continuations are skipped.
pub fn comments(bytes: &[u8], limits: &Limits) -> Result<Vec<CommentRow>, ParseError> {
    let mut rows = Vec::new();
    for record in records(COMMENTS_FILE, bytes, 2, limits)? {
        let ent_num = ent_num(COMMENTS_FILE, &record)?;
        if value(record.field(1)).is_some() {
            rows.push(CommentRow {
                ent_num,
                text: record.field(1).to_owned(),
            });
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    const L: Limits = Limits::OFAC_CSV;

    #[test]
    fn minus_zero_minus_is_null_with_or_without_its_space() {
        assert_eq!(value("-0- "), None);
        assert_eq!(value("-0-"), None);
        assert_eq!(value("  "), None);
        assert_eq!(value(" DPRK3 "), Some("DPRK3"));
    }

    #[test]
    fn programs_split_on_the_inner_brackets() {
        assert_eq!(programs("DPRK3] [DPRK4"), vec!["DPRK3", "DPRK4"]);
        assert_eq!(programs("[NPWMD] [DPRK2]"), vec!["NPWMD", "DPRK2"]);
        assert_eq!(programs("SDNTK] [FTO] [SDGT"), vec!["SDNTK", "FTO", "SDGT"]);
        assert_eq!(programs("DPRK"), vec!["DPRK"]);
        assert!(programs("-0- ").is_empty());
    }

    #[test]
    fn sdn_types_map_to_kinds_with_null_meaning_an_entity() {
        assert_eq!(kind("-0- "), EntryKind::Organization);
        assert_eq!(kind("individual"), EntryKind::Person);
        assert_eq!(kind("vessel"), EntryKind::Vessel);
        assert_eq!(kind("aircraft"), EntryKind::Aircraft);
        assert_eq!(kind("something"), EntryKind::Other);
    }

    #[test]
    fn an_sdn_row_keeps_its_remarks_untrimmed() {
        let rows = sdn(
            b"36001,\"PAK, Chol Su\",\"individual\",\"DPRK2] [DPRK3\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1980; Email Address pa\"\r\n",
            &L,
        )
        .unwrap();
        let row = &rows[0];
        assert_eq!((row.ent_num, row.line), (36001, 1));
        assert_eq!(row.name, "PAK, Chol Su");
        assert_eq!(row.kind, EntryKind::Person);
        assert_eq!(row.programs, vec!["DPRK2", "DPRK3"]);
        assert_eq!(row.call_sign, None);
        assert_eq!(row.remarks.as_deref(), Some("DOB 1980; Email Address pa"));
    }

    #[test]
    fn a_vessel_row_keeps_its_call_sign_and_flag() {
        let rows = sdn(
            b"36010,\"CHON MA SAN\",\"vessel\",\"DPRK\",-0- ,\"HMZF\",\"Tanker\",-0- ,-0- ,\"Korea, North\",-0- ,-0- \n",
            &L,
        )
        .unwrap();
        assert_eq!(rows[0].call_sign.as_deref(), Some("HMZF"));
        assert_eq!(rows[0].vessel_flag.as_deref(), Some("KP"));
        assert_eq!(rows[0].remarks, None);
    }

    #[test]
    fn a_short_row_is_refused_naming_its_line() {
        let text = b"1,\"A\",-0- ,\"DPRK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n2,\"B\",-0- \n";
        let error = sdn(text, &L).unwrap_err();
        assert!(error
            .to_string()
            .starts_with("sdn.csv line 2: has 3 fields"));
    }

    #[test]
    fn a_header_row_or_bad_ent_num_is_refused_naming_its_line() {
        let error = alt(b"ent_num,alt_num,alt_type,alt_name,alt_remarks\n", &L).unwrap_err();
        assert_eq!(error.line_number(), Some(1));
        assert!(error.message.contains("no header row"));
        assert!(alt(b"-5,1,\"aka\",\"X\",-0- \n", &L).is_err());
        assert!(alt(b"0,1,\"aka\",\"X\",-0- \n", &L).is_err());
    }

    #[test]
    fn an_sdn_row_without_a_name_is_refused() {
        let text = b"7,-0- ,-0- ,\"DPRK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n";
        assert!(sdn(text, &L).unwrap_err().message.contains("has no name"));
    }

    #[test]
    fn alias_types_map_to_alias_kinds() {
        let rows = alt(
            b"1,10,\"aka\",\"KIM, Se-u'n\",-0- \n1,11,\"fka\",\"OLD NAME\",-0- \n1,12,\"nka\",\"NEW NAME\",-0- \n1,13,\"aka\",-0- ,-0- \n",
            &L,
        )
        .unwrap();
        let kinds: Vec<AliasKind> = rows.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            vec![AliasKind::Strong, AliasKind::Former, AliasKind::Strong]
        );
        assert_eq!(rows[0].name, "KIM, Se-u'n");
    }

    #[test]
    fn address_parts_are_joined_and_null_parts_dropped() {
        let rows = add(
            b"24977,45352,\"No. 213-214,  Building 2, Yanji Zone\",-0- ,\"China\",-0- \n43377,64806,-0- ,-0- ,\"Russia\",-0- \n9,1,-0- ,-0- ,-0- ,-0- \n",
            &L,
        )
        .unwrap();
        let addresses: Vec<&str> = rows.iter().map(|r| r.address.as_str()).collect();
        assert_eq!(
            addresses,
            vec!["No. 213-214, Building 2, Yanji Zone, China", "Russia"]
        );
    }

    #[test]
    fn comment_text_is_kept_exactly() {
        let rows = comments(b"42496,\" alt. Digital Currency Address - XBT 12j\"\n", &L).unwrap();
        assert_eq!(rows[0].text, " alt. Digital Currency Address - XBT 12j");
    }
}
