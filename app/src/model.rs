//! Types shared by server and browser: validated values, DTOs, the authorization table, errors.
//! Plain data and pure functions only.

pub mod access;
pub mod audit;
pub mod campaigns;
pub mod email;
pub mod error;
pub mod grants;
pub mod page;
pub mod person;
pub mod person_form;
pub mod profile;
pub mod request;
pub mod role;
pub mod user;
pub mod watchlists;
