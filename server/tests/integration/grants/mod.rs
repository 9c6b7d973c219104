//! Repository access through the REST API: the repository registry, requests refused by the
//! policy (each naming its rule), one and two approvals, four-eyes review, deny, cancel, revoke,
//! suspend and reinstate, the kill switch, the desired state, a person's timeline, and mail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod decisions;
mod exports;
mod lifecycle;
mod policy;
mod repositories;
mod reviews;
