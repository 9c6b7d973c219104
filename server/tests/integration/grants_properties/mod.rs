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

mod generator;
mod model;
mod races;
mod random;
