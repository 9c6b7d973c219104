//! The security leads' queue: `GET /api/v1/people?watchlist=to_review` lists the people whose
//! latest screening has a watch-list match nobody has confirmed or dismissed, and
//! `watchlist=confirmed` those with a match confirmed as true. Other findings do not count.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::TestApp;
use crate::watchlists::{custom_upload, findings_of, import, send};
use serde_json::{json, Value};

/// The names on one page of the people list for `query`, sorted, and the total.
async fn listed(app: &TestApp, token: &str, query: &str) -> (Vec<String>, i64) {
    let (status, page) = send(app, token, "GET", &format!("/api/v1/people?{query}"), None).await;
    assert_eq!(status, 200, "{query}: {page}");
    let mut names: Vec<String> = page["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["full_name"].as_str().unwrap().to_owned())
        .collect();
    names.sort();
    (names, page["page"]["total"].as_i64().unwrap())
}

/// Enters a person with one e-mail address and a VoIP phone (ID-12, not a watch-list finding);
/// their first screening's KNOWN-07 finding ids.
async fn person_with(app: &TestApp, hr: &str, name: &str, email: &str) -> Vec<Value> {
    let (status, created) = send(
        app,
        hr,
        "POST",
        "/api/v1/people",
        Some(json!({
            "identity": { "legal_name": { "full": name } },
            "contact": {
                "emails": [{ "address": email }],
                "phones": [{ "e164": "+15550100123", "line_type": "voip" }],
            },
        })),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    assert!(
        !findings_of(&created["screening"], "ID-12").is_empty(),
        "another finding is open too: {created}"
    );
    findings_of(&created["screening"], "KNOWN-07")
        .into_iter()
        .map(|f| f["id"].clone())
        .collect()
}

db_test!(
    the_review_queue_holds_open_watch_list_matches_until_each_is_confirmed_or_dismissed,
    |app: TestApp| async move {
        let lead = app.api_token("security_lead").await;
        let hr = app.api_token("hr").await;
        let (status, _) = send(&app, &hr, "GET", "/api/v1/people?watchlist=to_review", None).await;
        assert_eq!(status, 200, "HR may read the queue (it is the people list)");
        assert_eq!(
            listed(&app, &lead, "watchlist=to_review").await,
            (vec![], 0)
        );

        let list = "kind,value,label,source\n\
                    email,ann@example.com,incident 1,internal\n\
                    email,ben@example.com,incident 2,internal\n";
        assert_eq!(
            import(&app, &lead, "incidents", custom_upload(list))
                .await
                .0,
            201
        );
        let ann = person_with(&app, &hr, "Ann Listed", "ann@example.com").await;
        let ben = person_with(&app, &hr, "Ben Listed", "ben@example.com").await;
        let cal = person_with(&app, &hr, "Cal Clean", "cal@example.com").await;
        assert_eq!((ann.len(), ben.len(), cal.len()), (1, 1, 0));

        let both = vec!["Ann Listed".to_owned(), "Ben Listed".to_owned()];
        assert_eq!(
            listed(&app, &lead, "watchlist=to_review").await,
            (both.clone(), 2)
        );
        assert_eq!(
            listed(&app, &lead, "watchlist=confirmed").await,
            (vec![], 0)
        );
        assert_eq!(listed(&app, &lead, "").await.1, 3, "no filter: everyone");
        assert_eq!(
            listed(&app, &lead, "watchlist=to_review&q=ben").await,
            (vec!["Ben Listed".to_owned()], 1),
            "the filter narrows a search"
        );

        let verdict = |finding: &Value, what: &str| format!("/api/v1/findings/{finding}/{what}");
        let (status, body) = send(
            &app,
            &lead,
            "POST",
            &verdict(&ann[0], "confirm"),
            Some(json!({ "reason": "Same address as incident 1" })),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            listed(&app, &lead, "watchlist=to_review").await,
            (vec!["Ben Listed".to_owned()], 1)
        );
        assert_eq!(
            listed(&app, &lead, "watchlist=confirmed").await,
            (vec!["Ann Listed".to_owned()], 1)
        );

        let (status, body) = send(
            &app,
            &lead,
            "POST",
            &verdict(&ben[0], "dismiss"),
            Some(json!({ "reason": "False match: a shared help-desk address" })),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            listed(&app, &lead, "watchlist=to_review").await,
            (vec![], 0)
        );
        assert_eq!(
            listed(&app, &lead, "watchlist=confirmed").await,
            (vec!["Ann Listed".to_owned()], 1),
            "a dismissed match is neither to review nor confirmed"
        );

        let (status, refused) =
            send(&app, &lead, "GET", "/api/v1/people?watchlist=open", None).await;
        assert_eq!(status, 422, "{refused}");
        assert!(
            refused.to_string().contains("to_review, confirmed"),
            "the message names the values: {refused}"
        );
    }
);
