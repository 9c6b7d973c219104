//! Code-repository access: repositories, access requests and the grants they become.
//!
//! One access request is one row through its whole life: it is *pending* while reviewers decide,
//! then *approved* and at once *active* until it *expires* or is *revoked* (or *suspended* on risk
//! in between); a pending request can instead be *denied*, *cancelled* or *lapse*. A "grant" is a
//! request that was approved.

use super::page::PageInfo;
use serde::{Deserialize, Serialize};

mod kinds;
pub use kinds::{GrantState, Permission, Provider, ReviewDecision, Tier};

/// A security lead who owns a repository.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerView {
    pub user_id: i64,
    pub email: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepositoryView {
    pub id: i64,
    /// `org/name`.
    pub name: String,
    pub provider: Provider,
    pub tier: Tier,
    pub description: String,
    pub owners: Vec<OwnerView>,
    /// Grants active or suspended now.
    pub live_grants: i64,
    pub created_at: String,
}

/// A new repository (the form and `POST /api/v1/repositories`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRepository {
    pub name: String,
    pub provider: String,
    pub tier: String,
    #[serde(default)]
    pub description: String,
    /// E-mail addresses of security leads who own it (optional).
    #[serde(default)]
    pub owners: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepositoriesPage {
    pub repositories: Vec<RepositoryView>,
    pub page: PageInfo,
    /// The viewer may register repositories.
    pub may_manage: bool,
}

/// A request for access (the form and `POST /api/v1/access-requests`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAccessRequest {
    pub person_id: i64,
    pub repository_id: i64,
    pub permission: String,
    pub duration_days: i64,
    #[serde(default)]
    pub justification: String,
}

/// A policy rule that blocks something, and what would satisfy it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyBlocker {
    /// Stable rule id, e.g. `screening.cleared` (the README lists them).
    pub rule: String,
    pub message: String,
}

/// What the policy says of a request before it is made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyPreview {
    pub approvals_required: u8,
    pub max_duration_days: i64,
    /// Empty when the request may be made.
    pub blockers: Vec<PolicyBlocker>,
    pub screening: ScreeningBrief,
}

/// What a reviewer needs to know of the person's screening, beside each request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreeningBrief {
    pub person_id: i64,
    pub person_name: String,
    pub band: String,
    pub score: i64,
    /// The latest decision (`cleared`, `rejected`, `needs_info`), if any.
    pub decision: Option<String>,
    pub decided_at: Option<String>,
    /// Until when a clearance counts (decision + the configured age).
    pub valid_until: Option<String>,
    /// Indicator ids of high or critical findings not dismissed, e.g. `KNOWN-01`.
    pub open_serious: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewView {
    pub reviewer: String,
    pub decision: ReviewDecision,
    pub comment: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessRequestView {
    pub id: i64,
    pub state: GrantState,
    pub person_id: i64,
    pub person_name: String,
    /// The person's GitHub login, where the profile has one.
    pub login: Option<String>,
    pub repository_id: i64,
    pub repository: String,
    pub tier: Tier,
    pub permission: Permission,
    pub duration_days: i64,
    pub justification: String,
    pub requested_by: String,
    pub requested_at: String,
    pub approvals_required: u8,
    pub approvals: u8,
    pub reviews: Vec<ReviewView>,
    pub activated_at: Option<String>,
    pub expires_at: Option<String>,
    pub ended_at: Option<String>,
    /// Why it ended or was suspended, in words.
    pub end_reason: Option<String>,
}

/// `POST /api/v1/access-requests` answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestCreated {
    pub id: i64,
    pub state: GrantState,
    pub approvals_required: u8,
}

/// One event of a request's or a person's access history (from the audit log).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at: String,
    pub request_id: i64,
    pub repository: String,
    /// The audit action, e.g. `access.approved`.
    pub action: String,
    pub actor: String,
    pub detail: String,
}

/// The request page: the request, the person's screening, its history, and what the viewer may do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessRequestPage {
    pub request: AccessRequestView,
    pub screening: ScreeningBrief,
    pub timeline: Vec<TimelineEntry>,
    pub may_review: bool,
    pub may_cancel: bool,
    pub may_revoke: bool,
    pub may_suspend: bool,
    pub may_reinstate: bool,
}

/// A request waiting for review, with the person's screening beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueEntry {
    pub request: AccessRequestView,
    pub screening: ScreeningBrief,
}

/// The access page: the viewer's own requests, and for security leads the queue to review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessOverview {
    pub mine: Vec<AccessRequestView>,
    /// Pending requests the viewer may review (not their own, not yet reviewed by them).
    pub to_review: Vec<QueueEntry>,
    pub may_review: bool,
    pub may_request: bool,
}

/// Filters of `GET /api/v1/grants` and the grants list (all optional).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantsQuery {
    pub person_id: Option<i64>,
    pub repository_id: Option<i64>,
    pub state: Option<String>,
    /// Repository tier (`standard`, `sensitive`, `critical`).
    pub tier: Option<String>,
    pub permission: Option<String>,
    /// Only grants ending within this many days (active ones, soonest first).
    pub expires_within_days: Option<i64>,
    pub page: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantsPage {
    pub grants: Vec<AccessRequestView>,
    pub page: PageInfo,
}

/// A repository page: the repository, who has access (live grants), what the viewer may do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepositoryPage {
    pub repository: RepositoryView,
    pub grants: Vec<AccessRequestView>,
    pub pending: Vec<AccessRequestView>,
    pub may_request: bool,
    pub may_export: bool,
    /// The viewer may change its provider, tier, description and owners.
    pub may_manage: bool,
}

/// A change to a registered repository (its name stays: grants and exports refer to it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepositoryChanges {
    pub provider: String,
    pub tier: String,
    #[serde(default)]
    pub description: String,
    /// E-mail addresses of the security leads who own it; replaces the current owners.
    #[serde(default)]
    pub owners: Vec<String>,
}

/// A person's access tab: their requests and grants, and the history of all of them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonAccess {
    pub person_id: i64,
    pub person_name: String,
    pub requests: Vec<AccessRequestView>,
    pub timeline: Vec<TimelineEntry>,
    pub may_request: bool,
    pub may_revoke_all: bool,
}

/// One permission the repository should grant: what to apply to GitHub or GitLab.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesiredGrant {
    pub login: String,
    pub person_id: i64,
    pub permission: Permission,
    pub expires_at: String,
}

/// The "desired state" of a repository's access: every active grant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DesiredState {
    pub repository: String,
    pub provider: Provider,
    pub generated_at: String,
    pub grants: Vec<DesiredGrant>,
    /// Active grants whose person has no login on the profile: they cannot be applied until
    /// one is added.
    pub without_login: Vec<i64>,
}

/// Choices for the request form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestFormData {
    pub repositories: Vec<RepositoryOption>,
    /// The person the form is for, when one was named.
    pub person: Option<ScreeningBrief>,
    /// The people whose screening is cleared (only they can be granted access), by name: the
    /// first [`CLEARED_CHOICES`].
    pub cleared: Vec<PersonOption>,
    /// More people are cleared than `cleared` lists.
    pub more_cleared: bool,
}

/// How many cleared people the request form offers to choose from; anyone else is reached from
/// their own page (Access, then Request access), which names them in the address.
pub const CLEARED_CHOICES: usize = 500;

/// A person the request form offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonOption {
    pub id: i64,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepositoryOption {
    pub id: i64,
    pub name: String,
    pub tier: Tier,
}

/// The answer to revoking everything a person holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevokedAll {
    pub person_id: i64,
    /// Grants revoked (active, approved or suspended).
    pub revoked: usize,
    /// Pending requests cancelled.
    pub cancelled: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_round_trip_and_unknown_ones_name_the_accepted_values() {
        for p in Permission::ALL {
            assert_eq!(Permission::parse(p.as_str()), Ok(*p));
        }
        assert_eq!(Tier::parse(" Critical "), Ok(Tier::Critical));
        let err = Permission::parse("owner").unwrap_err();
        assert!(
            err.contains("read, triage, write, maintain, admin"),
            "{err}"
        );
    }

    #[test]
    fn permissions_and_tiers_are_ordered_weakest_first() {
        assert!(Permission::Read < Permission::Triage && Permission::Write < Permission::Admin);
        assert!(Tier::Standard < Tier::Sensitive && Tier::Sensitive < Tier::Critical);
    }

    #[test]
    fn serde_uses_the_stable_identifiers() {
        assert_eq!(
            serde_json::to_string(&GrantState::Suspended).unwrap(),
            "\"suspended\""
        );
        assert_eq!(
            serde_json::from_str::<ReviewDecision>("\"deny\"").unwrap(),
            ReviewDecision::Deny
        );
    }

    #[test]
    fn only_ended_requests_are_final() {
        assert!(GrantState::Expired.is_final() && GrantState::Lapsed.is_final());
        assert!(!GrantState::Suspended.is_final() && !GrantState::Pending.is_final());
        assert!(GrantState::Suspended.is_live_grant() && !GrantState::Pending.is_live_grant());
    }
}
