//! The model of the random test: one app with HR, three security leads, an admin, people and a
//! repository per tier, and what the model predicts of each action (status, rule, new state),
//! asserted against the API's answer as the step is taken.

use super::generator::{Action, HR, LEADS, PEOPLE, PERMISSIONS, TIERS, UNDECIDED};
use crate::common::TestApp;
use crate::grants_support::*;

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
pub(super) struct Tracked {
    pub(super) id: i64,
    requester: usize,
    person: usize,
    repository: usize,
    required: usize,
    pub(super) state: &'static str,
    pub(super) reviewers: Vec<usize>,
    pub(super) approvals: usize,
    lapses_ms: i64,
    expires_ms: Option<i64>,
}

pub(super) struct World {
    pub(super) api: Api,
    pub(super) actors: Vec<User>,
    pub(super) admin: User,
    people: Vec<i64>,
    repositories: Vec<i64>,
    pub(super) requests: Vec<Tracked>,
    /// The enforcement clock: only moves forward, and is never behind the real one.
    clock: i64,
}

impl World {
    pub(super) async fn new(app: TestApp) -> World {
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

    pub(super) async fn step(&mut self, first: usize, action: &Action, ctx: &str) -> Option<usize> {
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
}
