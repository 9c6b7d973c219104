//! Requests the policy refuses, each naming the rule that blocks it (screening, durations,
//! malformed fields), the preview that says the same beforehand, and an approval that checks the
//! screening again and never outlasts the clearance.

use crate::common::TestApp;
use crate::grants_support::*;
use serde_json::json;

db_test!(
    requests_are_refused_naming_the_rule_that_blocks_them,
    |app: TestApp| async move {
        let api = Api::new(app);
        let hr = api.user("hr").await;
        let admin = api.user("admin").await;
        let auditor = api.user("auditor").await;
        let standard = api.repository(&admin, "acme/docs", "standard").await;
        let critical = api.repository(&admin, "acme/vault", "critical").await;

        // No decision yet.
        let undecided = api.person(&hr, 1).await;
        let refused = api.request(&hr, undecided, standard, "read", 30).await;
        assert_refused(&refused, 422, "screening.cleared");
        assert_eq!(refused.1["kind"], "policy", "{}", refused.1);

        // Rejected.
        let rejected = api.person(&hr, 2).await;
        api.decide(&hr, rejected, "rejected").await;
        assert_refused(
            &api.request(&hr, rejected, standard, "read", 30).await,
            422,
            "screening.cleared",
        );

        // Cleared, but a high finding is open (high findings do not block the decision itself).
        let (risky, screening) = api.person_with(&hr, high_risk(clean_profile(3))).await;
        assert_eq!(screening["band"], "high", "{screening}");
        api.decide(&hr, risky, "cleared").await;
        let refused = api.request(&hr, risky, standard, "read", 30).await;
        assert_refused(&refused, 422, "screening.open_findings");
        assert!(
            refused.1["error"].as_str().unwrap().contains("PAY-02"),
            "the message names the finding: {}",
            refused.1
        );

        // Cleared too long ago.
        let stale = api.cleared_person(&hr, 4).await;
        api.age_decision(stale, 91).await;
        assert_refused(
            &api.request(&hr, stale, standard, "read", 30).await,
            422,
            "screening.fresh",
        );

        // Cleared now: durations out of range, the critical tier halving every limit.
        let cleared = api.cleared_person(&hr, 5).await;
        for (repository, permission, days) in [
            (standard, "read", 0),
            (standard, "read", -5),
            (standard, "triage", 181),
            (standard, "write", 91),
            (standard, "maintain", 31),
            (standard, "admin", 31),
            (critical, "read", 91),
            (critical, "write", 46),
            (critical, "maintain", 16),
        ] {
            let refused = api
                .request(&hr, cleared, repository, permission, days)
                .await;
            assert_eq!(
                refused.1["kind"], "policy",
                "{permission} {days}: {}",
                refused.1
            );
            assert_refused(&refused, 422, "duration.range");
        }
        // Within the permission's limit, but past the clearance's 90 days.
        assert_refused(
            &api.request(&hr, cleared, standard, "read", 120).await,
            422,
            "duration.screening_validity",
        );

        // Malformed requests name the field; unknown people are not found.
        let (status, body) = api.request(&hr, cleared, standard, "owner", 30).await;
        assert_eq!(
            (status, body["field"].as_str()),
            (422, Some("permission")),
            "{body}"
        );
        let (status, body) = api.request(&hr, cleared, 999_999, "read", 30).await;
        assert_eq!(
            (status, body["field"].as_str()),
            (422, Some("repository_id")),
            "{body}"
        );
        let (status, body) = api
            .post(
                &hr,
                "/access-requests",
                json!({ "person_id": cleared, "repository_id": standard, "permission": "read",
                        "duration_days": 30, "justification": "   " }),
            )
            .await;
        assert_eq!(
            (status, body["field"].as_str()),
            (422, Some("justification")),
            "{body}"
        );
        let (status, _) = api.request(&hr, 999_999, standard, "read", 30).await;
        assert_eq!(status, 404);
        let (status, _) = api.request(&auditor, cleared, standard, "read", 30).await;
        assert_eq!(status, 403, "auditors only read");

        // Nothing refused became a request.
        assert!(api.grant_ids(&hr, "state=pending").await.is_empty());

        // The preview says the same before asking.
        let (status, preview) = api
            .post(
                &hr,
                "/access-requests/preview",
                json!({ "person_id": undecided, "repository_id": standard, "permission": "read",
                        "duration_days": 30, "justification": "" }),
            )
            .await;
        assert_eq!(status, 200, "{preview}");
        let rules: Vec<&str> = preview["blockers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["rule"].as_str().unwrap())
            .collect();
        assert_eq!(rules, ["screening.cleared"], "{preview}");
        assert_eq!(
            (
                &preview["approvals_required"],
                &preview["max_duration_days"]
            ),
            (&json!(1), &json!(180))
        );
        let (_, preview) = api
            .post(
                &hr,
                "/access-requests/preview",
                json!({ "person_id": cleared, "repository_id": critical, "permission": "write",
                        "duration_days": 45, "justification": "" }),
            )
            .await;
        assert_eq!(preview["blockers"], json!([]), "{preview}");
        assert_eq!(
            (
                &preview["approvals_required"],
                &preview["max_duration_days"]
            ),
            (&json!(2), &json!(45))
        );
        assert_eq!(preview["screening"]["decision"], "cleared");
        assert_eq!(preview["screening"]["person_id"], cleared);

        // At the limits, accepted, with the approvals the tier and permission call for.
        for (repository, permission, days, approvals) in
            [(critical, "write", 45, 2), (standard, "read", 89, 1)]
        {
            let (status, created) = api
                .request(&hr, cleared, repository, permission, days)
                .await;
            assert_eq!(status, 201, "{created}");
            assert_eq!(created["state"], "pending");
            assert_eq!(created["approvals_required"], approvals, "{created}");
        }
    }
);

db_test!(
    an_approval_rechecks_the_screening_and_never_outlasts_the_clearance,
    |app: TestApp| async move {
        let api = Api::new(app);
        let hr = api.user("hr").await;
        let lead = api.user("security_lead").await;
        let admin = api.user("admin").await;
        let repository = api.repository(&admin, "acme/web", "standard").await;

        // The clearance aged while the request waited, but still counts: the grant ends with it.
        let ageing = api.cleared_person(&hr, 1).await;
        let id = api.requested(&hr, ageing, repository, "write", 30).await;
        let decided = api.age_decision(ageing, 80).await;
        let view = api.approve(&lead, id).await;
        assert_eq!(view["state"], "active", "{view}");
        let clearance_ends = decided + 90 * DAY_MS;
        assert_eq!(api.request_ms(id, "expires_at_ms").await, clearance_ends);
        assert_eq!(ms_of(view["expires_at"].as_str().unwrap()), clearance_ends);

        // The clearance stopped counting while the request waited: no approval.
        let stale = api.cleared_person(&hr, 2).await;
        let id = api.requested(&hr, stale, repository, "read", 30).await;
        api.age_decision(stale, 91).await;
        assert_refused(
            &api.review(&lead, id, "approve", "Fine.").await,
            422,
            "screening.fresh",
        );
        let page = api.request_page(&hr, id).await;
        assert_eq!(
            (&page["request"]["state"], &page["request"]["approvals"]),
            (&json!("pending"), &json!(0)),
            "a refused approval is not recorded: {page}"
        );
        assert_eq!(api.audit_count("access.reviewed", Some(id)).await, 0);

        // A new decision makes it approvable again.
        api.decide(&hr, stale, "cleared").await;
        assert_eq!(api.approve(&lead, id).await["state"], "active");
    }
);

db_test!(
    the_request_form_offers_the_cleared_people_by_name,
    |app: TestApp| async move {
        let api = Api::new(app);
        let hr = api.user("hr").await;
        let admin = api.user("admin").await;
        api.repository(&admin, "acme/docs", "standard").await;
        let (page_client, _) = api.app.signed_in("hr").await;
        let form = |query: String| {
            let client = page_client.clone();
            let url = api.app.url(&format!("/access/new{query}"));
            async move {
                let page = client.get(url).send().await.unwrap();
                assert_eq!(page.status(), 200);
                page.text().await.unwrap()
            }
        };
        let name = |n: u32| {
            clean_profile(n)["identity"]["legal_name"]["full"]
                .as_str()
                .unwrap()
                .to_owned()
        };

        let empty = form(String::new()).await;
        assert!(empty.contains("No one is cleared yet"), "{empty}");

        let first = api.cleared_person(&hr, 1).await;
        let second = api.cleared_person(&hr, 2).await;
        let undecided = api.person(&hr, 3).await;
        let page = form(String::new()).await;
        assert!(!page.contains("No one is cleared yet"));
        let offered = |html: &str, id: i64, n: u32| html.contains(&format!("{} (#{id})", name(n)));
        assert!(
            offered(&page, first, 1) && offered(&page, second, 2),
            "{page}"
        );
        assert!(
            !offered(&page, undecided, 3),
            "only cleared people are offered"
        );
        // By name.
        let (a, b) = (name(1), name(2));
        let (earlier, later) = if a < b { (a, b) } else { (b, a) };
        let position = |text: &str| page.find(text).unwrap();
        assert!(position(&earlier) < position(&later));

        // Named from their page, someone not cleared is offered too, and selected.
        let named = form(format!("?person={undecided}")).await;
        assert!(offered(&named, undecided, 3), "{named}");
        let option = named
            .split("<option")
            .find(|o| o.contains(&format!("(#{undecided})")))
            .unwrap();
        assert!(option.contains("selected"), "{option}");
    }
);
