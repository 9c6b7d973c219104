//! Without JavaScript a refused people form comes back as a fresh page: the server keeps what was
//! typed (never the bank or ID numbers) for that page to show again, for the same user only.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use common::TestApp;

/// Posts a form the way a browser without JavaScript does; returns the status and `Location`.
async fn plain_post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    let response = client
        .post(app.url(path))
        .header("accept", "text/html")
        .header("referer", app.url("/people/new"))
        .form(form)
        .send()
        .await
        .unwrap();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (response.status().as_u16(), location)
}

const REFUSED: &[(&str, &str)] = &[
    ("form[legal_name]", "Noor Haddad"),
    ("form[emails][0]", "noor@example.org"),
    ("form[phones][0]", "not a phone"),
    ("form[iban]", "GB29NWBK60161331926819"),
    ("form[id_doc_number]", "X1234567"),
];

db_test!(
    a_refused_plain_form_keeps_what_was_typed_except_secrets,
    |app: TestApp| async move {
        let (hr, _) = app.signed_in("hr").await;
        let (status, location) = plain_post(&app, &hr, "/api/people/create", REFUSED).await;
        assert_eq!(status, 302);
        assert!(
            location.contains("/people/new") && location.contains("__err="),
            "back to the form with the error: {location}"
        );

        let (status, draft) = app
            .call(&hr, "/api/people/draft", &[("key", "people/create")])
            .await;
        assert_eq!(status, 200, "{draft}");
        let form = &draft["form"];
        assert_eq!(form["legal_name"], "Noor Haddad");
        assert_eq!(form["emails"][0], "noor@example.org");
        assert_eq!(
            form["phones"][0], "not a phone",
            "the refused value, to correct"
        );
        assert_eq!(form["iban"], "", "bank numbers are never kept");
        assert_eq!(form["id_doc_number"], "", "ID numbers are never kept");

        // The page the browser is sent back to shows the draft.
        let url = if location.starts_with("http") {
            location.clone()
        } else {
            app.url(&location)
        };
        let page = hr.get(url).send().await.unwrap();
        let html = page.text().await.unwrap();
        assert!(html.contains("value=\"Noor Haddad\""), "{html}");
        assert!(html.contains("What you typed is kept below"), "{html}");
        assert!(!html.contains("GB29NWBK60161331926819"));

        // Someone else sees no draft; a JavaScript caller's refusal keeps none.
        let (other, _) = app.signed_in("hr").await;
        let (_, theirs) = app
            .call(&other, "/api/people/draft", &[("key", "people/create")])
            .await;
        assert_eq!(theirs, serde_json::Value::Null);
        let (status, _) = app.call(&other, "/api/people/create", REFUSED).await;
        assert_eq!(status, 400);
        let (_, still_none) = app
            .call(&other, "/api/people/draft", &[("key", "people/create")])
            .await;
        assert_eq!(still_none, serde_json::Value::Null);

        // Corrected and saved: the draft is gone.
        let fixed: Vec<(&str, &str)> = REFUSED
            .iter()
            .map(|&(k, v)| {
                if k == "form[phones][0]" {
                    (k, "+14155550123")
                } else {
                    (k, v)
                }
            })
            .collect();
        let (status, location) = plain_post(&app, &hr, "/api/people/create", &fixed).await;
        assert_eq!(status, 302);
        assert!(location.starts_with("/people/"), "{location}");
        assert!(!location.contains("__err"), "{location}");
        let (_, gone) = app
            .call(&hr, "/api/people/draft", &[("key", "people/create")])
            .await;
        assert_eq!(gone, serde_json::Value::Null);
    }
);

db_test!(
    drafts_are_for_people_editors_only,
    |app: TestApp| async move {
        let (auditor, _) = app.signed_in("auditor").await;
        let (status, _) = app
            .call(&auditor, "/api/people/draft", &[("key", "people/create")])
            .await;
        assert_eq!(status, 403);
        let (status, _) = app
            .call(
                &app.client(),
                "/api/people/draft",
                &[("key", "people/create")],
            )
            .await;
        assert_eq!(status, 401);
    }
);
