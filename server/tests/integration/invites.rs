//! Inviting people by mail through a real SMTP server, and accepting invites.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use common::TestApp;
use sqlx::Row;

fn link_in(body: &str) -> String {
    body.split_whitespace()
        .find(|w| w.contains("/invite/"))
        .expect("invite link in mail")
        .to_owned()
}

fn token_of(link: &str) -> String {
    link.rsplit('/').next().unwrap().to_owned()
}

const NEW_PASSWORD: &str = "my own fresh passphrase";

db_test!(
    an_invite_is_mailed_and_accepting_it_signs_the_person_in,
    |app: TestApp| async move {
        let (admin, admin_email) = app.signed_in("admin").await;
        let (status, invite) = app
            .call(
                &admin,
                "/api/users/invite",
                &[
                    ("email", "New.Person@Example.com"),
                    ("role", "security_lead"),
                ],
            )
            .await;
        assert_eq!(status, 200, "{invite}");
        assert_eq!(invite["email"], "new.person@example.com");

        let mail = app.smtp.wait_for("new.person@example.com").await;
        assert_eq!(mail.rcpt_to, vec!["new.person@example.com".to_owned()]);
        assert_eq!(mail.mail_from, "no-reply@clearance.example");
        assert_eq!(
            mail.header("Subject").as_deref(),
            Some("You are invited to Clearance")
        );
        assert_eq!(mail.header("To").as_deref(), Some("new.person@example.com"));
        assert!(mail.header("Message-ID").is_some() && mail.header("Date").is_some());
        let body = mail.body();
        assert!(
            body.contains(&admin_email) && body.contains("Security lead"),
            "{body}"
        );
        let link = link_in(&body);
        assert!(
            link.starts_with(&format!("{}/invite/", app.address)),
            "{link}"
        );

        // The token is stored only as a digest.
        let mut db = app.db().await;
        let stored: String = sqlx::query("SELECT token_hash FROM invites")
            .fetch_one(&mut db)
            .await
            .unwrap()
            .get(0);
        assert_ne!(stored, token_of(&link));

        let newcomer = app.client();
        let (status, details) = app
            .call(
                &newcomer,
                "/api/invites/get",
                &[("token", &token_of(&link))],
            )
            .await;
        assert_eq!(status, 200);
        assert_eq!(details["role"], "security_lead");
        let token = token_of(&link);
        let (status, body) = app
            .call(
                &newcomer,
                "/api/invites/accept",
                &[
                    ("token", &token),
                    ("password", NEW_PASSWORD),
                    ("confirm_password", NEW_PASSWORD),
                ],
            )
            .await;
        assert_eq!(status, 200, "{body}");
        let who = app.who(&newcomer).await;
        assert_eq!(
            (who["email"].as_str(), who["role"].as_str()),
            (Some("new.person@example.com"), Some("security_lead"))
        );

        // Single use.
        let (status, body) = app
            .call(
                &app.client(),
                "/api/invites/accept",
                &[
                    ("token", &token),
                    ("password", NEW_PASSWORD),
                    ("confirm_password", NEW_PASSWORD),
                ],
            )
            .await;
        assert_eq!(status, 404);
        assert!(body["message"]
            .as_str()
            .unwrap()
            .contains("not valid any more"));
    }
);

db_test!(
    invalid_invites_are_refused_with_the_field_and_send_nothing,
    |app: TestApp| async move {
        let (admin, admin_email) = app.signed_in("admin").await;
        let cases = [
            ("not-an-address", "hr", "email"),
            ("x@example.com\r\nBcc: attacker@evil.example", "hr", "email"),
            ("someone@example.com", "superuser", "role"),
            (admin_email.as_str(), "hr", "email"),
        ];
        for (email, role, field) in cases {
            let (status, body) = app
                .call(
                    &admin,
                    "/api/users/invite",
                    &[("email", email), ("role", role)],
                )
                .await;
            assert_eq!(
                (status, body["field"].as_str()),
                (422, Some(field)),
                "{email:?}: {body}"
            );
        }
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        assert!(app.smtp.messages().is_empty(), "{:?}", app.smtp.messages());
    }
);

db_test!(
    a_revoked_or_replaced_invite_no_longer_works,
    |app: TestApp| async move {
        let (admin, _) = app.signed_in("admin").await;
        app.call(
            &admin,
            "/api/users/invite",
            &[("email", "twice@example.com"), ("role", "hr")],
        )
        .await;
        let first = token_of(&link_in(
            &app.smtp.wait_for("twice@example.com").await.body(),
        ));
        let (_, second) = app
            .call(
                &admin,
                "/api/users/invite",
                &[("email", "twice@example.com"), ("role", "auditor")],
            )
            .await;
        assert_eq!(
            app.call(&app.client(), "/api/invites/get", &[("token", &first)])
                .await
                .0,
            404
        );
        let (status, _) = app
            .call(
                &admin,
                "/api/users/revoke_invite",
                &[("invite_id", &second["id"].to_string())],
            )
            .await;
        assert_eq!(status, 200);
        let (status, page) = app.call(&admin, "/api/users/list", &[("page", "1")]).await;
        assert_eq!(status, 200);
        assert!(
            page["open_invites"].as_array().unwrap().is_empty(),
            "{page}"
        );
    }
);

db_test!(
    accepting_needs_matching_strong_passwords,
    |app: TestApp| async move {
        let (admin, _) = app.signed_in("admin").await;
        app.call(
            &admin,
            "/api/users/invite",
            &[("email", "weak@example.com"), ("role", "hr")],
        )
        .await;
        let token = token_of(&link_in(
            &app.smtp.wait_for("weak@example.com").await.body(),
        ));
        let client = app.client();
        let (status, body) = app
            .call(
                &client,
                "/api/invites/accept",
                &[
                    ("token", &token),
                    ("password", NEW_PASSWORD),
                    ("confirm_password", "different passphrase here"),
                ],
            )
            .await;
        assert_eq!(
            (status, body["field"].as_str()),
            (422, Some("confirm_password"))
        );
        let (status, body) = app
            .call(
                &client,
                "/api/invites/accept",
                &[
                    ("token", &token),
                    ("password", "short"),
                    ("confirm_password", "short"),
                ],
            )
            .await;
        assert_eq!((status, body["field"].as_str()), (422, Some("password")));
        // Still usable after the failed attempts.
        let (status, _) = app
            .call(
                &client,
                "/api/invites/accept",
                &[
                    ("token", &token),
                    ("password", NEW_PASSWORD),
                    ("confirm_password", NEW_PASSWORD),
                ],
            )
            .await;
        assert_eq!(status, 200);
    }
);

db_test!(
    admins_cannot_change_their_own_account_and_disabling_needs_confirmation,
    |app: TestApp| async move {
        let (admin, email) = app.signed_in("admin").await;
        let mut db = app.db().await;
        let my_id: i64 = sqlx::query("SELECT id FROM users WHERE email = $1")
            .bind(&email)
            .fetch_one(&mut db)
            .await
            .unwrap()
            .get(0);
        let (status, body) = app
            .call(
                &admin,
                "/api/users/change_role",
                &[("user_id", &my_id.to_string()), ("role", "hr")],
            )
            .await;
        assert_eq!(status, 409, "{body}");
        let other = app.create_user("second-admin@example.com", "admin").await;
        let (status, _) = app
            .call(
                &admin,
                "/api/users/disable",
                &[("user_id", &other.to_string())],
            )
            .await;
        assert_eq!(status, 422, "disabling needs the confirmation box");
        let (status, _) = app
            .call(
                &admin,
                "/api/users/disable",
                &[("user_id", &other.to_string()), ("confirm", "yes")],
            )
            .await;
        assert_eq!(status, 200);
        let (status, body) = app
            .call(
                &admin,
                "/api/users/change_role",
                &[("user_id", "999999"), ("role", "hr")],
            )
            .await;
        assert_eq!((status, body["kind"].as_str()), (404, Some("not_found")));
    }
);
