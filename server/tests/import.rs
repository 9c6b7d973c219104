//! Bulk import through the REST API: JSON arrays, JSON lines and CSV, with per-row errors,
//! linking across imported rows, and a body limit larger than the rest of the API.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
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

db_test!(
    the_import_page_imports_pasted_csv_and_reports_refused_rows,
    |app: TestApp| async move {
        let (hr, _) = app.signed_in("hr").await;
        let csv = "legal_name,email\nAda Lovelace,ada@example.com\nNo Mail,nope\n";
        let (status, report) = app
            .call(
                &hr,
                "/api/people/import",
                &[("format", "csv"), ("text", csv)],
            )
            .await;
        assert_eq!(status, 200, "{report}");
        assert_eq!(report["imported"], 1);
        assert_eq!(
            (
                report["failed"][0]["row"].as_i64(),
                report["failed"][0]["field"].as_str()
            ),
            (Some(2), Some("contact.emails[0].address"))
        );
        let (status, body) = app
            .call(
                &hr,
                "/api/people/import",
                &[("format", "xml"), ("text", "<x/>")],
            )
            .await;
        assert_eq!((status, body["field"].as_str()), (422, Some("format")));
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

        // 600 rows: three chunks. Rows 10 (first chunk) and 400 (second) join the farm.
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
            (
                "critical".to_owned(),
                "linked profiles were imported".to_owned()
            ),
            "a row of an earlier chunk is re-scored when a later chunk links to it"
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
