//! Access rests on the clearance: recording a decision other than `cleared` for a person with
//! active grants suspends them in the same request and tells the security leads; a new clearance
//! lets a security lead reinstate them.

use crate::common::TestApp;
use crate::grants_support::*;
use clearance_server::services::grants::SUBJECT_SUSPENDED;

db_test!(
    a_decision_other_than_cleared_suspends_active_grants_until_cleared_again,
    |app: TestApp| async move {
        let api = Api::new(app);
        let hr = api.user("hr").await;
        let lead = api.user("security_lead").await;
        let admin = api.user("admin").await;
        let docs = api.repository(&admin, "acme/docs", "standard").await;
        let person = api.cleared_person(&hr, 1).await;
        let other = api.cleared_person(&hr, 2).await;
        let grant = api.granted(&hr, &[&lead], person, docs, "read", 30).await;
        let untouched = api.granted(&hr, &[&lead], other, docs, "read", 30).await;

        // Clearing again changes nothing.
        api.decide(&hr, person, "cleared").await;
        assert_eq!(api.state(&hr, grant).await, "active");

        api.decide(&hr, person, "needs_info").await;
        let view = api.request_page(&hr, grant).await["request"].clone();
        assert_eq!(view["state"], "suspended", "{view}");
        assert!(
            view["end_reason"].as_str().unwrap().contains("needs_info"),
            "{view}"
        );
        assert_eq!(
            api.state(&hr, untouched).await,
            "active",
            "only this person's"
        );
        assert_eq!(api.audit_count("access.suspended", Some(grant)).await, 1);
        let mail = api.wait_for_mail(&lead.email, SUBJECT_SUSPENDED).await;
        assert!(mail.body().contains("needs_info"), "{}", mail.body());

        // Without a clearance, nothing brings access back.
        assert_refused(
            &api.change(&admin, grant, "reinstate", "Looks fine.").await,
            422,
            "screening.cleared",
        );
        // Cleared again: a security lead may reinstate it.
        api.decide(&hr, person, "cleared").await;
        let (status, body) = api
            .change(&lead, grant, "reinstate", "Cleared again.")
            .await;
        assert_eq!(
            (status, body["state"].as_str()),
            (200, Some("active")),
            "{body}"
        );
        api.assert_audit_chain_verifies();
    }
);
