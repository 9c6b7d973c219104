//! Quarterly access reviews ("campaigns") through the REST API: starting one snapshots every live
//! grant with an assigned reviewer, reviewers certify or revoke (a revocation ends the grant at
//! once), an admin signs the finished campaign off and the audit chain's head is sealed into it;
//! reminders and the due-date revocation run in the enforcement pass with a chosen clock; items
//! flag grants that outlive their screening; and the founders' dashboard counts what exists.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::grants_support::*;
use clearance_app::model::request::RequestContext;
use clearance_server::services::campaigns::{
    CampaignEnforcement, SUBJECT_ASSIGNED, SUBJECT_REMINDER,
};
use common::TestApp;
use serde_json::{json, Value};
use sqlx::Row;
use std::collections::HashMap;

// ---- helpers (audit_evidence.rs uses them too) ---------------------------------------------------

/// The people most campaign tests need: an admin (starts and signs off), HR (enters and clears
/// people, asks for access), an auditor, and two security leads: A owns the repositories, B
/// approves the requests (so A, an owner who did not approve, is the preferred reviewer).
pub struct Team {
    pub admin: User,
    pub hr: User,
    pub auditor: User,
    pub a: User,
    pub b: User,
}

impl Team {
    pub async fn new(api: &Api) -> Team {
        Team {
            admin: api.user("admin").await,
            hr: api.user("hr").await,
            auditor: api.user("auditor").await,
            a: api.user("security_lead").await,
            b: api.user("security_lead").await,
        }
    }
}

/// Registers a GitHub repository with these owners (security leads); its id.
pub async fn owned_repository(
    api: &Api,
    manager: &User,
    name: &str,
    tier: &str,
    owners: &[&User],
) -> i64 {
    let emails: Vec<&str> = owners.iter().map(|o| o.email.as_str()).collect();
    let (status, body) = api
        .post(
            manager,
            "/repositories",
            json!({ "name": name, "provider": "github", "tier": tier, "owners": emails }),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_i64().unwrap()
}

/// `YYYY-MM-DD` of the UTC day holding this instant.
pub fn day_text(ms: i64) -> String {
    let at = time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)).unwrap();
    let date = at.date();
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// A due date `days` after today (UTC; negative is in the past): the text to send, and the due
/// instant the server derives from it (the last millisecond of that day).
pub fn due_in(days: i64) -> (String, i64) {
    let day = now_ms().div_euclid(DAY_MS) + days;
    (day_text(day * DAY_MS), (day + 1) * DAY_MS - 1)
}

/// `POST /campaigns`.
pub async fn start(
    api: &Api,
    who: &User,
    quarter: &str,
    due_date: &str,
    revoke_undecided_at_due: bool,
) -> (u16, Value) {
    api.post(
        who,
        "/campaigns",
        json!({ "quarter": quarter, "due_date": due_date,
                "revoke_undecided_at_due": revoke_undecided_at_due }),
    )
    .await
}

/// A campaign that must start with `items` items; its id.
pub async fn started(
    api: &Api,
    admin: &User,
    quarter: &str,
    due_date: &str,
    revoke_undecided_at_due: bool,
    items: i64,
) -> i64 {
    let (status, body) = start(api, admin, quarter, due_date, revoke_undecided_at_due).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["items"], items, "{body}");
    body["id"].as_i64().unwrap()
}

/// Every item of the campaign under this query (`mine=true&open=true`, …), all pages, as `who`
/// sees them.
pub async fn campaign_items(api: &Api, who: &User, campaign: i64, query: &str) -> Vec<Value> {
    let mut all = Vec::new();
    for page in 1.. {
        let path = if query.is_empty() {
            format!("/campaigns/{campaign}/items?page={page}")
        } else {
            format!("/campaigns/{campaign}/items?{query}&page={page}")
        };
        let body = api.get(who, &path).await;
        let items = body["items"].as_array().unwrap().clone();
        let total = body["page"]["total"].as_i64().unwrap();
        let empty = items.is_empty();
        all.extend(items);
        if empty || all.len() as i64 >= total {
            break;
        }
    }
    all
}

/// The item about this grant.
pub fn item_of(items: &[Value], grant: i64) -> Value {
    items
        .iter()
        .find(|i| i["grant_id"] == grant)
        .unwrap_or_else(|| panic!("no item for grant #{grant} in {items:?}"))
        .clone()
}

/// The id of the item about this grant in the campaign.
pub async fn item_id(api: &Api, who: &User, campaign: i64, grant: i64) -> i64 {
    item_of(&campaign_items(api, who, campaign, "").await, grant)["id"]
        .as_i64()
        .unwrap()
}

/// `POST /campaign-items/{item}/decision`.
pub async fn decide_item(
    api: &Api,
    who: &User,
    item: i64,
    decision: &str,
    reason: &str,
) -> (u16, Value) {
    api.post(
        who,
        &format!("/campaign-items/{item}/decision"),
        json!({ "decision": decision, "reason": reason }),
    )
    .await
}

/// A decision that must be accepted; the item as it is after it.
pub async fn decided(api: &Api, who: &User, item: i64, decision: &str, reason: &str) -> Value {
    let (status, body) = decide_item(api, who, item, decision, reason).await;
    assert_eq!(status, 200, "{decision} #{item}: {body}");
    body
}

/// `GET /campaigns/{id}`.
pub async fn campaign_view(api: &Api, who: &User, campaign: i64) -> Value {
    api.get(who, &format!("/campaigns/{campaign}")).await
}

/// A download that must succeed: (content type, body).
pub async fn download(api: &Api, who: &User, path: &str) -> (String, String) {
    let (status, content_type, body) = api.get_text(who, path).await;
    assert_eq!(status, 200, "GET {path}: {body}");
    (content_type, body)
}

/// One campaign enforcement pass with the clock at `at_ms`.
pub async fn enforce_campaigns(app: &TestApp, at_ms: i64) -> CampaignEnforcement {
    app.services
        .enforce_campaigns(&RequestContext::internal("test"), at_ms)
        .await
        .unwrap_or_else(|e| panic!("campaign enforcement at {at_ms} failed: {e:?}"))
}

/// The stored hash of the audit entry with this sequence number.
pub async fn audit_hash(app: &TestApp, seq: i64) -> String {
    let mut db = app.db().await;
    sqlx::query("SELECT hash FROM audit_log WHERE seq = $1")
        .bind(seq)
        .fetch_one(&mut db)
        .await
        .unwrap()
        .get(0)
}

/// The action of the audit entry with this sequence number.
pub async fn audit_action(app: &TestApp, seq: i64) -> String {
    let mut db = app.db().await;
    sqlx::query("SELECT action FROM audit_log WHERE seq = $1")
        .bind(seq)
        .fetch_one(&mut db)
        .await
        .unwrap()
        .get(0)
}

/// The recorded head of the audit chain: (sequence number, hash).
pub async fn audit_head(app: &TestApp) -> (i64, String) {
    let mut db = app.db().await;
    let row = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
        .fetch_one(&mut db)
        .await
        .unwrap();
    (row.get(0), row.get(1))
}

/// Sets a millisecond column of an access request (what the API never lets anyone set).
pub async fn set_request_ms(app: &TestApp, request: i64, column: &str, value: i64) {
    let sql = match column {
        "expires_at_ms" => "UPDATE access_requests SET expires_at_ms = $1 WHERE id = $2",
        "requested_at_ms" => "UPDATE access_requests SET requested_at_ms = $1 WHERE id = $2",
        other => panic!("no column {other} here"),
    };
    let mut db = app.db().await;
    let done = sqlx::query(sql)
        .bind(value)
        .bind(request)
        .execute(&mut db)
        .await
        .unwrap();
    assert_eq!(done.rows_affected(), 1, "request #{request}");
}

/// Parses RFC 4180 CSV strictly: CRLF after every record (a bare LF or CR outside quotes, a quote
/// inside an unquoted cell, text after a closing quote or an unterminated quote fails the test).
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut cell = String::new();
    let mut in_quotes = false;
    let mut closed_quote = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    in_quotes = false;
                    closed_quote = true;
                }
            } else {
                cell.push(c);
            }
            continue;
        }
        match c {
            '"' => {
                assert!(
                    cell.is_empty() && !closed_quote,
                    "a quote inside an unquoted cell after {cell:?}:\n{text}"
                );
                in_quotes = true;
            }
            ',' => {
                record.push(std::mem::take(&mut cell));
                closed_quote = false;
            }
            '\r' => {
                assert_eq!(
                    chars.next(),
                    Some('\n'),
                    "a CR outside quotes that does not end a line:\n{text}"
                );
                record.push(std::mem::take(&mut cell));
                closed_quote = false;
                records.push(std::mem::take(&mut record));
            }
            '\n' => panic!("a bare LF outside quotes (RFC 4180 lines end with CRLF):\n{text}"),
            other => {
                assert!(
                    !closed_quote,
                    "{other:?} after a closing quote in {cell:?}:\n{text}"
                );
                cell.push(other);
            }
        }
    }
    assert!(!in_quotes, "an unterminated quoted cell:\n{text}");
    assert!(
        cell.is_empty() && record.is_empty(),
        "the last record does not end with CRLF:\n{text}"
    );
    records
}

/// The evidence CSV as (header, rows keyed by column), every row as wide as the header.
pub fn csv_table(text: &str) -> (Vec<String>, Vec<HashMap<String, String>>) {
    let mut records = parse_csv(text).into_iter();
    let header = records.next().expect("a header row");
    let rows = records
        .map(|record| {
            assert_eq!(
                record.len(),
                header.len(),
                "a row as wide as the header: {record:?}"
            );
            header.iter().cloned().zip(record).collect()
        })
        .collect();
    (header, rows)
}

/// The CSV row of this item.
pub fn csv_row(rows: &[HashMap<String, String>], item: i64) -> HashMap<String, String> {
    rows.iter()
        .find(|r| r["item_id"] == item.to_string())
        .unwrap_or_else(|| panic!("no CSV row for item #{item} in {rows:?}"))
        .clone()
}

/// The (label, count, href) triples of one dashboard chart.
fn counts(dashboard: &Value, chart: &str) -> Vec<(String, i64, String)> {
    dashboard[chart]
        .as_array()
        .unwrap_or_else(|| panic!("no {chart} in {dashboard}"))
        .iter()
        .map(|c| {
            (
                c["label"].as_str().unwrap().to_owned(),
                c["count"].as_i64().unwrap(),
                c["href"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The (label, count) pairs of one dashboard chart.
fn labelled(dashboard: &Value, chart: &str) -> Vec<(String, i64)> {
    counts(dashboard, chart)
        .into_iter()
        .map(|(label, count, _)| (label, count))
        .collect()
}

fn pairs(expected: &[(&str, i64)]) -> Vec<(String, i64)> {
    expected
        .iter()
        .map(|(label, count)| ((*label).to_owned(), *count))
        .collect()
}

fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

// ---- tests -----------------------------------------------------------------------------------------

db_test!(
    a_campaign_runs_from_start_to_signed_off_evidence,
    |app: TestApp| async move {
        let api = Api::new(app);
        let t = Team::new(&api).await;
        let repo = owned_repository(&api, &t.admin, "acme/payments", "standard", &[&t.a]).await;
        let p1 = api.cleared_person(&t.hr, 1).await;
        let p2 = api.cleared_person(&t.hr, 2).await;
        let g1 = api.granted(&t.hr, &[&t.b], p1, repo, "read", 60).await;
        let g2 = api.granted(&t.hr, &[&t.b], p2, repo, "read", 60).await;

        let (due, _) = due_in(30);
        let id = started(&api, &t.admin, "2031-Q2", &due, false, 2).await;

        // The snapshot: one item per live grant, each with what the reviewer needs beside it.
        let all = campaign_items(&api, &t.admin, id, "").await;
        assert_eq!(all.len(), 2, "{all:?}");
        for (grant, person) in [(g1, p1), (g2, p2)] {
            let item = item_of(&all, grant);
            assert_eq!(item["campaign_id"], id, "{item}");
            assert_eq!(item["person_id"], person, "{item}");
            assert_eq!(item["repository_id"], repo, "{item}");
            assert_eq!(item["repository"], "acme/payments", "{item}");
            assert_eq!(item["tier"], "standard", "{item}");
            assert_eq!(item["permission"], "read", "{item}");
            assert_eq!(item["grant_state"], "active", "{item}");
            assert_eq!(
                item["reviewer_id"], t.a.id,
                "the owner who did not approve reviews: {item}"
            );
            assert_eq!(item["reviewer"], t.a.email, "{item}");
            assert_eq!(item["approvers"], json!([t.b.email]), "{item}");
            assert_eq!(item["decision"], Value::Null, "{item}");
            assert_eq!(item["screening"]["band"], "clear", "{item}");
            assert_eq!(item["screening"]["decision"], "cleared", "{item}");
            assert_eq!(item["screening_age_days"], 0, "{item}");
            assert_eq!(item["outlives_screening"], false, "{item}");
            assert_eq!(item["overdue"], false, "{item}");
            assert_eq!(
                item["may_decide"], true,
                "an admin may decide any item: {item}"
            );
        }
        let i1 = item_of(&all, g1)["id"].as_i64().unwrap();
        let i2 = item_of(&all, g2)["id"].as_i64().unwrap();

        let view = campaign_view(&api, &t.admin, id).await;
        assert_eq!(view["campaign"]["quarter"], "2031-Q2", "{view}");
        assert_eq!(view["campaign"]["due_date"], due, "{view}");
        assert_eq!(view["campaign"]["state"], "open", "{view}");
        assert_eq!(view["campaign"]["created_by"], t.admin.email, "{view}");
        assert_eq!(
            view["campaign"]["progress"],
            json!({ "decided": 0, "total": 2 })
        );
        assert_eq!(view["may_sign_off"], false, "{view}");
        assert_eq!(view["head_hash_at_sign_off"], Value::Null, "{view}");
        assert_eq!(view["has_own_items"], false, "the admin has none: {view}");
        assert_eq!(
            audit_action(&api.app, view["first_seq"].as_i64().unwrap()).await,
            "campaign.started"
        );
        assert_eq!(campaign_view(&api, &t.a, id).await["has_own_items"], true);
        assert_eq!(campaign_view(&api, &t.b, id).await["has_own_items"], false);

        // A, and only A, hears of the items.
        assert_eq!(api.queued_mail(&t.a.email, SUBJECT_ASSIGNED).await, 1);
        assert_eq!(api.queued_mail(&t.b.email, SUBJECT_ASSIGNED).await, 0);
        let mail = api.wait_for_mail(&t.a.email, SUBJECT_ASSIGNED).await;
        let body = mail.body();
        assert!(body.contains("2031-Q2"), "{body}");
        assert!(body.contains(&format!("/campaigns/{id}")), "{body}");

        // Each reviewer's own queue.
        let mine = campaign_items(&api, &t.a, id, "mine=true&open=true").await;
        assert_eq!(mine.len(), 2, "{mine:?}");
        assert!(mine.iter().all(|i| i["may_decide"] == true), "{mine:?}");
        assert!(campaign_items(&api, &t.b, id, "mine=true").await.is_empty());
        let seen_by_b = campaign_items(&api, &t.b, id, "").await;
        assert!(
            seen_by_b.iter().all(|i| i["may_decide"] == false),
            "{seen_by_b:?}"
        );

        // B approved the grants and is not their reviewer: refused, nothing recorded.
        let refused = decide_item(&api, &t.b, i1, "certify", "Looks fine to me.").await;
        assert_refused(&refused, 403, "campaign.reviewer");
        assert_eq!(refused.1["kind"], "not_permitted", "{}", refused.1);
        let (status, body) = decide_item(&api, &t.hr, i1, "certify", "Fine.").await;
        assert_eq!(status, 403, "HR does not review access: {body}");
        // A revocation needs a reason; a decision is certify or revoke.
        for reason in ["", "   "] {
            let (status, body) = decide_item(&api, &t.a, i2, "revoke", reason).await;
            assert_eq!(
                (status, body["field"].as_str()),
                (422, Some("reason")),
                "{body}"
            );
        }
        let (status, body) = decide_item(&api, &t.a, i2, "approve", "Yes.").await;
        assert_eq!(
            (status, body["field"].as_str()),
            (422, Some("decision")),
            "{body}"
        );
        assert_eq!(
            campaign_view(&api, &t.admin, id).await["campaign"]["progress"]["decided"],
            0
        );
        assert_eq!(api.audit_count("campaign.item_decided", None).await, 0);

        // A certifies one: the grant stays.
        let certified = decided(
            &api,
            &t.a,
            i1,
            "certify",
            "Still maintains the payment service.",
        )
        .await;
        assert_eq!(certified["decision"], "certify", "{certified}");
        assert_eq!(
            certified["reason"], "Still maintains the payment service.",
            "{certified}"
        );
        assert_eq!(certified["decided_by"], t.a.email, "{certified}");
        assert!(certified["decided_at"].is_string(), "{certified}");
        assert_eq!(certified["may_decide"], false, "{certified}");
        assert_eq!(api.state(&t.admin, g1).await, "active");
        let (status, body) = decide_item(&api, &t.a, i1, "revoke", "Changed my mind.").await;
        assert_eq!(
            (status, body["kind"].as_str()),
            (409, Some("conflict")),
            "a decided item stays decided: {body}"
        );
        let view = campaign_view(&api, &t.admin, id).await;
        assert_eq!(
            view["campaign"]["progress"],
            json!({ "decided": 1, "total": 2 })
        );
        assert_eq!(view["may_sign_off"], false, "{view}");
        assert_refused(
            &api.post_empty(&t.admin, &format!("/campaigns/{id}/sign-off"))
                .await,
            422,
            "campaign.complete",
        );

        // A revokes the other: the grant ends at once.
        let revoked = decided(
            &api,
            &t.a,
            i2,
            "revoke",
            "Left the payments team; no longer needs it.",
        )
        .await;
        assert_eq!(revoked["decision"], "revoke", "{revoked}");
        assert_eq!(revoked["grant_state"], "revoked", "{revoked}");
        assert_eq!(api.state(&t.admin, g2).await, "revoked");
        assert_eq!(api.state(&t.admin, g1).await, "active");
        assert!(campaign_items(&api, &t.a, id, "mine=true&open=true")
            .await
            .is_empty());

        let view = campaign_view(&api, &t.admin, id).await;
        assert_eq!(
            view["campaign"]["progress"],
            json!({ "decided": 2, "total": 2 })
        );
        assert_eq!(view["campaign"]["certified"], 1, "{view}");
        assert_eq!(view["campaign"]["revoked"], 1, "{view}");
        assert_eq!(
            view["reviewers"],
            json!([{ "reviewer_id": t.a.id, "reviewer": t.a.email,
                     "progress": { "decided": 2, "total": 2 } }]),
            "{view}"
        );
        assert_eq!(view["may_sign_off"], true, "{view}");
        assert_eq!(campaign_view(&api, &t.a, id).await["may_sign_off"], false);

        // Sign-off: admins only; the chain's head is sealed into the campaign.
        let (status, body) = api
            .post_empty(&t.a, &format!("/campaigns/{id}/sign-off"))
            .await;
        assert_eq!(status, 403, "{body}");
        let (status, signed) = api
            .post_empty(&t.admin, &format!("/campaigns/{id}/sign-off"))
            .await;
        assert_eq!(status, 200, "{signed}");
        assert_eq!(signed["campaign"]["state"], "signed_off", "{signed}");
        assert_eq!(
            signed["campaign"]["signed_off_by"], t.admin.email,
            "{signed}"
        );
        assert!(signed["campaign"]["signed_off_at"].is_string(), "{signed}");
        assert_eq!(signed["may_sign_off"], false, "{signed}");
        let head = signed["head_hash_at_sign_off"]
            .as_str()
            .unwrap_or_else(|| panic!("no head hash: {signed}"))
            .to_owned();
        assert!(is_sha256_hex(&head), "{head}");
        let last_seq = signed["last_seq"].as_i64().unwrap();
        assert!(last_seq > signed["first_seq"].as_i64().unwrap(), "{signed}");
        assert_eq!(audit_hash(&api.app, last_seq).await, head);
        assert_eq!(
            audit_action(&api.app, last_seq).await,
            "campaign.signed_off"
        );
        let (status, body) = api
            .post_empty(&t.admin, &format!("/campaigns/{id}/sign-off"))
            .await;
        assert_eq!(status, 409, "signed off once: {body}");

        // Read-only afterwards.
        for who in [&t.a, &t.admin] {
            let (status, body) = decide_item(&api, who, i1, "revoke", "Too late.").await;
            assert_eq!(status, 409, "{body}");
        }
        assert_eq!(api.state(&t.admin, g1).await, "active");

        // The evidence: the CSV…
        let (content_type, csv) =
            download(&api, &t.admin, &format!("/campaigns/{id}/export.csv")).await;
        assert!(content_type.starts_with("text/csv"), "{content_type}");
        assert!(csv.starts_with("item_id,grant_id,repository,"), "{csv}");
        let (_, rows) = csv_table(&csv);
        assert_eq!(rows.len(), 2, "{csv}");
        let r1 = csv_row(&rows, i1);
        assert_eq!(r1["grant_id"], g1.to_string());
        assert_eq!(r1["repository"], "acme/payments");
        assert_eq!(r1["decision"], "certify");
        assert_eq!(r1["reason"], "Still maintains the payment service.");
        assert_eq!(r1["decided_by"], t.a.email);
        assert_eq!(r1["reviewer"], t.a.email);
        assert_eq!(r1["approvers"], t.b.email);
        assert_eq!(r1["screening_band"], "clear");
        assert_eq!(r1["screening_decision"], "cleared");
        assert_eq!(r1["outlives_screening"], "false");
        let r2 = csv_row(&rows, i2);
        assert_eq!(r2["grant_id"], g2.to_string());
        assert_eq!(r2["decision"], "revoke");
        // The reason holds a semicolon but no comma or quote: written as it is.
        assert_eq!(r2["reason"], "Left the payments team; no longer needs it.");

        // …and the report, self-contained, with the seal.
        let (content_type, html) =
            download(&api, &t.auditor, &format!("/campaigns/{id}/report.html")).await;
        assert!(content_type.starts_with("text/html"), "{content_type}");
        assert!(html.contains("2031-Q2"), "{html}");
        assert!(
            html.contains(&head),
            "the report shows the head hash: {html}"
        );
        assert!(html.contains("<svg"), "{html}");
        assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
        assert!(
            !html.contains("src=\"http"),
            "nothing loaded from elsewhere"
        );
        assert!(!html.contains("<link"), "no external stylesheet");

        // Downloading is on the record, and does not move the sealed range.
        assert_eq!(api.audit_count("campaign.exported", None).await, 2);
        assert_eq!(api.audit_count("campaign.item_decided", None).await, 2);
        let view = campaign_view(&api, &t.auditor, id).await;
        assert_eq!(view["last_seq"], last_seq, "{view}");
        assert_eq!(view["head_hash_at_sign_off"], head, "{view}");
        let list = api.get(&t.auditor, "/campaigns").await;
        assert_eq!(list["campaigns"][0]["state"], "signed_off", "{list}");
        api.assert_audit_chain_verifies();
    }
);

db_test!(
    campaigns_are_validated_and_each_role_does_only_its_part,
    |app: TestApp| async move {
        let api = Api::new(app);
        let t = Team::new(&api).await;
        let repo = owned_repository(&api, &t.admin, "acme/docs", "standard", &[&t.a]).await;
        let p1 = api.cleared_person(&t.hr, 1).await;
        let g1 = api.granted(&t.hr, &[&t.b], p1, repo, "read", 60).await;
        let (due, _) = due_in(30);

        for quarter in [
            "2031-Q5", "2031-Q0", "Q2-2031", "2031Q2", "31-Q2", "2031-Q12", "1999-Q1", "",
        ] {
            let (status, body) = start(&api, &t.admin, quarter, &due, false).await;
            assert_eq!(
                (status, body["field"].as_str()),
                (422, Some("quarter")),
                "{quarter:?}: {body}"
            );
        }
        let (yesterday, _) = due_in(-1);
        let (too_far, _) = due_in(400);
        for due_date in [
            yesterday.as_str(),
            too_far.as_str(),
            "2031-02-30",
            "31-12-2031",
            "tomorrow",
            "",
        ] {
            let (status, body) = start(&api, &t.admin, "2031-Q2", due_date, false).await;
            assert_eq!(
                (status, body["field"].as_str()),
                (422, Some("due_date")),
                "{due_date:?}: {body}"
            );
        }
        for who in [&t.hr, &t.auditor, &t.a] {
            let (status, body) = start(&api, who, "2031-Q2", &due, false).await;
            assert_eq!(status, 403, "only admins start campaigns: {body}");
        }
        let (status, body) = api.send(&t.hr, "GET", "/campaigns", None).await;
        assert_eq!(status, 403, "HR does not see campaigns: {body}");
        let list = api.get(&t.auditor, "/campaigns").await;
        assert_eq!(list["campaigns"], json!([]), "nothing refused was created");
        assert_eq!(list["may_start"], false);
        assert_eq!(api.get(&t.admin, "/campaigns").await["may_start"], true);

        // Due today is fine; one campaign per quarter, however it is spelled.
        let (today, _) = due_in(0);
        let id = started(&api, &t.admin, "2031-Q2", &today, false, 1).await;
        for quarter in ["2031-Q2", " 2031-q2 "] {
            let (status, body) = start(&api, &t.admin, quarter, &due, false).await;
            assert_eq!(
                (status, body["kind"].as_str()),
                (409, Some("conflict")),
                "{quarter:?}: {body}"
            );
        }
        let list = api.get(&t.admin, "/campaigns").await;
        assert_eq!(list["campaigns"].as_array().unwrap().len(), 1, "{list}");
        assert_eq!(list["campaigns"][0]["quarter"], "2031-Q2");
        assert_eq!(list["campaigns"][0]["due_date"], today);
        assert_eq!(list["campaigns"][0]["revoke_undecided_at_due"], false);

        // Not before every item is decided.
        let refused = api
            .post_empty(&t.admin, &format!("/campaigns/{id}/sign-off"))
            .await;
        assert_refused(&refused, 422, "campaign.complete");
        assert_eq!(refused.1["kind"], "policy", "{}", refused.1);
        assert_eq!(
            campaign_view(&api, &t.admin, id).await["campaign"]["state"],
            "open"
        );

        // The auditor reads and takes the evidence, but decides nothing.
        let view = campaign_view(&api, &t.auditor, id).await;
        assert_eq!(view["may_sign_off"], false, "{view}");
        assert_eq!(view["may_export"], true, "{view}");
        assert_eq!(view["has_own_items"], false, "{view}");
        let items = campaign_items(&api, &t.auditor, id, "").await;
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["may_decide"], false, "{}", items[0]);
        let item = items[0]["id"].as_i64().unwrap();
        let (content_type, csv) =
            download(&api, &t.auditor, &format!("/campaigns/{id}/export.csv")).await;
        assert!(content_type.starts_with("text/csv"), "{content_type}");
        assert_eq!(csv_table(&csv).1.len(), 1, "{csv}");
        let (content_type, _) =
            download(&api, &t.auditor, &format!("/campaigns/{id}/report.html")).await;
        assert!(content_type.starts_with("text/html"), "{content_type}");
        let (content_type, _) = download(&api, &t.auditor, "/audit-log/export").await;
        assert!(
            content_type.starts_with("application/x-ndjson"),
            "{content_type}"
        );
        let (status, body) = decide_item(&api, &t.auditor, item, "certify", "Fine.").await;
        assert_eq!(
            (status, body["kind"].as_str()),
            (403, Some("forbidden")),
            "{body}"
        );
        let (status, body) = api
            .post_empty(&t.auditor, &format!("/campaigns/{id}/sign-off"))
            .await;
        assert_eq!(status, 403, "{body}");

        // Security leads review but do not take evidence away; HR sees none of it.
        let view = campaign_view(&api, &t.b, id).await;
        assert_eq!(view["may_export"], false, "{view}");
        for path in [
            format!("/campaigns/{id}/export.csv"),
            format!("/campaigns/{id}/report.html"),
            "/audit-log/export".to_owned(),
            "/dashboard".to_owned(),
        ] {
            let (status, _, body) = api.get_text(&t.b, &path).await;
            assert_eq!(status, 403, "{path}: {body}");
        }
        for path in [
            format!("/campaigns/{id}"),
            format!("/campaigns/{id}/items"),
            format!("/campaigns/{id}/export.csv"),
            format!("/campaigns/{id}/report.html"),
            "/audit-log/export".to_owned(),
        ] {
            let (status, _, body) = api.get_text(&t.hr, &path).await;
            assert_eq!(status, 403, "{path}: {body}");
        }

        // Unknown ids.
        let (status, _) = api.send(&t.admin, "GET", "/campaigns/999999", None).await;
        assert_eq!(status, 404);
        let (status, _) = api
            .send(&t.admin, "GET", "/campaigns/999999/items", None)
            .await;
        assert_eq!(status, 404);
        let (status, _) = decide_item(&api, &t.admin, 999_999, "certify", "x").await;
        assert_eq!(status, 404);
        let (status, _) = api.post_empty(&t.admin, "/campaigns/999999/sign-off").await;
        assert_eq!(status, 404);

        // An admin may decide any item; then the campaign can be signed off.
        let certified = decided(&api, &t.admin, item, "certify", "Checked with the team.").await;
        assert_eq!(certified["decided_by"], t.admin.email, "{certified}");
        assert_eq!(api.state(&t.admin, g1).await, "active");
        assert_eq!(
            campaign_view(&api, &t.admin, id).await["may_sign_off"],
            true
        );
        let (status, signed) = api
            .post_empty(&t.admin, &format!("/campaigns/{id}/sign-off"))
            .await;
        assert_eq!(status, 200, "{signed}");
        assert_eq!(signed["campaign"]["state"], "signed_off", "{signed}");
        api.assert_audit_chain_verifies();
    }
);

db_test!(
    live_grants_need_an_active_security_lead_to_review_them,
    |app: TestApp| async move {
        let api = Api::new(app);
        let t = Team::new(&api).await;
        let repo = api.repository(&t.admin, "acme/api", "standard").await;
        let p1 = api.cleared_person(&t.hr, 1).await;
        let g1 = api.granted(&t.hr, &[&t.b], p1, repo, "read", 60).await;
        let (due, _) = due_in(30);

        // Every security lead leaves.
        let (admin, _) = api.app.signed_in("admin").await;
        for lead in [&t.a, &t.b] {
            let id = lead.id.to_string();
            let (status, body) = api
                .app
                .call(
                    &admin,
                    "/api/users/disable",
                    &[("user_id", id.as_str()), ("confirm", "yes")],
                )
                .await;
            assert_eq!(status, 200, "{body}");
        }
        let refused = start(&api, &t.admin, "2031-Q2", &due, false).await;
        assert_refused(&refused, 422, "campaign.reviewers");
        assert_eq!(
            api.get(&t.admin, "/campaigns").await["campaigns"],
            json!([]),
            "nothing was created"
        );

        // A new lead, who neither owns the repository nor approved the grant, gets the item.
        let c = api.user("security_lead").await;
        let id = started(&api, &t.admin, "2031-Q2", &due, false, 1).await;
        let item = item_of(&campaign_items(&api, &t.admin, id, "").await, g1);
        assert_eq!(item["reviewer_id"], c.id, "{item}");
        assert_eq!(item["approvers"], json!([t.b.email]), "{item}");
        assert_eq!(api.queued_mail(&c.email, SUBJECT_ASSIGNED).await, 1);
    }
);

db_test!(
    reviewers_with_open_items_are_reminded_weekly_then_daily,
    |app: TestApp| async move {
        let api = Api::new(app);
        let t = Team::new(&api).await;
        let c = api.user("security_lead").await;
        let repo_a = owned_repository(&api, &t.admin, "acme/a", "standard", &[&t.a]).await;
        let repo_c = owned_repository(&api, &t.admin, "acme/c", "standard", &[&c]).await;
        let p1 = api.cleared_person(&t.hr, 1).await;
        let p2 = api.cleared_person(&t.hr, 2).await;
        let g1 = api.granted(&t.hr, &[&t.b], p1, repo_a, "read", 60).await;
        let g2 = api.granted(&t.hr, &[&t.b], p2, repo_c, "read", 60).await;
        let (due, due_ms) = due_in(30);
        let id = started(&api, &t.admin, "2031-Q2", &due, false, 2).await;
        let t0 = now_ms();

        let all = campaign_items(&api, &t.admin, id, "").await;
        assert_eq!(item_of(&all, g1)["reviewer_id"], t.a.id);
        assert_eq!(item_of(&all, g2)["reviewer_id"], c.id);
        assert_eq!(api.queued_mail(&t.a.email, SUBJECT_ASSIGNED).await, 1);
        assert_eq!(api.queued_mail(&c.email, SUBJECT_ASSIGNED).await, 1);

        // C decides at once and is never reminded.
        let c_item = item_of(&all, g2)["id"].as_i64().unwrap();
        decided(&api, &c, c_item, "certify", "Needed for the release.").await;

        let reminded = |report: CampaignEnforcement| report.reminded;
        assert_eq!(
            reminded(enforce_campaigns(&api.app, t0 + HOUR_MS).await),
            0,
            "the assignment mail was the first word"
        );
        assert_eq!(
            reminded(enforce_campaigns(&api.app, t0 + 7 * DAY_MS).await),
            1,
            "a week after the start"
        );
        assert_eq!(
            reminded(enforce_campaigns(&api.app, t0 + 7 * DAY_MS).await),
            0,
            "the same pass again sends nothing"
        );
        assert_eq!(
            reminded(enforce_campaigns(&api.app, t0 + 13 * DAY_MS).await),
            0,
            "weekly while the due date is far"
        );
        let daily_from = due_ms - 3 * DAY_MS;
        assert!(daily_from > t0 + 14 * DAY_MS);
        assert_eq!(reminded(enforce_campaigns(&api.app, daily_from).await), 1);
        assert_eq!(
            reminded(enforce_campaigns(&api.app, daily_from + 12 * HOUR_MS).await),
            0,
            "at most daily"
        );
        assert_eq!(
            reminded(enforce_campaigns(&api.app, daily_from + DAY_MS).await),
            1,
            "daily in the last three days"
        );
        let overdue = enforce_campaigns(&api.app, due_ms + DAY_MS).await;
        assert_eq!(overdue.reminded, 1, "and daily while overdue");
        assert_eq!(
            overdue.auto_revoked, 0,
            "this campaign did not ask for revocation at the due date"
        );

        assert_eq!(api.queued_mail(&t.a.email, SUBJECT_REMINDER).await, 4);
        assert_eq!(api.queued_mail(&c.email, SUBJECT_REMINDER).await, 0);
        assert_eq!(api.queued_mail(&t.b.email, SUBJECT_REMINDER).await, 0);
        assert_eq!(api.audit_count("campaign.reminded", None).await, 4);
        api.deliver_all_mail().await;
        let mails = api.mails(&t.a.email, SUBJECT_REMINDER);
        assert_eq!(mails.len(), 4, "{mails:?}");
        let body = mails[0].body();
        assert!(body.contains("2031-Q2"), "{body}");
        assert!(body.contains(&due), "{body}");
        assert!(api.mails(&c.email, SUBJECT_REMINDER).is_empty());

        // Reminding changed nothing else.
        assert_eq!(api.state(&t.admin, g1).await, "active");
        let item = item_of(&campaign_items(&api, &t.admin, id, "").await, g1);
        assert_eq!(item["decision"], Value::Null, "{item}");
        api.assert_audit_chain_verifies();
    }
);

db_test!(
    undecided_items_are_revoked_at_the_due_date_once_when_the_campaign_asked,
    |app: TestApp| async move {
        let api = Api::new(app);
        let t = Team::new(&api).await;
        let repo = owned_repository(&api, &t.admin, "acme/core", "standard", &[&t.a]).await;
        let mut grants = Vec::new();
        for n in 1..=3 {
            let person = api.cleared_person(&t.hr, n).await;
            grants.push(api.granted(&t.hr, &[&t.b], person, repo, "read", 60).await);
        }
        let (g1, g2, g3) = (grants[0], grants[1], grants[2]);
        let (due, due_ms) = due_in(1);
        let strict = started(&api, &t.admin, "2031-Q3", &due, true, 3).await;
        let lenient = started(&api, &t.admin, "2031-Q4", &due, false, 3).await;
        let t0 = now_ms();
        assert_eq!(
            campaign_view(&api, &t.admin, strict).await["campaign"]["revoke_undecided_at_due"],
            true
        );
        let kept = item_id(&api, &t.a, strict, g1).await;
        decided(&api, &t.a, kept, "certify", "Still on the core team.").await;

        let before = enforce_campaigns(&api.app, t0 + HOUR_MS).await;
        assert_eq!(before.auto_revoked, 0, "not due yet");
        for grant in [g1, g2, g3] {
            assert_eq!(api.state(&t.admin, grant).await, "active");
        }

        let after_due = t0 + 3 * DAY_MS;
        assert!(after_due > due_ms);
        let report = enforce_campaigns(&api.app, after_due).await;
        assert_eq!(report.auto_revoked, 2, "{report:?}");
        assert_eq!(
            report.reminded, 1,
            "A is reminded of the lenient campaign only (nothing is open in the other): {report:?}"
        );
        let again = enforce_campaigns(&api.app, after_due).await;
        assert_eq!(again.auto_revoked, 0, "once: {again:?}");
        let later = enforce_campaigns(&api.app, after_due + 2 * DAY_MS).await;
        assert_eq!(later.auto_revoked, 0, "once: {later:?}");

        assert_eq!(api.state(&t.admin, g1).await, "active");
        assert_eq!(api.state(&t.admin, g2).await, "revoked");
        assert_eq!(api.state(&t.admin, g3).await, "revoked");

        let items = campaign_items(&api, &t.admin, strict, "").await;
        let certified = item_of(&items, g1);
        assert_eq!(certified["decision"], "certify", "untouched: {certified}");
        assert_eq!(certified["decided_by"], t.a.email, "{certified}");
        assert_eq!(
            certified["reason"], "Still on the core team.",
            "{certified}"
        );
        for grant in [g2, g3] {
            let item = item_of(&items, grant);
            assert_eq!(item["decision"], "revoke", "{item}");
            assert_eq!(item["decided_by"], "system", "{item}");
            assert!(
                item["reason"]
                    .as_str()
                    .is_some_and(|r| r.contains("due date")),
                "{item}"
            );
            assert_eq!(item["grant_state"], "revoked", "{item}");
        }
        let view = campaign_view(&api, &t.admin, strict).await;
        assert_eq!(
            view["campaign"]["progress"],
            json!({ "decided": 3, "total": 3 })
        );
        assert_eq!(view["campaign"]["certified"], 1, "{view}");
        assert_eq!(view["campaign"]["revoked"], 2, "{view}");
        assert_eq!(view["may_sign_off"], true, "{view}");

        // The campaign without the flag decided nothing, though its grants changed meanwhile.
        let view = campaign_view(&api, &t.admin, lenient).await;
        assert_eq!(
            view["campaign"]["progress"],
            json!({ "decided": 0, "total": 3 })
        );
        assert_eq!(view["campaign"]["state"], "open", "{view}");
        let items = campaign_items(&api, &t.admin, lenient, "").await;
        assert!(items.iter().all(|i| i["decision"].is_null()), "{items:?}");
        assert_eq!(item_of(&items, g2)["grant_state"], "revoked");
        assert_eq!(item_of(&items, g1)["grant_state"], "active");
        api.assert_audit_chain_verifies();
    }
);

db_test!(
    an_item_whose_grant_outlives_the_screening_is_flagged,
    |app: TestApp| async move {
        let api = Api::new(app);
        let t = Team::new(&api).await;
        let repo = owned_repository(&api, &t.admin, "acme/infra", "standard", &[&t.a]).await;
        let stale = api.cleared_person(&t.hr, 1).await;
        let fresh = api.cleared_person(&t.hr, 2).await;
        let g_stale = api.granted(&t.hr, &[&t.b], stale, repo, "read", 30).await;
        let g_fresh = api.granted(&t.hr, &[&t.b], fresh, repo, "read", 30).await;
        let (due, _) = due_in(30);
        let id = started(&api, &t.admin, "2031-Q2", &due, false, 2).await;

        // The clearance now dates from 80 days ago: it counts for 10 more days, the grant for 30.
        api.age_decision(stale, 80).await;

        let items = campaign_items(&api, &t.a, id, "").await;
        let flagged = item_of(&items, g_stale);
        assert_eq!(flagged["outlives_screening"], true, "{flagged}");
        assert_eq!(flagged["screening_age_days"], 80, "{flagged}");
        let valid_until = ms_of(flagged["screening"]["valid_until"].as_str().unwrap());
        let expires = ms_of(flagged["expires_at"].as_str().unwrap());
        assert!(valid_until < expires, "{flagged}");
        let fine = item_of(&items, g_fresh);
        assert_eq!(fine["outlives_screening"], false, "{fine}");
        assert_eq!(fine["screening_age_days"], 0, "{fine}");

        let (_, csv) = download(&api, &t.auditor, &format!("/campaigns/{id}/export.csv")).await;
        let (_, rows) = csv_table(&csv);
        let flagged_id = flagged["id"].as_i64().unwrap();
        let fine_id = fine["id"].as_i64().unwrap();
        assert_eq!(csv_row(&rows, flagged_id)["outlives_screening"], "true");
        assert_eq!(csv_row(&rows, fine_id)["outlives_screening"], "false");
    }
);

db_test!(
    the_dashboard_counts_what_exists_and_links_to_each_list,
    |app: TestApp| async move {
        let api = Api::new(app);
        let t = Team::new(&api).await;
        let c = api.user("security_lead").await;
        let standard = api.repository(&t.admin, "acme/web", "standard").await;
        let critical = api.repository(&t.admin, "acme/vault", "critical").await;
        let p1 = api.cleared_person(&t.hr, 1).await;
        let p2 = api.cleared_person(&t.hr, 2).await;
        let p3 = api.cleared_person(&t.hr, 3).await;
        let g1 = api.granted(&t.hr, &[&t.b], p1, standard, "read", 60).await;
        api.granted(&t.hr, &[&t.b], p2, standard, "write", 60).await;
        api.granted(&t.hr, &[&t.b, &c], p3, critical, "read", 60)
            .await;
        let p4 = api.cleared_person(&t.hr, 4).await;
        let p5 = api.cleared_person(&t.hr, 5).await;
        api.requested(&t.hr, p4, standard, "read", 30).await;
        let old = api.requested(&t.hr, p5, critical, "read", 30).await;
        set_request_ms(&api.app, old, "requested_at_ms", now_ms() - 5 * DAY_MS).await;
        let (_, screening) = api.person_with(&t.hr, high_risk(clean_profile(6))).await;
        assert_eq!(screening["band"], "high", "{screening}");

        for who in [&t.a, &t.hr, &t.auditor] {
            let (status, body) = api.send(who, "GET", "/dashboard", None).await;
            assert_eq!(status, 403, "the dashboard is the founders': {body}");
        }

        let dashboard = api.get(&t.admin, "/dashboard").await;
        assert_eq!(
            labelled(&dashboard, "grants_by_tier"),
            pairs(&[("Standard", 2), ("Sensitive", 0), ("Critical", 1)]),
            "{dashboard}"
        );
        assert_eq!(
            labelled(&dashboard, "grants_by_permission"),
            pairs(&[
                ("Read", 2),
                ("Triage", 0),
                ("Write", 1),
                ("Maintain", 0),
                ("Admin", 0)
            ]),
            "{dashboard}"
        );
        let expiring: Vec<i64> = counts(&dashboard, "expiring").iter().map(|c| c.1).collect();
        assert_eq!(expiring, [0, 0], "every grant runs 60 days: {dashboard}");
        assert_eq!(
            labelled(&dashboard, "people_by_band"),
            pairs(&[("clear", 5), ("review", 0), ("high", 1), ("critical", 0)]),
            "{dashboard}"
        );
        let findings = labelled(&dashboard, "open_findings");
        assert_eq!(findings[0], ("Critical".to_owned(), 0), "{dashboard}");
        assert_eq!(findings[1].0, "High", "{dashboard}");
        assert!(findings[1].1 >= 1, "PAY-02 is open: {dashboard}");
        let pending: Vec<i64> = counts(&dashboard, "pending_by_age")
            .iter()
            .map(|c| c.1)
            .collect();
        assert_eq!(pending, [1, 0, 1], "{dashboard}");
        assert_eq!(dashboard["oldest_pending_days"], 5, "{dashboard}");
        assert_eq!(dashboard["campaign"], Value::Null, "{dashboard}");

        // A grant about to end.
        set_request_ms(&api.app, g1, "expires_at_ms", now_ms() + 3 * DAY_MS).await;
        let (due, _) = due_in(30);
        let id = started(&api, &t.admin, "2031-Q2", &due, false, 3).await;
        let dashboard = api.get(&t.admin, "/dashboard").await;
        assert_eq!(
            labelled(&dashboard, "expiring"),
            pairs(&[("Within 7 days", 1), ("Within 30 days", 1)]),
            "{dashboard}"
        );
        assert_eq!(dashboard["campaign"]["id"], id, "{dashboard}");
        assert_eq!(
            dashboard["campaign"]["progress"],
            json!({ "decided": 0, "total": 3 })
        );

        // Every number links to the list it counts.
        for chart in [
            "grants_by_tier",
            "grants_by_permission",
            "expiring",
            "people_by_band",
            "open_findings",
            "pending_by_age",
        ] {
            for (label, count, href) in counts(&dashboard, chart) {
                assert!(
                    href.starts_with('/') && href.len() > 1,
                    "{chart} {label}: {href:?}"
                );
                let list = api.get(&t.admin, &href).await;
                let total = list["page"]["total"].as_i64().unwrap();
                match chart {
                    // The findings link to the people in that band; pending ages all link to
                    // the pending list.
                    "open_findings" => {}
                    "pending_by_age" => assert_eq!(total, 2, "{href}: {list}"),
                    _ => assert_eq!(total, count, "{chart} {label} ({href}): {list}"),
                }
            }
        }
        let tiers = counts(&dashboard, "grants_by_tier");
        assert!(tiers[2].2.contains("tier=critical"), "{tiers:?}");
    }
);
