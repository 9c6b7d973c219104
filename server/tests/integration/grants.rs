//! Repository access through the REST API: the repository registry, requests refused by the
//! policy (each naming its rule), one and two approvals, four-eyes review, deny, cancel, revoke,
//! suspend and reinstate, the kill switch, the desired state, a person's timeline, and mail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::grants_support::*;
use clearance_server::services::grants::SUBJECT_DECIDED;
use common::TestApp;
use serde_json::{json, Value};

/// The reviewers' e-mail addresses on a request view, sorted.
fn reviewers(view: &Value) -> Vec<String> {
    let mut emails: Vec<String> = view["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reviewer"].as_str().unwrap().to_owned())
        .collect();
    emails.sort();
    emails
}

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

fn sorted(mut emails: Vec<String>) -> Vec<String> {
    emails.sort();
    emails
}

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
    a_standard_read_request_needs_one_approval_and_is_active_for_its_duration,
    |app: TestApp| async move {
        let api = Api::new(app);
        let hr = api.user("hr").await;
        let lead = api.user("security_lead").await;
        let admin = api.user("admin").await;
        let repository = api.repository(&admin, "acme/handbook", "standard").await;
        let person = api.cleared_person(&hr, 1).await;

        let (status, created) = api.request(&hr, person, repository, "read", 30).await;
        assert_eq!(status, 201, "{created}");
        assert_eq!(created["state"], "pending");
        assert_eq!(created["approvals_required"], 1);
        let id = created["id"].as_i64().unwrap();

        let page = api.request_page(&hr, id).await;
        assert_eq!(page["request"]["state"], "pending", "{page}");
        assert_eq!(page["request"]["approvals"], 0);
        assert_eq!(page["request"]["expires_at"], Value::Null);
        assert_eq!(page["request"]["requested_by"], hr.email);
        assert_eq!(page["screening"]["decision"], "cleared");
        assert_eq!(
            (&page["may_review"], &page["may_cancel"]),
            (&json!(false), &json!(true))
        );
        assert_eq!(api.request_page(&lead, id).await["may_review"], true);
        assert!(
            api.grant_ids(&hr, "").await.is_empty(),
            "a pending request is no grant"
        );

        let before = now_ms();
        let view = api.approve(&lead, id).await;
        let after = now_ms();
        assert_eq!(view["state"], "active", "{view}");
        assert_eq!(view["approvals"], 1);
        assert_eq!(reviewers(&view), vec![lead.email.clone()]);
        assert_eq!(view["reviews"][0]["decision"], "approve");
        let activated = ms_of(view["activated_at"].as_str().unwrap());
        let expires = ms_of(view["expires_at"].as_str().unwrap());
        assert!(
            (before..=after).contains(&activated),
            "activated when approved: {view}"
        );
        assert_eq!(expires - activated, 30 * DAY_MS, "{view}");
        assert_eq!(api.request_ms(id, "expires_at_ms").await, expires);

        let page = api.request_page(&lead, id).await;
        assert_eq!(page["request"]["state"], "active");
        assert_eq!(
            (
                &page["may_review"],
                &page["may_revoke"],
                &page["may_suspend"]
            ),
            (&json!(false), &json!(true), &json!(true))
        );
        assert_eq!(api.grant_ids(&hr, "state=active").await, [id]);
        assert_eq!(
            api.grant_ids(&hr, &format!("person_id={person}")).await,
            [id]
        );
        let repository_page = api.get(&hr, &format!("/repositories/{repository}")).await;
        assert_eq!(
            repository_page["repository"]["live_grants"], 1,
            "{repository_page}"
        );
        assert_eq!(repository_page["grants"][0]["id"], id);

        // The requester hears of it; the approver, who decided, does not.
        let mail = api.wait_for_mail(&hr.email, SUBJECT_DECIDED).await;
        assert!(mail.body().contains(&format!("#{id}")), "{}", mail.body());
        assert!(mail.body().contains("active"), "{}", mail.body());
        api.deliver_all_mail().await;
        assert_eq!(api.mails(&hr.email, SUBJECT_DECIDED).len(), 1);
        assert!(api.mails(&lead.email, SUBJECT_DECIDED).is_empty());
        api.assert_audit_chain_verifies();
    }
);

db_test!(
    a_critical_write_request_needs_two_distinct_security_leads,
    |app: TestApp| async move {
        let api = Api::new(app);
        let hr = api.user("hr").await;
        let admin = api.user("admin").await;
        let requester = api.user("security_lead").await;
        let first = api.user("security_lead").await;
        let second = api.user("security_lead").await;
        let repository = api.repository(&admin, "acme/vault", "critical").await;
        let person = api.cleared_person(&hr, 1).await;

        let (status, created) = api
            .request(&requester, person, repository, "write", 30)
            .await;
        assert_eq!(status, 201, "{created}");
        assert_eq!(created["approvals_required"], 2);
        let id = created["id"].as_i64().unwrap();

        let own = api.review(&requester, id, "approve", "Fine by me.").await;
        assert_refused(&own, 403, "review.self");
        assert_eq!(own.1["kind"], "not_permitted");
        for not_a_reviewer in [&hr, &admin] {
            let (status, body) = api.review(not_a_reviewer, id, "approve", "ok").await;
            assert_eq!(status, 403, "only security leads review: {body}");
        }
        assert_eq!(api.request_page(&requester, id).await["may_review"], false);

        let view = api.approve(&first, id).await;
        assert_eq!(view["state"], "pending", "{view}");
        assert_eq!(
            (&view["approvals"], &view["approvals_required"]),
            (&json!(1), &json!(2))
        );
        assert_eq!(view["expires_at"], Value::Null);

        let (status, body) = api.review(&first, id, "approve", "Again.").await;
        assert_eq!(status, 409, "one review per reviewer: {body}");
        let (status, body) = api.review(&first, id, "deny", "Changed my mind.").await;
        assert_eq!(
            status, 409,
            "a reviewer who approved cannot deny afterwards: {body}"
        );
        let page = api.request_page(&first, id).await;
        assert_eq!(page["request"]["approvals"], 1, "{page}");
        assert_eq!(page["request"]["reviews"].as_array().unwrap().len(), 1);
        assert_eq!(page["may_review"], false);
        assert_eq!(api.request_page(&second, id).await["may_review"], true);

        let view = api.approve(&second, id).await;
        assert_eq!(view["state"], "active", "{view}");
        assert_eq!(view["approvals"], 2);
        assert_eq!(
            reviewers(&view),
            sorted(vec![first.email.clone(), second.email.clone()])
        );
        assert!(view["expires_at"].is_string());
        assert_eq!(api.audit_count("access.reviewed", Some(id)).await, 2);
        assert_eq!(api.audit_count("access.approved", Some(id)).await, 1);
        assert_eq!(api.audit_count("access.activated", Some(id)).await, 1);

        let mail = api.wait_for_mail(&requester.email, SUBJECT_DECIDED).await;
        assert!(mail.body().contains(&format!("#{id}")), "{}", mail.body());
        api.assert_audit_chain_verifies();
    }
);

db_test!(
    a_deny_ends_the_request_and_later_reviews_conflict,
    |app: TestApp| async move {
        let api = Api::new(app);
        let hr = api.user("hr").await;
        let admin = api.user("admin").await;
        let first = api.user("security_lead").await;
        let second = api.user("security_lead").await;
        let third = api.user("security_lead").await;
        let repository = api.repository(&admin, "acme/vault", "critical").await;
        let person = api.cleared_person(&hr, 1).await;
        let id = api.requested(&hr, person, repository, "write", 30).await;
        api.approve(&first, id).await;

        let (status, body) = api.review(&second, id, "deny", "   ").await;
        assert_eq!(
            (status, body["field"].as_str()),
            (422, Some("comment")),
            "{body}"
        );
        let (status, body) = api.review(&second, id, "maybe", "Not sure.").await;
        assert_eq!(
            (status, body["field"].as_str()),
            (422, Some("decision")),
            "{body}"
        );
        let page = api.request_page(&hr, id).await;
        assert_eq!(
            (&page["request"]["state"], &page["request"]["approvals"]),
            (&json!("pending"), &json!(1)),
            "refused reviews change nothing: {page}"
        );

        let reason = "No business need for write access.";
        let (status, view) = api.review(&second, id, "deny", reason).await;
        assert_eq!(status, 200, "{view}");
        assert_eq!(view["state"], "denied");
        assert_eq!(view["end_reason"], reason);
        assert!(view["ended_at"].is_string(), "{view}");
        assert_eq!(view["expires_at"], Value::Null);

        let (status, body) = api.review(&third, id, "approve", "Looks fine.").await;
        assert_eq!(
            (status, body["kind"].as_str()),
            (409, Some("conflict")),
            "{body}"
        );
        assert_eq!(api.state(&hr, id).await, "denied");
        assert_eq!(api.grant_ids(&hr, "state=denied").await, [id]);
        assert!(
            api.grant_ids(&hr, "").await.is_empty(),
            "a denied request is no grant"
        );

        let mail = api.wait_for_mail(&hr.email, SUBJECT_DECIDED).await;
        assert!(
            mail.body().contains("denied") && mail.body().contains(reason),
            "{}",
            mail.body()
        );
    }
);

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
