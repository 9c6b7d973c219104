//! Quarterly access reviews ("campaigns"): every live grant is reviewed by a security lead, who
//! certifies or revokes it; an admin signs the campaign off, after which it is read-only and its
//! evidence can be exported. Also the founders' dashboard.

use super::grants::{Permission, ScreeningBrief, Tier};
use super::page::PageInfo;
use serde::{Deserialize, Serialize};

/// Campaign states.
pub const CAMPAIGN_OPEN: &str = "open";
pub const CAMPAIGN_SIGNED_OFF: &str = "signed_off";

/// Item decisions.
pub const CERTIFY: &str = "certify";
pub const REVOKE: &str = "revoke";

/// `POST /api/v1/campaigns` and the start form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCampaign {
    /// `2026-Q4`.
    pub quarter: String,
    /// `YYYY-MM-DD` (UTC, end of that day).
    pub due_date: String,
    /// Revoke every item still undecided when the due date passes.
    #[serde(default)]
    pub revoke_undecided_at_due: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignCreated {
    pub id: i64,
    /// Items snapshotted (one per live grant).
    pub items: i64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub decided: i64,
    pub total: i64,
}

impl Progress {
    /// Whole percent decided (100 for an empty campaign: nothing is left to do).
    pub fn percent(&self) -> i64 {
        if self.total <= 0 {
            100
        } else {
            self.decided * 100 / self.total
        }
    }

    pub fn is_complete(&self) -> bool {
        self.decided >= self.total
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignSummary {
    pub id: i64,
    pub quarter: String,
    pub due_date: String,
    /// `open` or `signed_off`.
    pub state: String,
    pub revoke_undecided_at_due: bool,
    pub created_by: String,
    pub created_at: String,
    pub signed_off_by: Option<String>,
    pub signed_off_at: Option<String>,
    pub progress: Progress,
    /// Items certified / revoked so far.
    pub certified: i64,
    pub revoked: i64,
    /// Open and past its due date.
    pub overdue: bool,
}

/// One reviewer's share of a campaign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewerProgress {
    pub reviewer_id: i64,
    pub reviewer: String,
    pub progress: Progress,
}

/// The campaign page and `GET /api/v1/campaigns/{id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignView {
    pub campaign: CampaignSummary,
    pub reviewers: Vec<ReviewerProgress>,
    /// Audit-log sequence numbers from the campaign's start to its sign-off (or the newest).
    pub first_seq: i64,
    pub last_seq: Option<i64>,
    /// The chain's head hash recorded at sign-off.
    pub head_hash_at_sign_off: Option<String>,
    pub may_sign_off: bool,
    pub may_export: bool,
    /// The viewer has items of their own to decide.
    pub has_own_items: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignsPage {
    pub campaigns: Vec<CampaignSummary>,
    pub may_start: bool,
}

/// One grant under review, with everything the reviewer needs beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignItemView {
    pub id: i64,
    pub campaign_id: i64,
    /// The access request the grant came from.
    pub grant_id: i64,
    /// The grant's state now (it may have expired or been revoked since the snapshot).
    pub grant_state: String,
    pub person_id: i64,
    pub person_name: String,
    pub login: Option<String>,
    pub repository_id: i64,
    pub repository: String,
    pub tier: Tier,
    pub permission: Permission,
    pub granted_at: Option<String>,
    pub expires_at: Option<String>,
    /// E-mail addresses of who approved the grant.
    pub approvers: Vec<String>,
    pub reviewer_id: i64,
    pub reviewer: String,
    /// `certify`, `revoke`, or none yet.
    pub decision: Option<String>,
    pub reason: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub screening: ScreeningBrief,
    /// Days since the screening decision, if any.
    pub screening_age_days: Option<i64>,
    /// The grant ends after the clearance stops counting (or there is no valid clearance).
    pub outlives_screening: bool,
    /// Undecided and past the campaign's due date.
    pub overdue: bool,
    /// The viewer may decide this item now.
    pub may_decide: bool,
}

/// Filters of the items list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemsQuery {
    /// Only items assigned to the viewer.
    pub mine: Option<bool>,
    /// Only undecided items.
    pub open: Option<bool>,
    pub page: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignItemsPage {
    pub items: Vec<CampaignItemView>,
    pub page: PageInfo,
}

/// A number behind a dashboard chart bar, and the list it comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub label: String,
    pub count: i64,
    /// The filtered list this number counts.
    pub href: String,
}

/// The founders' dashboard (the admin home page).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// Active grants by tier, then by permission.
    pub grants_by_tier: Vec<Count>,
    pub grants_by_permission: Vec<Count>,
    /// Active grants ending within 7 and 30 days.
    pub expiring: Vec<Count>,
    pub people_by_band: Vec<Count>,
    /// Open (undismissed) findings on latest screenings, critical then high.
    pub open_findings: Vec<Count>,
    /// Pending requests by how long they have waited.
    pub pending_by_age: Vec<Count>,
    pub oldest_pending_days: Option<i64>,
    /// The newest campaign that is still open, else the newest one.
    pub campaign: Option<CampaignSummary>,
}
