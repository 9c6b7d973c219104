//! Exports round-trip, and every kind of damage is reported at the right line and sequence.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;
use crate::audits::chain::link;

fn content(seq: i64) -> EntryContent {
    EntryContent {
        seq,
        at_ms: 1_767_000_000_000 + seq * 1_000,
        actor: format!("user:{}", seq % 3 + 1),
        action: "grant.reviewed".into(),
        subject: format!("grant:{seq}"),
        details: format!("{{\"decision\":\"certify\",\"n\":{seq}}}"),
    }
}

/// Entries 1..=n linked from GENESIS, as the log holds them.
fn chain(n: i64) -> Vec<ChainedEntry> {
    let mut prev = GENESIS;
    (1..=n)
        .map(|seq| {
            let entry = link(prev, content(seq));
            prev = entry.hash;
            entry
        })
        .collect()
}

fn header(from_seq: i64, to_seq: i64) -> ExportHeader {
    ExportHeader {
        format: FORMAT.into(),
        version: VERSION,
        from_seq,
        to_seq,
        exported_at: "2026-12-21T08:00:00Z".into(),
    }
}

/// The lines of an export of `entries` (header first), each with its "\n".
fn export_lines(entries: &[ChainedEntry]) -> Vec<String> {
    let from = entries.first().map_or(1, |e| e.content.seq);
    let to = entries.last().map_or(0, |e| e.content.seq);
    let mut lines = vec![header_line(&header(from, to))];
    lines.extend(entries.iter().map(entry_line));
    lines
}

fn verify(lines: &[String]) -> Result<ExportVerified, ExportBroken> {
    verify_export(lines.concat().as_bytes())
}

/// Edits one field of an entry line the way a person with a text editor would.
fn edit(line: &str, field: &str, value: serde_json::Value) -> String {
    let mut json: serde_json::Value = serde_json::from_str(line).unwrap();
    json[field] = value;
    format!("{json}\n")
}

#[test]
fn an_untouched_export_verifies() {
    let entries = chain(5);
    let verified = verify(&export_lines(&entries)).unwrap();
    assert_eq!(
        verified,
        ExportVerified {
            from_seq: 1,
            to_seq: 5,
            entries: 5,
            last_hash: to_hex(&entries[4].hash),
        }
    );
    assert_eq!(
        verified.to_string(),
        format!(
            "OK: entries 1..5 (5) verified; last hash {}",
            to_hex(&entries[4].hash)
        )
    );
}

#[test]
fn a_range_from_the_middle_of_the_log_verifies_from_its_first_prev_hash() {
    let entries = chain(6);
    let verified = verify(&export_lines(&entries[2..5])).unwrap();
    assert_eq!(
        (verified.from_seq, verified.to_seq, verified.entries),
        (3, 5, 3)
    );
    assert_eq!(verified.last_hash, to_hex(&entries[4].hash));
}

#[test]
fn lines_have_the_documented_fields_and_end_with_a_newline() {
    let entry = link(
        GENESIS,
        EntryContent {
            // Pretty-printed, with escapes and non-ASCII: all of it must survive byte for byte.
            details: "{\n  \"reason\": \"two\\nlines, \\\"quoted\\\" é\"\n}".into(),
            ..content(1)
        },
    );
    let line = entry_line(&entry);
    assert!(line.ends_with('\n'));
    assert_eq!(line.matches('\n').count(), 1, "one entry, one line");
    let json: serde_json::Value = serde_json::from_str(&line).unwrap();
    let mut keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "action",
            "actor",
            "at_ms",
            "details",
            "hash",
            "prev_hash",
            "seq",
            "subject"
        ]
    );
    assert_eq!(json["details"], serde_json::json!(entry.content.details));
    assert_eq!(json["hash"], serde_json::json!(to_hex(&entry.hash)));
    assert_eq!(json["prev_hash"], serde_json::json!("0".repeat(64)));
    // The exact bytes survive, so the hash still matches.
    assert_eq!(parse_entry(&line, 2).unwrap(), entry);
}

#[test]
fn the_header_line_round_trips() {
    let line = header_line(&header(3, 9));
    assert!(line.ends_with('\n'));
    let back: ExportHeader = serde_json::from_str(&line).unwrap();
    assert_eq!(back, header(3, 9));
    assert!(line.contains("\"format\":\"clearance-audit-export\""));
}

#[test]
fn edited_details_break_the_chain_at_that_entry() {
    let mut lines = export_lines(&chain(5));
    lines[3] = edit(
        &lines[3],
        "details",
        serde_json::json!("{\"decision\":\"revoke\"}"),
    );
    let err = verify(&lines).unwrap_err();
    assert_eq!((err.line, err.seq), (4, Some(3)));
    assert!(err.message.contains("altered"), "{}", err.message);
    assert_eq!(
        err.to_string(),
        format!("BROKEN at sequence 3 (line 4): {}", err.message)
    );
}

#[test]
fn an_edit_with_a_recomputed_hash_breaks_the_link_to_the_next_entry() {
    let mut entries = chain(5);
    let forged = link(
        entries[2].prev_hash,
        EntryContent {
            actor: "user:99".into(),
            ..entries[2].content.clone()
        },
    );
    entries[2] = forged;
    let err = verify(&export_lines(&entries)).unwrap_err();
    assert_eq!((err.line, err.seq), (5, Some(4)));
    assert!(err.message.contains("does not link"), "{}", err.message);
}

#[test]
fn a_deleted_line_is_named_by_its_missing_sequence_number() {
    let mut lines = export_lines(&chain(5));
    lines.remove(3); // entry 3
    let err = verify(&lines).unwrap_err();
    assert_eq!((err.line, err.seq), (4, Some(3)));
    assert!(
        err.message.contains("entry 3 is missing"),
        "{}",
        err.message
    );
}

#[test]
fn swapped_lines_are_caught() {
    let mut lines = export_lines(&chain(5));
    lines.swap(2, 3);
    let err = verify(&lines).unwrap_err();
    assert_eq!(err.seq, Some(2));
}

#[test]
fn a_missing_last_entry_is_caught_against_the_header() {
    let mut lines = export_lines(&chain(5));
    lines.pop();
    let err = verify(&lines).unwrap_err();
    assert_eq!((err.line, err.seq), (6, Some(5)));
    assert!(
        err.message.contains("ends before entry 5"),
        "{}",
        err.message
    );
}

#[test]
fn a_forged_first_prev_hash_is_caught_when_the_range_starts_the_log() {
    let mut entries = chain(3);
    entries[0] = link([7u8; 32], entries[0].content.clone());
    let err = verify(&export_lines(&entries)).unwrap_err();
    assert_eq!((err.line, err.seq), (2, Some(1)));
    // From the middle of the log the first prev_hash is trusted, and the forged start passes.
    let mut entries = chain(4);
    entries[1] = link([7u8; 32], entries[1].content.clone());
    let rest = {
        let mut prev = entries[1].hash;
        let mut out = vec![entries[1].clone()];
        for entry in &entries[2..] {
            let relinked = link(prev, entry.content.clone());
            prev = relinked.hash;
            out.push(relinked);
        }
        out
    };
    assert!(verify(&export_lines(&rest)).is_ok());
}

#[test]
fn a_wrong_format_is_refused_at_line_one() {
    let mut lines = export_lines(&chain(2));
    lines[0] = header_line(&ExportHeader {
        format: "something-else".into(),
        ..header(1, 2)
    });
    let err = verify(&lines).unwrap_err();
    assert_eq!((err.line, err.seq), (1, None));
    assert!(
        err.message.contains("not a Clearance audit export"),
        "{}",
        err.message
    );
    assert!(err.to_string().starts_with("BROKEN at line 1: "));
}

#[test]
fn other_bad_headers_are_refused_at_line_one() {
    let entries = chain(2);
    for first in [
        header_line(&ExportHeader {
            version: 2,
            ..header(1, 2)
        }),
        header_line(&header(0, 2)),
        header_line(&header(2, 1)),
        header_line(&header(1, i64::MAX)),
        "{\"format\":\"clearance-audit-export\",\"version\":1}\n".to_owned(),
        "not json\n".to_owned(),
        "\n".to_owned(),
    ] {
        let mut lines = export_lines(&entries);
        lines[0] = first.clone();
        let err = verify(&lines).unwrap_err();
        assert_eq!((err.line, err.seq), (1, None), "{first:?}: {}", err.message);
    }
}

#[test]
fn an_empty_file_is_refused() {
    let err = verify_export(&b""[..]).unwrap_err();
    assert_eq!((err.line, err.seq), (1, None));
    assert!(err.message.contains("empty"));
}

#[test]
fn anything_after_the_last_entry_is_refused() {
    let entries = chain(4);
    for extra in [
        "garbage\n".to_owned(),
        "\n".to_owned(),
        entry_line(&link(entries[3].hash, content(5))),
    ] {
        let mut lines = export_lines(&entries);
        lines.push(extra.clone());
        let err = verify(&lines).unwrap_err();
        assert_eq!((err.line, err.seq), (6, None), "{extra:?}");
        assert!(err.message.contains("follows entry 4"), "{}", err.message);
    }
}

#[test]
fn a_malformed_entry_line_is_named_by_its_line() {
    let mut lines = export_lines(&chain(3));
    lines[2] = "{\"seq\":2,\n".to_owned();
    let err = verify(&lines).unwrap_err();
    assert_eq!((err.line, err.seq), (3, None));
    assert!(
        err.message
            .starts_with("the line is not an audit-log entry"),
        "{}",
        err.message
    );
    assert!(!err.message.contains("line 1 column"), "{}", err.message);

    let mut lines = export_lines(&chain(3));
    lines[2] = edit(&lines[2], "extra", serde_json::json!(true));
    assert_eq!(verify(&lines).unwrap_err().line, 3);
}

#[test]
fn a_hash_that_is_not_hex_is_named_with_its_entry() {
    let mut lines = export_lines(&chain(3));
    lines[2] = edit(&lines[2], "hash", serde_json::json!("xyz"));
    let err = verify(&lines).unwrap_err();
    assert_eq!((err.line, err.seq), (3, Some(2)));
    assert!(
        err.message.contains("hash is not 64 hexadecimal digits"),
        "{}",
        err.message
    );
}

#[test]
fn a_final_line_without_its_newline_still_verifies() {
    let mut text = export_lines(&chain(3)).concat();
    text.pop();
    assert!(verify_export(text.as_bytes()).is_ok());
}

#[test]
fn text_that_is_not_utf8_is_refused() {
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(export_lines(&chain(2)).concat().into_bytes());
    let err = verify_export(&bytes[..]).unwrap_err();
    assert_eq!(err.line, 1);
    assert!(err.message.contains("UTF-8"), "{}", err.message);
}

#[test]
fn an_overlong_line_is_refused_without_reading_it_all() {
    let mut lines = export_lines(&chain(2));
    lines[1] = format!(
        "{}\n",
        "x".repeat(usize::try_from(MAX_LINE_BYTES).unwrap() + 10)
    );
    let err = verify(&lines).unwrap_err();
    assert_eq!((err.line, err.seq), (2, None));
    assert!(err.message.contains("longer than"), "{}", err.message);
}
