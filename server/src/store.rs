//! Persistence, one module per aggregate. SQL is parameterised and lives beside its table's code.
pub mod audit_log;
pub mod batch;
pub mod db;
pub mod decisions;
pub mod form_drafts;
pub mod import_jobs;
pub mod invites;
pub mod link_index;
pub mod outbox;
pub mod people;
pub mod referrals;
pub mod rescreen_queue;
pub mod screenings;
pub mod throttle;
pub mod users;
