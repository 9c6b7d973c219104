//! The use cases the server implements for the server functions (compiled only with `ssr`).
//! `app` never touches the database or a secret; it calls these traits, which the server
//! provides through Leptos context.

use crate::model::audit::{AuditFilter, AuditPage};
use crate::model::campaigns::{
    CampaignCreated, CampaignItemView, CampaignItemsPage, CampaignView, CampaignsPage, Dashboard,
    ItemsQuery, NewCampaign,
};
use crate::model::error::AppError;
use crate::model::grants::{
    AccessOverview, AccessRequestPage, AccessRequestView, DesiredState, GrantsPage, GrantsQuery,
    NewAccessRequest, NewRepository, PersonAccess, PolicyPreview, RepositoriesPage,
    RepositoryChanges, RepositoryPage, RepositoryView, RequestCreated, RequestFormData, RevokedAll,
};
use crate::model::person::{
    CreatedPerson, DecisionView, ImportJobView, PeoplePage, PeopleQuery, PersonPage, PersonView,
    ScreeningView,
};
use crate::model::person_form::{PersonDraft, PersonForm};
use crate::model::profile::ProfileDocument;
use crate::model::request::RequestContext;
use crate::model::user::{InviteDetails, InviteSummary, UsersPage};
use crate::model::watchlists::{ListVersionView, NewListVersion, WatchlistsPage};
use async_trait::async_trait;
use std::sync::Arc;

/// A `Set-Cookie` header value that starts, renews or ends the browser session.
#[derive(Clone, Debug)]
pub struct SessionCookie(pub String);

#[async_trait]
pub trait AuthPort: Send + Sync {
    async fn sign_in(
        &self,
        req: &RequestContext,
        email: &str,
        password: &str,
    ) -> Result<SessionCookie, AppError>;
    async fn sign_out(&self, req: &RequestContext) -> Result<SessionCookie, AppError>;
    /// Changes the password, ends every other session and returns a new cookie for this one.
    async fn change_password(
        &self,
        req: &RequestContext,
        current: &str,
        new: &str,
        confirm: &str,
    ) -> Result<SessionCookie, AppError>;
}

#[async_trait]
pub trait UsersPort: Send + Sync {
    async fn list(&self, req: &RequestContext, page: u32) -> Result<UsersPage, AppError>;
    async fn invite(
        &self,
        req: &RequestContext,
        email: &str,
        role: &str,
    ) -> Result<InviteSummary, AppError>;
    async fn revoke_invite(&self, req: &RequestContext, invite_id: i64) -> Result<(), AppError>;
    async fn change_role(
        &self,
        req: &RequestContext,
        user_id: i64,
        role: &str,
    ) -> Result<(), AppError>;
    async fn set_disabled(
        &self,
        req: &RequestContext,
        user_id: i64,
        disabled: bool,
    ) -> Result<(), AppError>;
    async fn invite_details(
        &self,
        req: &RequestContext,
        token: &str,
    ) -> Result<InviteDetails, AppError>;
    /// Creates the account, signs the person in and returns their session cookie.
    async fn accept_invite(
        &self,
        req: &RequestContext,
        token: &str,
        password: &str,
        confirm: &str,
    ) -> Result<SessionCookie, AppError>;
}

#[async_trait]
pub trait AuditPort: Send + Sync {
    async fn page(&self, req: &RequestContext, filter: AuditFilter) -> Result<AuditPage, AppError>;
}

#[async_trait]
pub trait PeoplePort: Send + Sync {
    async fn search(
        &self,
        req: &RequestContext,
        query: PeopleQuery,
    ) -> Result<PeoplePage, AppError>;
    async fn page(&self, req: &RequestContext, id: i64) -> Result<PersonPage, AppError>;
    async fn create(
        &self,
        req: &RequestContext,
        doc: ProfileDocument,
    ) -> Result<CreatedPerson, AppError>;
    /// Applies the edit form to the stored document and saves it, unless someone else saved a
    /// version after `version` (the one the form was filled from).
    async fn update_from_form(
        &self,
        req: &RequestContext,
        id: i64,
        version: i64,
        form: PersonForm,
    ) -> Result<PersonView, AppError>;
    async fn decide(
        &self,
        req: &RequestContext,
        person_id: i64,
        decision: &str,
        reason: &str,
    ) -> Result<DecisionView, AppError>;
    async fn dismiss(
        &self,
        req: &RequestContext,
        finding_id: i64,
        reason: &str,
    ) -> Result<ScreeningView, AppError>;
    /// Marks a watch-list match (KNOWN-*) as a true match; it stays open.
    async fn confirm_match(
        &self,
        req: &RequestContext,
        finding_id: i64,
        reason: &str,
    ) -> Result<ScreeningView, AppError>;
    /// Checks and validates the data, then imports it in the background; returns the number of
    /// the import, whose progress [`PeoplePort::import_job`] reads. `format`: `json` (array or
    /// JSON lines) or `csv`.
    async fn start_import(
        &self,
        req: &RequestContext,
        format: &str,
        text: &str,
    ) -> Result<i64, AppError>;
    /// An import's progress, then its report or why it failed (its starter and admins only).
    async fn import_job(&self, req: &RequestContext, id: i64) -> Result<ImportJobView, AppError>;
    /// Keeps what was typed into a refused form (JavaScript off), bank and ID numbers removed.
    async fn save_draft(
        &self,
        req: &RequestContext,
        key: &str,
        draft: PersonDraft,
    ) -> Result<(), AppError>;
    /// The caller's own draft of `key`, if recent.
    async fn draft(&self, req: &RequestContext, key: &str)
        -> Result<Option<PersonDraft>, AppError>;
    async fn clear_draft(&self, req: &RequestContext, key: &str) -> Result<(), AppError>;
}

/// Repositories, access requests and grants. Every refusal by a policy rule is
/// [`AppError::Policy`] (422) or [`AppError::NotPermitted`] (403) naming the rule.
#[async_trait]
pub trait GrantsPort: Send + Sync {
    async fn repositories(
        &self,
        req: &RequestContext,
        page: u32,
    ) -> Result<RepositoriesPage, AppError>;
    async fn create_repository(
        &self,
        req: &RequestContext,
        new: NewRepository,
    ) -> Result<RepositoryView, AppError>;
    async fn repository(&self, req: &RequestContext, id: i64) -> Result<RepositoryPage, AppError>;
    /// Changes provider, tier, description and owners (pending requests keep the approvals
    /// they were asked with; new requests follow the new tier).
    async fn update_repository(
        &self,
        req: &RequestContext,
        id: i64,
        changes: RepositoryChanges,
    ) -> Result<RepositoryView, AppError>;
    /// The repositories to choose from, and the named person's screening.
    async fn request_form(
        &self,
        req: &RequestContext,
        person_id: Option<i64>,
    ) -> Result<RequestFormData, AppError>;
    /// What the policy would say of this request: approvals needed, maximum duration, blockers.
    async fn preview_request(
        &self,
        req: &RequestContext,
        new: NewAccessRequest,
    ) -> Result<PolicyPreview, AppError>;
    async fn request_access(
        &self,
        req: &RequestContext,
        new: NewAccessRequest,
    ) -> Result<RequestCreated, AppError>;
    async fn access_request(
        &self,
        req: &RequestContext,
        id: i64,
    ) -> Result<AccessRequestPage, AppError>;
    /// The viewer's requests and the queue they may review.
    async fn access_overview(&self, req: &RequestContext) -> Result<AccessOverview, AppError>;
    /// `decision`: `approve` or `deny`.
    async fn review(
        &self,
        req: &RequestContext,
        id: i64,
        decision: &str,
        comment: &str,
    ) -> Result<AccessRequestView, AppError>;
    async fn cancel_request(
        &self,
        req: &RequestContext,
        id: i64,
    ) -> Result<AccessRequestView, AppError>;
    async fn grants(
        &self,
        req: &RequestContext,
        query: GrantsQuery,
    ) -> Result<GrantsPage, AppError>;
    async fn revoke_grant(
        &self,
        req: &RequestContext,
        id: i64,
        reason: &str,
    ) -> Result<AccessRequestView, AppError>;
    async fn suspend_grant(
        &self,
        req: &RequestContext,
        id: i64,
        reason: &str,
    ) -> Result<AccessRequestView, AppError>;
    async fn reinstate_grant(
        &self,
        req: &RequestContext,
        id: i64,
        reason: &str,
    ) -> Result<AccessRequestView, AppError>;
    /// The kill switch: revokes every grant of the person and cancels their pending requests.
    async fn revoke_all_access(
        &self,
        req: &RequestContext,
        person_id: i64,
        reason: &str,
    ) -> Result<RevokedAll, AppError>;
    async fn person_access(
        &self,
        req: &RequestContext,
        person_id: i64,
    ) -> Result<PersonAccess, AppError>;
    async fn desired_state(
        &self,
        req: &RequestContext,
        repository_id: i64,
    ) -> Result<DesiredState, AppError>;
}

/// Quarterly access reviews and the founders' dashboard.
#[async_trait]
pub trait CampaignsPort: Send + Sync {
    async fn campaigns(&self, req: &RequestContext) -> Result<CampaignsPage, AppError>;
    /// Snapshots every live grant as an item and assigns each a reviewer.
    async fn start_campaign(
        &self,
        req: &RequestContext,
        new: NewCampaign,
    ) -> Result<CampaignCreated, AppError>;
    async fn campaign(&self, req: &RequestContext, id: i64) -> Result<CampaignView, AppError>;
    async fn campaign_items(
        &self,
        req: &RequestContext,
        id: i64,
        query: ItemsQuery,
    ) -> Result<CampaignItemsPage, AppError>;
    /// `decision`: `certify` or `revoke` (a revocation needs a reason and takes effect at once).
    async fn decide_item(
        &self,
        req: &RequestContext,
        item_id: i64,
        decision: &str,
        reason: &str,
    ) -> Result<CampaignItemView, AppError>;
    async fn sign_off(&self, req: &RequestContext, id: i64) -> Result<CampaignView, AppError>;
    async fn dashboard(&self, req: &RequestContext) -> Result<Dashboard, AppError>;
}

/// Watch lists: their versions, and importing a new one.
#[async_trait]
pub trait WatchlistsPort: Send + Sync {
    async fn watchlists(&self, req: &RequestContext, page: u32)
        -> Result<WatchlistsPage, AppError>;
    /// Parses, stores and activates a new version of `source`; a malformed file changes nothing.
    async fn import_watchlist(
        &self,
        req: &RequestContext,
        source: &str,
        upload: NewListVersion,
    ) -> Result<ListVersionView, AppError>;
}

/// Everything the server functions need, provided once per request.
#[derive(Clone)]
pub struct Ports {
    pub auth: Arc<dyn AuthPort>,
    pub users: Arc<dyn UsersPort>,
    pub audit: Arc<dyn AuditPort>,
    pub people: Arc<dyn PeoplePort>,
    pub grants: Arc<dyn GrantsPort>,
    pub campaigns: Arc<dyn CampaignsPort>,
    pub watchlists: Arc<dyn WatchlistsPort>,
}
