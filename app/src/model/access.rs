//! The authorization table: every operation the product offers, and who may perform it.
//!
//! This is the single source of truth (SECURITY.md D1). Server functions and REST routes name
//! the [`Operation`] they perform and the server checks it against this table before doing
//! anything; the authorization-matrix test walks every endpoint for every role against it.

use super::role::Role;
use serde::{Deserialize, Serialize};

/// Who may perform an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Anyone, signed in or not (signing in, accepting an invite).
    Anyone,
    /// Any signed-in user, whatever the role (their own account).
    SignedIn,
    /// Signed-in users holding one of these roles.
    Roles(&'static [Role]),
}

/// Every operation, by what it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Operation {
    /// Who is signed in (the navigation asks on every page).
    WhoAmI,
    SignIn,
    SignOut,
    ViewOwnAccount,
    ChangeOwnPassword,
    ViewInvite,
    AcceptInvite,
    ListUsers,
    InviteUser,
    RevokeInvite,
    ChangeUserRole,
    DisableUser,
    EnableUser,
    ViewAuditLog,
    ViewPeople,
    EditPeople,
    DecideScreening,
    /// Dismiss a false positive; also the verdict on a watch-list match (true or false).
    DismissFinding,
    /// The repository registry, grants, requests, a person's access, desired state.
    ViewAccess,
    /// Register and edit repositories.
    ManageRepositories,
    /// Ask for access for a person (and cancel one's own pending request).
    RequestAccess,
    /// Approve or deny access requests.
    ReviewAccess,
    /// Revoke, suspend and reinstate grants; revoke everything a person holds.
    RevokeAccess,
    /// Campaigns, their progress and items.
    ViewCampaigns,
    /// Start a quarterly access review.
    StartCampaign,
    /// Certify or revoke an item (the assigned reviewer; admins may decide any).
    DecideCampaignItem,
    /// Sign a finished campaign off.
    SignOffCampaign,
    /// Download evidence: campaign CSV and report, audit-log exports.
    ExportEvidence,
    /// The founders' dashboard.
    ViewDashboard,
    /// Watch-list sources, their versions and re-screening progress.
    ViewWatchlists,
    /// Import a new version of a watch list.
    ImportWatchlist,
}

use Role::*;

const ADMIN_ONLY: &[Role] = &[Admin];
const AUDIT_READERS: &[Role] = &[Admin, Auditor];
const PEOPLE_READERS: &[Role] = &[Admin, SecurityLead, Hr, Auditor];
const PEOPLE_EDITORS: &[Role] = &[Admin, Hr];
const FINDING_REVIEWERS: &[Role] = &[Admin, SecurityLead];
const ACCESS_READERS: &[Role] = &[Admin, SecurityLead, Hr, Auditor];
const ACCESS_MANAGERS: &[Role] = &[Admin, SecurityLead];
const ACCESS_REQUESTERS: &[Role] = &[Admin, SecurityLead, Hr];
const ACCESS_REVIEWERS: &[Role] = &[SecurityLead];
const CAMPAIGN_READERS: &[Role] = &[Admin, SecurityLead, Auditor];
const CAMPAIGN_REVIEWERS: &[Role] = &[Admin, SecurityLead];
const WATCHLIST_READERS: &[Role] = &[Admin, SecurityLead, Hr, Auditor];
const WATCHLIST_IMPORTERS: &[Role] = &[Admin, SecurityLead];

impl Operation {
    pub const ALL: [Operation; 31] = [
        Operation::WhoAmI,
        Operation::SignIn,
        Operation::SignOut,
        Operation::ViewOwnAccount,
        Operation::ChangeOwnPassword,
        Operation::ViewInvite,
        Operation::AcceptInvite,
        Operation::ListUsers,
        Operation::InviteUser,
        Operation::RevokeInvite,
        Operation::ChangeUserRole,
        Operation::DisableUser,
        Operation::EnableUser,
        Operation::ViewAuditLog,
        Operation::ViewPeople,
        Operation::EditPeople,
        Operation::DecideScreening,
        Operation::DismissFinding,
        Operation::ViewAccess,
        Operation::ManageRepositories,
        Operation::RequestAccess,
        Operation::ReviewAccess,
        Operation::RevokeAccess,
        Operation::ViewCampaigns,
        Operation::StartCampaign,
        Operation::DecideCampaignItem,
        Operation::SignOffCampaign,
        Operation::ExportEvidence,
        Operation::ViewDashboard,
        Operation::ViewWatchlists,
        Operation::ImportWatchlist,
    ];

    /// The table itself.
    pub fn audience(self) -> Audience {
        match self {
            Operation::WhoAmI
            | Operation::SignIn
            | Operation::ViewInvite
            | Operation::AcceptInvite => Audience::Anyone,
            Operation::SignOut | Operation::ViewOwnAccount | Operation::ChangeOwnPassword => {
                Audience::SignedIn
            }
            Operation::ListUsers
            | Operation::InviteUser
            | Operation::RevokeInvite
            | Operation::ChangeUserRole
            | Operation::DisableUser
            | Operation::EnableUser => Audience::Roles(ADMIN_ONLY),
            Operation::ViewAuditLog => Audience::Roles(AUDIT_READERS),
            Operation::ViewPeople => Audience::Roles(PEOPLE_READERS),
            // HR enters people and records decisions; admins (founders) may too.
            Operation::EditPeople | Operation::DecideScreening => Audience::Roles(PEOPLE_EDITORS),
            // A false positive is dismissed by security, not by the person who screens.
            Operation::DismissFinding => Audience::Roles(FINDING_REVIEWERS),
            Operation::ViewAccess => Audience::Roles(ACCESS_READERS),
            Operation::ManageRepositories | Operation::RevokeAccess => {
                Audience::Roles(ACCESS_MANAGERS)
            }
            Operation::RequestAccess => Audience::Roles(ACCESS_REQUESTERS),
            // Approvals count distinct security leads (Teleport-style reviewers); founders revoke.
            Operation::ReviewAccess => Audience::Roles(ACCESS_REVIEWERS),
            Operation::ViewCampaigns => Audience::Roles(CAMPAIGN_READERS),
            // Founders run the quarterly review and answer for it.
            Operation::StartCampaign | Operation::SignOffCampaign | Operation::ViewDashboard => {
                Audience::Roles(ADMIN_ONLY)
            }
            Operation::DecideCampaignItem => Audience::Roles(CAMPAIGN_REVIEWERS),
            Operation::ViewWatchlists => Audience::Roles(WATCHLIST_READERS),
            // A list decides who is held: only those who answer for security change it.
            Operation::ImportWatchlist => Audience::Roles(WATCHLIST_IMPORTERS),
            // Evidence is for whoever answers to an auditor, and the auditor.
            Operation::ExportEvidence => Audience::Roles(AUDIT_READERS),
        }
    }

    /// Whether a caller with this role (`None`: not signed in) may perform the operation.
    pub fn permits(self, role: Option<Role>) -> bool {
        match (self.audience(), role) {
            (Audience::Anyone, _) => true,
            (Audience::SignedIn, Some(_)) => true,
            (Audience::Roles(roles), Some(role)) => roles.contains(&role),
            (_, None) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anonymous_callers_may_only_sign_in_and_accept_invites() {
        let open: Vec<_> = Operation::ALL
            .into_iter()
            .filter(|op| op.permits(None))
            .collect();
        assert_eq!(
            open,
            [
                Operation::WhoAmI,
                Operation::SignIn,
                Operation::ViewInvite,
                Operation::AcceptInvite
            ]
        );
    }

    #[test]
    fn only_admins_manage_users() {
        for op in [
            Operation::ListUsers,
            Operation::InviteUser,
            Operation::ChangeUserRole,
            Operation::DisableUser,
        ] {
            for role in Role::ALL {
                assert_eq!(op.permits(Some(role)), role == Admin, "{op:?} for {role}");
            }
        }
    }

    #[test]
    fn auditors_read_the_audit_log_but_hr_does_not() {
        assert!(Operation::ViewAuditLog.permits(Some(Auditor)));
        assert!(!Operation::ViewAuditLog.permits(Some(Hr)));
        assert!(!Operation::ViewAuditLog.permits(Some(SecurityLead)));
    }

    #[test]
    fn hr_screens_people_and_security_leads_dismiss_findings() {
        assert!(
            Operation::EditPeople.permits(Some(Hr)) && Operation::DecideScreening.permits(Some(Hr))
        );
        assert!(
            !Operation::EditPeople.permits(Some(Auditor))
                && !Operation::EditPeople.permits(Some(SecurityLead))
        );
        assert!(
            Operation::DismissFinding.permits(Some(SecurityLead))
                && !Operation::DismissFinding.permits(Some(Hr))
        );
        assert!(
            Operation::ViewPeople.permits(Some(Auditor)) && !Operation::ViewPeople.permits(None)
        );
    }

    #[test]
    fn only_security_leads_review_access_and_auditors_only_read_it() {
        for role in Role::ALL {
            assert_eq!(
                Operation::ReviewAccess.permits(Some(role)),
                role == SecurityLead
            );
        }
        assert!(Operation::ViewAccess.permits(Some(Auditor)));
        assert!(!Operation::RequestAccess.permits(Some(Auditor)));
        assert!(Operation::RequestAccess.permits(Some(Hr)));
        assert!(!Operation::RevokeAccess.permits(Some(Hr)));
        assert!(Operation::RevokeAccess.permits(Some(Admin)));
    }

    #[test]
    fn founders_run_campaigns_reviewers_decide_and_auditors_take_the_evidence() {
        for role in Role::ALL {
            assert_eq!(Operation::StartCampaign.permits(Some(role)), role == Admin);
            assert_eq!(
                Operation::SignOffCampaign.permits(Some(role)),
                role == Admin
            );
            assert_eq!(Operation::ViewDashboard.permits(Some(role)), role == Admin);
        }
        assert!(Operation::DecideCampaignItem.permits(Some(SecurityLead)));
        assert!(!Operation::DecideCampaignItem.permits(Some(Auditor)));
        assert!(Operation::ExportEvidence.permits(Some(Auditor)));
        assert!(!Operation::ExportEvidence.permits(Some(Hr)));
        assert!(!Operation::ViewCampaigns.permits(Some(Hr)));
    }

    #[test]
    fn every_signed_in_user_manages_their_own_account() {
        for role in Role::ALL {
            assert!(Operation::ChangeOwnPassword.permits(Some(role)));
            assert!(Operation::SignOut.permits(Some(role)));
        }
    }
}
