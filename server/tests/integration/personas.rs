//! Synthetic personas (invented people) through the REST API: clean ones must stay clear, and
//! fraudulent ones must raise the expected indicators and bands. Also decisions, dismissals,
//! versions and the protection of bank numbers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use common::TestApp;
use serde_json::{json, Value};
use sqlx::Row;

struct Api {
    app: TestApp,
    http: reqwest::Client,
    hr: String,
    lead: String,
}

impl Api {
    async fn new(app: TestApp) -> Api {
        let hr = app.api_token("hr").await;
        let lead = app.api_token("security_lead").await;
        Api {
            app,
            http: reqwest::Client::new(),
            hr,
            lead,
        }
    }

    async fn send(
        &self,
        method: &str,
        path: &str,
        as_token: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let url = self.app.url(&format!("/api/v1{path}"));
        let mut request = match method {
            "GET" => self.http.get(url),
            "PUT" => self.http.put(url),
            _ => self.http.post(url),
        }
        .bearer_auth(as_token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        (
            response.status().as_u16(),
            response.json().await.unwrap_or(Value::Null),
        )
    }

    async fn create(&self, doc: Value) -> (i64, Value) {
        let (status, body) = self.send("POST", "/people", &self.hr, Some(doc)).await;
        assert_eq!(status, 201, "{body}");
        (body["id"].as_i64().unwrap(), body["screening"].clone())
    }

    async fn screening(&self, id: i64) -> Value {
        let (status, body) = self
            .send("GET", &format!("/people/{id}/screening"), &self.hr, None)
            .await;
        assert_eq!(status, 200, "{body}");
        body
    }
}

fn indicators(screening: &Value) -> Vec<String> {
    screening["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["indicator"].as_str().unwrap().to_owned())
        .collect()
}

fn finding<'a>(screening: &'a Value, indicator: &str) -> &'a Value {
    screening["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["indicator"] == indicator)
        .unwrap_or_else(|| panic!("{indicator} missing in {screening}"))
}

/// A consistent candidate living and paid where they say, with good interviews.
fn clean(name: &str, email: &str, phone: &str, street: &str, dob: &str) -> Value {
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
        "contact": { "emails": [ { "address": email } ], "phones": [ { "e164": phone, "line_type": "mobile" } ] },
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
        "favourite_framework": "ignored: unknown fields are accepted"
    })
}

db_test!(
    clean_personas_stay_clear_including_a_korean_american_and_a_common_name_collision,
    |app: TestApp| async move {
        let api = Api::new(app).await;
        let mut korean_american = clean(
            "Ji-woo Park",
            "jiwoo.park@example.com",
            "+13125550101",
            "12 Lake St",
            "1994-03-02",
        );
        korean_american["identity"]["languages_claimed"] = json!(["en", "ko"]);
        korean_american["devices"] = json!([{ "type": "corporate", "mdm_enrolled": true, "keyboard_layouts": ["en-US", "ko-KR"], "os_locale": "ko-KR" }]);
        let (_, s) = api.create(korean_american).await;
        assert_eq!(s["band"], "clear", "{s}");
        assert!(
            !indicators(&s).contains(&"ID-10".to_owned()),
            "saying you speak Korean is not a red flag: {s}"
        );

        let (first, s1) = api
            .create(clean(
                "John Smith",
                "john.smith@example.com",
                "+13125550102",
                "1 Oak Ave",
                "1980-01-01",
            ))
            .await;
        let (_, s2) = api
            .create(clean(
                "John Smith",
                "jsmith77@example.org",
                "+13125550103",
                "99 Pine Rd",
                "1991-07-15",
            ))
            .await;
        assert_eq!(
            (s1["band"].as_str(), s2["band"].as_str()),
            (Some("clear"), Some("clear")),
            "{s1} {s2}"
        );
        assert!(
            indicators(&s2).iter().all(|i| !i.starts_with("LINK")),
            "same name is not a link: {s2}"
        );
        assert_eq!(api.screening(first).await["band"], "clear");
    }
);

db_test!(
    a_payout_to_someone_elses_chinese_account_is_high,
    |app: TestApp| async move {
        let api = Api::new(app).await;
        let mut doc = clean(
            "Alex Turner",
            "alex.turner@example.com",
            "+13125550110",
            "5 Elm St",
            "1990-05-05",
        );
        doc["payment_instructions"] = json!([{ "method": "wire", "platform": "Payoneer", "bank_country": "CN",
                                          "account_holder_name": "Li Wei", "iban": "CN12 3456 7890 1234 5678" }]);
        let (id, s) = api.create(doc).await;
        let found = indicators(&s);
        for expected in ["PAY-02", "PAY-03", "PAY-06"] {
            assert!(
                found.contains(&expected.to_owned()),
                "{expected} in {found:?}"
            );
        }
        assert_eq!(finding(&s, "PAY-02")["severity"], "high");
        assert_eq!(s["band"], "high", "{s}");
        assert!(finding(&s, "PAY-03")["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["value"] == "Li Wei"));
        // The account number is never stored in clear.
        let mut db = api.app.db().await;
        let stored: String = sqlx::query("SELECT document FROM people WHERE id = $1")
            .bind(id)
            .fetch_one(&mut db)
            .await
            .unwrap()
            .get(0);
        assert!(
            !stored.contains("34567890") && stored.contains("\"account_last4\":\"5678\""),
            "{stored}"
        );
    }
);

db_test!(
    an_interviewee_who_refuses_the_camera_and_fails_liveness_is_flagged,
    |app: TestApp| async move {
        let api = Api::new(app).await;
        let mut doc = clean(
            "Sam Lee",
            "sam.lee@example.com",
            "+13125550120",
            "8 Hill St",
            "1992-02-02",
        );
        doc["interview_observations"] = json!([
            { "round": 1, "mode": "video", "video_requested": true, "camera_on": false, "camera_refusal_reason": "broken webcam" },
            { "round": 2, "mode": "video", "video_requested": true, "camera_on": false },
            { "round": 3, "mode": "video", "camera_on": true, "liveness_prompts": { "hand_wave": "declined" } }
        ]);
        let (_, s) = api.create(doc).await;
        assert_eq!(finding(&s, "BEH-01")["severity"], "high");
        assert_eq!(finding(&s, "BEH-05")["severity"], "high");
        assert_eq!(s["band"], "high");
    }
);

/// Three "different" people shipping laptops to one address and paid into one account.
fn farm_member(name: &str, n: u32) -> Value {
    let mut doc = clean(
        name,
        &format!("worker{n}@example.net"),
        &format!("+1615555020{n}"),
        &format!("{n} Main St"),
        "1988-08-08",
    );
    doc["addresses"][1] = json!({ "type": "laptop_shipping", "line1": "742 Evergreen Terrace", "line2": "Unit 2",
                                  "city": "Nashville", "postal_code": "37201", "country": "US" });
    doc["payment_instructions"] = json!([{ "method": "ach", "bank_country": "US", "account_holder_name": name,
                                          "routing_number": "021000021", "account_number": "000111222333" }]);
    doc
}

db_test!(
    a_three_profile_laptop_farm_is_critical_and_rescores_the_earlier_profiles,
    |app: TestApp| async move {
        let api = Api::new(app).await;
        let (first, s1) = api.create(farm_member("Brian Miller", 1)).await;
        assert!(
            !indicators(&s1).iter().any(|i| i.starts_with("LINK")),
            "alone, nothing is shared: {s1}"
        );
        let (second, s2) = api.create(farm_member("Kevin Brown", 2)).await;
        assert_eq!(
            finding(&s2, "LINK-05")["severity"],
            "high",
            "two identities at one address: {s2}"
        );
        assert_eq!(
            finding(&s2, "LINK-06")["severity"],
            "critical",
            "a shared payout account is critical: {s2}"
        );
        let (third, s3) = api.create(farm_member("Eric Davis", 3)).await;
        assert_eq!(
            finding(&s3, "LINK-05")["severity"],
            "critical",
            "three identities at one address: {s3}"
        );
        assert_eq!(s3["band"], "critical");
        let related: Vec<i64> = finding(&s3, "LINK-06")["related_person_ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_i64().unwrap())
            .collect();
        assert_eq!(related, vec![first, second]);
        assert!(
            finding(&s3, "ACC-01")["severity"] == "high",
            "shipping away from home: {s3}"
        );
        // The new link re-scored the first profile too.
        let again = api.screening(first).await;
        assert_eq!(again["band"], "critical", "{again}");
        assert_eq!(finding(&again, "LINK-05")["severity"], "critical");
        assert!(again["reason"]
            .as_str()
            .unwrap()
            .contains(&format!("person:{third}")));
    }
);

db_test!(
    clearing_needs_every_critical_finding_dismissed_by_a_security_lead,
    |app: TestApp| async move {
        let api = Api::new(app).await;
        api.create(farm_member("Brian Miller", 1)).await;
        let (id, s) = api.create(farm_member("Kevin Brown", 2)).await;
        let critical = finding(&s, "LINK-06")["id"].as_i64().unwrap();

        let (status, body) = api
            .send(
                "POST",
                &format!("/people/{id}/decision"),
                &api.hr,
                Some(json!({ "decision": "cleared", "reason": "looks fine" })),
            )
            .await;
        assert_eq!(status, 422, "{body}");
        assert!(
            body["error"].as_str().unwrap().contains("LINK-06"),
            "{body}"
        );

        let (status, _) = api
            .send(
                "POST",
                &format!("/findings/{critical}/dismiss"),
                &api.hr,
                Some(json!({ "reason": "siblings" })),
            )
            .await;
        assert_eq!(status, 403, "HR cannot dismiss findings");
        let (status, body) = api
            .send(
                "POST",
                &format!("/findings/{critical}/dismiss"),
                &api.lead,
                Some(json!({ "reason": "" })),
            )
            .await;
        assert_eq!((status, body["field"].as_str()), (422, Some("reason")));
        let (status, after) = api
            .send(
                "POST",
                &format!("/findings/{critical}/dismiss"),
                &api.lead,
                Some(json!({ "reason": "Brothers sharing a family account; verified in person" })),
            )
            .await;
        assert_eq!(status, 200, "{after}");
        assert!(
            finding(&after, "LINK-06")["dismissed"]["reason"]
                .as_str()
                .unwrap()
                .contains("Brothers"),
            "it stays visible as dismissed"
        );
        assert_ne!(after["band"], "critical", "{after}");
        let (status, _) = api
            .send(
                "POST",
                &format!("/findings/{critical}/dismiss"),
                &api.lead,
                Some(json!({ "reason": "again" })),
            )
            .await;
        assert_eq!(status, 409);

        let (status, decision) = api
            .send(
                "POST",
                &format!("/people/{id}/decision"),
                &api.hr,
                Some(json!({ "decision": "cleared", "reason": "verified in person" })),
            )
            .await;
        assert_eq!(status, 200, "{decision}");
        let (_, person) = api
            .send("GET", &format!("/people/{id}"), &api.hr, None)
            .await;
        assert_eq!(person["status"], "cleared");

        // Changing the shared account re-raises the finding: the dismissal was for that evidence.
        let mut changed = farm_member("Kevin Brown", 2);
        changed["payment_instructions"][0]["account_number"] = json!("999888777666");
        let mut other = farm_member("Brian Miller", 1);
        other["payment_instructions"][0]["account_number"] = json!("999888777666");
        let (status, _) = api
            .send("PUT", &format!("/people/{}", id - 1), &api.hr, Some(other))
            .await;
        assert_eq!(status, 200);
        let (status, _) = api
            .send("PUT", &format!("/people/{id}"), &api.hr, Some(changed))
            .await;
        assert_eq!(status, 200);
        let s = api.screening(id).await;
        assert!(
            finding(&s, "LINK-06")["dismissed"].is_null(),
            "new evidence, open again: {s}"
        );
        assert_eq!(s["band"], "critical");
    }
);

db_test!(
    edits_are_versioned_audited_and_searchable,
    |app: TestApp| async move {
        let api = Api::new(app).await;
        let (id, _) = api
            .create(clean(
                "Grace Hopper",
                "grace@example.com",
                "+13125550130",
                "3 Navy Rd",
                "1970-12-09",
            ))
            .await;
        let mut edited = clean(
            "Grace Hopper",
            "grace@example.com",
            "+13125550130",
            "3 Navy Rd",
            "1970-12-09",
        );
        edited["contact"]["phones"] = json!([{ "e164": "+1 312 555 0199", "line_type": "voip" }]);
        let (status, person) = api
            .send("PUT", &format!("/people/{id}"), &api.hr, Some(edited))
            .await;
        assert_eq!(status, 200, "{person}");
        assert_eq!(person["version"], 2);
        assert_eq!(
            person["document"]["contact"]["phones"][0]["e164"],
            "+13125550199"
        );
        assert!(indicators(&api.screening(id).await).contains(&"ID-12".to_owned()));
        let mut db = api.app.db().await;
        let changed: String = sqlx::query(
            "SELECT changed_fields FROM person_versions WHERE person_id = $1 AND version = 2",
        )
        .bind(id)
        .fetch_one(&mut db)
        .await
        .unwrap()
        .get(0);
        assert_eq!(changed, "[\"contact\"]");
        let audited: i64 =
            sqlx::query("SELECT COUNT(*) FROM audit_log WHERE action = 'person.updated'")
                .fetch_one(&mut db)
                .await
                .unwrap()
                .get(0);
        assert_eq!(audited, 1);

        for q in ["hopper", "GRACE@example", "0199"] {
            let (status, page) = api
                .send("GET", &format!("/people?q={q}"), &api.hr, None)
                .await;
            assert_eq!(status, 200);
            assert_eq!(page["page"]["total"], 1, "{q}: {page}");
        }
        let (_, none) = api.send("GET", "/people?q=%25", &api.hr, None).await;
        assert_eq!(none["page"]["total"], 0, "a typed % is literal");
        let (status, body) = api.send("GET", "/people?band=purple", &api.hr, None).await;
        assert_eq!((status, body["field"].as_str()), (422, Some("band")));
    }
);

db_test!(
    malformed_profiles_get_a_400_naming_the_field,
    |app: TestApp| async move {
        let api = Api::new(app).await;
        for (doc, field) in [
            (
                json!({ "identity": { "legal_name": { "full": "" } } }),
                "identity.legal_name.full",
            ),
            (
                json!({ "identity": { "legal_name": { "full": "A" }, "nationality": [42] } }),
                "identity.nationality[0]",
            ),
            (
                json!({ "identity": { "legal_name": { "full": "A" } }, "contact": { "phones": [{ "e164": "12" }] } }),
                "contact.phones[0].e164",
            ),
            (
                json!({ "identity": { "legal_name": { "full": "A" } }, "contact": { "emails": [{ "address": "x" }] } }),
                "contact.emails[0].address",
            ),
        ] {
            let (status, body) = api.send("POST", "/people", &api.hr, Some(doc)).await;
            assert_eq!(
                (status, body["field"].as_str()),
                (400, Some(field)),
                "{body}"
            );
        }
        let mut db = api.app.db().await;
        let people: i64 = sqlx::query("SELECT COUNT(*) FROM people")
            .fetch_one(&mut db)
            .await
            .unwrap()
            .get(0);
        assert_eq!(people, 0, "nothing half-written");
        let (status, _) = api.send("GET", "/people/999", &api.hr, None).await;
        assert_eq!(status, 404);
    }
);

db_test!(
    a_referral_chain_is_flagged_and_follows_the_referrer_s_risk,
    |app: TestApp| async move {
        let api = Api::new(app).await;
        let (referrer, s) = api
            .create(clean(
                "Victor Osei",
                "victor.osei@example.com",
                "+13125550170",
                "70 Oak St",
                "1984-02-02",
            ))
            .await;
        assert_eq!(s["band"], "clear", "{s}");
        let referred = |name: &str, email: &str, phone: &str, street: &str| {
            let mut doc = clean(name, email, phone, street, "1993-03-03");
            doc["source_channel"] =
                json!({ "type": "referral", "referred_by_profile_id": referrer });
            doc
        };

        // One referee alone, by a clear referrer: nothing to say.
        let (first, s) = api
            .create(referred(
                "Ana Lima",
                "ana.lima@example.com",
                "+13125550171",
                "71 Oak St",
            ))
            .await;
        assert!(!indicators(&s).contains(&"BEH-08".to_owned()), "{s}");

        // A second referee of the same person shares the first one's phone: both are flagged high.
        let mut doc = referred(
            "Ben Cole",
            "ben.cole@example.com",
            "+13125550172",
            "72 Oak St",
        );
        doc["contact"]["phones"] = json!([{ "e164": "+13125550171", "line_type": "mobile" }]);
        let (second, s) = api.create(doc).await;
        let chain = finding(&s, "BEH-08");
        assert_eq!(chain["severity"], "high", "{s}");
        assert_eq!(chain["related_person_ids"], json!([referrer, first]));
        let s = api.screening(first).await;
        assert_eq!(
            finding(&s, "BEH-08")["severity"],
            "high",
            "the earlier referee is re-scored"
        );
        assert_eq!(
            finding(&s, "BEH-08")["related_person_ids"],
            json!([referrer, second])
        );

        // A third referee shares nothing; the referrer is clear: no finding, until the referrer
        // turns out to be paid through someone else's account abroad.
        let (third, s) = api
            .create(referred(
                "Cy Park",
                "cy.park@example.com",
                "+13125550173",
                "73 Oak St",
            ))
            .await;
        assert!(!indicators(&s).contains(&"BEH-08".to_owned()), "{s}");
        let mut risky = clean(
            "Victor Osei",
            "victor.osei@example.com",
            "+13125550170",
            "70 Oak St",
            "1984-02-02",
        );
        risky["payment_instructions"] = json!([{ "method": "wire", "platform": "Payoneer", "bank_country": "CN",
                                            "account_holder_name": "Li Wei", "iban": "CN12 3456 7890 1234 5678" }]);
        let (status, body) = api
            .send("PUT", &format!("/people/{referrer}"), &api.hr, Some(risky))
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(api.screening(referrer).await["band"], "high");
        let s = api.screening(third).await;
        let chain = finding(&s, "BEH-08");
        assert_eq!(chain["severity"], "medium", "{s}");
        assert!(chain["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["value"].as_str().unwrap_or("").contains("PAY-02")));
    }
);
