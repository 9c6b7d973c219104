//! Reviews: one approval for a standard read, two distinct security leads for a critical write
//! (never the requester), one review per reviewer, and a deny that ends the request; the requester
//! hears of the decision by mail.

use crate::common::TestApp;
use crate::grants_support::*;
use clearance_server::services::grants::SUBJECT_DECIDED;
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

fn sorted(mut emails: Vec<String>) -> Vec<String> {
    emails.sort();
    emails
}

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
