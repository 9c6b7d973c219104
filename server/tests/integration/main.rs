//! Every integration test, in one binary. Each test binary links the whole server and weighs
//! hundreds of megabytes, so twelve of them filled a CI machine's disk; one links once.
//! Run one area with a filter, e.g. `cargo test -p server --test integration auth::`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
mod common;

mod audit_evidence;
mod audit_log;
mod auth;
mod authorization_matrix;
mod campaigns;
mod form_drafts;
mod grants;
mod grants_enforcement;
mod grants_properties;
mod grants_support;
mod hardening;
mod import;
mod invites;
mod mail_outbox;
mod person_edit;
mod personas;
mod repository_changes;
mod rules_refresh;
mod watchlist_review_queue;
mod watchlist_shrink_guard;
mod watchlists;
mod watchlists_page;
