//! The repository registry: names, providers, tiers and owners are validated, a name is
//! registered once, and only admins and security leads register repositories.

use crate::common::TestApp;
use crate::grants_support::*;
use serde_json::json;

db_test!(
    repositories_are_validated_unique_and_registered_only_by_managers,
    |app: TestApp| async move {
        let api = Api::new(app);
        let admin = api.user("admin").await;
        let lead = api.user("security_lead").await;
        let hr = api.user("hr").await;
        let auditor = api.user("auditor").await;

        let (status, created) = api
            .post(
                &admin,
                "/repositories",
                json!({ "name": "acme/payments", "provider": "github", "tier": "sensitive",
                        "description": "Card payments", "owners": [lead.email.to_uppercase()] }),
            )
            .await;
        assert_eq!(status, 201, "{created}");
        assert!(created["id"].as_i64().is_some(), "{created}");
        assert_eq!(created["name"], "acme/payments");
        assert_eq!(created["provider"], "github");
        assert_eq!(created["tier"], "sensitive");
        assert_eq!(created["description"], "Card payments");
        assert_eq!(created["live_grants"], 0);
        assert_eq!(
            created["owners"],
            json!([{ "user_id": lead.id, "email": lead.email }]),
            "owners are found whatever the case of the address"
        );
        let id = created["id"].as_i64().unwrap();

        let (status, body) = api
            .post(
                &lead,
                "/repositories",
                json!({ "name": "acme/payments", "provider": "gitlab", "tier": "standard" }),
            )
            .await;
        assert_eq!(
            (status, body["kind"].as_str()),
            (409, Some("conflict")),
            "{body}"
        );

        for name in [
            "payments",
            "acme/",
            "/payments",
            "acme/pay ments",
            "acme/.hidden",
            "acme/payments;drop",
            "",
        ] {
            let (status, body) = api
                .post(
                    &admin,
                    "/repositories",
                    json!({ "name": name, "provider": "github", "tier": "standard" }),
                )
                .await;
            assert_eq!(
                (status, body["field"].as_str()),
                (422, Some("name")),
                "{name:?}: {body}"
            );
        }
        for (field, body) in [
            (
                "tier",
                json!({ "name": "acme/a", "provider": "github", "tier": "secret" }),
            ),
            (
                "provider",
                json!({ "name": "acme/b", "provider": "bitbucket", "tier": "standard" }),
            ),
            (
                "owners",
                json!({ "name": "acme/c", "provider": "github", "tier": "standard", "owners": [hr.email] }),
            ),
            (
                "owners",
                json!({ "name": "acme/d", "provider": "github", "tier": "standard", "owners": ["nobody@example.com"] }),
            ),
        ] {
            let (status, answer) = api.post(&admin, "/repositories", body).await;
            assert_eq!(
                (status, answer["field"].as_str()),
                (422, Some(field)),
                "{answer}"
            );
        }
        for who in [&auditor, &hr] {
            let (status, body) = api
                .post(
                    who,
                    "/repositories",
                    json!({ "name": "acme/e", "provider": "github", "tier": "standard" }),
                )
                .await;
            assert_eq!(status, 403, "{body}");
        }

        // Nothing refused was registered; the auditor reads but may not manage.
        let list = api.get(&auditor, "/repositories").await;
        assert_eq!(list["page"]["total"], 1, "{list}");
        assert_eq!(list["repositories"][0]["name"], "acme/payments");
        assert_eq!(list["may_manage"], false);
        assert_eq!(api.get(&admin, "/repositories").await["may_manage"], true);
        let page = api.get(&hr, &format!("/repositories/{id}")).await;
        assert_eq!(page["repository"]["name"], "acme/payments", "{page}");
        assert_eq!(page["grants"], json!([]));
        assert_eq!(page["pending"], json!([]));
        let (status, _) = api.send(&hr, "GET", "/repositories/999999", None).await;
        assert_eq!(status, 404);

        // Security leads register repositories too.
        let (status, body) = api
            .post(
                &lead,
                "/repositories",
                json!({ "name": "acme/web", "provider": "gitlab", "tier": "standard" }),
            )
            .await;
        assert_eq!(
            (status, body["provider"].as_str()),
            (201, Some("gitlab")),
            "{body}"
        );
        assert_eq!(api.get(&auditor, "/repositories").await["page"]["total"], 2);
        api.assert_audit_chain_verifies();
    }
);
