//! A request's and a grant's life after it is asked for: the requester cancels a pending request;
//! a grant is revoked, suspended and reinstated (each with a reason); and the kill switch revokes
//! all of a person's access in one call.

use crate::common::TestApp;
use crate::grants_support::*;
use serde_json::{json, Value};

db_test!(
    the_requester_cancels_a_pending_request,
    |app: TestApp| async move {
        let api = Api::new(app);
        let hr = api.user("hr").await;
        let other_hr = api.user("hr").await;
        let auditor = api.user("auditor").await;
        let lead = api.user("security_lead").await;
        let admin = api.user("admin").await;
        let repository = api.repository(&admin, "acme/docs", "standard").await;
        let person = api.cleared_person(&hr, 1).await;
        let id = api.requested(&hr, person, repository, "read", 30).await;

        let (status, body) = api.request(&hr, person, repository, "triage", 30).await;
        assert_eq!(
            status, 409,
            "one pending request per person and repository: {body}"
        );

        let not_theirs = api
            .post_empty(&other_hr, &format!("/access-requests/{id}/cancel"))
            .await;
        assert_refused(&not_theirs, 403, "request.owner");
        let (status, _) = api
            .post_empty(&auditor, &format!("/access-requests/{id}/cancel"))
            .await;
        assert_eq!(status, 403);
        assert_eq!(api.state(&hr, id).await, "pending");

        let (status, view) = api
            .post_empty(&hr, &format!("/access-requests/{id}/cancel"))
            .await;
        assert_eq!(status, 200, "{view}");
        assert_eq!(view["state"], "cancelled");
        assert!(view["ended_at"].is_string(), "{view}");
        let (status, _) = api
            .post_empty(&hr, &format!("/access-requests/{id}/cancel"))
            .await;
        assert_eq!(status, 409, "cancelled is final");
        let (status, _) = api.review(&lead, id, "approve", "Late.").await;
        assert_eq!(status, 409, "a cancelled request cannot be approved");
        assert_eq!(api.state(&hr, id).await, "cancelled");

        // A cancelled request no longer stands in the way of a new one.
        let again = api.requested(&hr, person, repository, "read", 30).await;
        assert_ne!(again, id);
    }
);

db_test!(
    revoking_needs_a_reason_and_the_grant_is_then_listed_as_revoked,
    |app: TestApp| async move {
        let api = Api::new(app);
        let hr = api.user("hr").await;
        let lead = api.user("security_lead").await;
        let admin = api.user("admin").await;
        let auditor = api.user("auditor").await;
        let repository = api.repository(&admin, "acme/docs", "standard").await;
        let person = api.cleared_person(&hr, 1).await;
        let grant = api
            .granted(&hr, &[&lead], person, repository, "read", 30)
            .await;

        for who in [&hr, &auditor] {
            let (status, _) = api.change(who, grant, "revoke", "Left.").await;
            assert_eq!(status, 403);
        }
        let (status, body) = api
            .post_empty(&admin, &format!("/grants/{grant}/revoke"))
            .await;
        assert_eq!(
            (status, body["field"].as_str()),
            (422, Some("reason")),
            "{body}"
        );
        let (status, body) = api.change(&admin, grant, "revoke", "   ").await;
        assert_eq!(
            (status, body["field"].as_str()),
            (422, Some("reason")),
            "{body}"
        );
        assert_eq!(api.state(&hr, grant).await, "active");

        let reason = "Left the project.";
        let (status, view) = api.change(&admin, grant, "revoke", reason).await;
        assert_eq!(status, 200, "{view}");
        assert_eq!(view["state"], "revoked");
        assert_eq!(view["end_reason"], reason);
        assert!(view["ended_at"].is_string(), "{view}");

        assert_eq!(api.grant_ids(&auditor, "state=revoked").await, [grant]);
        assert!(api.grant_ids(&auditor, "state=active").await.is_empty());
        assert_eq!(
            api.grant_ids(&auditor, "").await,
            [grant],
            "a revoked grant stays in the grants list"
        );
        for what in ["revoke", "suspend", "reinstate"] {
            let (status, body) = api.change(&admin, grant, what, "Again.").await;
            assert_eq!(status, 409, "{what} after revoke: {body}");
        }
        let (status, body) = api.send(&auditor, "GET", "/grants?state=bogus", None).await;
        assert_eq!(
            (status, body["field"].as_str()),
            (422, Some("state")),
            "{body}"
        );
        assert_eq!(api.audit_count("access.revoked", Some(grant)).await, 1);
        let page = api.get(&hr, &format!("/repositories/{repository}")).await;
        assert_eq!(page["repository"]["live_grants"], 0, "{page}");
    }
);

db_test!(
    a_suspended_grant_is_reinstated_with_its_original_end,
    |app: TestApp| async move {
        let api = Api::new(app);
        let hr = api.user("hr").await;
        let lead = api.user("security_lead").await;
        let admin = api.user("admin").await;
        let repository = api.repository(&admin, "acme/docs", "standard").await;
        let person = api.cleared_person(&hr, 1).await;
        let grant = api
            .granted(&hr, &[&lead], person, repository, "read", 30)
            .await;
        let expires = api.request_page(&hr, grant).await["request"]["expires_at"].clone();
        let desired = format!("/repositories/{repository}/desired-state");

        let (status, body) = api.change(&lead, grant, "suspend", "").await;
        assert_eq!(
            (status, body["field"].as_str()),
            (422, Some("reason")),
            "{body}"
        );
        let reason = "A report came in; checking it.";
        let (status, view) = api.change(&lead, grant, "suspend", reason).await;
        assert_eq!(status, 200, "{view}");
        assert_eq!(view["state"], "suspended");
        assert_eq!(view["end_reason"], reason);
        let page = api.request_page(&admin, grant).await;
        assert_eq!(
            (
                &page["may_reinstate"],
                &page["may_suspend"],
                &page["may_revoke"]
            ),
            (&json!(true), &json!(false), &json!(true)),
            "{page}"
        );
        assert_eq!(api.grant_ids(&hr, "state=suspended").await, [grant]);
        assert_eq!(api.get(&hr, &desired).await["grants"], json!([]));
        let (status, _) = api.change(&lead, grant, "suspend", reason).await;
        assert_eq!(status, 409, "already suspended");

        let (status, body) = api.change(&admin, grant, "reinstate", " ").await;
        assert_eq!(
            (status, body["field"].as_str()),
            (422, Some("reason")),
            "{body}"
        );
        let (status, _) = api.change(&hr, grant, "reinstate", "It was nothing.").await;
        assert_eq!(status, 403);
        let (status, view) = api
            .change(&admin, grant, "reinstate", "It was nothing.")
            .await;
        assert_eq!(status, 200, "{view}");
        assert_eq!(view["state"], "active");
        assert_eq!(
            view["expires_at"], expires,
            "reinstating does not extend the grant"
        );
        assert_eq!(view["end_reason"], Value::Null);
        let (status, _) = api.change(&admin, grant, "reinstate", "Again.").await;
        assert_eq!(status, 409, "only a suspended grant is reinstated");
        assert_eq!(
            api.get(&hr, &desired).await["grants"][0]["person_id"],
            person
        );

        // A pending request is not a grant: it is not suspended or revoked.
        let other = api.cleared_person(&hr, 2).await;
        let pending = api.requested(&hr, other, repository, "read", 30).await;
        for what in ["suspend", "revoke", "reinstate"] {
            let (status, body) = api.change(&admin, pending, what, "Why not.").await;
            assert_eq!(status, 409, "{what} on a pending request: {body}");
        }
        assert_eq!(api.state(&hr, pending).await, "pending");
        api.assert_audit_chain_verifies();
    }
);

db_test!(
    revoking_all_access_revokes_every_grant_and_cancels_pending_requests_in_one_call,
    |app: TestApp| async move {
        let api = Api::new(app);
        let hr = api.user("hr").await;
        let lead = api.user("security_lead").await;
        let admin = api.user("admin").await;
        let docs = api.repository(&admin, "acme/docs", "standard").await;
        let web = api.repository(&admin, "acme/web", "standard").await;
        let api_repo = api.repository(&admin, "acme/api", "standard").await;
        let infra = api.repository(&admin, "acme/infra", "standard").await;
        let person = api.cleared_person(&hr, 1).await;
        let bystander = api.cleared_person(&hr, 2).await;

        let read = api.granted(&hr, &[&lead], person, docs, "read", 30).await;
        let write = api.granted(&hr, &[&lead], person, web, "write", 30).await;
        let suspended = api.granted(&hr, &[&lead], person, infra, "read", 30).await;
        let (status, _) = api.change(&admin, suspended, "suspend", "Checking.").await;
        assert_eq!(status, 200);
        let pending = api.requested(&hr, person, api_repo, "read", 30).await;
        let untouched = api
            .granted(&hr, &[&lead], bystander, docs, "read", 30)
            .await;
        let path = format!("/people/{person}/revoke-all-access");

        let (status, _) = api
            .post(&hr, &path, json!({ "reason": "Offer withdrawn." }))
            .await;
        assert_eq!(status, 403);
        let (status, body) = api.post_empty(&admin, &path).await;
        assert_eq!(
            (status, body["field"].as_str()),
            (422, Some("reason")),
            "{body}"
        );
        assert_eq!(
            api.state(&hr, read).await,
            "active",
            "a refused call changes nothing"
        );

        let reason = "Offer withdrawn.";
        let (status, answer) = api.post(&lead, &path, json!({ "reason": reason })).await;
        assert_eq!(status, 200, "{answer}");
        assert_eq!(
            answer,
            json!({ "person_id": person, "revoked": 3, "cancelled": 1 })
        );
        for grant in [read, write, suspended] {
            let view = api.request_page(&hr, grant).await["request"].clone();
            assert_eq!(view["state"], "revoked", "{view}");
            assert_eq!(view["end_reason"], reason);
        }
        assert_eq!(api.state(&hr, pending).await, "cancelled");
        assert_eq!(
            api.state(&hr, untouched).await,
            "active",
            "only this person's access"
        );
        assert!(api
            .grant_ids(&hr, &format!("person_id={person}&state=active"))
            .await
            .is_empty());
        assert_eq!(api.audit_count("access.revoked_all", None).await, 1);

        let (status, again) = api.post(&admin, &path, json!({ "reason": reason })).await;
        assert_eq!(status, 200, "{again}");
        assert_eq!(
            (&again["revoked"], &again["cancelled"]),
            (&json!(0), &json!(0))
        );
        let (status, _) = api
            .post(
                &admin,
                "/people/999999/revoke-all-access",
                json!({ "reason": reason }),
            )
            .await;
        assert_eq!(status, 404);
        api.assert_audit_chain_verifies();
    }
);
