//! The tamper-evident audit log's pure core.
pub mod chain;
