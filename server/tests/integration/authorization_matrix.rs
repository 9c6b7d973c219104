//! SECURITY.md D1: every server function and REST route, called as every role and anonymously,
//! is allowed or refused exactly as the table in `model::access` says; and every registered
//! server function appears in the table of endpoints.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use clearance_app::api::endpoints;
use clearance_app::model::access::Operation;
use clearance_app::model::role::Role;
use clearance_server::rest::ROUTES;
use common::TestApp;
use std::collections::BTreeSet;

/// Arguments that are well-formed for each server function, so the call reaches authorization.
fn sample_form(path: &str) -> Vec<(&'static str, String)> {
    let s = |v: &str| v.to_owned();
    match path.trim_start_matches("/api/") {
        "sign_in" => vec![
            ("email", s("not an address")),
            ("password", s("wrong password here")),
        ],
        "change_password" => vec![
            ("current_password", s("x")),
            ("new_password", s("y")),
            ("confirm_password", s("z")),
        ],
        "users/list" => vec![("page", s("1"))],
        "users/invite" => vec![("email", s("not an address")), ("role", s("hr"))],
        "users/revoke_invite" => vec![("invite_id", s("999999"))],
        "users/change_role" => vec![("user_id", s("999999")), ("role", s("hr"))],
        "users/disable" => vec![("user_id", s("999999")), ("confirm", s("yes"))],
        "users/enable" => vec![("user_id", s("999999"))],
        "invites/get" => vec![("token", s("no-such-token"))],
        "invites/accept" => vec![
            ("token", s("no-such-token")),
            ("password", s("x")),
            ("confirm_password", s("x")),
        ],
        "audit/page" => vec![("page", s("1"))],
        "watchlists/list" => vec![("page", s("1"))],
        // An invalid list id: allowed roles get a 400 and nothing is imported.
        "watchlists/import" => vec![
            ("source", s("Not A List!")),
            ("format", s("custom_csv")),
            ("first", s("kind,value\nemail,a@example.com\n")),
        ],
        "people/list" => vec![("query[page]", s("1"))],
        "people/page" => vec![("id", s("999999"))],
        "people/create" => vec![("form[legal_name]", s(""))],
        "people/update" => vec![
            ("id", s("999999")),
            ("version", s("1")),
            ("form[legal_name]", s("")),
        ],
        "people/decide" => vec![
            ("person_id", s("999999")),
            ("decision", s("rejected")),
            ("reason", s("r")),
        ],
        "people/import" => vec![("format", s("json")), ("text", s("[]"))],
        "people/import-status" => vec![("id", s("999999"))],
        "people/draft" => vec![("key", s("people/create"))],
        "findings/dismiss" | "findings/confirm" => {
            vec![("finding_id", s("999999")), ("reason", s("r"))]
        }
        "repositories/list" => vec![("page", s("1"))],
        "repositories/create" => vec![
            ("name", s("not a name")),
            ("provider", s("github")),
            ("tier", s("standard")),
            ("description", s("")),
            ("owners", s("")),
        ],
        "repositories/page" | "access/page" | "access/cancel" => vec![("id", s("999999"))],
        "repositories/update" => vec![
            ("id", s("999999")),
            ("provider", s("github")),
            ("tier", s("standard")),
            ("description", s("")),
            ("owners", s("")),
        ],
        "access/form" => vec![("person_id", s("999999"))],
        "access/preview" | "access/request" => vec![
            ("new[person_id]", s("999999")),
            ("new[repository_id]", s("999999")),
            ("new[permission]", s("read")),
            ("new[duration_days]", s("1")),
            ("new[justification]", s("j")),
        ],
        "access/review" => vec![
            ("id", s("999999")),
            ("decision", s("approve")),
            ("comment", s("c")),
        ],
        "grants/list" => vec![("query[page]", s("1"))],
        "grants/revoke" | "grants/suspend" | "grants/reinstate" => {
            vec![("id", s("999999")), ("reason", s("r"))]
        }
        "people/revoke-all-access" => vec![("person_id", s("999999")), ("reason", s("r"))],
        "people/access" => vec![("person_id", s("999999"))],
        "campaigns/start" => vec![("quarter", s("not a quarter")), ("due_date", s("x"))],
        "campaigns/page" | "campaigns/sign-off" => vec![("id", s("999999"))],
        "campaigns/items" => vec![("id", s("999999")), ("query[page]", s("1"))],
        "campaigns/decide" => vec![
            ("item_id", s("999999")),
            ("decision", s("certify")),
            ("reason", s("r")),
        ],
        _ => vec![],
    }
}

/// An answer that shows the caller got past authorization (anything but 401/403).
fn allowed(status: u16) -> bool {
    status != 401 && status != 403
}

fn expected_status(op: Operation, role: Option<Role>) -> Option<u16> {
    match (op.permits(role), role) {
        (true, _) => None,
        (false, None) => Some(401),
        (false, Some(_)) => Some(403),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_registered_server_function_is_in_the_authorization_table() {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_owned())
        .collect();
    let declared: BTreeSet<String> = endpoints()
        .into_iter()
        .map(|(path, _)| path.to_owned())
        .collect();
    assert_eq!(
        registered, declared,
        "a server function without an entry in api::endpoints() has no declared policy"
    );
}

db_test!(
    server_functions_allow_and_deny_exactly_as_the_table_says,
    |app: TestApp| async move {
        let mut callers: Vec<(Option<Role>, reqwest::Client)> = vec![(None, app.client())];
        for role in Role::ALL {
            callers.push((Some(role), app.signed_in(role.as_str()).await.0));
        }
        let mut checked = 0;
        for (path, op) in endpoints() {
            if op == Operation::SignOut {
                continue; // checked below with throw-away sessions: it ends the session
            }
            for (role, client) in &callers {
                let form = sample_form(path);
                let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let (status, body) = app.call(client, path, &form).await;
                match expected_status(op, *role) {
                    Some(denied) => assert_eq!(
                        status, denied,
                        "{path} as {role:?} should be refused: {body}"
                    ),
                    None => assert!(
                        allowed(status) && status != 500,
                        "{path} as {role:?} should be allowed, got {status}: {body}"
                    ),
                }
                checked += 1;
            }
        }
        for role in Role::ALL {
            let (client, _) = app.signed_in(role.as_str()).await;
            assert_eq!(
                app.call(&client, "/api/sign_out", &[]).await.0,
                200,
                "{role}"
            );
        }
        assert_eq!(app.call(&app.client(), "/api/sign_out", &[]).await.0, 401);
        assert!(checked >= 48 * 5, "{checked}");
    }
);

db_test!(
    rest_routes_allow_and_deny_exactly_as_the_table_says,
    |app: TestApp| async move {
        let plain = reqwest::Client::new();
        let mut tokens: Vec<(Option<Role>, Option<String>)> = vec![(None, None)];
        for role in Role::ALL {
            let email = format!("rest-{}@example.com", role.as_str());
            app.create_user(&email, role.as_str()).await;
            let response = plain
                .post(app.url("/api/v1/auth/login"))
                .json(&serde_json::json!({ "email": email, "password": common::PASSWORD }))
                .send()
                .await
                .unwrap();
            let token = response.json::<serde_json::Value>().await.unwrap()["token"]
                .as_str()
                .unwrap()
                .to_owned();
            tokens.push((Some(role), Some(token)));
        }
        for (method, path, op) in ROUTES {
            for (role, token) in &tokens {
                let url = app.url(&format!("/api/v1{path}"));
                let body = serde_json::json!({
                    "email": "x", "password": "y", "role": "hr", "decision": "rejected", "reason": "r"
                });
                let mut request = match *method {
                    "GET" => plain.get(url),
                    "PUT" => plain.put(url).json(&body),
                    _ => plain.post(url).json(&body),
                };
                if let Some(token) = token {
                    request = request.bearer_auth(token);
                }
                let status = request.send().await.unwrap().status().as_u16();
                match expected_status(*op, *role) {
                    Some(denied) => assert_eq!(status, denied, "{method} {path} as {role:?}"),
                    None => assert!(
                        allowed(status) && status != 500,
                        "{method} {path} as {role:?} got {status}"
                    ),
                }
            }
        }
    }
);

db_test!(
    a_refused_signed_in_caller_is_recorded_in_the_audit_log,
    |app: TestApp| async move {
        let (hr, _) = app.signed_in("hr").await;
        assert_eq!(
            app.call(&hr, "/api/users/list", &[("page", "1")]).await.0,
            403
        );
        let (admin, _) = app.signed_in("admin").await;
        let (_, page) = app
            .call(
                &admin,
                "/api/audit/page",
                &[("action", "access.denied"), ("page", "1")],
            )
            .await;
        let entries = page["entries"].as_array().unwrap();
        assert_eq!(entries.len(), 1, "{page}");
        assert!(entries[0]["details"]
            .as_str()
            .unwrap()
            .contains("ListUsers"));
    }
);
