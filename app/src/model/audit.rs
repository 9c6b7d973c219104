//! What the audit page and the API see of the audit log.

use super::page::PageInfo;
use serde::{Deserialize, Serialize};

/// One audit entry for display.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntryView {
    pub seq: i64,
    /// RFC 3339, UTC.
    pub at: String,
    /// `user:<id>`, `cli` or `system`.
    pub actor: String,
    /// The actor's e-mail address when the actor is a user.
    pub actor_email: Option<String>,
    pub action: String,
    pub subject: String,
    /// A JSON object.
    pub details: String,
}

/// Filters of the audit page (all optional).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Exact action, e.g. `user.invited`.
    pub action: Option<String>,
    /// Exact actor, e.g. `user:3`.
    pub actor: Option<String>,
    /// Exact subject, e.g. `person:12`.
    pub subject: Option<String>,
    /// 1-based page.
    pub page: u32,
}

/// The result of checking the whole chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChainStatus {
    Intact { entries: i64, head_hash: String },
    Broken { seq: i64, reason: String },
}

/// The audit page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntryView>,
    pub page: PageInfo,
    pub chain: ChainStatus,
    /// Every action that occurs in the log, for the filter.
    pub actions: Vec<String>,
}
