//! Races: two security leads approving at once, one lead approving twice at once, and a final
//! approval racing a revocation or a cancellation; each ends in one consistent state.

use crate::common::TestApp;
use crate::grants_support::*;

/// HR, three security leads, an admin, a critical repository, and cleared people.
struct Race {
    api: Api,
    hr: User,
    leads: Vec<User>,
    admin: User,
    repository: i64,
}

impl Race {
    async fn new(app: TestApp) -> Race {
        let api = Api::new(app);
        let hr = api.user("hr").await;
        let mut leads = Vec::new();
        for _ in 0..3 {
            leads.push(api.user("security_lead").await);
        }
        let admin = api.user("admin").await;
        let repository = api.repository(&admin, "acme/vault", "critical").await;
        Race {
            api,
            hr,
            leads,
            admin,
            repository,
        }
    }

    /// A request of a newly cleared person that needs two approvals.
    async fn two_approval_request(&self, n: u32) -> i64 {
        let person = self.api.cleared_person(&self.hr, n).await;
        self.api
            .requested(&self.hr, person, self.repository, "read", 30)
            .await
    }
}

db_test!(
    two_leads_approving_at_once_both_count_and_the_grant_activates_once,
    |app: TestApp| async move {
        let race = Race::new(app).await;
        let api = &race.api;
        for n in 1..=3 {
            let id = race.two_approval_request(n).await;
            let (a, b) = tokio::join!(
                api.review(&race.leads[0], id, "approve", "Yes."),
                api.review(&race.leads[1], id, "approve", "Yes.")
            );
            assert_eq!((a.0, b.0), (200, 200), "{} {}", a.1, b.1);
            let mut states = vec![
                a.1["state"].as_str().unwrap().to_owned(),
                b.1["state"].as_str().unwrap().to_owned(),
            ];
            states.sort();
            assert_eq!(
                states,
                ["active", "pending"],
                "one approval completes the other"
            );
            let page = api.request_page(&race.hr, id).await;
            let view = &page["request"];
            assert_eq!(view["state"], "active", "{page}");
            assert_eq!(view["approvals"], 2, "{page}");
            assert_eq!(view["reviews"].as_array().unwrap().len(), 2, "{page}");
            assert_eq!(api.audit_count("access.activated", Some(id)).await, 1);
            assert_eq!(api.audit_count("access.reviewed", Some(id)).await, 2);
        }

        // The same lead twice at once: one review counts, the other is refused.
        let id = race.two_approval_request(4).await;
        let (a, b) = tokio::join!(
            api.review(&race.leads[2], id, "approve", "Yes."),
            api.review(&race.leads[2], id, "approve", "Yes.")
        );
        let mut statuses = [a.0, b.0];
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 409], "{} {}", a.1, b.1);
        let page = api.request_page(&race.hr, id).await;
        assert_eq!(
            (&page["request"]["state"], &page["request"]["approvals"]),
            (&serde_json::json!("pending"), &serde_json::json!(1)),
            "{page}"
        );
        api.assert_audit_chain_verifies();
    }
);

db_test!(
    a_final_approval_racing_a_revocation_or_a_cancellation_ends_consistently,
    |app: TestApp| async move {
        let race = Race::new(app).await;
        let api = &race.api;
        for n in 1..=4 {
            let id = race.two_approval_request(n).await;
            api.approve(&race.leads[0], id).await;
            let (approval, revocation) = tokio::join!(
                api.review(&race.leads[1], id, "approve", "Yes."),
                api.change(&race.admin, id, "revoke", "Race.")
            );
            // Revoking a pending request is refused; once active, it is revoked.
            assert_eq!(approval.0, 200, "{}", approval.1);
            assert!(
                revocation.0 == 200 || revocation.0 == 409,
                "{} {}",
                revocation.0,
                revocation.1
            );
            let last = if revocation.0 == 200 {
                &revocation.1
            } else {
                &approval.1
            };
            let state = api.state(&race.hr, id).await;
            assert_eq!(state, last["state"].as_str().unwrap(), "{last}");
            assert_eq!(
                state,
                if revocation.0 == 200 {
                    "revoked"
                } else {
                    "active"
                }
            );
            assert_eq!(api.audit_count("access.activated", Some(id)).await, 1);
            assert_eq!(
                api.audit_count("access.revoked", Some(id)).await,
                i64::from(revocation.0 == 200)
            );
        }
        for n in 5..=8 {
            let id = race.two_approval_request(n).await;
            api.approve(&race.leads[0], id).await;
            let cancel_path = format!("/access-requests/{id}/cancel");
            let (approval, cancellation) = tokio::join!(
                api.review(&race.leads[1], id, "approve", "Yes."),
                api.post_empty(&race.hr, &cancel_path)
            );
            // Exactly one of them happens.
            let mut statuses = [approval.0, cancellation.0];
            statuses.sort_unstable();
            assert_eq!(statuses, [200, 409], "{} {}", approval.1, cancellation.1);
            let winner = if approval.0 == 200 {
                &approval.1
            } else {
                &cancellation.1
            };
            let state = api.state(&race.hr, id).await;
            assert_eq!(state, winner["state"].as_str().unwrap(), "{winner}");
            assert!(state == "active" || state == "cancelled", "{state}");
        }
        api.assert_audit_chain_verifies();
    }
);
