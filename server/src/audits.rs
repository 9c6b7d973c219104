//! Quarterly access-review campaigns and the tamper-evident audit log: their pure cores.
pub mod campaign;
pub mod chain;
pub mod evidence;
pub mod export;
pub mod report;
