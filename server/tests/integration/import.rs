//! Bulk import through the REST API: JSON arrays, JSON lines and CSV, with per-row errors,
//! linking across imported rows, and a body limit larger than the rest of the API. From the
//! import page: the import runs in the background, its progress and report are read by its
//! starter (and admins), and an import whose server stopped is reported failed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use common::TestApp;
use serde_json::{json, Value};
use sqlx::Row;

async fn import(app: &TestApp, token: &str, content_type: &str, body: String) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/people/import"))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    (
        response.status().as_u16(),
        response.json().await.unwrap_or(Value::Null),
    )
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let mut db = app.db().await;
    sqlx::query(sql).fetch_one(&mut db).await.unwrap().get(0)
}

db_test!(
    a_json_array_imports_the_valid_rows_and_reports_the_others,
    |app: TestApp| async move {
        let hr = app.api_token("hr").await;
        let rows = json!([
            { "identity": { "legal_name": { "full": "Ana One" } } },
            { "identity": { "legal_name": { "full": "Ben Two" } }, "contact": { "phones": [{ "e164": "not a phone" }] } },
            { "identity": { "legal_name": { "full": "Cy Three" }, "nationality": [7] } },
            { "identity": { "legal_name": { "full": "Di Four" } }, "ats": { "id": 9 } }
        ]);
        let (status, report) = import(&app, &hr, "application/json", rows.to_string()).await;
        assert_eq!(status, 200, "{report}");
        assert_eq!(report["imported"], 2);
        let failed = report["failed"].as_array().unwrap();
        assert_eq!(
            (failed[0]["row"].as_i64(), failed[0]["field"].as_str()),
            (Some(2), Some("contact.phones[0].e164"))
        );
        assert_eq!(
            (failed[1]["row"].as_i64(), failed[1]["field"].as_str()),
            (Some(3), Some("identity.nationality[0]"))
        );
        assert_eq!(count(&app, "SELECT COUNT(*) FROM people").await, 2);
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM screenings").await,
            2,
            "every imported person is screened"
        );
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'people.imported'"
            )
            .await,
            1
        );
    }
);

db_test!(
    csv_rows_that_share_an_address_and_account_are_linked_on_import,
    |app: TestApp| async move {
        let hr = app.api_token("hr").await;
        let csv = "legal_name,email,shipping_address,shipping_postal_code,shipping_country,pay_method,iban\n\
               Brian Miller,b1@example.net,\"742 Evergreen Terrace, Unit 2\",37201,US,wire,GB29NWBK60161331926819\n\
               Kevin Brown,k2@example.net,\"742 Evergreen Terrace, Unit 2\",37201,US,wire,GB29 NWBK 6016 1331 9268 19\n\
               Bad Phone,not-an-email,,,,,\n\
               Eric Davis,e3@example.net,742 EVERGREEN TERRACE UNIT 2,37201,us,wire,gb29nwbk60161331926819\n";
        let (status, report) = import(&app, &hr, "text/csv", csv.to_owned()).await;
        assert_eq!(status, 200, "{report}");
        assert_eq!(report["imported"], 3, "{report}");
        assert_eq!(report["failed"][0]["row"], 3);
        assert_eq!(report["failed"][0]["field"], "contact.emails[0].address");
        let ids: Vec<i64> = report["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_i64().unwrap())
            .collect();
        let first: String = {
            let mut db = app.db().await;
            sqlx::query("SELECT band FROM people WHERE id = $1")
                .bind(ids[0])
                .fetch_one(&mut db)
                .await
                .unwrap()
                .get(0)
        };
        assert_eq!(
            first, "critical",
            "the first row was re-scored when the others arrived"
        );
    }
);

db_test!(
    imports_may_exceed_the_normal_body_limit_but_not_their_own,
    |app: TestApp| async move {
        let hr = app.api_token("hr").await;
        let padding = "x".repeat(2000);
        let lines: Vec<String> = (0..600)
        .map(|i| json!({ "identity": { "legal_name": { "full": format!("Person {i}") } }, "notes": padding }).to_string())
        .collect();
        let body = lines.join("\n");
        assert!(body.len() > 1024 * 1024);
        let (status, report) = import(&app, &hr, "application/x-ndjson", body).await;
        assert_eq!(status, 200);
        assert_eq!(report["imported"], 600);
        let auth = format!("Authorization: Bearer {hr}\r\nContent-Type: application/json\r\n");
        let status_line = app
            .status_for_declared_length("/api/v1/people/import", 65 * 1024 * 1024, &auth)
            .await;
        assert!(status_line.starts_with("HTTP/1.1 413"), "{status_line}");
    }
);

db_test!(
    only_people_editors_import_and_broken_files_are_refused_whole,
    |app: TestApp| async move {
        let auditor = app.api_token("auditor").await;
        let (status, _) = import(&app, &auditor, "application/json", "[]".into()).await;
        assert_eq!(status, 403);
        let hr = app.api_token("hr").await;
        let (status, body) = import(&app, &hr, "application/json", "[{".into()).await;
        assert_eq!((status, body["field"].as_str()), (400, Some("file")));
        let (status, body) = import(&app, &hr, "text/csv", "name,mail\nA,b\n".into()).await;
        assert_eq!(status, 400);
        assert!(
            body["error"].as_str().unwrap().contains("unknown column"),
            "{body}"
        );
        assert_eq!(count(&app, "SELECT COUNT(*) FROM people").await, 0);
    }
);

/// Asks for an import's state (as its page does) until it has ended; a bounded wait.
async fn wait_for_import(app: &TestApp, client: &reqwest::Client, id: i64) -> Value {
    let id = id.to_string();
    for _ in 0..1500 {
        let (status, job) = app
            .call(client, "/api/people/import-status", &[("id", &id)])
            .await;
        assert_eq!(status, 200, "{job}");
        if job["status"] != "running" {
            return job;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("import {id} did not end");
}

db_test!(
    the_import_page_imports_in_the_background_with_progress_and_reports_refused_rows,
    |app: TestApp| async move {
        let (hr, _) = app.signed_in("hr").await;
        // 600 rows (three chunks); data rows 101 and 451 have a bad address.
        let mut csv = String::from("legal_name,email\n");
        for i in 1..=600 {
            let email = if i == 101 || i == 451 {
                "not-an-email".to_owned()
            } else {
                format!("p{i}@example.org")
            };
            csv.push_str(&format!("Page Person {i},{email}\n"));
        }
        let (status, id) = app
            .call(
                &hr,
                "/api/people/import",
                &[("format", "csv"), ("text", &csv)],
            )
            .await;
        assert_eq!(status, 200, "{id}");
        let id = id.as_i64().expect("the answer is the import's number");

        let job = wait_for_import(&app, &hr, id).await;
        assert_eq!(job["status"], "finished", "{job}");
        assert_eq!(job["rows"], 600);
        assert_eq!(job["total"], 598);
        assert_eq!(job["done"], job["total"], "{job}");
        assert_eq!(job["imported"], 598);
        assert!(job["error"].is_null(), "{job}");
        let failed: Vec<(i64, &str)> = job["failed"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["row"].as_i64().unwrap(), f["field"].as_str().unwrap()))
            .collect();
        assert_eq!(
            failed,
            [
                (101, "contact.emails[0].address"),
                (451, "contact.emails[0].address")
            ]
        );
        assert_eq!(count(&app, "SELECT COUNT(*) FROM people").await, 598);
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM screenings").await,
            598,
            "every imported person is screened"
        );
        for action in ["people.import_started", "people.imported"] {
            let sql = format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'");
            assert_eq!(count(&app, &sql).await, 1, "{action}");
        }

        // Another HR user cannot see it (as if it did not exist); an admin can.
        let (other, _) = app.signed_in("hr").await;
        let (status, _) = app
            .call(
                &other,
                "/api/people/import-status",
                &[("id", &id.to_string())],
            )
            .await;
        assert_eq!(status, 404);
        let page = other
            .get(app.url(&format!("/people/import/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 404);
        let (admin, _) = app.signed_in("admin").await;
        let (status, seen) = app
            .call(
                &admin,
                "/api/people/import-status",
                &[("id", &id.to_string())],
            )
            .await;
        assert_eq!((status, &seen["imported"]), (200, &json!(598)), "{seen}");
        let (auditor, _) = app.signed_in("auditor").await;
        let (status, _) = app
            .call(
                &auditor,
                "/api/people/import-status",
                &[("id", &id.to_string())],
            )
            .await;
        assert_eq!(status, 403);

        // The finished page shows the report and no longer reloads itself.
        let page = hr
            .get(app.url(&format!("/people/import/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains("Imported 598 of 598 rows"), "{html}");
        assert!(html.contains("Imported 598 · refused 2"), "{html}");
        assert!(!html.contains("http-equiv"), "{html}");
    }
);

db_test!(
    without_javascript_the_form_post_goes_to_the_import_page_and_bad_data_is_refused_at_once,
    |app: TestApp| async move {
        let (hr, _) = app.signed_in("hr").await;
        let response = hr
            .post(app.url("/api/people/import"))
            .header("accept", "text/html")
            .form(&[
                ("format", "json"),
                (
                    "text",
                    r#"[{"identity": {"legal_name": {"full": "Ada Lovelace"}}}]"#,
                ),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 302);
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        let id: i64 = location
            .strip_prefix("/people/import/")
            .and_then(|id| id.parse().ok())
            .unwrap_or_else(|| panic!("redirect to the import's page, got {location}"));
        let job = wait_for_import(&app, &hr, id).await;
        assert_eq!(
            (job["status"].as_str(), job["imported"].as_i64()),
            (Some("finished"), Some(1))
        );

        // A file that cannot be read at all, an unknown format and no rows start nothing.
        let (status, body) = app
            .call(
                &hr,
                "/api/people/import",
                &[("format", "json"), ("text", "[{")],
            )
            .await;
        assert_eq!((status, body["field"].as_str()), (400, Some("file")));
        let (status, body) = app
            .call(
                &hr,
                "/api/people/import",
                &[("format", "xml"), ("text", "<x/>")],
            )
            .await;
        assert_eq!((status, body["field"].as_str()), (422, Some("format")));
        let (status, body) = app
            .call(
                &hr,
                "/api/people/import",
                &[("format", "csv"), ("text", "legal_name\n")],
            )
            .await;
        assert_eq!((status, body["field"].as_str()), (422, Some("text")));
        assert_eq!(count(&app, "SELECT COUNT(*) FROM import_jobs").await, 1);
    }
);

db_test!(
    an_import_whose_server_stopped_is_reported_failed_with_what_to_do,
    |app: TestApp| async move {
        let (hr, _) = app.signed_in("hr").await;
        let me = format!("user:{}", app.who(&hr).await["user_id"]);
        let insert_stale = || {
            let (app, me) = (&app, me.clone());
            async move {
                let mut db = app.db().await;
                sqlx::query(
                    "INSERT INTO import_jobs (created_by, format, total_rows, parsed_ok, done,
                         status, created_at_ms, heartbeat_at_ms)
                     VALUES ($1, 'csv', 600, 600, 250, 'running', 1000, 1000) RETURNING id",
                )
                .bind(me)
                .fetch_one(&mut db)
                .await
                .unwrap()
                .get::<i64, _>(0)
            }
        };
        let restart_message = "The server restarted during this import";

        // Found when its page is read...
        let id = insert_stale().await;
        let job = wait_for_import(&app, &hr, id).await;
        assert_eq!(job["status"], "failed");
        assert_eq!(job["done"], 250, "the committed rows are kept and counted");
        assert!(
            job["error"].as_str().unwrap().contains(restart_message),
            "{job}"
        );

        // ...or when the server starts.
        let id = insert_stale().await;
        assert_eq!(app.services.fail_interrupted_imports().await.unwrap(), 1);
        let job = wait_for_import(&app, &hr, id).await;
        assert_eq!(job["status"], "failed");
        assert!(
            job["error"].as_str().unwrap().contains(restart_message),
            "{job}"
        );
    }
);

db_test!(
    the_rest_api_shows_an_import_started_from_the_page_to_its_starter,
    |app: TestApp| async move {
        let (hr, email) = app.signed_in("hr").await;
        let (status, id) = app
            .call(
                &hr,
                "/api/people/import",
                &[("format", "csv"), ("text", "legal_name\nGrace Hopper\n")],
            )
            .await;
        assert_eq!(status, 200, "{id}");
        let id = id.as_i64().unwrap();
        wait_for_import(&app, &hr, id).await;
        let token = {
            let response = reqwest::Client::new()
                .post(app.url("/api/v1/auth/login"))
                .json(&json!({ "email": email, "password": common::PASSWORD }))
                .send()
                .await
                .unwrap();
            response.json::<Value>().await.unwrap()["token"]
                .as_str()
                .unwrap()
                .to_owned()
        };
        let response = reqwest::Client::new()
            .get(app.url(&format!("/api/v1/import-jobs/{id}")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let job: Value = response.json().await.unwrap();
        assert_eq!(
            (job["status"].as_str(), job["imported"].as_i64()),
            (Some("finished"), Some(1))
        );
        let other = app.api_token("hr").await;
        let response = reqwest::Client::new()
            .get(app.url(&format!("/api/v1/import-jobs/{id}")))
            .bearer_auth(&other)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 404);
    }
);

db_test!(
    a_large_import_links_across_chunks_and_to_stored_people_and_audits_each_person,
    |app: TestApp| async move {
        let hr = app.api_token("hr").await;
        let farm = json!({
            "addresses": [{ "type": "shipping", "line1": "9 Quarry Lane", "postal_code": "10001", "country": "US" }],
            "payment_instructions": [{ "method": "wire", "bank_country": "US", "iban": "GB29NWBK60161331926819" }]
        });
        let mut stored = farm.clone();
        stored["identity"] = json!({ "legal_name": { "full": "Stored Earlier" } });
        let response = reqwest::Client::new()
            .post(app.url("/api/v1/people"))
            .bearer_auth(&hr)
            .json(&stored)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 201);
        let stored_id = response.json::<Value>().await.unwrap()["id"]
            .as_i64()
            .unwrap();

        // 600 rows: three chunks. Rows 10 and 400 join the farm (and are stored together).
        let lines: Vec<String> = (0..600)
            .map(|i| {
                let mut row = if i == 10 || i == 400 {
                    farm.clone()
                } else {
                    json!({})
                };
                row["identity"] =
                    json!({ "legal_name": { "full": format!("Imported Person {i}") } });
                row["contact"] = json!({ "emails": [{ "address": format!("p{i}@example.org") }] });
                row.to_string()
            })
            .collect();
        let (status, report) = import(&app, &hr, "application/x-ndjson", lines.join("\n")).await;
        assert_eq!(status, 200, "{report}");
        assert_eq!(report["imported"], 600);
        let ids: Vec<i64> = report["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_i64().unwrap())
            .collect();

        let band_and_reason = |id: i64| {
            let app = &app;
            async move {
                let mut db = app.db().await;
                let row = sqlx::query(
                    "SELECT p.band, s.reason FROM people p JOIN screenings s ON s.person_id = p.id
                     WHERE p.id = $1 ORDER BY s.id DESC LIMIT 1",
                )
                .bind(id)
                .fetch_one(&mut db)
                .await
                .unwrap();
                (row.get::<String, _>(0), row.get::<String, _>(1))
            }
        };
        assert_eq!(
            band_and_reason(stored_id).await,
            (
                "critical".to_owned(),
                "linked profiles were imported".to_owned()
            ),
            "three identities now share the address and the payout account (§4.2)"
        );
        assert_eq!(band_and_reason(ids[400]).await.0, "critical");
        assert_eq!(
            band_and_reason(ids[10]).await,
            ("critical".to_owned(), "imported".to_owned()),
            "rows that share keys are stored in one chunk, so row 10 sees row 400 when first \
             screened and needs no second screening"
        );
        assert_eq!(band_and_reason(ids[11]).await.0, "clear");
        let related: String = {
            let mut db = app.db().await;
            sqlx::query(
                "SELECT f.related FROM findings f WHERE f.person_id = $1 AND f.indicator = 'LINK-06'
                 ORDER BY f.id DESC LIMIT 1",
            )
            .bind(ids[400])
            .fetch_one(&mut db)
            .await
            .unwrap()
            .get(0)
        };
        let related: Vec<i64> = serde_json::from_str(&related).unwrap();
        assert_eq!(related, vec![stored_id, ids[10]]);

        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'person.created'"
            )
            .await,
            601,
            "one audit entry per person, imported or entered"
        );
        assert_eq!(
            count(&app, "SELECT COUNT(*) FROM person_versions").await,
            601
        );
        let (code, out) = app.verify_audit_log();
        assert_eq!(code, 0, "the batched audit entries chain correctly: {out}");
    }
);

db_test!(
    identical_rows_are_two_people_with_their_own_ids_in_row_order,
    |app: TestApp| async move {
        let hr = app.api_token("hr").await;
        let same = json!({ "identity": { "legal_name": { "full": "Twin Row" } } });
        let other = json!({ "identity": { "legal_name": { "full": "Other Row" } } });
        let rows = json!([same, other, same]);
        let (status, report) = import(&app, &hr, "application/json", rows.to_string()).await;
        assert_eq!(status, 200, "{report}");
        let ids: Vec<i64> = report["ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_i64().unwrap())
            .collect();
        assert_eq!(ids.len(), 3);
        assert_ne!(ids[0], ids[2]);
        let mut db = app.db().await;
        for (id, name) in [
            (ids[0], "Twin Row"),
            (ids[1], "Other Row"),
            (ids[2], "Twin Row"),
        ] {
            let stored: String = sqlx::query("SELECT full_name FROM people WHERE id = $1")
                .bind(id)
                .fetch_one(&mut db)
                .await
                .unwrap()
                .get(0);
            assert_eq!(stored, name, "the report's ids follow the rows");
        }
    }
);
