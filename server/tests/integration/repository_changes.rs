//! Changing a registered repository: who may, what is checked, what is recorded, and that the new
//! tier governs requests made afterwards while a pending request keeps what it was asked with.

use crate::common::TestApp;
use crate::grants_support::Api;
use serde_json::json;

db_test!(
    a_repository_changes_tier_and_owners_and_new_requests_follow_the_new_tier,
    |app: TestApp| async move {
        let api = Api::new(app);
        let admin = api.user("admin").await;
        let hr = api.user("hr").await;
        let lead = api.user("security_lead").await;
        let auditor = api.user("auditor").await;
        let repo = api.repository(&admin, "acme/docs", "standard").await;
        let person = api.cleared_person(&hr, 1).await;

        // Read on standard needs one approval; the pending request keeps it after the change.
        let (status, pending) = api.request(&hr, person, repo, "read", 30).await;
        assert_eq!(
            (status, pending["approvals_required"].as_i64()),
            (201, Some(1)),
            "{pending}"
        );

        let (status, body) = api
            .send(
                &auditor,
                "PUT",
                &format!("/repositories/{repo}"),
                Some(json!({ "provider": "github", "tier": "critical" })),
            )
            .await;
        assert_eq!(status, 403, "{body}");

        let (status, body) = api
            .send(
                &admin,
                "PUT",
                &format!("/repositories/{repo}"),
                Some(json!({ "provider": "gitlab", "tier": "critical", "description": "Now holds keys",
                             "owners": [lead.email.clone()] })),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["tier"], "critical");
        assert_eq!(body["provider"], "gitlab");
        assert_eq!(body["name"], "acme/docs", "the name never changes");
        assert_eq!(body["owners"][0]["email"], lead.email.as_str());

        let page = api.request_page(&hr, pending["id"].as_i64().unwrap()).await;
        assert_eq!(page["request"]["approvals_required"], 1, "{page}");

        // A new request for another person reads the critical tier: two approvals.
        let other = api.cleared_person(&hr, 2).await;
        let (status, fresh) = api.request(&hr, other, repo, "read", 30).await;
        assert_eq!(
            (status, fresh["approvals_required"].as_i64()),
            (201, Some(2)),
            "{fresh}"
        );

        // Owners must be active security leads.
        let (status, refused) = api
            .send(
                &admin,
                "PUT",
                &format!("/repositories/{repo}"),
                Some(json!({ "provider": "github", "tier": "standard", "owners": [hr.email.clone()] })),
            )
            .await;
        assert_eq!(status, 422, "{refused}");
        assert_eq!(refused["field"], "owners");
        let (status, refused) = api
            .send(
                &admin,
                "PUT",
                &format!("/repositories/{repo}"),
                Some(json!({ "provider": "github", "tier": "secret" })),
            )
            .await;
        assert_eq!(
            (status, refused["field"].as_str()),
            (422, Some("tier")),
            "{refused}"
        );
        let (status, _) = api
            .send(
                &admin,
                "PUT",
                "/repositories/999999",
                Some(json!({ "provider": "github", "tier": "standard" })),
            )
            .await;
        assert_eq!(status, 404);

        assert_eq!(api.audit_count("repository.updated", None).await, 1);
        api.assert_audit_chain_verifies();
    }
);
