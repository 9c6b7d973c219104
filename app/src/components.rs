//! Pieces shared by pages.

#[cfg(feature = "ssr")]
pub mod csp;
pub mod feedback;
pub mod layout;
pub mod network;
pub mod pager;
