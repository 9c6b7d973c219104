//! Properties of access grants under random sequences of actions, and under races.
//!
//! The random test drives one app with sequences of requests, reviews by three security leads,
//! cancellations, revocations, suspensions, reinstatements and enforcement passes at later and
//! later times. A small model predicts each answer (status, rule, new state) from the rules as
//! specified, and after every step the API must show: the same states; no active request without
//! enough distinct approvals or with its requester among the reviewers; an active grant only for
//! a cleared person; and a self-review refused with 403. The sequences come from proptest's
//! deterministic runner (the same ones every run) and are not shrunk: each step changes the app.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::grants_support::*;
use common::TestApp;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use serde_json::Value;
use std::collections::BTreeSet;

/// Random sequences per run, and their lengths.
const CASES: usize = 12;
const STEPS: std::ops::RangeInclusive<usize> = 8..=14;

const PERMISSIONS: [&str; 5] = ["read", "triage", "write", "maintain", "admin"];
const TIERS: [&str; 3] = ["standard", "sensitive", "critical"];
/// `actors[0]` is HR; `actors[1..=3]` are the security leads. All four may request.
const HR: usize = 0;
const LEADS: usize = 3;
/// People 0..3 are cleared; person 3 has no decision.
const PEOPLE: usize = 4;
const UNDECIDED: usize = 3;

#[derive(Clone, Debug)]
enum Action {
    Request {
        requester: usize,
        person: usize,
        repository: usize,
        permission: usize,
        days: i64,
    },
    Approve {
        pick: usize,
        lead: usize,
    },
    Deny {
        pick: usize,
        lead: usize,
    },
    SelfReview {
        pick: usize,
    },
    Cancel {
        pick: usize,
    },
    Revoke {
        pick: usize,
    },
    Suspend {
        pick: usize,
    },
    Reinstate {
        pick: usize,
    },
    Enforce {
        hours: i64,
    },
}

fn action() -> impl Strategy<Value = Action> {
    let pick = 0usize..64;
    let days = prop_oneof![4 => 1i64..=45, 1 => -2i64..=100];
    prop_oneof![
        4 => (0..=LEADS, 0..PEOPLE, 0..TIERS.len(), 0..PERMISSIONS.len(), days).prop_map(
            |(requester, person, repository, permission, days)| Action::Request {
                requester,
                person,
                repository,
                permission,
                days,
            }
        ),
        4 => (pick.clone(), 0..LEADS).prop_map(|(pick, lead)| Action::Approve { pick, lead }),
        1 => (pick.clone(), 0..LEADS).prop_map(|(pick, lead)| Action::Deny { pick, lead }),
        1 => pick.clone().prop_map(|pick| Action::SelfReview { pick }),
        1 => pick.clone().prop_map(|pick| Action::Cancel { pick }),
        1 => pick.clone().prop_map(|pick| Action::Revoke { pick }),
        1 => pick.clone().prop_map(|pick| Action::Suspend { pick }),
        1 => pick.prop_map(|pick| Action::Reinstate { pick }),
        1 => (1i64..=24 * 20).prop_map(|hours| Action::Enforce { hours }),
    ]
}

/// The sequences, the same every run.
fn generated_cases() -> Vec<Vec<Action>> {
    let mut runner = TestRunner::deterministic();
    let sequence = proptest::collection::vec(action(), STEPS);
    (0..CASES)
        .map(|_| {
            sequence
                .new_tree(&mut runner)
                .expect("a generated sequence")
                .current()
        })
        .collect()
}

/// Approvals the policy asks for (indexes into `PERMISSIONS` and `TIERS`).
fn approvals_required(permission: usize, tier: usize) -> usize {
    let critical = tier == 2;
    let strong = permission >= 3;
    let writes_sensitive = permission >= 2 && tier >= 1;
    if critical || strong || writes_sensitive {
        2
    } else {
        1
    }
}

/// The longest duration the policy allows.
fn max_days(permission: usize, tier: usize) -> i64 {
    let days = match permission {
        0 | 1 => 180,
        2 => 90,
        _ => 30,
    };
    if tier == 2 {
        days / 2
    } else {
        days
    }
}

/// What the model knows of one request.
#[derive(Clone, Debug)]
struct Tracked {
    id: i64,
    requester: usize,
    person: usize,
    repository: usize,
    required: usize,
    state: &'static str,
    reviewers: Vec<usize>,
    approvals: usize,
    lapses_ms: i64,
    expires_ms: Option<i64>,
}

struct World {
    api: Api,
    actors: Vec<User>,
    admin: User,
    people: Vec<i64>,
    repositories: Vec<i64>,
    requests: Vec<Tracked>,
    /// The enforcement clock: only moves forward, and is never behind the real one.
    clock: i64,
}

impl World {
    async fn new(app: TestApp) -> World {
        let api = Api::new(app);
        let mut actors = vec![api.user("hr").await];
        for _ in 0..LEADS {
            actors.push(api.user("security_lead").await);
        }
        let admin = api.user("admin").await;
        let mut people = Vec::new();
        for n in 0..PEOPLE {
            let id = api.person(&actors[HR], n as u32 + 1).await;
            if n != UNDECIDED {
                api.decide(&actors[HR], id, "cleared").await;
            }
            people.push(id);
        }
        let mut repositories = Vec::new();
        for tier in TIERS {
            repositories.push(api.repository(&admin, &format!("acme/{tier}"), tier).await);
        }
        World {
            api,
            actors,
            admin,
            people,
            repositories,
            requests: Vec::new(),
            clock: now_ms(),
        }
    }

    /// The request `pick` names among those of the current case (from `first`).
    fn pick(&self, first: usize, pick: usize) -> Option<usize> {
        let len = self.requests.len().checked_sub(first)?;
        (len > 0).then(|| first + pick % len)
    }

    async fn step(&mut self, first: usize, action: &Action, ctx: &str) -> Option<usize> {
        match *action {
            Action::Request {
                requester,
                person,
                repository,
                permission,
                days,
            } => {
                self.request(requester, person, repository, permission, days, ctx)
                    .await
            }
            Action::Approve { pick, lead } => {
                let index = self.pick(first, pick)?;
                self.review(index, 1 + lead, true, ctx).await;
                Some(index)
            }
            Action::Deny { pick, lead } => {
                let index = self.pick(first, pick)?;
                self.review(index, 1 + lead, false, ctx).await;
                Some(index)
            }
            Action::SelfReview { pick } => {
                let index = self.pick(first, pick)?;
                self.self_review(index, ctx).await;
                Some(index)
            }
            Action::Cancel { pick } => {
                let index = self.pick(first, pick)?;
                self.cancel(index, ctx).await;
                Some(index)
            }
            Action::Revoke { pick } => {
                let index = self.pick(first, pick)?;
                self.change(index, "revoke", ctx).await;
                Some(index)
            }
            Action::Suspend { pick } => {
                let index = self.pick(first, pick)?;
                self.change(index, "suspend", ctx).await;
                Some(index)
            }
            Action::Reinstate { pick } => {
                let index = self.pick(first, pick)?;
                self.change(index, "reinstate", ctx).await;
                Some(index)
            }
            Action::Enforce { hours } => {
                self.enforce(hours, ctx).await;
                None
            }
        }
    }

    async fn request(
        &mut self,
        requester: usize,
        person: usize,
        repository: usize,
        permission: usize,
        days: i64,
        ctx: &str,
    ) -> Option<usize> {
        // The clearances were recorded at set-up, moments ago: they count 90 days from then.
        let expected: Result<usize, (u16, &str)> = if person == UNDECIDED {
            Err((422, "screening.cleared"))
        } else if days < 1 || days > max_days(permission, repository) {
            Err((422, "duration.range"))
        } else if days >= 90 {
            Err((422, "duration.screening_validity"))
        } else if self
            .requests
            .iter()
            .any(|r| r.state == "pending" && r.person == person && r.repository == repository)
        {
            Err((409, ""))
        } else {
            Ok(approvals_required(permission, repository))
        };
        let (status, body) = self
            .api
            .request(
                &self.actors[requester],
                self.people[person],
                self.repositories[repository],
                PERMISSIONS[permission],
                days,
            )
            .await;
        match expected {
            Err((code, rule)) => {
                assert_eq!(status, code, "{ctx}: {body}");
                if !rule.is_empty() {
                    assert_eq!(body["rule"], rule, "{ctx}: {body}");
                }
                None
            }
            Ok(required) => {
                assert_eq!(status, 201, "{ctx}: {body}");
                assert_eq!(body["approvals_required"], required, "{ctx}: {body}");
                let id = body["id"].as_i64().unwrap();
                let page = self.api.request_page(&self.admin, id).await;
                let requested = ms_of(page["request"]["requested_at"].as_str().unwrap());
                self.requests.push(Tracked {
                    id,
                    requester,
                    person,
                    repository,
                    required,
                    state: "pending",
                    reviewers: Vec::new(),
                    approvals: 0,
                    lapses_ms: requested + 7 * DAY_MS,
                    expires_ms: None,
                });
                Some(self.requests.len() - 1)
            }
        }
    }

    async fn review(&mut self, index: usize, reviewer: usize, approve: bool, ctx: &str) {
        let r = &self.requests[index];
        let expected = if r.state != "pending" {
            409
        } else if r.requester == reviewer {
            403
        } else if r.reviewers.contains(&reviewer) {
            409
        } else {
            200
        };
        let decision = if approve { "approve" } else { "deny" };
        let (status, body) = self
            .api
            .review(&self.actors[reviewer], r.id, decision, "Decided at random.")
            .await;
        assert_eq!(status, expected, "{ctx}: {decision} of {r:?}: {body}");
        if status == 403 {
            assert_eq!(body["rule"], "review.self", "{ctx}: {body}");
        }
        if status != 200 {
            return;
        }
        let r = &mut self.requests[index];
        r.reviewers.push(reviewer);
        if approve {
            r.approvals += 1;
            if r.approvals >= r.required {
                r.state = "active";
                r.expires_ms = Some(ms_of(body["expires_at"].as_str().unwrap()));
            }
        } else {
            r.state = "denied";
        }
        assert_eq!(body["state"], r.state, "{ctx}: {body}");
        assert_eq!(body["approvals"], r.approvals, "{ctx}: {body}");
    }

    async fn self_review(&mut self, index: usize, ctx: &str) {
        let r = &self.requests[index];
        let (status, body) = self
            .api
            .review(&self.actors[r.requester], r.id, "approve", "My own.")
            .await;
        if r.state == "pending" {
            assert_eq!(status, 403, "{ctx}: self-review of {r:?}: {body}");
            if r.requester != HR {
                assert_eq!(body["rule"], "review.self", "{ctx}: {body}");
            }
        } else {
            // An ended request is refused first for its state.
            assert!(
                status == 403 || status == 409,
                "{ctx}: self-review of {r:?}: {status} {body}"
            );
        }
    }

    async fn cancel(&mut self, index: usize, ctx: &str) {
        let r = &self.requests[index];
        let (status, body) = self
            .api
            .post_empty(
                &self.actors[r.requester],
                &format!("/access-requests/{}/cancel", r.id),
            )
            .await;
        let expected = if r.state == "pending" { 200 } else { 409 };
        assert_eq!(status, expected, "{ctx}: cancel of {r:?}: {body}");
        if status == 200 {
            self.requests[index].state = "cancelled";
            assert_eq!(body["state"], "cancelled", "{ctx}: {body}");
        }
    }

    /// `revoke`, `suspend` or `reinstate` by the admin.
    async fn change(&mut self, index: usize, what: &str, ctx: &str) {
        let r = &self.requests[index];
        let next = match (what, r.state) {
            ("revoke", "active" | "suspended") => Some("revoked"),
            ("suspend", "active") => Some("suspended"),
            ("reinstate", "suspended") => Some("active"),
            _ => None,
        };
        let (status, body) = self
            .api
            .change(&self.admin, r.id, what, "Decided at random.")
            .await;
        match next {
            Some(next) => {
                assert_eq!(status, 200, "{ctx}: {what} of {r:?}: {body}");
                assert_eq!(body["state"], next, "{ctx}: {body}");
                if let Some(expires) = r.expires_ms {
                    assert_eq!(
                        ms_of(body["expires_at"].as_str().unwrap()),
                        expires,
                        "{ctx}: the end never moves: {body}"
                    );
                }
                self.requests[index].state = next;
            }
            None => assert_eq!(status, 409, "{ctx}: {what} of {r:?}: {body}"),
        }
    }

    async fn enforce(&mut self, hours: i64, ctx: &str) {
        self.clock = self.clock.max(now_ms()) + hours * HOUR_MS;
        let at = self.clock;
        let mut expired = 0;
        let mut lapsed = 0;
        for r in &mut self.requests {
            let ended = r.expires_ms.is_some_and(|end| end <= at);
            if matches!(r.state, "active" | "suspended") && ended {
                r.state = "expired";
                expired += 1;
            } else if r.state == "pending" && r.lapses_ms <= at {
                r.state = "lapsed";
                lapsed += 1;
            }
        }
        let report = self.api.enforce(at).await;
        assert_eq!(
            (report.expired, report.lapsed),
            (expired, lapsed),
            "{ctx}: {report:?}"
        );
    }

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
