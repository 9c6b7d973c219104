//! What the access-grant tests share: users whose e-mail address the test knows (mail is checked),
//! screened people, repositories, requests walked to a state, the clock, and the mail sink.
//!
//! Here: the clock, users, refusals and the HTTP client (`Api`); its other methods are in the
//! submodules, by what they do.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

mod database;
mod mail;
mod people;
mod requests;

pub use people::{clean_profile, high_risk, login_of, without_login};

use crate::common::TestApp;
use serde_json::Value;

pub const DAY_MS: i64 = 86_400_000;
pub const HOUR_MS: i64 = 3_600_000;

/// Someone the tests act as.
#[derive(Clone, Debug)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub token: String,
}

/// Milliseconds since the epoch, as the server's clock reads them.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// An RFC 3339 instant of the API, in milliseconds.
pub fn ms_of(rfc3339: &str) -> i64 {
    let at = time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|e| panic!("{rfc3339} is not RFC 3339: {e}"));
    (at.unix_timestamp_nanos() / 1_000_000) as i64
}

/// Asserts a refusal: the status and, for policy and not-permitted refusals, the rule.
pub fn assert_refused(answer: &(u16, Value), status: u16, rule: &str) {
    let (got, body) = answer;
    assert_eq!(*got, status, "expected {status} ({rule}): {body}");
    assert_eq!(body["rule"], rule, "{body}");
    assert!(
        body["error"].as_str().is_some_and(|m| !m.is_empty()),
        "a refusal says why: {body}"
    );
}

/// One app and an HTTP client for it.
pub struct Api {
    pub app: TestApp,
    http: reqwest::Client,
}

impl Api {
    pub fn new(app: TestApp) -> Api {
        Api {
            app,
            http: reqwest::Client::new(),
        }
    }

    // ---- HTTP ---------------------------------------------------------------------------------

    /// `method` on `/api/v1{path}` as `who`: (status, JSON body or `null`).
    pub async fn send(
        &self,
        who: &User,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let url = self.app.url(&format!("/api/v1{path}"));
        let mut request = match method {
            "GET" => self.http.get(url),
            "PUT" => self.http.put(url),
            "POST" => self.http.post(url),
            other => panic!("no {other} in these tests"),
        }
        .bearer_auth(&who.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    pub async fn post(&self, who: &User, path: &str, body: Value) -> (u16, Value) {
        self.send(who, "POST", path, Some(body)).await
    }

    /// A POST with no body at all.
    pub async fn post_empty(&self, who: &User, path: &str) -> (u16, Value) {
        self.send(who, "POST", path, None).await
    }

    /// A GET that must succeed.
    pub async fn get(&self, who: &User, path: &str) -> Value {
        let (status, body) = self.send(who, "GET", path, None).await;
        assert_eq!(status, 200, "GET {path}: {body}");
        body
    }

    /// A GET answered as text: (status, content type, body).
    pub async fn get_text(&self, who: &User, path: &str) -> (u16, String, String) {
        let response = self
            .http
            .get(self.app.url(&format!("/api/v1{path}")))
            .bearer_auth(&who.token)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        (status, content_type, response.text().await.unwrap())
    }
}
