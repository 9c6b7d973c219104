//! Server functions, one file per area. Each body gets the ports and the request context and
//! calls one use case; authorization happens in the use case, against `model::access`.

pub mod audit;
pub mod auth;
pub mod campaigns;
#[cfg(feature = "ssr")]
pub mod context;
pub mod grants;
pub mod people;
pub mod users;
pub mod watchlists;

use crate::model::access::Operation;
use leptos::server_fn::ServerFn;

/// Every server function and the operation it performs. The authorization-matrix test checks
/// that this list and the registered server functions are the same set, then calls each one as
/// every role.
pub fn endpoints() -> Vec<(&'static str, Operation)> {
    vec![
        (auth::WhoAmI::PATH, Operation::WhoAmI),
        (auth::SignIn::PATH, Operation::SignIn),
        (auth::SignOut::PATH, Operation::SignOut),
        (auth::ChangePassword::PATH, Operation::ChangeOwnPassword),
        (users::ListUsers::PATH, Operation::ListUsers),
        (users::InviteUser::PATH, Operation::InviteUser),
        (users::RevokeInvite::PATH, Operation::RevokeInvite),
        (users::ChangeRole::PATH, Operation::ChangeUserRole),
        (users::DisableUser::PATH, Operation::DisableUser),
        (users::EnableUser::PATH, Operation::EnableUser),
        (users::GetInvite::PATH, Operation::ViewInvite),
        (users::AcceptInvite::PATH, Operation::AcceptInvite),
        (audit::LoadAuditPage::PATH, Operation::ViewAuditLog),
        (people::ListPeople::PATH, Operation::ViewPeople),
        (people::LoadPersonPage::PATH, Operation::ViewPeople),
        (people::CreatePerson::PATH, Operation::EditPeople),
        (people::UpdatePerson::PATH, Operation::EditPeople),
        (people::LoadPersonDraft::PATH, Operation::EditPeople),
        (people::RecordDecision::PATH, Operation::DecideScreening),
        (people::DismissFinding::PATH, Operation::DismissFinding),
        (people::ConfirmMatch::PATH, Operation::DismissFinding),
        (people::ImportPeople::PATH, Operation::EditPeople),
        (people::ImportStatus::PATH, Operation::EditPeople),
        (grants::ListRepositories::PATH, Operation::ViewAccess),
        (
            grants::CreateRepository::PATH,
            Operation::ManageRepositories,
        ),
        (grants::LoadRepository::PATH, Operation::ViewAccess),
        (
            grants::UpdateRepository::PATH,
            Operation::ManageRepositories,
        ),
        (grants::LoadRequestForm::PATH, Operation::RequestAccess),
        (grants::PreviewAccessRequest::PATH, Operation::RequestAccess),
        (grants::RequestAccess::PATH, Operation::RequestAccess),
        (grants::LoadAccessOverview::PATH, Operation::ViewAccess),
        (grants::LoadAccessRequest::PATH, Operation::ViewAccess),
        (grants::ReviewAccess::PATH, Operation::ReviewAccess),
        (grants::CancelAccessRequest::PATH, Operation::RequestAccess),
        (grants::ListGrants::PATH, Operation::ViewAccess),
        (grants::RevokeGrant::PATH, Operation::RevokeAccess),
        (grants::SuspendGrant::PATH, Operation::RevokeAccess),
        (grants::ReinstateGrant::PATH, Operation::RevokeAccess),
        (grants::RevokeAllAccess::PATH, Operation::RevokeAccess),
        (grants::LoadPersonAccess::PATH, Operation::ViewAccess),
        (campaigns::ListCampaigns::PATH, Operation::ViewCampaigns),
        (campaigns::StartCampaign::PATH, Operation::StartCampaign),
        (campaigns::LoadCampaign::PATH, Operation::ViewCampaigns),
        (campaigns::LoadCampaignItems::PATH, Operation::ViewCampaigns),
        (
            campaigns::DecideCampaignItem::PATH,
            Operation::DecideCampaignItem,
        ),
        (campaigns::SignOffCampaign::PATH, Operation::SignOffCampaign),
        (campaigns::LoadDashboard::PATH, Operation::ViewDashboard),
        (watchlists::ListWatchlists::PATH, Operation::ViewWatchlists),
        (
            watchlists::ImportWatchlist::PATH,
            Operation::ImportWatchlist,
        ),
    ]
}
