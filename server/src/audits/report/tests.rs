//! The report is self-contained, escapes every value, and states what the chain vouches for.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;

const HEAD: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

fn row(item_id: i64, person_name: &str) -> EvidenceRow {
    EvidenceRow {
        item_id,
        grant_id: 40 + item_id,
        repository: "acme/payments".into(),
        tier: "critical".into(),
        permission: "write".into(),
        person_id: 7,
        person_name: person_name.into(),
        login: "octo".into(),
        granted_at: "2026-07-01".into(),
        expires_at: "2026-12-31".into(),
        approvers: "a@acme.example; b@acme.example".into(),
        reviewer: "lead@acme.example".into(),
        decision: "certify".into(),
        reason: "Still on the team & shipping".into(),
        decided_by: "lead@acme.example".into(),
        decided_at: "2026-10-02T10:00:00Z".into(),
        screening_band: "low".into(),
        screening_decision: "cleared".into(),
        screening_decided_at: "2026-06-20".into(),
        outlives_screening: item_id % 2 == 0,
    }
}

fn signed_off() -> ReportData {
    ReportData {
        quarter: "2026-Q4".into(),
        due_date: "2026-12-31".into(),
        state: "signed_off".into(),
        created_by: "founder@acme.example".into(),
        created_at: "2026-10-01T09:00:00Z".into(),
        signed_off_by: Some("admin@acme.example".into()),
        signed_off_at: Some("2026-12-20T16:00:00Z".into()),
        certified: 3,
        revoked: 1,
        undecided: 0,
        reviewers: vec![
            ("lead@acme.example".into(), 3, 3),
            ("other@acme.example".into(), 1, 1),
        ],
        rows: vec![
            row(1, "Ada"),
            row(2, "<script>alert(1)</script>"),
            row(3, "Grace"),
        ],
        first_seq: 120,
        last_seq: Some(187),
        head_hash: Some(HEAD.into()),
        generated_at: "2026-12-21T08:00:00Z".into(),
    }
}

fn open() -> ReportData {
    ReportData {
        state: "open".into(),
        signed_off_by: None,
        signed_off_at: None,
        certified: 1,
        revoked: 0,
        undecided: 2,
        last_seq: None,
        head_hash: None,
        ..signed_off()
    }
}

#[test]
fn escape_html_escapes_the_five_special_characters() {
    assert_eq!(
        escape_html(r#"<a href="x" title='y'>&amp;</a>"#),
        "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;"
    );
    assert_eq!(escape_html("plain text é"), "plain text é");
}

#[test]
fn a_script_in_a_person_name_is_shown_as_text() {
    let html = render_html(&signed_off());
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("<script"), "no script element may appear");
}

#[test]
fn every_field_is_escaped() {
    let mut data = signed_off();
    data.quarter = "<q>".into();
    data.created_by = "<c>".into();
    data.signed_off_by = Some("<s>".into());
    data.reviewers = vec![("<r>".into(), 1, 2)];
    data.head_hash = Some("<h>".into());
    data.state = "<st>".into();
    data.rows = vec![EvidenceRow {
        reason: "<reason>".into(),
        login: "<login>".into(),
        screening_band: "<band>".into(),
        ..row(1, "x")
    }];
    let html = render_html(&data);
    for tag in ["q", "c", "s", "r", "h", "st", "reason", "login", "band"] {
        assert!(
            !html.contains(&format!("<{tag}>")),
            "<{tag}> was not escaped"
        );
        assert!(
            html.contains(&format!("&lt;{tag}&gt;")),
            "<{tag}> is missing"
        );
    }
}

#[test]
fn the_document_is_complete_and_self_contained() {
    let html = render_html(&signed_off());
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    assert!(html.contains("<style>"));
    for forbidden in [
        "<script", "src=", "href=", "http", "url(", "@import", "<link", "<img",
    ] {
        assert!(!html.contains(forbidden), "found {forbidden:?}");
    }
}

#[test]
fn the_summary_names_the_campaign_and_its_people() {
    let html = render_html(&signed_off());
    for expected in [
        "Access review 2026-Q4",
        "2026-12-31",
        "Signed off",
        "founder@acme.example on 2026-10-01T09:00:00Z",
        "admin@acme.example on 2026-12-20T16:00:00Z",
        "4: 3 certified, 1 revoked, 0 undecided",
        "generated 2026-12-21T08:00:00Z",
    ] {
        assert!(html.contains(expected), "missing {expected:?}");
    }
}

#[test]
fn the_charts_are_inline_svg_with_one_bar_per_outcome_and_reviewer() {
    let html = render_html(&signed_off());
    assert_eq!(html.matches("<svg").count(), 2);
    for class in ["certified", "revoked", "undecided"] {
        assert!(
            html.contains(&format!("<rect class=\"{class}\"")),
            "{class}"
        );
    }
    // The largest count fills the bar area; zero draws nothing.
    assert!(html.contains("<rect class=\"certified\" x=\"100\" y=\"4\" width=\"360\""));
    assert!(html.contains("<rect class=\"undecided\" x=\"100\" y=\"64\" width=\"0\""));
    assert_eq!(html.matches("<rect class=\"assigned\"").count(), 2);
    assert!(html.contains("3 of 3 decided"));
    assert!(html.contains("1 of 1 decided"));
}

#[test]
fn bars_never_overflow_or_go_negative() {
    assert_eq!(bar(5, 10), 180);
    assert_eq!(bar(10, 10), BAR_AREA);
    assert_eq!(bar(0, 0), 0);
    assert_eq!(bar(-3, 10), 0);
    assert_eq!(bar(20, 10), BAR_AREA);
    assert_eq!(bar(i64::MAX, i64::MAX), BAR_AREA);
}

#[test]
fn the_table_has_one_row_per_item_with_its_values() {
    let html = render_html(&signed_off());
    assert_eq!(html.matches("<tr>").count(), 1 + 3);
    assert!(html.contains("<thead>"));
    assert!(html.contains("acme/payments"));
    assert!(html.contains("Ada (#7)"));
    assert!(html.contains("a@acme.example; b@acme.example"));
    assert!(html.contains("Still on the team &amp; shipping"));
    assert_eq!(html.matches("<td class=\"flag\">Yes</td>").count(), 1);
}

#[test]
fn a_signed_off_report_states_the_range_and_the_head_hash() {
    let html = render_html(&signed_off());
    assert!(html.contains("120 to 187"));
    assert!(html.contains(HEAD));
    assert!(!html.contains("Not signed off yet"));
}

#[test]
fn an_open_campaign_says_it_is_not_signed_off_yet() {
    let html = render_html(&open());
    assert!(html.contains("<dt>State</dt><dd>Open</dd>"));
    assert!(html.contains("<dt>Signed off by</dt><dd>Not signed off yet</dd>"));
    assert!(html.contains("<strong>Not signed off yet.</strong>"));
    assert!(html.contains("from <strong>120</strong> onward"));
    assert!(!html.contains(HEAD));
}

#[test]
fn print_rules_ask_for_a4_repeated_headers_and_unbroken_rows() {
    let html = render_html(&signed_off());
    let print = &html[html.find("@media print").unwrap()..];
    assert!(print.contains("size: A4"));
    assert!(print.contains("thead { display: table-header-group; }"));
    assert!(print.contains("break-inside: avoid"));
}

#[test]
fn an_empty_campaign_still_renders_a_useful_report() {
    let data = ReportData {
        reviewers: vec![],
        rows: vec![],
        certified: 0,
        revoked: 0,
        undecided: 0,
        ..open()
    };
    let html = render_html(&data);
    assert!(html.contains("The campaign has no items."));
    assert!(html.contains("No items were assigned to a reviewer."));
    assert!(!html.contains("<table>"));
    assert_eq!(html.matches("<svg").count(), 1);
}
