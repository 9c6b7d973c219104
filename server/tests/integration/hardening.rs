//! The web edge: headers and CSP, cross-site refusal, size limits, bad input, SQLite pragmas.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use common::{Backend, TestApp};
use sqlx::Row;

db_test!(
    pages_carry_a_strict_csp_with_a_fresh_nonce_and_security_headers,
    |app: TestApp| async move {
        let client = app.client();
        let first = client.get(app.url("/login")).send().await.unwrap();
        assert_eq!(first.status(), 200);
        let headers = first.headers().clone();
        assert!(headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        let csp = headers["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            csp.contains("'wasm-unsafe-eval'")
                && csp.contains("object-src 'none'")
                && csp.contains("frame-ancestors 'none'"),
            "{csp}"
        );
        assert!(
            !csp.contains("'unsafe-eval'") && !csp.contains("'unsafe-inline'"),
            "{csp}"
        );
        let nonce = csp
            .split("'nonce-")
            .nth(1)
            .unwrap()
            .split('\'')
            .next()
            .unwrap()
            .to_owned();
        let html = first.text().await.unwrap();
        assert!(
            html.contains(&format!("nonce=\"{nonce}\"")),
            "the hydration script must carry the header's nonce"
        );
        assert!(!headers.contains_key("x-clearance-csp-nonce"));
        for (name, value) in [
            ("x-content-type-options", "nosniff"),
            ("x-frame-options", "DENY"),
            ("referrer-policy", "strict-origin-when-cross-origin"),
            ("cross-origin-opener-policy", "same-origin"),
            ("cache-control", "no-store"),
        ] {
            assert_eq!(headers[name], value, "{name}");
        }
        assert!(headers["strict-transport-security"]
            .to_str()
            .unwrap()
            .contains("max-age=31536000"));
        assert!(headers.contains_key("x-request-id"));
        let second = client.get(app.url("/login")).send().await.unwrap();
        let csp2 = second.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        assert_ne!(csp, csp2, "the nonce must differ per response");
    }
);

db_test!(
    cross_site_posts_are_refused_and_change_nothing,
    |app: TestApp| async move {
        let (admin, _) = app.signed_in("admin").await;
        for (header, value) in [
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site"),
            ("origin", "null"),
        ] {
            let response = admin
                .post(app.url("/api/users/invite"))
                .header(header, value)
                .header("accept", "application/json")
                .form(&[("email", "victim@example.com"), ("role", "admin")])
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 403, "{header}: {value}");
        }
        // A browser form post from another site: cookie, no Origin we accept.
        let forged = reqwest::Client::new()
            .post(app.url("/api/sign_out"))
            .header("cookie", "clearance_session=whatever")
            .send()
            .await
            .unwrap();
        assert_eq!(forged.status(), 403);
        let mut db = app.db().await;
        let invites: i64 = sqlx::query("SELECT COUNT(*) FROM invites")
            .fetch_one(&mut db)
            .await
            .unwrap()
            .get(0);
        assert_eq!(invites, 0);
    }
);

db_test!(oversized_bodies_get_413, |app: TestApp| async move {
    let form = "Content-Type: application/x-www-form-urlencoded\r\n";
    let status_line = app
        .status_for_declared_length("/api/sign_in", 1024 * 1024 + 1, form)
        .await;
    assert!(status_line.starts_with("HTTP/1.1 413"), "{status_line}");
    // Exactly at the limit is read (and then refused for what it says, not its size).
    let at_limit = app
        .client()
        .post(app.url("/api/sign_in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .body("x".repeat(1024 * 1024))
        .send()
        .await
        .unwrap();
    assert_ne!(at_limit.status(), 413);
});

db_test!(
    malformed_input_gets_a_400_that_names_the_problem_not_a_500,
    |app: TestApp| async move {
        let (admin, _) = app.signed_in("admin").await;
        let (status, body) = app
            .call(
                &admin,
                "/api/users/change_role",
                &[("user_id", "not-a-number"), ("role", "hr")],
            )
            .await;
        assert_eq!(status, 400, "{body}");
        assert_eq!(body["kind"], "bad_request");
        let (status, _) = app.call(&admin, "/api/users/list", &[]).await;
        assert_eq!(status, 400);
        for evil in ["' OR 1=1--", "\"; DROP TABLE users; --", "ʼ OR ʼ1ʼ=ʼ1"] {
            let (status, body) = app
                .call(
                    &admin,
                    "/api/audit/page",
                    &[("action", evil), ("actor", evil), ("page", "1")],
                )
                .await;
            assert_eq!(status, 200, "{body}");
            assert_eq!(body["page"]["total"], 0);
        }
        let text = reqwest::get(app.url("/api/v1/users?page=zz"))
            .await
            .unwrap();
        assert!(text.status().is_client_error());
    }
);

db_test!(unknown_pages_are_404_pages, |app: TestApp| async move {
    let response = app
        .client()
        .get(app.url("/no/such/page"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert!(response.text().await.unwrap().contains("Page not found"));
});

db_test!(
    pages_for_signed_out_visitors_redirect_to_sign_in_and_forbidden_pages_are_403,
    |app: TestApp| async move {
        let response = app
            .client()
            .get(app.url("/users"))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 302);
        assert_eq!(response.headers()["location"], "/login");
        let api_client = app.client().get(app.url("/users")).send().await.unwrap();
        assert_eq!(
            api_client.status(),
            401,
            "a client that does not take HTML gets the status"
        );
        let (hr, _) = app.signed_in("hr").await;
        let response = hr.get(app.url("/users")).send().await.unwrap();
        assert_eq!(response.status(), 403);
        assert!(response.text().await.unwrap().contains("Not allowed"));
        let (admin, _) = app.signed_in("admin").await;
        let page = admin.get(app.url("/users")).send().await.unwrap();
        assert_eq!(page.status(), 200);
        assert!(page.text().await.unwrap().contains("Send invitation"));
    }
);

db_test!(
    forms_a_role_cannot_send_are_not_shown_to_it,
    |app: TestApp| async move {
        // The server functions refuse these roles anyway; the pages must not offer the forms.
        for role in ["security_lead", "auditor"] {
            let (client, _) = app.signed_in(role).await;
            for path in ["/people/new", "/people/import"] {
                let page = client.get(app.url(path)).send().await.unwrap();
                assert_eq!(page.status(), 403, "{role} {path}");
                let html = page.text().await.unwrap();
                assert!(html.contains("Not allowed"), "{role} {path}");
                assert!(
                    !html.contains("Save and screen") && !html.contains(r#"name="text""#),
                    "{role} {path} shows the form"
                );
            }
            let users = client.get(app.url("/users")).send().await.unwrap();
            assert_eq!(users.status(), 403, "{role} /users");
            let html = users.text().await.unwrap();
            assert!(html.contains("Not allowed"));
            assert!(
                !html.contains("Send invitation"),
                "{role} sees the invitation form"
            );
        }
        let (hr, _) = app.signed_in("hr").await;
        let new = hr.get(app.url("/people/new")).send().await.unwrap();
        assert_eq!(new.status(), 200);
        assert!(new.text().await.unwrap().contains("Save and screen"));
        let import = hr.get(app.url("/people/import")).send().await.unwrap();
        assert_eq!(import.status(), 200);
        assert!(import.text().await.unwrap().contains(r#"name="text""#));
        let (admin, _) = app.signed_in("admin").await;
        let users = admin.get(app.url("/users")).send().await.unwrap();
        assert!(users.text().await.unwrap().contains("Send invitation"));
    }
);

db_test!(health_reports_the_database, |app: TestApp| async move {
    let response = reqwest::get(app.url("/healthz")).await.unwrap();
    assert_eq!(response.status(), 200);
    if app.backend == Backend::Sqlite {
        // H1: every pooled connection has the pragmas; read them through the app's own pool.
        let mut conn = app.services.db.reader().acquire().await.unwrap();
        for (pragma, expected) in [
            ("journal_mode", "wal"),
            ("synchronous", "2"),
            ("foreign_keys", "1"),
            ("busy_timeout", "5000"),
        ] {
            let row = sqlx::query(&format!("PRAGMA {pragma}"))
                .fetch_one(&mut *conn)
                .await
                .unwrap();
            let value = row
                .try_get::<String, _>(0)
                .or_else(|_| row.try_get::<i64, _>(0).map(|v| v.to_string()))
                .unwrap();
            assert_eq!(value, expected, "{pragma}");
        }
    }
});
