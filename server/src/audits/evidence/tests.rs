//! Formula injection is neutralised (SECURITY.md E5) and the CSV reads back as written.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;

/// Copied from the documented API, on one line, so a typo in the code cannot hide here too.
const EXPECTED_HEADER: &str = "item_id,grant_id,repository,tier,permission,person_id,person_name,login,granted_at,expires_at,approvers,reviewer,decision,reason,decided_by,decided_at,screening_band,screening_decision,screening_decided_at,outlives_screening";

fn row(item_id: i64, person_name: &str) -> EvidenceRow {
    EvidenceRow {
        item_id,
        grant_id: 100 + item_id,
        repository: "acme/payments".into(),
        tier: "critical".into(),
        permission: "write".into(),
        person_id: 7,
        person_name: person_name.into(),
        login: "octo".into(),
        granted_at: "2026-07-01T09:00:00Z".into(),
        expires_at: "2026-12-31T23:59:59Z".into(),
        approvers: "a@acme.example; b@acme.example".into(),
        reviewer: "lead@acme.example".into(),
        decision: "certify".into(),
        reason: "Still on the payments team, see \"Q3 plan\", line 2\nand more".into(),
        decided_by: "lead@acme.example".into(),
        decided_at: "2026-10-02T10:00:00Z".into(),
        screening_band: "low".into(),
        screening_decision: "cleared".into(),
        screening_decided_at: "2026-06-20T08:00:00Z".into(),
        outlives_screening: true,
    }
}

/// Reads CSV text back with a real RFC 4180 parser.
fn parse(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn the_hyperlink_attack_from_e5_becomes_text() {
    assert_eq!(
        csv_cell(r#"=HYPERLINK("http://x","y")"#),
        r#""'=HYPERLINK(""http://x"",""y"")""#
    );
}

#[test]
fn every_formula_lead_character_is_guarded() {
    assert_eq!(csv_cell("+1"), "'+1");
    assert_eq!(csv_cell("-2"), "'-2");
    assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(csv_cell("=1+1"), "'=1+1");
    assert_eq!(csv_cell("\tcmd"), "'\tcmd");
    assert_eq!(csv_cell("\0x"), "'\0x");
    // CR also forces RFC 4180 quoting.
    assert_eq!(csv_cell("\r=1"), "\"'\r=1\"");
}

#[test]
fn leading_whitespace_does_not_hide_a_formula() {
    assert_eq!(csv_cell("   =1+1"), "'   =1+1");
    assert_eq!(csv_cell(" \u{a0}@x"), "' \u{a0}@x");
    assert_eq!(csv_cell("  \tplain"), "'  \tplain");
    assert_eq!(csv_cell("\n-3"), "\"'\n-3\"");
}

#[test]
fn ordinary_values_are_left_alone() {
    for value in [
        "",
        "Ada Lovelace",
        "acme/payments",
        "a=b",
        "1-2",
        "x@y.example",
        "  spaced",
    ] {
        assert_eq!(csv_cell(value), value);
    }
}

#[test]
fn commas_quotes_and_newlines_are_quoted_with_quotes_doubled() {
    assert_eq!(csv_cell("a,b"), "\"a,b\"");
    assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
    assert_eq!(csv_cell("two\r\nlines"), "\"two\r\nlines\"");
    assert_eq!(csv_cell("\""), "\"\"\"\"");
}

#[test]
fn a_parser_reads_back_the_guarded_value() {
    let nasty = "=HYPERLINK(\"http://evil\",\"a,b\")\r\n";
    let parsed = parse(&format!("{}\r\n", csv_cell(nasty)));
    assert_eq!(parsed, vec![vec![format!("'{nasty}")]]);
}

#[test]
fn the_header_is_exactly_the_documented_columns() {
    let csv = evidence_csv(&[]);
    assert_eq!(csv, format!("{EXPECTED_HEADER}\r\n"));
    assert_eq!(EXPECTED_HEADER.split(',').count(), 20);
}

#[test]
fn one_crlf_terminated_line_per_row_after_the_header() {
    let rows = [row(1, "Ada"), row(2, "Grace"), row(3, "=cmd|' /C calc'!A0")];
    let csv = evidence_csv(&rows);
    assert!(csv.starts_with(&format!("{EXPECTED_HEADER}\r\n")));
    assert!(csv.ends_with("\r\n"));
    let records = parse(&csv);
    assert_eq!(records.len(), 1 + rows.len());
    assert!(records.iter().all(|r| r.len() == 20));
    assert_eq!(records[0].join(","), EXPECTED_HEADER);
}

#[test]
fn cells_land_in_their_columns() {
    let csv = evidence_csv(&[row(1, "=cmd|' /C calc'!A0")]);
    let records = parse(&csv);
    let header = &records[0];
    let record = &records[1];
    let cell = |name: &str| {
        let i = header.iter().position(|h| h == name).unwrap();
        record[i].as_str()
    };
    assert_eq!(cell("item_id"), "1");
    assert_eq!(cell("grant_id"), "101");
    assert_eq!(cell("person_id"), "7");
    assert_eq!(cell("person_name"), "'=cmd|' /C calc'!A0");
    assert_eq!(cell("approvers"), "a@acme.example; b@acme.example");
    assert_eq!(
        cell("reason"),
        "Still on the payments team, see \"Q3 plan\", line 2\nand more"
    );
    assert_eq!(cell("screening_decided_at"), "2026-06-20T08:00:00Z");
    assert_eq!(cell("outlives_screening"), "true");
    let not_outliving = EvidenceRow {
        outlives_screening: false,
        ..row(2, "Grace")
    };
    assert!(evidence_csv(&[not_outliving]).ends_with(",false\r\n"));
}
