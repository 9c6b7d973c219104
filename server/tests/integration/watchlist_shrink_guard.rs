//! The shrink guard through `POST /api/v1/watchlists/{source}/versions`: a version with fewer than
//! half the entries of the active one (of 20 or more) is refused with both counts and changes
//! nothing, until the importer accepts the smaller list; the audit entry names the version it
//! replaced.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::TestApp;
use crate::watchlists::{custom_upload, import, send};
use serde_json::{json, Value};

/// A custom list of `n` e-mail entries.
fn incidents(n: usize) -> Value {
    let rows: String = (0..n)
        .map(|i| format!("email,incident{i}@example.com,incident {i},internal\n"))
        .collect();
    custom_upload(&format!("kind,value,label,source\n{rows}"))
}

/// The active version of `source`: its id and entry count.
async fn active(app: &TestApp, token: &str, source: &str) -> (i64, i64) {
    let (status, page) = send(app, token, "GET", "/api/v1/watchlists?page=1", None).await;
    assert_eq!(status, 200, "{page}");
    let version = page["active"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["source"] == source)
        .unwrap_or_else(|| panic!("no active {source}: {page}"));
    (
        version["id"].as_i64().unwrap(),
        version["entry_count"].as_i64().unwrap(),
    )
}

db_test!(
    a_version_under_half_the_active_one_needs_the_importers_word,
    |app: TestApp| async move {
        let lead = app.api_token("security_lead").await;
        let (status, first) = import(&app, &lead, "incidents", incidents(20)).await;
        assert_eq!(status, 201, "{first}");
        let first = first["id"].as_i64().unwrap();

        // Cut short: refused, and the active version stays.
        let (status, refused) = import(&app, &lead, "incidents", incidents(9)).await;
        assert_eq!(status, 422, "{refused}");
        let text = refused.to_string();
        assert!(text.contains("9 entries"), "{text}");
        assert!(
            text.contains(&format!("20 in the active version {first}")),
            "{text}"
        );
        assert!(text.contains("allow_shrink"), "names the field: {text}");
        assert_eq!(active(&app, &lead, "incidents").await, (first, 20));

        // Half is not a shrink to guard against; another list is not compared at all.
        let (status, half) = import(&app, &lead, "incidents", incidents(10)).await;
        assert_eq!(status, 201, "{half}");
        let half = half["id"].as_i64().unwrap();
        assert_eq!(import(&app, &lead, "other_list", incidents(1)).await.0, 201);

        // Under 20 entries the list is edited by hand: not guarded.
        let (status, small) = import(&app, &lead, "incidents", incidents(2)).await;
        assert_eq!(status, 201, "{small}");
        let (status, back) = import(&app, &lead, "incidents", incidents(40)).await;
        assert_eq!(status, 201, "{back}");
        let grown = back["id"].as_i64().unwrap();

        // Accepted by the importer: the smaller list becomes active.
        let mut accepted = incidents(3);
        accepted["allow_shrink"] = json!(true);
        let (status, shrunk) = import(&app, &lead, "incidents", accepted).await;
        assert_eq!(status, 201, "{shrunk}");
        let shrunk = shrunk["id"].as_i64().unwrap();
        assert_eq!(active(&app, &lead, "incidents").await, (shrunk, 3));
        assert!(half < shrunk);

        let mut db = app.db().await;
        let details: String = sqlx::query_scalar(
            "SELECT details FROM audit_log WHERE action = 'watchlist.import' ORDER BY seq DESC LIMIT 1",
        )
        .fetch_one(&mut db)
        .await
        .unwrap();
        let details: Value = serde_json::from_str(&details).unwrap();
        assert_eq!(
            details["replaced"],
            json!({ "version": grown, "entries": 40 }),
            "{details}"
        );
    }
);
