//! Quarterly access reviews: starting a campaign (a snapshot of every live grant, each with an
//! assigned reviewer), certifying or revoking items, sign-off, evidence, reminders and the
//! due-date revocation; and the founders' dashboard. The rules are the pure `crate::audits`.

mod dashboard;
mod decide;
mod enforcement;
mod evidence;
mod mails;
mod port;
mod reads;
mod start;

pub use enforcement::CampaignEnforcement;
pub use evidence::{Download, MAX_EXPORT_ENTRIES};
pub use mails::{SUBJECT_ASSIGNED, SUBJECT_REMINDER};
