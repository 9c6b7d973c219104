//! What the grants show outside the request page: a repository's desired state (JSON and CSV)
//! and a person's access timeline.

use crate::common::TestApp;
use crate::grants_support::*;
use serde_json::{json, Value};

/// The actions of a timeline about one request, in order.
fn actions_of(timeline: &Value, request: i64) -> Vec<String> {
    timeline
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["request_id"] == request)
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .collect()
}

/// The first timeline entry about `request` with this action.
fn entry<'a>(timeline: &'a Value, request: i64, action: &str) -> &'a Value {
    timeline
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["request_id"] == request && e["action"] == action)
        .unwrap_or_else(|| panic!("no {action} for #{request} in {timeline}"))
}

db_test!(
    the_desired_state_lists_only_active_grants_with_their_logins,
    |app: TestApp| async move {
        let api = Api::new(app);
        let hr = api.user("hr").await;
        let lead = api.user("security_lead").await;
        let admin = api.user("admin").await;
        let auditor = api.user("auditor").await;
        let repository = api.repository(&admin, "acme/platform", "standard").await;
        let elsewhere = api.repository(&admin, "acme/other", "standard").await;

        let active = api.cleared_person(&hr, 1).await;
        let write = api
            .granted(&hr, &[&lead], active, repository, "write", 30)
            .await;
        // A second, weaker and longer grant to the same person: one line, the strongest
        // permission and the latest end.
        let read = api
            .granted(&hr, &[&lead], active, repository, "read", 60)
            .await;
        let pending = api.cleared_person(&hr, 2).await;
        api.requested(&hr, pending, repository, "read", 30).await;
        let revoked = api.cleared_person(&hr, 3).await;
        let grant = api
            .granted(&hr, &[&lead], revoked, repository, "read", 30)
            .await;
        assert_eq!(api.change(&admin, grant, "revoke", "Left.").await.0, 200);
        let suspended = api.cleared_person(&hr, 5).await;
        let grant = api
            .granted(&hr, &[&lead], suspended, repository, "read", 30)
            .await;
        assert_eq!(
            api.change(&admin, grant, "suspend", "Checking.").await.0,
            200
        );
        let (no_login, screening) = api.person_with(&hr, without_login(clean_profile(4))).await;
        assert_eq!(screening["band"], "clear", "{screening}");
        api.decide(&hr, no_login, "cleared").await;
        api.granted(&hr, &[&lead], no_login, repository, "read", 30)
            .await;
        let other = api.cleared_person(&hr, 6).await;
        api.granted(&hr, &[&lead], other, elsewhere, "write", 30)
            .await;

        let latest_end = api.request_page(&hr, read).await["request"]["expires_at"].clone();
        assert!(latest_end.is_string());
        assert_ne!(
            latest_end,
            api.request_page(&hr, write).await["request"]["expires_at"]
        );

        let state = api
            .get(
                &auditor,
                &format!("/repositories/{repository}/desired-state"),
            )
            .await;
        assert_eq!(state["repository"], "acme/platform", "{state}");
        assert_eq!(state["provider"], "github");
        assert_eq!(
            state["grants"],
            json!([{ "login": login_of(1), "person_id": active, "permission": "write",
                     "expires_at": latest_end }]),
            "{state}"
        );
        assert_eq!(state["without_login"], json!([no_login]));

        let (status, content_type, csv) = api
            .get_text(
                &auditor,
                &format!("/repositories/{repository}/desired-state?format=csv"),
            )
            .await;
        assert_eq!(status, 200, "{csv}");
        assert!(content_type.starts_with("text/csv"), "{content_type}");
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines,
            [
                "repository,login,permission,expires_at".to_owned(),
                format!(
                    "acme/platform,{},write,{}",
                    login_of(1),
                    latest_end.as_str().unwrap()
                )
            ],
            "{csv}"
        );

        let (status, body) = api
            .send(
                &auditor,
                "GET",
                &format!("/repositories/{repository}/desired-state?format=xml"),
                None,
            )
            .await;
        assert_eq!(
            (status, body["field"].as_str()),
            (422, Some("format")),
            "{body}"
        );
        let (status, _) = api
            .send(&auditor, "GET", "/repositories/999999/desired-state", None)
            .await;
        assert_eq!(status, 404);
    }
);

db_test!(
    a_person_s_access_timeline_lists_what_happened_in_order,
    |app: TestApp| async move {
        let api = Api::new(app);
        let hr = api.user("hr").await;
        let first = api.user("security_lead").await;
        let second = api.user("security_lead").await;
        let admin = api.user("admin").await;
        let auditor = api.user("auditor").await;
        let docs = api.repository(&admin, "acme/docs", "standard").await;
        let vault = api.repository(&admin, "acme/vault", "critical").await;
        let person = api.cleared_person(&hr, 1).await;

        let denied = api.requested(&hr, person, docs, "write", 30).await;
        let (status, _) = api.review(&first, denied, "deny", "Read is enough.").await;
        assert_eq!(status, 200);

        let grant = api.requested(&hr, person, vault, "read", 30).await;
        api.approve(&first, grant).await;
        api.approve(&second, grant).await;
        for (what, reason) in [
            ("suspend", "A report came in."),
            ("reinstate", "The report was unfounded."),
            ("revoke", "The project ended."),
        ] {
            let (status, body) = api.change(&admin, grant, what, reason).await;
            assert_eq!(status, 200, "{what}: {body}");
        }

        let access = api.get(&auditor, &format!("/people/{person}/access")).await;
        assert_eq!(access["person_id"], person);
        let timeline = &access["timeline"];
        assert_eq!(
            actions_of(timeline, grant),
            [
                "access.requested",
                "access.reviewed",
                "access.reviewed",
                "access.approved",
                "access.activated",
                "access.suspended",
                "access.reinstated",
                "access.revoked",
            ],
            "{timeline}"
        );
        assert_eq!(
            actions_of(timeline, denied),
            ["access.requested", "access.reviewed", "access.denied"],
            "{timeline}"
        );
        assert_eq!(
            entry(timeline, grant, "access.requested")["actor"],
            hr.email
        );
        assert_eq!(
            entry(timeline, grant, "access.approved")["actor"],
            second.email
        );
        assert_eq!(
            entry(timeline, grant, "access.revoked")["detail"],
            "The project ended."
        );
        assert_eq!(
            entry(timeline, grant, "access.suspended")["detail"],
            "A report came in."
        );
        assert_eq!(
            entry(timeline, denied, "access.denied")["detail"],
            "Read is enough."
        );
        let reviewed_by: Vec<String> = timeline
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["request_id"] == grant && e["action"] == "access.reviewed")
            .map(|e| e["actor"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(reviewed_by, [first.email.clone(), second.email.clone()]);
        let times: Vec<i64> = timeline
            .as_array()
            .unwrap()
            .iter()
            .map(|e| ms_of(e["at"].as_str().unwrap()))
            .collect();
        assert!(
            times.windows(2).all(|w| w[0] <= w[1]),
            "oldest first: {timeline}"
        );
        let states: Vec<(i64, String)> = access["requests"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["id"].as_i64().unwrap(),
                    r["state"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        assert!(
            states.contains(&(grant, "revoked".to_owned())),
            "{states:?}"
        );
        assert!(
            states.contains(&(denied, "denied".to_owned())),
            "{states:?}"
        );

        // The request page shows the same history, for that request only.
        let page = api.request_page(&auditor, grant).await;
        assert_eq!(
            actions_of(&page["timeline"], grant),
            actions_of(timeline, grant)
        );
        assert_eq!(
            page["timeline"].as_array().unwrap().len(),
            actions_of(timeline, grant).len()
        );
        api.assert_audit_chain_verifies();
    }
);
