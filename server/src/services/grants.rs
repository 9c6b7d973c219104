//! Repository access: the registry, requests and reviews, the grants they become, suspension on
//! risk, and the enforcement pass. The rules themselves are the pure `crate::grants`.

mod enforcement;
pub(super) mod facts;
mod lifecycle;
mod mails;
mod port;
mod reads;
mod repositories;
mod requests;
mod reviews;
mod risk;
pub(super) mod transition;
pub(super) mod views;

pub use enforcement::EnforcementReport;
pub use mails::{
    SUBJECT_DECIDED, SUBJECT_DIGEST, SUBJECT_REMINDER_1D, SUBJECT_REMINDER_7D, SUBJECT_SUSPENDED,
};
pub use reads::desired_state_csv;
