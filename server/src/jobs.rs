//! Background work.
pub mod grant_enforcer;
pub mod mail_worker;
pub mod rules_refresh;
pub mod watchlist_rescreen;
