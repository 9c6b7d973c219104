//! Persistence, one module per aggregate. SQL is parameterised and lives beside its table's code.
pub mod audit_log;
pub mod batch;
pub mod db;
pub mod form_drafts;
pub mod import_jobs;
pub mod invites;
pub mod outbox;
pub mod people;
pub mod screenings;
pub mod throttle;
pub mod users;
