//! The edit form's server function (`people/update`), posted as the browser posts it: only what
//! the form changed is written, bank and ID numbers left blank keep their stored hashes, a save
//! over someone else's newer version is refused, invalid values are named, and only roles that
//! may edit people can save.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use clearance_app::model::person_form::PersonForm;
use clearance_app::model::profile::ProfileDocument;
use common::TestApp;
use serde_json::{json, Value};

const UPDATE: &str = "/api/people/update";

/// Someone entered through the API, with parts the form does not show (a device, a phone
/// carrier) and numbers that are stored only hashed.
fn profile() -> Value {
    json!({
        "kind": "candidate",
        "identity": {
            "legal_name": { "full": "Edith Clarke" },
            "dob": "1983-02-10",
            "id_documents": [ { "type": "passport", "issuing_country": "US", "number": "X1234567" } ]
        },
        "contact": {
            "emails": [ { "address": "edith@example.com", "domain_type": "free" } ],
            "phones": [ { "e164": "+13125550140", "line_type": "mobile", "carrier": "Acme Mobile" } ]
        },
        "payment_instructions": [ { "method": "wire", "bank_country": "GB", "account_holder_name": "Edith Clarke",
                                    "iban": "GB29 NWBK 6016 1331 9268 19" } ],
        "devices": [ { "serial": "C02EDITH01", "type": "corporate" } ]
    })
}

async fn rest(app: &TestApp, token: &str, method: &str, path: &str, body: Option<Value>) -> Value {
    let url = app.url(&format!("/api/v1{path}"));
    let client = reqwest::Client::new();
    let mut request = match method {
        "POST" => client.post(url),
        _ => client.get(url),
    }
    .bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    assert!(
        response.status().is_success(),
        "{method} {path}: {}",
        response.status()
    );
    response.json().await.unwrap()
}

/// Creates the profile and returns the stored person (id, version, document).
async fn create(app: &TestApp, token: &str) -> Value {
    let created = rest(app, token, "POST", "/people", Some(profile())).await;
    let id = created["id"].as_i64().unwrap();
    rest(app, token, "GET", &format!("/people/{id}"), None).await
}

/// The edit form as the page fills it from the stored person.
fn form_of(person: &Value) -> PersonForm {
    let doc: ProfileDocument = serde_json::from_value(person["document"].clone()).unwrap();
    PersonForm::from_document(&doc)
}

/// The fields the browser posts: `id`, `version`, `form[name]` and `form[name][i]`.
fn posted(id: i64, version: i64, form: &PersonForm) -> Vec<(String, String)> {
    let mut fields = vec![
        ("id".to_owned(), id.to_string()),
        ("version".to_owned(), version.to_string()),
    ];
    let Value::Object(values) = serde_json::to_value(form).unwrap() else {
        panic!("a form serialises as an object");
    };
    for (name, value) in values {
        match value {
            Value::String(text) => fields.push((format!("form[{name}]"), text)),
            Value::Array(rows) => {
                for (i, row) in rows.into_iter().enumerate() {
                    let text = row.as_str().unwrap().to_owned();
                    fields.push((format!("form[{name}][{i}]"), text));
                }
            }
            other => panic!("a form holds only text and lists of text, not {other}"),
        }
    }
    fields
}

async fn save(
    app: &TestApp,
    client: &reqwest::Client,
    id: i64,
    version: i64,
    form: &PersonForm,
) -> (u16, Value) {
    let fields = posted(id, version, form);
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.call(client, UPDATE, &fields).await
}

db_test!(
    an_edit_changes_what_the_form_changed_and_keeps_the_rest,
    |app: TestApp| async move {
        let token = app.api_token("hr").await;
        let before = create(&app, &token).await;
        let id = before["id"].as_i64().unwrap();
        assert_eq!(before["version"], 1);
        let (hr, _) = app.signed_in("hr").await;

        let mut form = form_of(&before);
        assert_eq!(form.iban, "", "the IBAN is never shown");
        form.phones[0] = "+1 312 555 0199".into();
        let (status, body) = save(&app, &hr, id, 1, &form).await;
        assert_eq!((status, &body), (200, &json!(2)), "the new version");

        let after = rest(&app, &token, "GET", &format!("/people/{id}"), None).await;
        let (old, new) = (&before["document"], &after["document"]);
        assert_eq!(after["version"], 2);
        assert_eq!(new["contact"]["phones"][0]["e164"], "+13125550199");
        assert_eq!(
            new["contact"]["emails"], old["contact"]["emails"],
            "untouched"
        );
        assert_eq!(new["devices"][0]["serial"], "C02EDITH01", "not on the form");
        let (pay, old_pay) = (
            &new["payment_instructions"][0],
            &old["payment_instructions"][0],
        );
        assert_eq!(pay["account_last4"], "6819");
        assert_eq!(
            pay["account_hash"], old_pay["account_hash"],
            "blank keeps it"
        );
        assert!(pay.get("iban").is_none(), "{pay}");
        let passport = &new["identity"]["id_documents"][0];
        assert_eq!(passport["number_last4"], "4567");
        assert_eq!(
            passport["number_hash"],
            old["identity"]["id_documents"][0]["number_hash"]
        );

        // A typed IBAN replaces the stored one, protected again.
        let mut form = form_of(&after);
        form.iban = "DE89 3704 0044 0532 0130 00".into();
        let (status, body) = save(&app, &hr, id, 2, &form).await;
        assert_eq!(status, 200, "{body}");
        let latest = rest(&app, &token, "GET", &format!("/people/{id}"), None).await;
        let pay = &latest["document"]["payment_instructions"][0];
        assert_eq!(
            (pay["account_last4"].as_str(), pay["iban_country"].as_str()),
            (Some("3000"), Some("DE"))
        );
        assert_ne!(pay["account_hash"], old_pay["account_hash"]);
        assert!(!latest["document"]
            .to_string()
            .contains("370400440532013000"));
    }
);

db_test!(
    a_save_over_someone_elses_newer_version_is_refused,
    |app: TestApp| async move {
        let token = app.api_token("hr").await;
        let before = create(&app, &token).await;
        let id = before["id"].as_i64().unwrap();
        let (first, _) = app.signed_in("hr").await;
        let (second, _) = app.signed_in("hr").await;

        // Both opened version 1; the first saves.
        let mut theirs = form_of(&before);
        theirs.timezone = "America/Chicago".into();
        assert_eq!(save(&app, &first, id, 1, &theirs).await.0, 200);

        let mut mine = form_of(&before);
        mine.legal_name = "Edith C. Clarke".into();
        let (status, body) = save(&app, &second, id, 1, &mine).await;
        assert_eq!(status, 409, "{body}");
        let message = body["message"].as_str().unwrap();
        assert!(
            message.contains("Someone else saved this profile since you opened it")
                && message.contains("version 2"),
            "{message}"
        );

        let after = rest(&app, &token, "GET", &format!("/people/{id}"), None).await;
        assert_eq!(after["version"], 2);
        assert_eq!(
            after["document"]["identity"]["legal_name"]["full"],
            "Edith Clarke"
        );
        assert_eq!(
            after["document"]["identity"]["claimed_timezone"],
            "America/Chicago"
        );
    }
);

db_test!(
    an_invalid_value_is_refused_naming_its_field,
    |app: TestApp| async move {
        let token = app.api_token("hr").await;
        let before = create(&app, &token).await;
        let id = before["id"].as_i64().unwrap();
        let (hr, _) = app.signed_in("hr").await;
        let mut form = form_of(&before);
        form.phones[0] = "12".into();
        let (status, body) = save(&app, &hr, id, 1, &form).await;
        assert!(status == 400 || status == 422, "{status}: {body}");
        assert_eq!(body["field"], "contact.phones[0].e164", "{body}");
        let after = rest(&app, &token, "GET", &format!("/people/{id}"), None).await;
        assert_eq!(after["version"], 1, "nothing saved");
    }
);

db_test!(
    roles_that_may_only_read_people_cannot_save,
    |app: TestApp| async move {
        let token = app.api_token("hr").await;
        let before = create(&app, &token).await;
        let id = before["id"].as_i64().unwrap();
        let mut form = form_of(&before);
        form.legal_name = "Someone Else".into();
        for role in ["auditor", "security_lead"] {
            let (client, _) = app.signed_in(role).await;
            let (status, body) = save(&app, &client, id, 1, &form).await;
            assert_eq!(status, 403, "{role}: {body}");
        }
        let (status, _) = save(&app, &app.client(), id, 1, &form).await;
        assert_eq!(status, 401, "signed out");
        let after = rest(&app, &token, "GET", &format!("/people/{id}"), None).await;
        assert_eq!(after["version"], 1);
    }
);
