//! The random-sequence test, and what must hold after every step and at the end of each sequence,
//! seen through the API: the model's states, enough distinct approvals, never the requester's
//! own, and an active grant only for a cleared person.

use super::generator::{generated_cases, CASES};
use super::model::World;
use crate::common::TestApp;
use serde_json::Value;
use std::collections::BTreeSet;

impl World {
    /// What must hold after every step, seen through the API.
    async fn check(&self, touched: Option<usize>, ctx: &str) {
        let model_active: BTreeSet<i64> = self
            .requests
            .iter()
            .filter(|r| r.state == "active")
            .map(|r| r.id)
            .collect();
        let listed = self.api.grants(&self.admin, "state=active").await;
        let listed_ids: BTreeSet<i64> = listed.iter().map(|g| g["id"].as_i64().unwrap()).collect();
        assert_eq!(listed_ids, model_active, "{ctx}: active grants");
        let mut people_seen = BTreeSet::new();
        for grant in &listed {
            assert_enough_distinct_approvals(grant, ctx);
            // The screening is the person's: one look per person is enough.
            if !people_seen.insert(grant["person_id"].as_i64().unwrap()) {
                continue;
            }
            let id = grant["id"].as_i64().unwrap();
            let page = self.api.request_page(&self.admin, id).await;
            assert_eq!(
                page["screening"]["decision"], "cleared",
                "{ctx}: active grant #{id} for someone not cleared: {page}"
            );
            assert_eq!(
                page["screening"]["open_serious"],
                serde_json::json!([]),
                "{ctx}"
            );
        }
        if let Some(index) = touched {
            self.check_request(index, ctx).await;
        }
    }

    /// The API shows the request as the model has it.
    async fn check_request(&self, index: usize, ctx: &str) {
        let r = &self.requests[index];
        let page = self.api.request_page(&self.admin, r.id).await;
        let view = &page["request"];
        assert_eq!(view["state"], r.state, "{ctx}: {r:?} {page}");
        assert_eq!(view["approvals"], r.approvals, "{ctx}: {r:?} {page}");
        let mut expected: Vec<String> = r
            .reviewers
            .iter()
            .map(|i| self.actors[*i].email.clone())
            .collect();
        expected.sort();
        let mut shown: Vec<String> = view["reviews"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["reviewer"].as_str().unwrap().to_owned())
            .collect();
        shown.sort();
        assert_eq!(shown, expected, "{ctx}: reviewers of {r:?}");
        if r.state == "active" {
            assert_enough_distinct_approvals(view, ctx);
        }
    }

    /// At the end of a sequence: every request of it as the model has it, and the lists agree.
    async fn check_all(&self, first: usize, ctx: &str) {
        for index in first..self.requests.len() {
            self.check_request(index, ctx).await;
        }
        let model_pending: BTreeSet<i64> = self
            .requests
            .iter()
            .filter(|r| r.state == "pending")
            .map(|r| r.id)
            .collect();
        let listed: BTreeSet<i64> = self
            .api
            .grant_ids(&self.admin, "state=pending")
            .await
            .into_iter()
            .collect();
        assert_eq!(listed, model_pending, "{ctx}: pending requests");
        let model_grants: BTreeSet<i64> = self
            .requests
            .iter()
            .filter(|r| matches!(r.state, "active" | "suspended" | "expired" | "revoked"))
            .map(|r| r.id)
            .collect();
        let listed: BTreeSet<i64> = self
            .api
            .grant_ids(&self.admin, "")
            .await
            .into_iter()
            .collect();
        assert_eq!(listed, model_grants, "{ctx}: grants");
    }
}

/// An active request has at least the approvals it needs, from distinct reviewers, none of them
/// its requester.
fn assert_enough_distinct_approvals(view: &Value, ctx: &str) {
    let reviews = view["reviews"].as_array().unwrap();
    let approvers: Vec<&str> = reviews
        .iter()
        .filter(|r| r["decision"] == "approve")
        .map(|r| r["reviewer"].as_str().unwrap())
        .collect();
    let distinct: BTreeSet<&str> = approvers.iter().copied().collect();
    let required = view["approvals_required"].as_u64().unwrap() as usize;
    assert!(
        distinct.len() >= required && distinct.len() == approvers.len(),
        "{ctx}: too few distinct approvals: {view}"
    );
    let requester = view["requested_by"].as_str().unwrap();
    assert!(
        !reviews.iter().any(|r| r["reviewer"] == requester),
        "{ctx}: the requester reviewed their own request: {view}"
    );
    assert!(
        reviews.iter().all(|r| r["decision"] == "approve"),
        "{ctx}: an active request with a deny: {view}"
    );
}

db_test!(
    random_sequences_of_actions_keep_the_four_eyes_and_screening_rules,
    |app: TestApp| async move {
        let cases = generated_cases();
        let mut world = World::new(app).await;
        for (case, actions) in cases.iter().enumerate() {
            let first = world.requests.len();
            for (n, action) in actions.iter().enumerate() {
                let ctx = format!("case {case}, step {n}: {action:?} (of {actions:?})");
                let touched = world.step(first, action, &ctx).await;
                world.check(touched, &ctx).await;
            }
            world
                .check_all(first, &format!("end of case {case}: {actions:?}"))
                .await;
        }
        assert!(
            world.requests.len() >= CASES,
            "the sequences made too few requests to say much: {}",
            world.requests.len()
        );
        world.api.assert_audit_chain_verifies();
    }
);
