//! What the access-grant tests share: users whose e-mail address the test knows (mail is checked),
//! screened people, repositories, requests walked to a state, the clock, and the mail sink.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use crate::common::smtp_sink::ReceivedMail;
use crate::common::{TestApp, PASSWORD};
use clearance_app::model::request::RequestContext;
use clearance_server::services::grants::EnforcementReport;
use serde_json::{json, Value};
use sqlx::Row;
use std::time::Duration;

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

/// A consistent, clean candidate; `n` keeps every identifying value apart from other people's
/// (shared phones, addresses or accounts would link them). The GitHub login is `login_of(n)`.
pub fn clean_profile(n: u32) -> Value {
    const FIRST: [&str; 10] = [
        "Ada", "Ben", "Chloe", "David", "Elena", "Frank", "Grace", "Hugo", "Irene", "James",
    ];
    const LAST: [&str; 10] = [
        "Lovelace", "Carter", "Nguyen", "Porter", "Rossi", "Walker", "Kim", "Silva", "Novak",
        "Berg",
    ];
    let first = FIRST[(n % 10) as usize];
    let last = LAST[((n / 10 + 3 * (n % 10)) % 10) as usize];
    let name = format!("{first} {last}");
    let phone = format!("+1312555{:04}", 100 + n % 100);
    let street = format!("{} Lake St", 10 + n);
    let dob = format!("19{:02}-0{}-1{}", 70 + n % 25, 1 + n % 9, n % 10);
    json!({
        "kind": "candidate",
        "identity": {
            "legal_name": { "full": name },
            "name_variants": [ { "value": name, "source": "resume" }, { "value": name, "source": "linkedin" } ],
            "dob": dob,
            "nationality": ["US"],
            "claimed_residence": { "city": "Chicago", "region": "IL", "country": "US" },
            "claimed_timezone": "America/Chicago"
        },
        "contact": {
            "emails": [ { "address": format!("candidate{n}@example.com") } ],
            "phones": [ { "e164": phone, "line_type": "mobile" } ]
        },
        "addresses": [
            { "type": "residential", "line1": street, "city": "Chicago", "postal_code": "60601", "country": "US" },
            { "type": "laptop_shipping", "line1": street, "city": "Chicago", "postal_code": "60601", "country": "US" }
        ],
        "payment_instructions": [ { "method": "ach", "bank_country": "US", "account_holder_name": name,
                                    "routing_number": "021000021", "account_number": phone.trim_start_matches('+') } ],
        "interview_observations": [
            { "round": 1, "mode": "video", "camera_on": true, "same_person_as_previous": "true",
              "liveness_prompts": { "hand_wave": "pass", "window_view": "pass" } }
        ],
        "online_presence": { "github": { "login": login_of(n) } }
    })
}

/// The GitHub login `clean_profile(n)` carries.
pub fn login_of(n: u32) -> String {
    format!("candidate-{n}-dev")
}

/// The same profile, paid into someone else's account abroad: PAY-02 is high, so the band is
/// high (the personas tests pin this).
pub fn high_risk(mut profile: Value) -> Value {
    profile["payment_instructions"] = json!([{ "method": "wire", "platform": "Payoneer", "bank_country": "CN",
                                               "account_holder_name": "Li Wei", "iban": "CN12 3456 7890 1234 5678" }]);
    profile
}

/// The same profile without a GitHub login.
pub fn without_login(mut profile: Value) -> Value {
    profile.as_object_mut().unwrap().remove("online_presence");
    profile
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

    // ---- people and users ---------------------------------------------------------------------

    /// A new account of this role, signed in through the REST login.
    pub async fn user(&self, role: &str) -> User {
        let email = format!(
            "{}-{}@example.com",
            role.replace('_', "-"),
            uuid::Uuid::new_v4().simple()
        );
        let id = self.app.create_user(&email, role).await;
        let response = self
            .http
            .post(self.app.url("/api/v1/auth/login"))
            .json(&json!({ "email": email, "password": PASSWORD }))
            .send()
            .await
            .unwrap();
        let body: Value = response.json().await.unwrap();
        User {
            id,
            email,
            token: body["token"].as_str().expect("a bearer token").to_owned(),
        }
    }

    /// Enters a profile; (person id, screening).
    pub async fn person_with(&self, hr: &User, profile: Value) -> (i64, Value) {
        let (status, body) = self.post(hr, "/people", profile).await;
        assert_eq!(status, 201, "{body}");
        (body["id"].as_i64().unwrap(), body["screening"].clone())
    }

    /// A clean candidate (band clear), not yet decided on.
    pub async fn person(&self, hr: &User, n: u32) -> i64 {
        let (id, screening) = self.person_with(hr, clean_profile(n)).await;
        assert_eq!(screening["band"], "clear", "{screening}");
        id
    }

    /// Records a screening decision (HR records them).
    pub async fn decide(&self, hr: &User, person: i64, decision: &str) {
        let (status, body) = self
            .post(
                hr,
                &format!("/people/{person}/decision"),
                json!({ "decision": decision, "reason": "Interviewed and checked references." }),
            )
            .await;
        assert_eq!(status, 200, "{body}");
    }

    /// A clean candidate cleared just now.
    pub async fn cleared_person(&self, hr: &User, n: u32) -> i64 {
        let id = self.person(hr, n).await;
        self.decide(hr, id, "cleared").await;
        id
    }

    /// The person's current screening band.
    pub async fn band(&self, who: &User, person: i64) -> String {
        self.get(who, &format!("/people/{person}/screening")).await["band"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Replaces the person's profile (PUT with the whole document).
    pub async fn update_profile(&self, hr: &User, person: i64, profile: Value) {
        let (status, body) = self
            .send(hr, "PUT", &format!("/people/{person}"), Some(profile))
            .await;
        assert_eq!(status, 200, "{body}");
    }

    // ---- repositories and requests ------------------------------------------------------------

    /// Registers a GitHub repository; its id.
    pub async fn repository(&self, manager: &User, name: &str, tier: &str) -> i64 {
        let (status, body) = self
            .post(
                manager,
                "/repositories",
                json!({ "name": name, "provider": "github", "tier": tier }),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        body["id"].as_i64().unwrap()
    }

    pub async fn request(
        &self,
        requester: &User,
        person: i64,
        repository: i64,
        permission: &str,
        days: i64,
    ) -> (u16, Value) {
        self.post(
            requester,
            "/access-requests",
            json!({
                "person_id": person,
                "repository_id": repository,
                "permission": permission,
                "duration_days": days,
                "justification": "Works on this code from next week.",
            }),
        )
        .await
    }

    /// A request that must be accepted; its id.
    pub async fn requested(
        &self,
        requester: &User,
        person: i64,
        repository: i64,
        permission: &str,
        days: i64,
    ) -> i64 {
        let (status, body) = self
            .request(requester, person, repository, permission, days)
            .await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(body["state"], "pending", "{body}");
        body["id"].as_i64().unwrap()
    }

    pub async fn review(
        &self,
        reviewer: &User,
        request: i64,
        decision: &str,
        comment: &str,
    ) -> (u16, Value) {
        self.post(
            reviewer,
            &format!("/access-requests/{request}/reviews"),
            json!({ "decision": decision, "comment": comment }),
        )
        .await
    }

    /// An approval that must be accepted; the request as it is after it.
    pub async fn approve(&self, lead: &User, request: i64) -> Value {
        let answer = self.review(lead, request, "approve", "Looks right.").await;
        assert_eq!(answer.0, 200, "{}", answer.1);
        answer.1
    }

    /// A request approved by `leads` in turn until active; its id.
    pub async fn granted(
        &self,
        requester: &User,
        leads: &[&User],
        person: i64,
        repository: i64,
        permission: &str,
        days: i64,
    ) -> i64 {
        let id = self
            .requested(requester, person, repository, permission, days)
            .await;
        let mut last = Value::Null;
        for lead in leads {
            last = self.approve(lead, id).await;
            if last["state"] == "active" {
                break;
            }
        }
        assert_eq!(last["state"], "active", "{last}");
        id
    }

    /// `GET /access-requests/{id}`: the request page.
    pub async fn request_page(&self, who: &User, request: i64) -> Value {
        self.get(who, &format!("/access-requests/{request}")).await
    }

    /// The request's state, as the API shows it.
    pub async fn state(&self, who: &User, request: i64) -> String {
        self.request_page(who, request).await["request"]["state"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// `revoke`, `suspend` or `reinstate` with a reason.
    pub async fn change(&self, who: &User, grant: i64, what: &str, reason: &str) -> (u16, Value) {
        self.post(
            who,
            &format!("/grants/{grant}/{what}"),
            json!({ "reason": reason }),
        )
        .await
    }

    /// Every grant listed under this query (`state=active`, `person_id=3`, …), all pages.
    pub async fn grants(&self, who: &User, query: &str) -> Vec<Value> {
        let mut all = Vec::new();
        for page in 1.. {
            let path = if query.is_empty() {
                format!("/grants?page={page}")
            } else {
                format!("/grants?{query}&page={page}")
            };
            let body = self.get(who, &path).await;
            let grants = body["grants"].as_array().unwrap().clone();
            let total = body["page"]["total"].as_i64().unwrap();
            let empty = grants.is_empty();
            all.extend(grants);
            if empty || all.len() as i64 >= total {
                break;
            }
        }
        all
    }

    /// Ids of the grants listed under this query.
    pub async fn grant_ids(&self, who: &User, query: &str) -> Vec<i64> {
        let mut ids: Vec<i64> = self
            .grants(who, query)
            .await
            .iter()
            .map(|g| g["id"].as_i64().unwrap())
            .collect();
        ids.sort_unstable();
        ids
    }

    // ---- the database, where the test sets or reads what the API does not show -----------------

    /// Dates the person's decisions `days` days back.
    pub async fn age_decision(&self, person: i64, days: i64) -> i64 {
        let at = now_ms() - days * DAY_MS;
        let mut db = self.app.db().await;
        sqlx::query("UPDATE screening_decisions SET decided_at_ms = $1 WHERE person_id = $2")
            .bind(at)
            .bind(person)
            .execute(&mut db)
            .await
            .unwrap();
        at
    }

    /// A millisecond column of the request (`expires_at_ms`, `lapses_at_ms`, …).
    pub async fn request_ms(&self, request: i64, column: &str) -> i64 {
        let sql = match column {
            "expires_at_ms" => "SELECT expires_at_ms FROM access_requests WHERE id = $1",
            "lapses_at_ms" => "SELECT lapses_at_ms FROM access_requests WHERE id = $1",
            "requested_at_ms" => "SELECT requested_at_ms FROM access_requests WHERE id = $1",
            "activated_at_ms" => "SELECT activated_at_ms FROM access_requests WHERE id = $1",
            other => panic!("no column {other} here"),
        };
        let mut db = self.app.db().await;
        let value: Option<i64> = sqlx::query(sql)
            .bind(request)
            .fetch_one(&mut db)
            .await
            .unwrap()
            .get(0);
        value.unwrap_or_else(|| panic!("request {request} has no {column}"))
    }

    /// Audit entries with this action (about this request, when given).
    pub async fn audit_count(&self, action: &str, request: Option<i64>) -> i64 {
        let mut db = self.app.db().await;
        match request {
            None => sqlx::query("SELECT COUNT(*) FROM audit_log WHERE action = $1")
                .bind(action)
                .fetch_one(&mut db)
                .await
                .unwrap()
                .get(0),
            Some(id) => {
                sqlx::query("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND subject = $2")
                    .bind(action)
                    .bind(format!("access_request:{id}"))
                    .fetch_one(&mut db)
                    .await
                    .unwrap()
                    .get(0)
            }
        }
    }

    /// Asserts the audit chain verifies.
    pub fn assert_audit_chain_verifies(&self) {
        let (code, out) = self.app.verify_audit_log();
        assert_eq!(code, 0, "{out}");
        assert!(out.starts_with("OK"), "{out}");
    }

    // ---- enforcement ---------------------------------------------------------------------------

    /// One enforcement pass with the clock at `at_ms`.
    pub async fn enforce(&self, at_ms: i64) -> EnforcementReport {
        self.app
            .services
            .enforce_grants(&RequestContext::internal("test"), at_ms)
            .await
            .unwrap_or_else(|e| panic!("enforcement at {at_ms} failed: {e:?}"))
    }

    // ---- mail ----------------------------------------------------------------------------------

    /// Mail enqueued for `to` with this subject (delivered or not).
    pub async fn queued_mail(&self, to: &str, subject: &str) -> i64 {
        let mut db = self.app.db().await;
        sqlx::query("SELECT COUNT(*) FROM mail_outbox WHERE to_addr = $1 AND subject = $2")
            .bind(to)
            .bind(subject)
            .fetch_one(&mut db)
            .await
            .unwrap()
            .get(0)
    }

    /// Delivers everything queued and waits until the sink has it. Mail enqueued by an
    /// enforcement pass carries the pass's clock as its first attempt time, which may be days
    /// ahead of the worker's real clock: it is made due now first.
    pub async fn deliver_all_mail(&self) {
        let mut db = self.app.db().await;
        sqlx::query(
            "UPDATE mail_outbox SET next_attempt_at_ms = 0
             WHERE sent_at_ms IS NULL AND failed_at_ms IS NULL",
        )
        .execute(&mut db)
        .await
        .unwrap();
        for _ in 0..200 {
            let waiting: i64 = sqlx::query(
                "SELECT COUNT(*) FROM mail_outbox WHERE sent_at_ms IS NULL AND failed_at_ms IS NULL",
            )
            .fetch_one(&mut db)
            .await
            .unwrap()
            .get(0);
            if waiting == 0 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "the outbox did not drain; received: {:?}",
            self.app.smtp.messages()
        );
    }

    /// Mail the sink received for `to` with this subject.
    pub fn mails(&self, to: &str, subject: &str) -> Vec<ReceivedMail> {
        self.app
            .smtp
            .messages()
            .into_iter()
            .filter(|m| {
                m.rcpt_to.iter().any(|r| r == to) && m.header("Subject").as_deref() == Some(subject)
            })
            .collect()
    }

    /// Waits (up to 10 s) for mail to `to` with this subject.
    pub async fn wait_for_mail(&self, to: &str, subject: &str) -> ReceivedMail {
        for _ in 0..200 {
            if let Some(mail) = self.mails(to, subject).into_iter().next() {
                return mail;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "no \"{subject}\" mail to {to} arrived; received: {:?}",
            self.app.smtp.messages()
        );
    }
}
