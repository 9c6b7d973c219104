//! The use cases the server implements for the server functions (compiled only with `ssr`).
//! `app` never touches the database or a secret; it calls these traits, which the server
//! provides through Leptos context.

use crate::model::audit::{AuditFilter, AuditPage};
use crate::model::error::AppError;
use crate::model::person::{
    CreatedPerson, DecisionView, ImportJobView, PeoplePage, PeopleQuery, PersonPage, PersonView,
    ScreeningView,
};
use crate::model::person_form::{PersonDraft, PersonForm};
use crate::model::profile::ProfileDocument;
use crate::model::request::RequestContext;
use crate::model::user::{InviteDetails, InviteSummary, UsersPage};
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

/// Everything the server functions need, provided once per request.
#[derive(Clone)]
pub struct Ports {
    pub auth: Arc<dyn AuthPort>,
    pub users: Arc<dyn UsersPort>,
    pub audit: Arc<dyn AuditPort>,
    pub people: Arc<dyn PeoplePort>,
}
