//! The random sequences: the actions a step can take (requests by HR or a security lead, reviews,
//! self-reviews, cancellations, revocations, suspensions, reinstatements, enforcement passes),
//! their weights, and proptest's deterministic runner that makes the same sequences every run.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

/// Random sequences per run, and their lengths.
pub(super) const CASES: usize = 12;
const STEPS: std::ops::RangeInclusive<usize> = 8..=14;

pub(super) const PERMISSIONS: [&str; 5] = ["read", "triage", "write", "maintain", "admin"];
pub(super) const TIERS: [&str; 3] = ["standard", "sensitive", "critical"];
/// `actors[0]` is HR; `actors[1..=3]` are the security leads. All four may request.
pub(super) const HR: usize = 0;
pub(super) const LEADS: usize = 3;
/// People 0..3 are cleared; person 3 has no decision.
pub(super) const PEOPLE: usize = 4;
pub(super) const UNDECIDED: usize = 3;

#[derive(Clone, Debug)]
pub(super) enum Action {
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
pub(super) fn generated_cases() -> Vec<Vec<Action>> {
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
