//! Audit-log export files and their offline verification (SECURITY.md F). Pure: the caller
//! opens the file and hands over a reader; nothing here touches the disk or the clock.
//!
//! An export is JSON lines: a header naming the format, its version and the sequence range, then
//! one line per entry with its content and both hashes. An auditor can check the file without
//! our database: every entry must hash to what it says and link to the one before. The first
//! entry's `prev_hash` has to be taken on trust (its predecessor is not in the file), except for
//! a range starting at entry 1, whose predecessor is [`GENESIS`]; compare the last hash with the
//! head hash in the campaign report to anchor the range.
//!
//! `details` travels as a JSON *string*, not as nested JSON: the hash covers its exact bytes, and
//! a nested object could be reformatted (key order, spacing, number forms) by any tool on the way.

use super::chain::{from_hex, to_hex, ChainVerifier, ChainedEntry, EntryContent, GENESIS};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;
use std::io::{BufRead, Read};

/// The `format` every export header carries.
pub const FORMAT: &str = "clearance-audit-export";
/// The version of the line layout below.
pub const VERSION: u32 = 1;

/// Longest line we read (1 MiB): far above any real entry, and it keeps a hostile file from
/// making the verifier hold gigabytes for one "line".
const MAX_LINE_BYTES: u64 = 1 << 20;

/// The first line of an export file (JSON).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportHeader {
    pub format: String,
    pub version: u32,
    /// The first and last sequence numbers in the file, inclusive.
    pub from_seq: i64,
    pub to_seq: i64,
    /// RFC 3339, UTC.
    pub exported_at: String,
}

/// One entry line, field for field.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryLine<'a> {
    seq: i64,
    at_ms: i64,
    actor: Cow<'a, str>,
    action: Cow<'a, str>,
    subject: Cow<'a, str>,
    details: Cow<'a, str>,
    prev_hash: Cow<'a, str>,
    hash: Cow<'a, str>,
}

/// The header line, then one JSON line per entry:
/// {"seq","at_ms","actor","action","subject","details","prev_hash","hash"} (hashes hex). Each
/// line ends with "\n".
pub fn header_line(header: &ExportHeader) -> String {
    json_line(header)
}

/// One entry's line (see [`header_line`]).
pub fn entry_line(entry: &ChainedEntry) -> String {
    let content = &entry.content;
    json_line(&EntryLine {
        seq: content.seq,
        at_ms: content.at_ms,
        actor: Cow::Borrowed(&content.actor),
        action: Cow::Borrowed(&content.action),
        subject: Cow::Borrowed(&content.subject),
        details: Cow::Borrowed(&content.details),
        prev_hash: Cow::Owned(to_hex(&entry.prev_hash)),
        hash: Cow::Owned(to_hex(&entry.hash)),
    })
}

fn json_line(value: &impl Serialize) -> String {
    // Serialising strings and integers into a String cannot fail; were it ever to, the empty
    // line would fail verification rather than pass unnoticed.
    let mut line = serde_json::to_string(value).unwrap_or_default();
    line.push('\n');
    line
}

/// An export that checked out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportVerified {
    pub from_seq: i64,
    pub to_seq: i64,
    pub entries: u64,
    /// Hex hash of the last entry: compare it with the head hash in the campaign report.
    pub last_hash: String,
}

/// Where and why an export does not check out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportBroken {
    /// 1-based line number in the file.
    pub line: usize,
    /// The sequence number at fault, when one can be named.
    pub seq: Option<i64>,
    pub message: String,
}

/// What `server verify-audit-export` prints on success.
impl fmt::Display for ExportVerified {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "OK: entries {}..{} ({}) verified; last hash {}",
            self.from_seq, self.to_seq, self.entries, self.last_hash
        )
    }
}

/// What `server verify-audit-export` prints on failure.
impl fmt::Display for ExportBroken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.seq {
            Some(seq) => write!(
                f,
                "BROKEN at sequence {seq} (line {}): {}",
                self.line, self.message
            ),
            None => write!(f, "BROKEN at line {}: {}", self.line, self.message),
        }
    }
}

fn broken(line: usize, seq: Option<i64>, message: impl Into<String>) -> ExportBroken {
    ExportBroken {
        line,
        seq,
        message: message.into(),
    }
}

/// Verifies an export from its text, line by line, in constant memory per line: the header's
/// format and version, every entry's JSON, the chain (ChainVerifier::resume(from_seq, first
/// entry's prev_hash) — the first entry's prev_hash is trusted, everything after is checked),
/// that the entries run exactly from_seq..=to_seq with no gaps, and that nothing follows. A
/// broken chain names the sequence number (from ChainBreak.seq) and what is wrong.
pub fn verify_export(reader: impl BufRead) -> Result<ExportVerified, ExportBroken> {
    let mut reader = reader;
    let mut text = String::new();
    if !next_line(&mut reader, &mut text, 1)? {
        return Err(broken(
            1,
            None,
            "the file is empty; an export starts with its header line",
        ));
    }
    let header = parse_header(&text)?;
    let mut verifier: Option<ChainVerifier> = None;
    let mut line = 1;
    let mut next_seq = header.from_seq;
    while next_seq <= header.to_seq {
        line += 1;
        if !next_line(&mut reader, &mut text, line)? {
            return Err(broken(
                line,
                Some(next_seq),
                format!(
                    "the export ends before entry {next_seq}, but its header says it runs to {}",
                    header.to_seq
                ),
            ));
        }
        let entry = parse_entry(&text, line)?;
        let chain = verifier.get_or_insert_with(|| {
            // A range that starts the log has a known predecessor: nothing.
            let first_prev = if header.from_seq == 1 {
                GENESIS
            } else {
                entry.prev_hash
            };
            ChainVerifier::resume(header.from_seq, first_prev)
        });
        chain
            .push(&entry)
            .map_err(|b| broken(line, Some(b.seq), b.to_string()))?;
        next_seq += 1;
    }
    line += 1;
    if next_line(&mut reader, &mut text, line)? {
        return Err(broken(
            line,
            None,
            format!(
                "something follows entry {}, the last one the header declares; an export ends \
                 there",
                header.to_seq
            ),
        ));
    }
    let Some(chain) = verifier else {
        // parse_header refuses an empty range, so at least one entry was checked.
        return Err(broken(1, None, "the export holds no entries"));
    };
    let verified = chain.verified();
    Ok(ExportVerified {
        from_seq: header.from_seq,
        to_seq: header.to_seq,
        entries: verified.entries,
        last_hash: to_hex(&verified.head_hash),
    })
}

/// Reads the next line into `text` (replacing what was there); `false` at the end of the file.
fn next_line<R: BufRead>(
    reader: &mut R,
    text: &mut String,
    line: usize,
) -> Result<bool, ExportBroken> {
    text.clear();
    let read = Read::by_ref(reader)
        .take(MAX_LINE_BYTES + 1)
        .read_line(text)
        .map_err(|err| match err.kind() {
            std::io::ErrorKind::InvalidData => broken(line, None, "the line is not UTF-8 text"),
            _ => broken(line, None, format!("the file could not be read: {err}")),
        })?;
    if (read as u64) > MAX_LINE_BYTES {
        return Err(broken(
            line,
            None,
            format!("the line is longer than {MAX_LINE_BYTES} bytes; no audit entry is that long"),
        ));
    }
    Ok(read > 0)
}

/// The format and version are checked before the rest, so that a file of another kind is named
/// as such rather than reported as a header with missing fields.
fn parse_header(text: &str) -> Result<ExportHeader, ExportBroken> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|err| {
        broken(
            1,
            None,
            format!(
                "the first line is not an export header ({})",
                json_problem(&err)
            ),
        )
    })?;
    let format = value.get("format").and_then(serde_json::Value::as_str);
    if format != Some(FORMAT) {
        let found = format.map_or_else(|| "missing".to_owned(), |f| format!("{f:?}"));
        return Err(broken(
            1,
            None,
            format!(
                "this is not a Clearance audit export: its format is {found}, not \"{FORMAT}\""
            ),
        ));
    }
    let version = value.get("version").and_then(serde_json::Value::as_u64);
    if version != Some(u64::from(VERSION)) {
        let found = version.map_or_else(|| "missing".to_owned(), |v| v.to_string());
        return Err(broken(
            1,
            None,
            format!(
                "export version {found} cannot be read here (this server reads version {VERSION})"
            ),
        ));
    }
    let header: ExportHeader = serde_json::from_value(value).map_err(|err| {
        broken(
            1,
            None,
            format!("the header is incomplete ({})", json_problem(&err)),
        )
    })?;
    // i64::MAX is refused so that counting past the last entry cannot overflow.
    if header.from_seq < 1 || header.to_seq < header.from_seq || header.to_seq == i64::MAX {
        return Err(broken(
            1,
            None,
            format!(
                "the header's range {}..{} is not a range of audit-log entries",
                header.from_seq, header.to_seq
            ),
        ));
    }
    Ok(header)
}

fn parse_entry(text: &str, line: usize) -> Result<ChainedEntry, ExportBroken> {
    let parsed: EntryLine = serde_json::from_str(text).map_err(|err| {
        broken(
            line,
            None,
            format!(
                "the line is not an audit-log entry ({})",
                json_problem(&err)
            ),
        )
    })?;
    let seq = parsed.seq;
    let hash_of = |name: &str, hex: &str| {
        from_hex(hex).ok_or_else(|| {
            broken(
                line,
                Some(seq),
                format!("entry {seq}'s {name} is not 64 hexadecimal digits"),
            )
        })
    };
    let prev_hash = hash_of("prev_hash", &parsed.prev_hash)?;
    let hash = hash_of("hash", &parsed.hash)?;
    Ok(ChainedEntry {
        content: EntryContent {
            seq,
            at_ms: parsed.at_ms,
            actor: parsed.actor.into_owned(),
            action: parsed.action.into_owned(),
            subject: parsed.subject.into_owned(),
            details: parsed.details.into_owned(),
        },
        prev_hash,
        hash,
    })
}

/// serde_json's message without its "at line 1 column N" (every JSON text here is one line, so
/// "line 1" would contradict the file's line number printed beside it); the column stays.
fn json_problem(err: &serde_json::Error) -> String {
    let text = err.to_string();
    let position = format!(" at line {} column {}", err.line(), err.column());
    match text.strip_suffix(&position) {
        Some(what) if err.column() > 0 => format!("{what}, at column {}", err.column()),
        Some(what) => what.to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests;
