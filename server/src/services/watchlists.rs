//! Watch lists in the product (issue 4): importing a version, the in-memory matcher of the
//! active versions that screening reads, and the re-screening pass after a switch.

mod active;
mod import;
mod port;
mod reads;
mod rescreen;

pub use active::WatchlistState;
pub use import::SOURCE_RULE;
pub use rescreen::SUBJECT_NEW_HIT;
