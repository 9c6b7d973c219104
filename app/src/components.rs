//! Pieces shared by pages.

pub mod audit_link;
pub mod charts;
#[cfg(feature = "ssr")]
pub mod csp;
pub mod feedback;
pub mod file_text;
pub mod form_fields;
pub mod import_report;
pub mod layout;
pub mod network;
pub mod pager;
pub mod permitted;
pub mod person_form;
