//! One file per page.

pub mod account;
pub mod audit;
pub mod home;
pub mod invite;
pub mod login;
pub mod not_found;
pub mod users;
