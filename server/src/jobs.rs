//! Background work.
pub mod mail_worker;
pub mod rules_refresh;
