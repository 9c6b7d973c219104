//! Evidence that survives leaving the building: audit-log exports verify offline (in the library
//! and with `server verify-audit-export`), tampering with the database or with an export file is
//! found at the sequence number it touched, and the campaign CSV cannot smuggle a formula into
//! an auditor's spreadsheet.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::campaigns::{
    audit_action, audit_hash, audit_head, campaign_items, csv_row, csv_table, decided, download,
    due_in, item_of, owned_repository, started, Team,
};
use crate::common;
use crate::grants_support::*;
use clearance_server::audits::export::{verify_export, ExportBroken, ExportVerified};
use common::{Backend, TestApp};
use serde_json::{json, Value};
use sqlx::Executor;

/// `GET /audit-log/export[?query]` as `who`; the file's text.
async fn export(api: &Api, who: &User, query: &str) -> String {
    let path = if query.is_empty() {
        "/audit-log/export".to_owned()
    } else {
        format!("/audit-log/export?{query}")
    };
    let (status, content_type, body) = api.get_text(who, &path).await;
    assert_eq!(status, 200, "GET {path}: {body}");
    assert!(
        content_type.starts_with("application/x-ndjson"),
        "{path}: {content_type}"
    );
    body
}

/// An export that must verify.
fn verified(text: &str) -> ExportVerified {
    verify_export(text.as_bytes()).unwrap_or_else(|broken| panic!("{broken}\n{text}"))
}

/// An export that must not verify.
fn broken(text: &str) -> ExportBroken {
    match verify_export(text.as_bytes()) {
        Ok(verified) => panic!("verified although it should not: {verified}\n{text}"),
        Err(broken) => broken,
    }
}

/// The JSON lines of an export (header first).
fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

/// Runs `server verify-audit-export FILE` on these contents: (exit code, stdout, stderr). The
/// file lies in the app's data directory and is named relatively, so the output holds no path.
fn verify_export_cli(app: &TestApp, file_name: &str, contents: &str) -> (i32, String, String) {
    std::fs::write(app.data_dir.path().join(file_name), contents).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("verify-audit-export")
        .arg(file_name)
        .current_dir(app.data_dir.path())
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Lifts the guard against UPDATE on the audit log, as someone with database rights could.
async fn drop_update_guard(app: &TestApp, db: &mut sqlx::AnyConnection) {
    let statement = match app.backend {
        Backend::Sqlite => "DROP TRIGGER audit_log_no_update",
        Backend::Postgres => "DROP TRIGGER audit_log_no_update_or_delete ON audit_log",
    };
    db.execute(statement).await.unwrap();
}

/// The profile with another legal name (also on every name variant and the payout account, so
/// the screening sees one consistent name).
fn named(mut profile: Value, name: &str) -> Value {
    profile["identity"]["legal_name"]["full"] = json!(name);
    profile["identity"]["name_variants"] = json!([
        { "value": name, "source": "resume" },
        { "value": name, "source": "linkedin" }
    ]);
    profile["payment_instructions"][0]["account_holder_name"] = json!(name);
    profile
}

db_test!(
    an_exported_audit_log_verifies_offline_whole_or_in_part,
    |app: TestApp| async move {
        let api = Api::new(app);
        let t = Team::new(&api).await;
        api.cleared_person(&t.hr, 1).await;
        api.repository(&t.admin, "acme/docs", "standard").await;
        let (head_seq, head_hash) = audit_head(&api.app).await;
        assert!(head_seq >= 6, "a few actions were recorded: {head_seq}");

        // The whole log.
        let whole = export(&api, &t.auditor, "").await;
        let lines = json_lines(&whole);
        assert_eq!(lines.len() as i64, head_seq + 1, "a header and every entry");
        let header = &lines[0];
        assert_eq!(header["format"], "clearance-audit-export", "{header}");
        assert_eq!(header["version"], 1, "{header}");
        assert_eq!(header["from_seq"], 1, "{header}");
        assert_eq!(header["to_seq"], head_seq, "{header}");
        assert!(header["exported_at"].is_string(), "{header}");
        for (i, entry) in lines[1..].iter().enumerate() {
            assert_eq!(entry["seq"], i as i64 + 1, "{entry}");
            assert!(
                entry["details"].is_string(),
                "details travel as the exact text that was hashed: {entry}"
            );
        }
        assert_eq!(lines[lines.len() - 1]["hash"], head_hash);
        let checked = verified(&whole);
        assert_eq!((checked.from_seq, checked.to_seq), (1, head_seq));
        assert_eq!(checked.entries as i64, head_seq - 1 + 1);
        assert_eq!(checked.last_hash, head_hash);
        // Exporting is itself on the record, right after what it exported.
        assert_eq!(
            audit_action(&api.app, head_seq + 1).await,
            "audit_log.exported"
        );

        // A range in the middle.
        let (from, to) = (2, head_seq - 1);
        let middle = export(&api, &t.admin, &format!("from_seq={from}&to_seq={to}")).await;
        let lines = json_lines(&middle);
        assert_eq!(lines.len() as i64, to - from + 2);
        assert_eq!(lines[0]["from_seq"], from);
        assert_eq!(lines[0]["to_seq"], to);
        assert_eq!(lines[1]["seq"], from);
        let checked = verified(&middle);
        assert_eq!((checked.from_seq, checked.to_seq), (from, to));
        assert_eq!(checked.entries as i64, to - from + 1);
        assert_eq!(checked.last_hash, audit_hash(&api.app, to).await);

        // One entry: the first export's own record.
        let one = export(
            &api,
            &t.auditor,
            &format!("from_seq={0}&to_seq={0}", head_seq + 1),
        )
        .await;
        let checked = verified(&one);
        assert_eq!(checked.entries, 1);
        assert_eq!(checked.last_hash, audit_hash(&api.app, head_seq + 1).await);

        // Ranges that do not exist, and callers who may not take evidence.
        for query in [
            "from_seq=0".to_owned(),
            "from_seq=-3".to_owned(),
            "to_seq=999999".to_owned(),
            "from_seq=5&to_seq=4".to_owned(),
            format!("from_seq={}", head_seq + 1000),
        ] {
            let (status, body) = api
                .send(
                    &t.auditor,
                    "GET",
                    &format!("/audit-log/export?{query}"),
                    None,
                )
                .await;
            assert_eq!(
                (status, body["kind"].as_str()),
                (422, Some("invalid")),
                "{query}: {body}"
            );
        }
        let (status, _, body) = api
            .get_text(&t.auditor, "/audit-log/export?from_seq=first")
            .await;
        assert_eq!(status, 400, "{body}");
        for who in [&t.hr, &t.a] {
            let (status, _, body) = api.get_text(who, "/audit-log/export").await;
            assert_eq!(status, 403, "{body}");
        }
        assert_eq!(api.audit_count("audit_log.exported", None).await, 3);

        // The command an auditor runs on their own machine agrees.
        let (code, out, err) = verify_export_cli(&api.app, "whole.jsonl", &whole);
        assert_eq!(code, 0, "{out}{err}");
        assert!(out.starts_with("OK"), "{out}{err}");
        assert!(out.contains(&head_hash), "{out}");
        let (code, out, err) = verify_export_cli(&api.app, "middle.jsonl", &middle);
        assert_eq!(code, 0, "{out}{err}");
        api.assert_audit_chain_verifies();
    }
);

db_test!(
    tampering_is_found_at_its_sequence_number_in_the_log_and_in_every_export_of_it,
    |app: TestApp| async move {
        let api = Api::new(app);
        let auditor = api.user("auditor").await;
        for n in 0..5 {
            api.app
                .create_user(&format!("t{n}@example.com"), "hr")
                .await;
        }
        let (head_seq, _) = audit_head(&api.app).await;
        assert!(head_seq >= 6, "{head_seq}");
        let before = export(&api, &auditor, "").await;
        assert_eq!(verified(&before).entries as i64, head_seq);

        // Someone with database rights rewrites entry 3.
        let tampered_seq = 3;
        let mut db = api.app.db().await;
        drop_update_guard(&api.app, &mut db).await;
        let done = db
            .execute("UPDATE audit_log SET details = '{\"tampered\":true}' WHERE seq = 3")
            .await
            .unwrap();
        assert_eq!(done.rows_affected(), 1);

        // The database check and the audit page name it…
        let (code, out) = api.app.verify_audit_log();
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains(&format!("BROKEN at sequence {tampered_seq}")),
            "{out}"
        );
        let page = api.get(&auditor, "/audit-log").await;
        assert_eq!(page["chain"]["Broken"]["seq"], tampered_seq, "{page}");

        // …and so does every export that holds it.
        let whole = export(&api, &auditor, "").await;
        let found = broken(&whole);
        assert_eq!(found.seq, Some(tampered_seq), "{found}");
        assert_eq!(found.line, 4, "the header is line 1: {found}");
        assert!(!found.message.is_empty());
        for (query, line) in [("from_seq=2&to_seq=5", 3), ("from_seq=3&to_seq=3", 2)] {
            let found = broken(&export(&api, &auditor, query).await);
            assert_eq!(found.seq, Some(tampered_seq), "{query}: {found}");
            assert_eq!(found.line, line, "{query}: {found}");
        }
        // The stored hash was left as it was; only the content moved.
        let (before_lines, whole_lines) = (json_lines(&before), json_lines(&whole));
        let (old, new) = (&before_lines[3], &whole_lines[3]);
        assert_eq!(old["seq"], tampered_seq);
        assert_eq!(old["hash"], new["hash"]);
        assert_ne!(old["details"], new["details"]);

        // A range after the edit trusts its first link (documented) and checks out on its own.
        let (to_seq, _) = audit_head(&api.app).await;
        let after = export(&api, &auditor, "from_seq=4").await;
        let checked = verified(&after);
        assert_eq!((checked.from_seq, checked.to_seq), (4, to_seq));
        assert_eq!(checked.entries as i64, to_seq - 4 + 1);

        // The command-line check: exit 1 and the sequence number, or exit 0.
        let (code, out, err) = verify_export_cli(&api.app, "tampered.jsonl", &whole);
        assert_eq!(code, 1, "{out}{err}");
        assert!(
            out.contains(&format!("BROKEN at sequence {tampered_seq}")),
            "{out}{err}"
        );
        let (code, out, err) = verify_export_cli(&api.app, "before.jsonl", &before);
        assert_eq!(code, 0, "{out}{err}");
        assert!(out.starts_with("OK"), "{out}{err}");

        // Editing an export file after the fact is found as well (entry 5 is line 3 of it).
        let mut lines: Vec<String> = after.lines().map(str::to_owned).collect();
        let mut entry: Value = serde_json::from_str(&lines[2]).unwrap();
        assert_eq!(entry["seq"], 5);
        assert_ne!(entry["details"], "{\"edited\":true}");
        entry["details"] = json!("{\"edited\":true}");
        lines[2] = entry.to_string();
        let edited = lines.join("\n") + "\n";
        let found = broken(&edited);
        assert_eq!((found.seq, found.line), (Some(5), 3), "{found}");
        let (code, out, err) = verify_export_cli(&api.app, "edited.jsonl", &edited);
        assert_eq!(code, 1, "{out}{err}");
        assert!(out.contains("BROKEN at sequence 5"), "{out}{err}");
    }
);

db_test!(
    the_evidence_csv_turns_formulas_into_text,
    |app: TestApp| async move {
        let api = Api::new(app);
        let t = Team::new(&api).await;
        let repo = owned_repository(&api, &t.admin, "acme/payroll", "standard", &[&t.a]).await;
        const EVIL: &str = r#"=HYPERLINK("http://evil.example","x")"#;
        let (evil, _) = api.person_with(&t.hr, named(clean_profile(7), EVIL)).await;
        api.decide(&t.hr, evil, "cleared").await;
        let plain = api.cleared_person(&t.hr, 8).await;
        let g_evil = api.granted(&t.hr, &[&t.b], evil, repo, "read", 60).await;
        let g_plain = api.granted(&t.hr, &[&t.b], plain, repo, "read", 60).await;
        let (due, _) = due_in(30);
        let id = started(&api, &t.admin, "2031-Q2", &due, false, 2).await;

        let items = campaign_items(&api, &t.a, id, "").await;
        let evil_item = item_of(&items, g_evil);
        assert_eq!(
            evil_item["person_name"], EVIL,
            "the API keeps the name as typed"
        );
        let evil_id = evil_item["id"].as_i64().unwrap();
        let plain_id = item_of(&items, g_plain)["id"].as_i64().unwrap();
        decided(
            &api,
            &t.a,
            evil_id,
            "certify",
            "@SUM(1+1) still needed here",
        )
        .await;
        decided(&api, &t.a, plain_id, "revoke", "+1 no longer on the team").await;

        let (_, csv) = download(&api, &t.auditor, &format!("/campaigns/{id}/export.csv")).await;
        // Quote-prefixed, then quoted per RFC 4180 with the inner quotes doubled.
        assert!(
            csv.contains(r#","'=HYPERLINK(""http://evil.example"",""x"")","#),
            "{csv}"
        );
        assert!(csv.contains(",'@SUM(1+1) still needed here,"), "{csv}");
        assert!(csv.contains(",'+1 no longer on the team,"), "{csv}");
        let (header, rows) = csv_table(&csv);
        let evil_row = csv_row(&rows, evil_id);
        assert_eq!(evil_row["person_name"], format!("'{EVIL}"));
        assert_eq!(evil_row["reason"], "'@SUM(1+1) still needed here");
        assert_eq!(
            csv_row(&rows, plain_id)["reason"],
            "'+1 no longer on the team"
        );

        // No cell anywhere starts like a formula, spaces or not.
        let cells = header.iter().chain(rows.iter().flat_map(|r| r.values()));
        for cell in cells {
            let lead = cell.trim_start_matches(' ');
            assert!(
                !lead.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell a spreadsheet would run: {cell:?}\n{csv}"
            );
        }
        for line in csv.split("\r\n") {
            assert!(!line.starts_with(['=', '+', '-', '@']), "{line}");
            for marker in [",=", ",+", ",-", ",@", ",\"="] {
                assert!(!line.contains(marker), "{marker:?} in {line}");
            }
        }

        // The HTML report escapes the same name.
        let (_, html) = download(&api, &t.auditor, &format!("/campaigns/{id}/report.html")).await;
        assert!(
            html.contains("=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)"),
            "{html}"
        );
        assert!(!html.contains(EVIL), "{html}");
    }
);
