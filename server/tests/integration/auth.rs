//! Signing in and out, sessions, throttling, password storage (SECURITY.md A1–A6, B1–B7).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use common::{TestApp, PASSWORD};
use sqlx::{Executor, Row};

async fn sign_in(
    app: &TestApp,
    client: &reqwest::Client,
    email: &str,
    password: &str,
) -> (u16, serde_json::Value) {
    app.call(
        client,
        "/api/sign_in",
        &[("email", email), ("password", password)],
    )
    .await
}

db_test!(
    signing_in_sets_a_strict_http_only_cookie_and_identifies_the_user,
    |app: TestApp| async move {
        app.create_user("ada@example.com", "hr").await;
        let client = app.client();
        let response = client
            .post(app.url("/api/sign_in"))
            .header("accept", "application/json")
            .form(&[("email", "Ada@Example.com"), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let cookie = response
            .headers()
            .get("set-cookie")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        assert!(cookie.starts_with("clearance_session="), "{cookie}");
        for attribute in ["HttpOnly", "SameSite=Strict", "Path=/"] {
            assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
        }
        let who = app.who(&client).await;
        assert_eq!(who["email"], "ada@example.com");
        assert_eq!(who["role"], "hr");
    }
);

db_test!(
    unknown_users_and_wrong_passwords_get_the_same_answer,
    |app: TestApp| async move {
        app.create_user("ada@example.com", "hr").await;
        let (s1, wrong) = sign_in(
            &app,
            &app.client(),
            "ada@example.com",
            "not the right password",
        )
        .await;
        let (s2, unknown) = sign_in(
            &app,
            &app.client(),
            "nobody@example.com",
            "not the right password",
        )
        .await;
        assert_eq!((s1, s2), (401, 401));
        assert_eq!(wrong, unknown);
        assert_eq!(wrong["kind"], "invalid_credentials");
    }
);

db_test!(
    a_disabled_account_cannot_sign_in_and_looks_like_a_wrong_password,
    |app: TestApp| async move {
        let (admin, _) = app.signed_in("admin").await;
        let id = app.create_user("gone@example.com", "hr").await;
        let (status, _) = app
            .call(
                &admin,
                "/api/users/disable",
                &[("user_id", &id.to_string()), ("confirm", "yes")],
            )
            .await;
        assert_eq!(status, 200);
        let (status, body) = sign_in(&app, &app.client(), "gone@example.com", PASSWORD).await;
        assert_eq!(
            (status, body["kind"].as_str()),
            (401, Some("invalid_credentials"))
        );
    }
);

db_test!(
    repeated_failures_are_throttled_before_any_hashing_even_with_the_right_password,
    |app: TestApp| async move {
        app.create_user("ada@example.com", "hr").await;
        for _ in 0..5 {
            let (status, _) = sign_in(
                &app,
                &app.client(),
                "ada@example.com",
                "wrong password, wrong",
            )
            .await;
            assert_eq!(status, 401);
        }
        let response = app
            .client()
            .post(app.url("/api/sign_in"))
            .header("accept", "application/json")
            .form(&[("email", "ada@example.com"), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 429);
        let retry_after: i64 = response.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=900).contains(&retry_after), "{retry_after}");
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["kind"], "too_many_requests");
        // Another account is not affected by this one's lock.
        app.create_user("bob@example.com", "hr").await;
        assert_eq!(
            sign_in(&app, &app.client(), "bob@example.com", PASSWORD)
                .await
                .0,
            200
        );
    }
);

db_test!(
    passwords_are_stored_as_argon2id_at_owasp_parameters,
    |app: TestApp| async move {
        app.create_user("ada@example.com", "hr").await;
        let mut db = app.db().await;
        let hash: String = sqlx::query("SELECT password_hash FROM users WHERE email = $1")
            .bind("ada@example.com")
            .fetch_one(&mut db)
            .await
            .unwrap()
            .get(0);
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(!hash.contains(PASSWORD));
    }
);

db_test!(
    a_weak_stored_hash_is_upgraded_at_sign_in,
    |app: TestApp| async move {
        use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
        app.create_user("ada@example.com", "hr").await;
        let weak = argon2::Argon2::new(
            argon2::Algorithm::Argon2id,
            argon2::Version::V0x13,
            argon2::Params::new(4096, 1, 1, Some(32)).unwrap(),
        )
        .hash_password(PASSWORD.as_bytes(), &SaltString::generate(&mut OsRng))
        .unwrap()
        .to_string();
        let mut db = app.db().await;
        sqlx::query("UPDATE users SET password_hash = $1 WHERE email = $2")
            .bind(&weak)
            .bind("ada@example.com")
            .execute(&mut db)
            .await
            .unwrap();
        assert_eq!(
            sign_in(&app, &app.client(), "ada@example.com", PASSWORD)
                .await
                .0,
            200
        );
        let hash: String = sqlx::query("SELECT password_hash FROM users WHERE email = $1")
            .bind("ada@example.com")
            .fetch_one(&mut db)
            .await
            .unwrap()
            .get(0);
        assert!(hash.contains("m=19456,t=2,p=1"), "{hash}");
        assert_ne!(hash, weak);
    }
);

db_test!(
    an_oversized_password_is_refused_without_hashing,
    |app: TestApp| async move {
        let huge = "x".repeat(100_000);
        let (status, body) = sign_in(&app, &app.client(), "ada@example.com", &huge).await;
        assert_eq!(status, 422);
        assert_eq!(body["field"], "password");
    }
);

db_test!(
    signing_out_ends_the_session_at_the_next_request,
    |app: TestApp| async move {
        let (client, email) = app.signed_in("auditor").await;
        let stolen = client.clone();
        assert_eq!(app.who(&client).await["email"], email.as_str());
        let (status, _) = app.call(&client, "/api/sign_out", &[]).await;
        assert_eq!(status, 200);
        assert!(app.who(&stolen).await.is_null());
        let (status, _) = app.call(&stolen, "/api/audit/page", &[("page", "1")]).await;
        assert_eq!(status, 401);
    }
);

db_test!(
    old_cookies_die_when_the_user_is_disabled_or_their_role_changes,
    |app: TestApp| async move {
        let (admin, _) = app.signed_in("admin").await;
        let (victim, email) = app.signed_in("auditor").await;
        let mut db = app.db().await;
        let id: i64 = sqlx::query("SELECT id FROM users WHERE email = $1")
            .bind(&email)
            .fetch_one(&mut db)
            .await
            .unwrap()
            .get(0);
        let (status, _) = app
            .call(
                &admin,
                "/api/users/change_role",
                &[("user_id", &id.to_string()), ("role", "hr")],
            )
            .await;
        assert_eq!(status, 200);
        assert!(
            app.who(&victim).await.is_null(),
            "role change must end sessions"
        );
        let (again, _) = (app.client(), ());
        assert_eq!(sign_in(&app, &again, &email, PASSWORD).await.0, 200);
        assert_eq!(app.who(&again).await["role"], "hr");
        let (status, _) = app
            .call(
                &admin,
                "/api/users/disable",
                &[("user_id", &id.to_string()), ("confirm", "yes")],
            )
            .await;
        assert_eq!(status, 200);
        assert!(
            app.who(&again).await.is_null(),
            "disabling must end sessions"
        );
    }
);

db_test!(
    changing_the_password_ends_other_sessions_and_keeps_this_one,
    |app: TestApp| async move {
        let (client, email) = app.signed_in("hr").await;
        let other = app.client();
        assert_eq!(sign_in(&app, &other, &email, PASSWORD).await.0, 200);
        let new = "a brand new passphrase for clearance";
        let (status, body) = app
            .call(
                &client,
                "/api/change_password",
                &[
                    ("current_password", PASSWORD),
                    ("new_password", new),
                    ("confirm_password", new),
                ],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(app.who(&client).await["email"], email.as_str());
        assert!(app.who(&other).await.is_null());
        assert_eq!(sign_in(&app, &app.client(), &email, PASSWORD).await.0, 401);
        assert_eq!(sign_in(&app, &app.client(), &email, new).await.0, 200);
    }
);

db_test!(
    a_weak_new_password_is_refused_with_the_reason,
    |app: TestApp| async move {
        let (client, _) = app.signed_in("hr").await;
        let (status, body) = app
            .call(
                &client,
                "/api/change_password",
                &[
                    ("current_password", PASSWORD),
                    ("new_password", "password1234567"),
                    ("confirm_password", "password1234567"),
                ],
            )
            .await;
        assert_eq!(status, 422);
        assert_eq!(body["field"], "new_password");
        assert!(
            body["message"].as_str().unwrap().contains("common word"),
            "{body}"
        );
    }
);

db_test!(
    the_rest_api_issues_bearer_tokens_that_cookies_cannot_replace,
    |app: TestApp| async move {
        app.create_user("script@example.com", "admin").await;
        let plain = reqwest::Client::new();
        let response = plain
            .post(app.url("/api/v1/auth/login"))
            .json(&serde_json::json!({ "email": "script@example.com", "password": PASSWORD }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let token = response.json::<serde_json::Value>().await.unwrap()["token"]
            .as_str()
            .unwrap()
            .to_owned();
        let me: serde_json::Value = plain
            .get(app.url("/api/v1/me"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(me["email"], "script@example.com");
        let users = plain
            .get(app.url("/api/v1/users"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(users.status(), 200);
        // An API token is not a browser session (and vice versa).
        let as_cookie = plain
            .get(app.url("/api/v1/users"))
            .header("cookie", format!("clearance_session={token}"))
            .send()
            .await
            .unwrap();
        assert_eq!(as_cookie.status(), 401);
        let wrong = plain
        .post(app.url("/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": "script@example.com", "password": "nope nope nope nope" }))
        .send()
        .await
        .unwrap();
        assert_eq!(wrong.status(), 401);
        let garbage = plain
            .post(app.url("/api/v1/auth/login"))
            .header("content-type", "application/json")
            .body("{not json")
            .send()
            .await
            .unwrap();
        assert_eq!(garbage.status(), 400);
        assert!(garbage.json::<serde_json::Value>().await.unwrap()["error"]
            .as_str()
            .is_some());
    }
);

db_test!(
    sign_in_events_are_audited_without_the_password,
    |app: TestApp| async move {
        app.create_user("ada@example.com", "hr").await;
        sign_in(
            &app,
            &app.client(),
            "ada@example.com",
            "wrong wrong wrong wrong",
        )
        .await;
        sign_in(&app, &app.client(), "ada@example.com", PASSWORD).await;
        let mut db = app.db().await;
        let rows = db
            .fetch_all("SELECT action, details FROM audit_log ORDER BY seq")
            .await
            .unwrap();
        let actions: Vec<String> = rows.iter().map(|r| r.get::<String, _>(0)).collect();
        assert!(
            actions.contains(&"auth.sign_in_failed".to_owned())
                && actions.contains(&"auth.signed_in".to_owned()),
            "{actions:?}"
        );
        for row in rows {
            let details: String = row.get(1);
            assert!(
                !details.contains(PASSWORD) && !details.contains("wrong wrong"),
                "{details}"
            );
        }
    }
);
