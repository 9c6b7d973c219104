//! After a rules change, people screened under older rules are indexed and screened again: the
//! new near-duplicate keys are built for people stored before they existed, so links that only
//! the new rules can see appear, and a second pass finds nothing left to do. The background
//! refresh is off here, so the test alone decides when the refresh runs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use clearance_app::model::request::RequestContext;
use clearance_server::config::Settings;
use clearance_server::scoring::RULES_VERSION;
use common::TestApp;
use serde_json::{json, Value};
use sqlx::{Executor, Row};

async fn create(app: &TestApp, token: &str, doc: Value) -> i64 {
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/people"))
        .bearer_auth(token)
        .json(&doc)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 201);
    response.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap()
}

async fn latest(app: &TestApp, id: i64) -> (String, String, Vec<String>) {
    let mut db = app.db().await;
    let row = sqlx::query(
        "SELECT id, rules_version, reason FROM screenings WHERE person_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(id)
    .fetch_one(&mut db)
    .await
    .unwrap();
    let screening: i64 = row.get("id");
    let indicators =
        sqlx::query("SELECT indicator FROM findings WHERE screening_id = $1 ORDER BY indicator")
            .bind(screening)
            .fetch_all(&mut db)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get::<String, _>(0))
            .collect();
    (row.get("rules_version"), row.get("reason"), indicators)
}

db_test!(
    people_screened_under_older_rules_get_the_new_keys_and_findings,
    settings = |s: &mut Settings| s.refresh_screenings_on_start = false,
    |app: TestApp| async move {
        let hr = app.api_token("hr").await;
        // Two resumes two bits apart: a near copy (LINK-03) only the band keys can find.
        let first = create(
            &app,
            &hr,
            json!({ "identity": { "legal_name": { "full": "Dana Whitfield" } },
                    "resume": { "simhash64": "0f0f0f0f0f0f0f0f" } }),
        )
        .await;
        let second = create(
            &app,
            &hr,
            json!({ "identity": { "legal_name": { "full": "Marcus Oyelaran" } },
                    "resume": { "simhash64": "0f0f0f0f0f0f0f0c" } }),
        )
        .await;
        assert!(latest(&app, second).await.2.contains(&"LINK-03".to_owned()));

        // Rewind to how an older release stored them: screened under older rules, no band keys.
        {
            let mut db = app.db().await;
            db.execute("UPDATE screenings SET rules_version = '2026.11-1'")
                .await
                .unwrap();
            db.execute("DELETE FROM link_keys").await.unwrap();
        }

        let req = RequestContext::internal("test");
        let refreshed = app
            .services
            .refresh_outdated_screenings(&req, || true)
            .await
            .unwrap();
        assert_eq!(refreshed, 2);
        for id in [first, second] {
            let (rules, reason, indicators) = latest(&app, id).await;
            assert_eq!(rules, RULES_VERSION);
            assert!(reason.starts_with("rules updated to"), "{reason}");
            assert!(
                indicators.contains(&"LINK-03".to_owned()),
                "person {id}: {indicators:?}"
            );
        }
        let keys: i64 = {
            let mut db = app.db().await;
            sqlx::query("SELECT COUNT(*) FROM link_keys")
                .fetch_one(&mut db)
                .await
                .unwrap()
                .get(0)
        };
        assert_eq!(keys, 8, "four SimHash bands for each of the two people");

        let again = app
            .services
            .refresh_outdated_screenings(&req, || true)
            .await
            .unwrap();
        assert_eq!(again, 0, "nothing is left under older rules");
    }
);

db_test!(
    a_refresh_stops_when_asked_and_resumes_later,
    settings = |s: &mut Settings| s.refresh_screenings_on_start = false,
    |app: TestApp| async move {
        let hr = app.api_token("hr").await;
        for name in ["Ann Lowe", "Bo Chan", "Cy Reyes"] {
            create(
                &app,
                &hr,
                json!({ "identity": { "legal_name": { "full": name } } }),
            )
            .await;
        }
        {
            let mut db = app.db().await;
            db.execute("UPDATE screenings SET rules_version = 'older'")
                .await
                .unwrap();
        }
        let req = RequestContext::internal("test");
        let budget = std::sync::atomic::AtomicUsize::new(1);
        let first = app
            .services
            .refresh_outdated_screenings(&req, || {
                budget
                    .fetch_update(
                        std::sync::atomic::Ordering::SeqCst,
                        std::sync::atomic::Ordering::SeqCst,
                        |left| left.checked_sub(1),
                    )
                    .is_ok()
            })
            .await
            .unwrap();
        assert_eq!(first, 1, "stopped after one person");
        let rest = app
            .services
            .refresh_outdated_screenings(&req, || true)
            .await
            .unwrap();
        assert_eq!(
            rest, 2,
            "the others are still outdated and are done next time"
        );
    }
);
