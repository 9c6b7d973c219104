//! Outgoing mail: templates, delivery, retry policy.
pub mod retry;
pub mod templates;
pub mod transport;
