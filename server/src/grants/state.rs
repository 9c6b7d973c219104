//! The life of an access request: which events move it from which state. Pure: no I/O, no clock.
//!
//! ```text
//! pending                      --approve-->   approved --activate--> active
//! pending                      --deny-->      denied
//! pending                      --cancel-->    cancelled
//! pending                      --lapse-->     lapsed
//! active | suspended           --expire-->    expired
//! approved | active | suspended --revoke-->   revoked
//! approved | active            --suspend-->   suspended --reinstate--> active
//! ```
//!
//! Expired, revoked, denied, cancelled and lapsed are final: a request that ended is never
//! revived; access is asked for again with a new request, so its history stays readable.

use super::policy::{rules, Refusal};
use clearance_app::model::grants::GrantState;

/// Something that happens to a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// The approvals became sufficient.
    Approve,
    /// The access was put in place (at once after approval).
    Activate,
    /// A reviewer said no.
    Deny,
    /// The requester (or an administrator) withdrew it before review.
    Cancel,
    /// Nobody reviewed it in time.
    Lapse,
    /// Its duration ran out.
    Expire,
    /// Access was taken away for good.
    Revoke,
    /// Access was paused on risk, pending a look.
    Suspend,
    /// A suspension was lifted.
    Reinstate,
}

impl Event {
    /// The past participle, for messages ("it can no longer be approved").
    pub fn verb(self) -> &'static str {
        match self {
            Event::Approve => "approved",
            Event::Activate => "activated",
            Event::Deny => "denied",
            Event::Cancel => "cancelled",
            Event::Lapse => "lapsed",
            Event::Expire => "expired",
            Event::Revoke => "revoked",
            Event::Suspend => "suspended",
            Event::Reinstate => "reinstated",
        }
    }
}

/// The state `event` moves a request in state `from` to, or a `state` conflict when it may not.
pub fn next(from: GrantState, event: Event) -> Result<GrantState, Refusal> {
    use GrantState as S;
    let to = match (from, event) {
        (S::Pending, Event::Approve) => S::Approved,
        (S::Approved, Event::Activate) => S::Active,
        (S::Pending, Event::Deny) => S::Denied,
        (S::Pending, Event::Cancel) => S::Cancelled,
        (S::Pending, Event::Lapse) => S::Lapsed,
        (S::Active | S::Suspended, Event::Expire) => S::Expired,
        (S::Approved | S::Active | S::Suspended, Event::Revoke) => S::Revoked,
        (S::Approved | S::Active, Event::Suspend) => S::Suspended,
        (S::Suspended, Event::Reinstate) => S::Active,
        _ => {
            return Err(Refusal::conflict(
                rules::STATE,
                format!(
                    "This request is {}: it can no longer be {}.",
                    from.label().to_lowercase(),
                    event.verb()
                ),
            ))
        }
    };
    Ok(to)
}

#[cfg(test)]
mod tests;
