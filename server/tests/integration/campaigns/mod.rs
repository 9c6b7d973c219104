//! Quarterly access reviews ("campaigns") through the REST API: starting one snapshots every live
//! grant with an assigned reviewer, reviewers certify or revoke (a revocation ends the grant at
//! once), an admin signs the finished campaign off and the audit chain's head is sealed into it;
//! reminders and the due-date revocation run in the enforcement pass with a chosen clock; items
//! flag grants that outlive their screening; and the founders' dashboard counts what exists.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod dashboard;
mod due_date;
mod life;
mod reminders;
mod screening;
mod support;
mod validation;

// The helpers, at `crate::campaigns::…` for audit_evidence.rs too.
pub use support::*;
