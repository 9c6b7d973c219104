//! The access-grant core: the policy that decides who may be granted what (`policy`), the
//! four-eyes rules of review (`review`), and the life of a request (`state`). Pure: plain data in,
//! plain data out; time is passed in as milliseconds since the epoch.
//!
//! A service applies them in this order, in one transaction: the policy when a request is made
//! (and again when it is approved or reinstated, since a screening can change meanwhile), the
//! review rules on every review, and the state machine for every change of state. Each "no" is a
//! [`Refusal`] carrying a stable rule id and a sentence that says what would satisfy the rule.

pub mod policy;
pub mod review;
pub mod state;

pub use policy::{PolicySettings, Refusal, RefusalKind, RequestFacts, ScreeningFacts};

#[cfg(test)]
mod tests;
