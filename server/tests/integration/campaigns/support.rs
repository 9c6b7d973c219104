//! What the campaign tests share (audit_evidence.rs uses them too, through `crate::campaigns`):
//! the team of users, repositories with owners, due dates, starting campaigns and deciding items
//! through the API, downloads, an enforcement pass at a chosen time, reading the audit chain and
//! setting request times in the database, and a strict RFC 4180 CSV reader.

use crate::common::TestApp;
use crate::grants_support::*;
use clearance_app::model::request::RequestContext;
use clearance_server::services::campaigns::CampaignEnforcement;
use serde_json::{json, Value};
use sqlx::Row;
use std::collections::HashMap;

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
