//! The hash-chained audit log in the database: every change lands in it, it verifies, the
//! application cannot alter it, and direct tampering is found at the right sequence number.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use common::{Backend, TestApp};
use sqlx::{Executor, Row};

async fn actions(app: &TestApp) -> Vec<String> {
    let mut db = app.db().await;
    let rows = db
        .fetch_all("SELECT action FROM audit_log ORDER BY seq")
        .await
        .unwrap();
    rows.iter().map(|r| r.get::<String, _>(0)).collect()
}

/// Lifts the append-only guard, as someone with database superuser rights could.
async fn drop_guards(app: &TestApp, db: &mut sqlx::AnyConnection) {
    let statements: &[&str] = match app.backend {
        Backend::Sqlite => &[
            "DROP TRIGGER audit_log_no_update",
            "DROP TRIGGER audit_log_no_delete",
        ],
        Backend::Postgres => &["DROP TRIGGER audit_log_no_update_or_delete ON audit_log"],
    };
    for statement in statements {
        db.execute(*statement).await.unwrap();
    }
}

db_test!(
    every_change_is_audited_in_order_and_the_chain_verifies,
    |app: TestApp| async move {
        let (admin, _) = app.signed_in("admin").await;
        app.call(
            &admin,
            "/api/users/invite",
            &[("email", "x@example.com"), ("role", "hr")],
        )
        .await;
        let id = app.create_user("y@example.com", "hr").await;
        app.call(
            &admin,
            "/api/users/change_role",
            &[("user_id", &id.to_string()), ("role", "auditor")],
        )
        .await;
        app.call(
            &admin,
            "/api/users/disable",
            &[("user_id", &id.to_string()), ("confirm", "yes")],
        )
        .await;
        app.call(&admin, "/api/sign_out", &[]).await;
        assert_eq!(
            actions(&app).await,
            [
                "user.created",
                "auth.signed_in",
                "user.invited",
                "user.created",
                "user.role_changed",
                "user.disabled",
                "auth.signed_out"
            ]
        );
        let (code, out) = app.verify_audit_log();
        assert_eq!(code, 0, "{out}");
        assert!(out.starts_with("OK: 7 entries verified"), "{out}");
    }
);

db_test!(
    the_audit_page_shows_entries_filters_and_the_chain_status,
    |app: TestApp| async move {
        let (auditor, _) = app.signed_in("auditor").await;
        for n in 0..30 {
            app.create_user(&format!("u{n}@example.com"), "hr").await;
        }
        let (status, page) = app
            .call(&auditor, "/api/audit/page", &[("page", "1")])
            .await;
        assert_eq!(status, 200, "{page}");
        assert_eq!(page["entries"].as_array().unwrap().len(), 25);
        assert_eq!(page["page"]["total"], 32);
        assert_eq!(page["entries"][0]["seq"], 32, "newest first");
        assert_eq!(page["chain"]["Intact"]["entries"], 32);
        let (_, second) = app
            .call(&auditor, "/api/audit/page", &[("page", "2")])
            .await;
        assert_eq!(second["entries"].as_array().unwrap().len(), 7);
        let (_, filtered) = app
            .call(
                &auditor,
                "/api/audit/page",
                &[("action", "auth.signed_in"), ("page", "1")],
            )
            .await;
        assert_eq!(filtered["page"]["total"], 1);
        assert!(filtered["entries"][0]["actor_email"]
            .as_str()
            .unwrap()
            .starts_with("auditor-"));
        let (_, by_actor) = app
            .call(
                &auditor,
                "/api/audit/page",
                &[("actor", "cli"), ("page", "1")],
            )
            .await;
        assert_eq!(by_actor["page"]["total"], 31);
        let (status, _) = app
            .call(
                &auditor,
                "/api/audit/page",
                &[("action", &"a".repeat(500)), ("page", "1")],
            )
            .await;
        assert_eq!(status, 422);
    }
);

db_test!(
    the_history_of_a_subject_or_an_actor_is_a_filter_linked_from_their_pages,
    |app: TestApp| async move {
        let hr = app.api_token("hr").await;
        let mut people = Vec::new();
        for name in ["Ada Lovelace", "Grace Hopper"] {
            let response = reqwest::Client::new()
                .post(app.url("/api/v1/people"))
                .bearer_auth(&hr)
                .json(&serde_json::json!({ "identity": { "legal_name": { "full": name } } }))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status().as_u16(), 201);
            let created: serde_json::Value = response.json().await.unwrap();
            people.push(created["id"].as_i64().unwrap());
        }
        let subject = format!("person:{}", people[1]);
        let mut db = app.db().await;
        let expected: i64 = db
            .fetch_one(
                sqlx::query("SELECT COUNT(*) FROM audit_log WHERE subject = $1").bind(&subject),
            )
            .await
            .unwrap()
            .get(0);
        assert!(
            expected >= 1,
            "creating a person is audited under its subject"
        );

        // Through the page's server function and the REST route alike.
        let (auditor, _) = app.signed_in("auditor").await;
        let (status, page) = app
            .call(
                &auditor,
                "/api/audit/page",
                &[("subject", &subject), ("page", "1")],
            )
            .await;
        assert_eq!(status, 200, "{page}");
        assert_eq!(page["page"]["total"], expected);
        let entries = page["entries"].as_array().unwrap();
        assert!(
            entries.iter().all(|e| e["subject"] == subject.as_str()),
            "{page}"
        );
        let token = app.api_token("auditor").await;
        let rest: serde_json::Value = reqwest::Client::new()
            .get(app.url(&format!("/api/v1/audit-log?subject={subject}")))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(rest["page"]["total"], expected);
        let (_, nothing) = app
            .call(
                &auditor,
                "/api/audit/page",
                &[("subject", "person:999999"), ("page", "1")],
            )
            .await;
        assert_eq!(nothing["page"]["total"], 0);
        let (status, _) = app
            .call(
                &auditor,
                "/api/audit/page",
                &[("subject", &"s".repeat(500)), ("page", "1")],
            )
            .await;
        assert_eq!(status, 422, "an over-long filter is refused");

        // The page: each subject links to its history, which links to the subject's own page.
        let html = |path: String| {
            let auditor = auditor.clone();
            let url = app.url(&path);
            async move {
                let response = auditor.get(url).send().await.unwrap();
                assert_eq!(response.status(), 200);
                response.text().await.unwrap()
            }
        };
        let all = html("/audit".into()).await;
        let first = format!("person:{}", people[0]);
        assert!(
            all.contains(&format!("href=\"/audit?subject=person%3A{}\"", people[0])),
            "{first}"
        );
        let one = html(format!("/audit?subject=person%3A{}", people[1])).await;
        assert!(
            one.contains(&format!("href=\"/people/{}\"", people[1])),
            "{one}"
        );
        assert!(
            one.contains(&format!("value=\"{subject}\"")),
            "the filter shows the subject"
        );
        assert!(
            !one.contains(&format!(">{first}<")),
            "another person's entries are left out"
        );

        // The person's own page links to that history for the roles that may read the log.
        let history = format!("href=\"/audit?subject=person%3A{}\"", people[1]);
        let person_page = html(format!("/people/{}", people[1])).await;
        assert!(person_page.contains(&history), "{person_page}");
        let (hr_client, _) = app.signed_in("hr").await;
        let response = hr_client
            .get(app.url(&format!("/people/{}", people[1])))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let for_hr = response.text().await.unwrap();
        assert!(
            for_hr.contains("Grace Hopper") && !for_hr.contains(&history),
            "HR cannot read the log"
        );

        // An admin reaches each account's activity from the users page.
        let hr_id = app.who(&hr_client).await["user_id"].as_i64().unwrap();
        let (admin, _) = app.signed_in("admin").await;
        let users = admin
            .get(app.url("/users"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            users.contains(&format!("href=\"/audit?actor=user%3A{hr_id}\"")),
            "{users}"
        );
    }
);

db_test!(
    the_application_database_refuses_to_change_or_delete_audit_entries,
    |app: TestApp| async move {
        app.create_user("a@example.com", "hr").await;
        let mut db = app.db().await;
        let update = db
            .execute("UPDATE audit_log SET action = 'nothing' WHERE seq = 1")
            .await;
        assert!(update.unwrap_err().to_string().contains("append-only"));
        let delete = db.execute("DELETE FROM audit_log WHERE seq = 1").await;
        assert!(delete.unwrap_err().to_string().contains("append-only"));
    }
);

db_test!(
    tampering_with_a_row_is_reported_at_its_sequence_number,
    |app: TestApp| async move {
        for n in 0..5 {
            app.create_user(&format!("t{n}@example.com"), "hr").await;
        }
        let mut db = app.db().await;
        drop_guards(&app, &mut db).await;
        db.execute("UPDATE audit_log SET details = '{\"role\":\"admin\"}' WHERE seq = 3")
            .await
            .unwrap();
        let (code, out) = app.verify_audit_log();
        assert_eq!(code, 1);
        assert!(out.contains("BROKEN at sequence 3"), "{out}");
        let (auditor, _) = app.signed_in("auditor").await;
        let (_, page) = app
            .call(&auditor, "/api/audit/page", &[("page", "1")])
            .await;
        assert_eq!(page["chain"]["Broken"]["seq"], 3, "{page}");
    }
);

db_test!(
    deleting_the_newest_rows_is_reported,
    |app: TestApp| async move {
        for n in 0..4 {
            app.create_user(&format!("d{n}@example.com"), "hr").await;
        }
        let mut db = app.db().await;
        drop_guards(&app, &mut db).await;
        db.execute("DELETE FROM audit_log WHERE seq >= 3")
            .await
            .unwrap();
        let (code, out) = app.verify_audit_log();
        assert_eq!(code, 1);
        assert!(out.contains("BROKEN at sequence 3"), "{out}");
    }
);

db_test!(
    concurrent_changes_get_gapless_sequence_numbers,
    |app: TestApp| async move {
        let mut tasks = Vec::new();
        for n in 0..20 {
            let services = app.services.clone();
            tasks.push(tokio::spawn(async move {
                services
                    .create_user(
                        &clearance_app::model::request::RequestContext::internal("cli"),
                        &format!("c{n}@example.com"),
                        "hr",
                        common::PASSWORD,
                    )
                    .await
                    .unwrap();
            }));
        }
        for task in tasks {
            task.await.unwrap();
        }
        let mut db = app.db().await;
        let seqs: Vec<i64> = db
            .fetch_all("SELECT seq FROM audit_log ORDER BY seq")
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert_eq!(seqs, (1..=20).collect::<Vec<i64>>());
        assert_eq!(app.verify_audit_log().0, 0);
    }
);
