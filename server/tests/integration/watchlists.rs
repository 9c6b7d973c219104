//! Watch lists through the REST API: importing the sample OFAC set re-screens existing people in
//! the background (KNOWN-02 on the Lazarus wallet, mail to the security leads); new people are
//! screened against the active lists; a malformed file changes nothing; a dismissed false match
//! stays dismissed across versions until its entry changes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use base64::Engine;
use clearance_server::services::watchlists::SUBJECT_NEW_HIT;
use common::{TestApp, PASSWORD};
use serde_json::{json, Value};
use std::time::Duration;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/watchlists");
const LAZARUS_WALLET: &str = "0x098B716B8Aaf21512996dC57EB0615e2383E2f96";

fn file(name: &str, path: &str) -> Value {
    let bytes = std::fs::read(format!("{FIXTURES}/{path}")).unwrap();
    json!({
        "name": name,
        "content": base64::engine::general_purpose::STANDARD.encode(bytes),
        "base64": true,
    })
}

fn sdn_upload() -> Value {
    json!({
        "format": "ofac_csv",
        "files": [
            file("sdn.csv", "ofac/sdn.csv"),
            file("alt.csv", "ofac/alt.csv"),
            file("add.csv", "ofac/add.csv"),
            file("sdn_comments.csv", "ofac/sdn_comments.csv"),
        ],
    })
}

pub(crate) fn custom_upload(csv: &str) -> Value {
    json!({ "format": "custom_csv", "files": [{ "name": "custom.csv", "content": csv }] })
}

async fn token_for(app: &TestApp, email: &str, role: &str) -> String {
    app.create_user(email, role).await;
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({ "email": email, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    response.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned()
}

pub(crate) async fn send(
    app: &TestApp,
    token: &str,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let client = reqwest::Client::new();
    let request = match method {
        "GET" => client.get(app.url(path)),
        _ => client.post(app.url(path)),
    }
    .bearer_auth(token);
    let request = match body {
        Some(body) => request.json(&body),
        None => request,
    };
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

pub(crate) async fn import(
    app: &TestApp,
    token: &str,
    source: &str,
    upload: Value,
) -> (u16, Value) {
    send(
        app,
        token,
        "POST",
        &format!("/api/v1/watchlists/{source}/versions"),
        Some(upload),
    )
    .await
}

pub(crate) fn findings_of<'a>(screening: &'a Value, indicator: &str) -> Vec<&'a Value> {
    screening["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["indicator"] == indicator)
        .collect()
}

/// Waits (up to 20 s) until every active list's re-screening has finished.
async fn rescreened(app: &TestApp, token: &str) -> Value {
    for _ in 0..200 {
        let (status, page) = send(app, token, "GET", "/api/v1/watchlists?page=1", None).await;
        assert_eq!(status, 200, "{page}");
        let active = page["active"].as_array().unwrap();
        if !active.is_empty() && active.iter().all(|v| v["rescreen"]["finished"] == true) {
            return page;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the re-screening did not finish");
}

/// Enters a person through the API as `token`: their id, and the answer (with their first
/// screening).
async fn new_person(app: &TestApp, token: &str, body: Value) -> (i64, Value) {
    let (status, created) = send(app, token, "POST", "/api/v1/people", Some(body)).await;
    assert_eq!(status, 201, "{created}");
    (created["id"].as_i64().unwrap(), created)
}

async fn screening(app: &TestApp, token: &str, person: i64) -> Value {
    let (status, body) = send(
        app,
        token,
        "GET",
        &format!("/api/v1/people/{person}/screening"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    body
}

db_test!(
    importing_the_sample_sdn_set_rescreens_an_existing_profile_with_known_02,
    |app: TestApp| async move {
        let lead = token_for(&app, "lead@example.com", "security_lead").await;
        let hr = app.api_token("hr").await;
        let (person, created) = new_person(
            &app,
            &hr,
            json!({
                "identity": { "legal_name": { "full": "Alex Carter" } },
                "crypto_wallets": [{ "chain": "ethereum", "address": LAZARUS_WALLET.to_lowercase() }],
            }),
        )
        .await;
        assert!(findings_of(&created["screening"], "KNOWN-02").is_empty());

        let (status, version) = import(&app, &lead, "us_ofac_sdn", sdn_upload()).await;
        assert_eq!(status, 201, "{version}");
        assert_eq!(version["active"], true);
        assert_eq!(version["source"], "us_ofac_sdn");
        assert!(version["entry_count"].as_i64().unwrap() >= 12, "{version}");
        assert_eq!(version["content_sha256"].as_str().unwrap().len(), 64);
        assert_eq!(version["imported_by"], "lead@example.com");

        let page = rescreened(&app, &lead).await;
        assert_eq!(page["active"][0]["rescreen"]["total"], 1);
        assert_eq!(page["active"][0]["rescreen"]["done"], 1);

        let now = screening(&app, &hr, person).await;
        let hits = findings_of(&now, "KNOWN-02");
        assert_eq!(hits.len(), 1, "{now}");
        assert_eq!(hits[0]["severity"], "critical");
        assert_eq!(now["band"], "critical");
        let evidence = hits[0]["evidence"].as_array().unwrap();
        let value_of = |field: &str| {
            evidence
                .iter()
                .find(|e| e["field"] == field)
                .map(|e| e["value"].as_str().unwrap().to_owned())
        };
        assert_eq!(value_of("list").as_deref(), Some("us_ofac_sdn"));
        assert_eq!(value_of("entry").as_deref(), Some("27307"));
        assert!(hits[0]["title"]
            .as_str()
            .unwrap()
            .contains(&format!("list version {}", version["id"])));

        let mail = app.smtp.wait_for("lead@example.com").await;
        assert_eq!(mail.header("Subject").as_deref(), Some(SUBJECT_NEW_HIT));
        assert!(mail.body().contains("KNOWN-02"), "{}", mail.body());
        assert!(mail.body().contains(&format!("/people/{person}")));
        assert!(
            mail.body().contains("/people?watchlist=to_review"),
            "the mail links the review queue: {}",
            mail.body()
        );

        let mut db = app.db().await;
        let audited: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'watchlist.import' AND subject = 'watchlist:us_ofac_sdn'",
        )
        .fetch_one(&mut db)
        .await
        .unwrap();
        assert_eq!(audited, 1);
    }
);

db_test!(
    new_people_are_screened_against_the_active_lists_and_cannot_be_cleared_on_a_hit,
    |app: TestApp| async move {
        let admin = app.api_token("admin").await;
        let hr = app.api_token("hr").await;
        let (status, _) = import(&app, &admin, "us_ofac_sdn", sdn_upload()).await;
        assert_eq!(status, 201);
        let (status, created) = send(
            &app,
            &hr,
            "POST",
            "/api/v1/people",
            Some(json!({
                "identity": { "legal_name": { "full": "Chol Jin Kim" }, "dob": "1988-04-12", "nationality": ["KP"] },
                "contact": { "emails": [{ "address": "KCJ.DevOps@example.com" }] },
            })),
        )
        .await;
        assert_eq!(status, 201, "{created}");
        let screening = &created["screening"];
        let names = findings_of(screening, "KNOWN-01");
        assert_eq!(names.len(), 1, "{screening}");
        assert_eq!(names[0]["severity"], "critical");
        let explained: Vec<&str> = names[0]["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert!(explained.contains(&"date_of_birth"), "{explained:?}");
        assert!(explained.contains(&"aligned_parts"), "{explained:?}");
        assert!(
            !findings_of(screening, "KNOWN-03").is_empty(),
            "{screening}"
        );
        let person = created["id"].as_i64().unwrap();
        let (status, refused) = send(
            &app,
            &hr,
            "POST",
            &format!("/api/v1/people/{person}/decision"),
            Some(json!({ "decision": "cleared", "reason": "looks fine" })),
        )
        .await;
        assert_eq!(status, 422, "{refused}");
        assert!(refused.to_string().contains("KNOWN-"), "{refused}");
    }
);

db_test!(
    a_malformed_file_is_refused_with_its_line_and_the_active_version_stays,
    |app: TestApp| async move {
        let lead = app.api_token("security_lead").await;
        let good = "kind,value,label,source\nemail,persona@example.com,incident 1,internal\n";
        let (status, first) = import(&app, &lead, "incidents", custom_upload(good)).await;
        assert_eq!(status, 201, "{first}");
        let bad = "kind,value,label,source\nemail,other@example.com,x,y\nshoe_size,44,x,y\n";
        let (status, refused) = import(&app, &lead, "incidents", custom_upload(bad)).await;
        assert_eq!(status, 422, "{refused}");
        let message = refused.to_string();
        assert!(message.contains("line 3"), "{message}");

        let (status, wrong_files) = import(
            &app,
            &lead,
            "us_ofac_sdn",
            json!({ "format": "ofac_csv", "files": [file("sdn.csv", "ofac/sdn.csv")] }),
        )
        .await;
        assert!(status == 400 || status == 422, "{status}");
        assert!(wrong_files.to_string().contains("alt.csv"), "{wrong_files}");
        let (status, bad_id) = import(&app, &lead, "Bad Id", custom_upload(good)).await;
        assert!(
            status == 400 || status == 422 || status == 404,
            "{status} {bad_id}"
        );

        let (_, page) = send(&app, &lead, "GET", "/api/v1/watchlists?page=1", None).await;
        assert_eq!(page["versions"].as_array().unwrap().len(), 1, "{page}");
        assert_eq!(page["active"][0]["id"], first["id"]);

        let hr = app.api_token("hr").await;
        let (status, _) = import(&app, &hr, "incidents", custom_upload(good)).await;
        assert_eq!(status, 403, "HR may not change a list");
    }
);

db_test!(
    a_dismissed_false_match_stays_dismissed_until_its_entry_changes,
    |app: TestApp| async move {
        let lead = app.api_token("security_lead").await;
        let hr = app.api_token("hr").await;
        let v1 = "kind,value,label,source\nemail,persona@example.com,incident 1,internal\n";
        assert_eq!(
            import(&app, &lead, "incidents", custom_upload(v1)).await.0,
            201
        );
        let (_, created) = send(
            &app,
            &hr,
            "POST",
            "/api/v1/people",
            Some(json!({
                "identity": { "legal_name": { "full": "Dana Reyes" } },
                "contact": { "emails": [{ "address": "persona@example.com" }] },
            })),
        )
        .await;
        let person = created["id"].as_i64().unwrap();
        let hit = findings_of(&created["screening"], "KNOWN-07");
        assert_eq!(hit.len(), 1, "{created}");
        let (status, _) = send(
            &app,
            &lead,
            "POST",
            &format!("/api/v1/findings/{}/dismiss", hit[0]["id"]),
            Some(json!({ "reason": "False match: shared help-desk address, checked with IT" })),
        )
        .await;
        assert_eq!(status, 200);

        // A new version with the same entry (and another one): still dismissed.
        let v2 = format!("{v1}phone,+15550100999,drop phone,partner\n");
        assert_eq!(
            import(&app, &lead, "incidents", custom_upload(&v2)).await.0,
            201
        );
        rescreened(&app, &lead).await;
        let now = screening(&app, &hr, person).await;
        let hit = findings_of(&now, "KNOWN-07");
        assert_eq!(hit.len(), 1, "{now}");
        assert!(!hit[0]["dismissed"].is_null(), "{now}");

        // The entry itself changes: the match is open again.
        let v3 = "kind,value,label,source\nemail,persona@example.com,incident 1 and 7,internal\n";
        assert_eq!(
            import(&app, &lead, "incidents", custom_upload(v3)).await.0,
            201
        );
        rescreened(&app, &lead).await;
        let now = screening(&app, &hr, person).await;
        let hit = findings_of(&now, "KNOWN-07");
        assert_eq!(hit.len(), 1, "{now}");
        assert!(hit[0]["dismissed"].is_null(), "{now}");
        assert_eq!(hit[0]["severity"], "critical");
    }
);

db_test!(
    a_security_lead_confirms_a_true_match_which_stays_open,
    |app: TestApp| async move {
        let lead = app.api_token("security_lead").await;
        let hr = app.api_token("hr").await;
        let list = "kind,value,label,source\nwallet,0x1111111111111111111111111111111111111111,payout wallet,internal\n";
        assert_eq!(
            import(&app, &lead, "incidents", custom_upload(list))
                .await
                .0,
            201
        );
        let (_, created) = send(
            &app,
            &hr,
            "POST",
            "/api/v1/people",
            Some(json!({
                "identity": { "legal_name": { "full": "Sam Ortega" } },
                "crypto_wallets": [{ "chain": "ethereum", "address": "0x1111111111111111111111111111111111111111" }],
                "contact": { "phones": [{ "e164": "+15550100123", "line_type": "voip" }] },
            })),
        )
        .await;
        let person = created["id"].as_i64().unwrap();
        let hit = findings_of(&created["screening"], "KNOWN-07")[0]["id"].clone();
        let path = format!("/api/v1/findings/{hit}/confirm");
        let reason = json!({ "reason": "Same wallet as incident 2026-014's payout" });

        let (status, _) = send(&app, &hr, "POST", &path, Some(reason.clone())).await;
        assert_eq!(status, 403, "HR gives no verdicts");
        let (status, empty) =
            send(&app, &lead, "POST", &path, Some(json!({ "reason": " " }))).await;
        assert!(status == 400 || status == 422, "{status} {empty}");

        let (status, view) = send(&app, &lead, "POST", &path, Some(reason.clone())).await;
        assert_eq!(status, 200, "{view}");
        let confirmed = findings_of(&view, "KNOWN-07")[0];
        assert!(confirmed["dismissed"].is_null());
        assert_eq!(
            confirmed["confirmed"]["reason"],
            "Same wallet as incident 2026-014's payout"
        );
        assert_eq!(view["band"], "critical", "a true match stays open");

        let (status, _) = send(&app, &lead, "POST", &path, Some(reason.clone())).await;
        assert_eq!(status, 409, "confirmed twice");
        let (status, _) = send(
            &app,
            &lead,
            "POST",
            &format!("/api/v1/findings/{hit}/dismiss"),
            Some(json!({ "reason": "changed my mind" })),
        )
        .await;
        assert_eq!(status, 409, "a confirmed match is not dismissed afterwards");

        let (status, refused) = send(
            &app,
            &hr,
            "POST",
            &format!("/api/v1/people/{person}/decision"),
            Some(json!({ "decision": "cleared", "reason": "ok" })),
        )
        .await;
        assert_eq!(status, 422, "{refused}");

        let voip = screening(&app, &hr, person).await;
        let voip = findings_of(&voip, "ID-12")[0]["id"].clone();
        let (status, body) = send(
            &app,
            &lead,
            "POST",
            &format!("/api/v1/findings/{voip}/confirm"),
            Some(reason),
        )
        .await;
        assert_eq!(status, 422, "{body}");
        assert!(body.to_string().contains("match.watchlist_only"), "{body}");

        let mut db = app.db().await;
        let audited: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'finding.confirmed'")
                .fetch_one(&mut db)
                .await
                .unwrap();
        assert_eq!(audited, 1);
    }
);

db_test!(
    the_sdn_advanced_xml_sample_imports_and_flags_the_lazarus_wallet,
    |app: TestApp| async move {
        let lead = app.api_token("security_lead").await;
        let hr = app.api_token("hr").await;
        let upload = json!({
            "format": "ofac_xml",
            "files": [file("sdn_advanced.xml", "ofac/sdn_advanced.xml")],
        });
        let (status, version) = import(&app, &lead, "us_ofac_sdn_xml", upload).await;
        assert_eq!(status, 201, "{version}");
        assert_eq!(version["format"], "ofac_xml");
        let (status, created) = send(
            &app,
            &hr,
            "POST",
            "/api/v1/people",
            Some(json!({
                "identity": { "legal_name": { "full": "Alex Carter" } },
                "crypto_wallets": [{ "chain": "ethereum", "address": LAZARUS_WALLET }],
            })),
        )
        .await;
        assert_eq!(status, 201, "{created}");
        let hits = findings_of(&created["screening"], "KNOWN-02");
        assert_eq!(hits.len(), 1, "{created}");
        assert!(hits[0]["title"].as_str().unwrap().contains("27307"));
    }
);

db_test!(
    a_match_already_reported_is_not_mailed_again_when_a_new_one_appears,
    |app: TestApp| async move {
        let lead = token_for(&app, "lead@example.com", "security_lead").await;
        let hr = app.api_token("hr").await;
        let (status, _) = send(
            &app,
            &hr,
            "POST",
            "/api/v1/people",
            Some(json!({
                "identity": { "legal_name": { "full": "Robin Vale" } },
                "contact": { "emails": [{ "address": "persona@example.com" }] },
                "crypto_wallets": [{ "chain": "ethereum", "address": "0x2222222222222222222222222222222222222222" }],
            })),
        )
        .await;
        assert_eq!(status, 201);
        let v1 = "kind,value,label,source\nwallet,0x2222222222222222222222222222222222222222,payout wallet of incident 9,internal\n";
        assert_eq!(
            import(&app, &lead, "incidents", custom_upload(v1)).await.0,
            201
        );
        rescreened(&app, &lead).await;
        let v2 = format!("{v1}email,persona@example.com,persona address of incident 11,internal\n");
        assert_eq!(
            import(&app, &lead, "incidents", custom_upload(&v2)).await.0,
            201
        );
        rescreened(&app, &lead).await;

        let mut bodies = Vec::new();
        for _ in 0..200 {
            bodies = app
                .smtp
                .messages()
                .into_iter()
                .filter(|m| m.header("Subject").as_deref() == Some(SUBJECT_NEW_HIT))
                .map(|m| m.body())
                .collect();
            if bodies.len() >= 2 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(bodies.len(), 2, "{bodies:?}");
        let (first, second) = if bodies[0].contains("incident 11") {
            (&bodies[1], &bodies[0])
        } else {
            (&bodies[0], &bodies[1])
        };
        assert!(first.contains("incident 9"), "{first}");
        assert!(second.contains("incident 11"), "{second}");
        assert!(!second.contains("incident 9"), "reported twice: {second}");
    }
);

db_test!(
    a_listed_id_or_account_number_finds_the_stored_hash_of_a_profile_number,
    |app: TestApp| async move {
        let lead = token_for(&app, "lead@example.com", "security_lead").await;
        let hr = app.api_token("hr").await;
        let (person, created) = new_person(
            &app,
            &hr,
            json!({
                "identity": {
                    "legal_name": { "full": "Alex Carter" },
                    // Written as a person might: stored as `driver_license`, one of the types
                    // a listed number is compared under.
                    "id_documents": [ { "type": "Driver License", "issuing_country": "US", "number": "X1234567" } ]
                },
                "payment_instructions": [ { "method": "wire", "bank_country": "GB",
                                            "iban": "GB29 NWBK 6016 1331 9268 19" } ],
            }),
        )
        .await;
        assert!(findings_of(&created["screening"], "KNOWN-07").is_empty());

        // Written another way than entered: compared after compaction, by keyed hash.
        let csv = "kind,value,label,source\n\
                   id_number,x-123 4567,Passport seen in incident 2026-031,internal\n\
                   bank_account,gb29nwbk60161331926819,Payroll account in incident 2026-031,internal\n\
                   id_number,X7654321,Another passport,internal\n";
        let (status, version) = import(&app, &lead, "incidents", custom_upload(csv)).await;
        assert_eq!(status, 201, "{version}");
        rescreened(&app, &lead).await;

        let now = screening(&app, &hr, person).await;
        let hits = findings_of(&now, "KNOWN-07");
        assert_eq!(hits.len(), 2, "{now}");
        let values: Vec<String> = hits
            .iter()
            .map(|h| {
                let evidence = h["evidence"].as_array().unwrap();
                let first = &evidence[0];
                format!(
                    "{}={}",
                    first["field"].as_str().unwrap(),
                    first["value"].as_str().unwrap()
                )
            })
            .collect();
        assert!(
            values.contains(&"identity.id_documents[0].number=ID number ending 4567".to_owned()),
            "{values:?}"
        );
        assert!(
            values
                .contains(&"payment_instructions[0].account=account number ending 6819".to_owned()),
            "{values:?}"
        );
        assert!(hits.iter().all(|h| h["severity"] == "critical"));
        assert_eq!(now["band"], "critical");
        let shown = now.to_string();
        assert!(
            !shown.contains("1234567") && !shown.contains("60161331926819"),
            "numbers in clear: {shown}"
        );
    }
);

db_test!(
    an_id_document_of_a_type_no_listed_number_is_compared_under_is_refused,
    |app: TestApp| async move {
        let hr = app.api_token("hr").await;
        let person = |doc_type: &str| {
            json!({
                "identity": {
                    "legal_name": { "full": "Alex Carter" },
                    "id_documents": [ { "type": doc_type, "number": "X1234567" } ]
                }
            })
        };
        for doc_type in ["visa", ""] {
            let (status, body) =
                send(&app, &hr, "POST", "/api/v1/people", Some(person(doc_type))).await;
            assert_eq!(status, 400, "{body}");
            assert_eq!(body["field"], "identity.id_documents[0].type", "{body}");
            assert!(
                body["error"]
                    .as_str()
                    .unwrap()
                    .contains("passport, national_id"),
                "{body}"
            );
        }
        let mut db = app.db().await;
        let stored: i64 = sqlx::Row::get(
            &sqlx::query("SELECT COUNT(*) FROM people")
                .fetch_one(&mut db)
                .await
                .unwrap(),
            0,
        );
        assert_eq!(stored, 0, "nothing is stored from a refused profile");
        let (id, _) = new_person(&app, &hr, person("national-id")).await;
        let (status, stored) = send(&app, &hr, "GET", &format!("/api/v1/people/{id}"), None).await;
        assert_eq!(status, 200, "{stored}");
        assert_eq!(
            stored["document"]["identity"]["id_documents"][0]["type"],
            "national_id"
        );
    }
);
