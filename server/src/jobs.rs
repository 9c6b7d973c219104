//! Background work.
pub mod mail_worker;
