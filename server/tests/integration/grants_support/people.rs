//! Screened people and users: candidate profiles (clean, high-risk, without a GitHub login),
//! accounts of each role signed in through the REST login, and people entered, decided and
//! cleared through the API.

use super::{Api, User};
use crate::common::PASSWORD;
use serde_json::{json, Value};

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

impl Api {
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
}
