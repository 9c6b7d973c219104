//! Every allowed transition, and every other (state, event) pair refused as a `state` conflict.
use super::*;
use crate::grants::policy::RefusalKind;
use clearance_app::model::grants::GrantState as S;

const EVENTS: [Event; 9] = [
    Event::Approve,
    Event::Activate,
    Event::Deny,
    Event::Cancel,
    Event::Lapse,
    Event::Expire,
    Event::Revoke,
    Event::Suspend,
    Event::Reinstate,
];

/// The whole transition table, written out independently of `next`.
const ALLOWED: [(GrantState, Event, GrantState); 13] = [
    (S::Pending, Event::Approve, S::Approved),
    (S::Approved, Event::Activate, S::Active),
    (S::Pending, Event::Deny, S::Denied),
    (S::Pending, Event::Cancel, S::Cancelled),
    (S::Pending, Event::Lapse, S::Lapsed),
    (S::Active, Event::Expire, S::Expired),
    (S::Suspended, Event::Expire, S::Expired),
    (S::Approved, Event::Revoke, S::Revoked),
    (S::Active, Event::Revoke, S::Revoked),
    (S::Suspended, Event::Revoke, S::Revoked),
    (S::Approved, Event::Suspend, S::Suspended),
    (S::Active, Event::Suspend, S::Suspended),
    (S::Suspended, Event::Reinstate, S::Active),
];

fn allowed(from: GrantState, event: Event) -> Option<GrantState> {
    ALLOWED
        .iter()
        .find(|(f, e, _)| *f == from && *e == event)
        .map(|(_, _, to)| *to)
}

#[test]
fn every_allowed_transition_leads_where_it_should() {
    for (from, event, to) in ALLOWED {
        assert_eq!(next(from, event), Ok(to), "{from} --{event:?}-->");
    }
}

#[test]
fn every_other_pair_is_refused_as_a_state_conflict() {
    let mut refused = 0;
    for from in GrantState::ALL {
        for event in EVENTS {
            if allowed(*from, event).is_some() {
                continue;
            }
            let refusal = next(*from, event).unwrap_err();
            assert_eq!(refusal.rule, rules::STATE, "{from} --{event:?}-->");
            assert_eq!(refusal.kind, RefusalKind::Conflict);
            assert!(refusal.message.contains(event.verb()), "{refusal}");
            refused += 1;
        }
    }
    // 9 states x 9 events, 13 of them allowed.
    assert_eq!(refused, 9 * 9 - 13);
}

#[test]
fn final_states_accept_nothing() {
    for from in GrantState::ALL.iter().filter(|s| s.is_final()) {
        for event in EVENTS {
            assert!(next(*from, event).is_err(), "{from} --{event:?}-->");
        }
    }
}

#[test]
fn only_final_states_accept_nothing() {
    for from in GrantState::ALL.iter().filter(|s| !s.is_final()) {
        assert!(
            EVENTS.iter().any(|e| next(*from, *e).is_ok()),
            "{from} is stuck"
        );
    }
}

#[test]
fn the_refusal_names_the_state_and_what_cannot_happen() {
    assert_eq!(
        next(S::Revoked, Event::Reinstate).unwrap_err().message,
        "This request is revoked: it can no longer be reinstated."
    );
    assert_eq!(
        next(S::Pending, Event::Revoke).unwrap_err().message,
        "This request is pending review: it can no longer be revoked."
    );
}

#[test]
fn every_event_has_a_past_participle() {
    let verbs: Vec<&str> = EVENTS.iter().map(|e| e.verb()).collect();
    assert_eq!(
        verbs,
        [
            "approved",
            "activated",
            "denied",
            "cancelled",
            "lapsed",
            "expired",
            "revoked",
            "suspended",
            "reinstated"
        ]
    );
}
