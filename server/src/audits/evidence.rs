//! A campaign's evidence as CSV (RFC 4180), safe to open in a spreadsheet (SECURITY.md E5).
//! Pure: rows in, text out.
//!
//! HR and auditors open these files in Excel, and a cell that starts with `=` is a formula there:
//! a candidate who names themselves `=HYPERLINK("http://evil","click")` would otherwise get a
//! live link (or worse) into the auditor's spreadsheet.

/// One line of the evidence: an item, its grant, its decision and the screening behind it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EvidenceRow {
    pub item_id: i64,
    pub grant_id: i64,
    pub repository: String,
    pub tier: String,
    pub permission: String,
    pub person_id: i64,
    pub person_name: String,
    pub login: String,
    pub granted_at: String,
    pub expires_at: String,
    /// E-mails joined with "; ".
    pub approvers: String,
    pub reviewer: String,
    pub decision: String,
    pub reason: String,
    pub decided_by: String,
    pub decided_at: String,
    pub screening_band: String,
    pub screening_decision: String,
    pub screening_decided_at: String,
    pub outlives_screening: bool,
}

/// The column names, in the order [`evidence_csv`] writes them.
const HEADER: &str = "item_id,grant_id,repository,tier,permission,person_id,person_name,login,\
granted_at,expires_at,approvers,reviewer,decision,reason,decided_by,decided_at,screening_band,\
screening_decision,screening_decided_at,outlives_screening";

/// RFC 4180 line end.
const CRLF: &str = "\r\n";

/// One CSV cell: a value starting with = + - @ TAB or CR (after leading whitespace too) is
/// prefixed with a single quote so spreadsheets show it as text (SECURITY.md E5); then quoted
/// per RFC 4180 when it holds a comma, quote, CR or LF (quotes doubled).
///
/// A leading NUL is guarded too (E5 lists it). The quote goes inside the RFC 4180 quotes, where
/// the spreadsheet sees it as the cell's first character.
pub fn csv_cell(value: &str) -> String {
    let guard = starts_like_a_formula(value);
    let quote = value.contains([',', '"', '\r', '\n']);
    let mut out = String::with_capacity(value.len() + 4);
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    for c in value.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
    out
}

/// Spreadsheets skip leading spaces before deciding a cell is a formula (` =1+1` still runs),
/// so the check looks past them; a TAB or CR anywhere in that leading run counts on its own.
fn starts_like_a_formula(value: &str) -> bool {
    for c in value.chars() {
        match c {
            '=' | '+' | '-' | '@' | '\t' | '\r' | '\0' => return true,
            c if c.is_whitespace() => continue,
            _ => return false,
        }
    }
    false
}

/// Header line then one line per row, CRLF line ends (RFC 4180). Header:
/// item_id,grant_id,repository,tier,permission,person_id,person_name,login,granted_at,expires_at,approvers,reviewer,decision,reason,decided_by,decided_at,screening_band,screening_decision,screening_decided_at,outlives_screening
///
/// Every cell, numbers included, goes through [`csv_cell`], so no column can be overlooked.
pub fn evidence_csv(rows: &[EvidenceRow]) -> String {
    let mut out = String::with_capacity(HEADER.len() + 2 + rows.len() * 256);
    out.push_str(HEADER);
    out.push_str(CRLF);
    for row in rows {
        let item_id = row.item_id.to_string();
        let grant_id = row.grant_id.to_string();
        let person_id = row.person_id.to_string();
        let outlives = if row.outlives_screening {
            "true"
        } else {
            "false"
        };
        let cells: [&str; 20] = [
            &item_id,
            &grant_id,
            &row.repository,
            &row.tier,
            &row.permission,
            &person_id,
            &row.person_name,
            &row.login,
            &row.granted_at,
            &row.expires_at,
            &row.approvers,
            &row.reviewer,
            &row.decision,
            &row.reason,
            &row.decided_by,
            &row.decided_at,
            &row.screening_band,
            &row.screening_decision,
            &row.screening_decided_at,
            outlives,
        ];
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&csv_cell(cell));
        }
        out.push_str(CRLF);
    }
    out
}

#[cfg(test)]
mod tests;
