//! The port the server functions call; each method is the service of the same name.

use super::super::Services;
use async_trait::async_trait;
use clearance_app::model::error::AppError;
use clearance_app::model::grants::{
    AccessOverview, AccessRequestPage, AccessRequestView, DesiredState, GrantsPage, GrantsQuery,
    NewAccessRequest, NewRepository, PersonAccess, PolicyPreview, RepositoriesPage,
    RepositoryChanges, RepositoryPage, RepositoryView, RequestCreated, RequestFormData, RevokedAll,
};
use clearance_app::model::request::RequestContext;
use clearance_app::ports::GrantsPort;

#[async_trait]
impl GrantsPort for Services {
    async fn repositories(
        &self,
        req: &RequestContext,
        page: u32,
    ) -> Result<RepositoriesPage, AppError> {
        self.list_repositories(req, page).await
    }

    async fn create_repository(
        &self,
        req: &RequestContext,
        new: NewRepository,
    ) -> Result<RepositoryView, AppError> {
        Services::create_repository(self, req, new).await
    }

    async fn repository(&self, req: &RequestContext, id: i64) -> Result<RepositoryPage, AppError> {
        self.repository_page(req, id).await
    }

    async fn update_repository(
        &self,
        req: &RequestContext,
        id: i64,
        changes: RepositoryChanges,
    ) -> Result<RepositoryView, AppError> {
        Services::update_repository(self, req, id, changes).await
    }

    async fn request_form(
        &self,
        req: &RequestContext,
        person_id: Option<i64>,
    ) -> Result<RequestFormData, AppError> {
        Services::request_form(self, req, person_id).await
    }

    async fn preview_request(
        &self,
        req: &RequestContext,
        new: NewAccessRequest,
    ) -> Result<PolicyPreview, AppError> {
        Services::preview_request(self, req, new).await
    }

    async fn request_access(
        &self,
        req: &RequestContext,
        new: NewAccessRequest,
    ) -> Result<RequestCreated, AppError> {
        Services::request_access(self, req, new).await
    }

    async fn access_request(
        &self,
        req: &RequestContext,
        id: i64,
    ) -> Result<AccessRequestPage, AppError> {
        self.access_request_page(req, id).await
    }

    async fn access_overview(&self, req: &RequestContext) -> Result<AccessOverview, AppError> {
        Services::access_overview(self, req).await
    }

    async fn review(
        &self,
        req: &RequestContext,
        id: i64,
        decision: &str,
        comment: &str,
    ) -> Result<AccessRequestView, AppError> {
        self.review_request(req, id, decision, comment).await
    }

    async fn cancel_request(
        &self,
        req: &RequestContext,
        id: i64,
    ) -> Result<AccessRequestView, AppError> {
        Services::cancel_request(self, req, id).await
    }

    async fn grants(
        &self,
        req: &RequestContext,
        query: GrantsQuery,
    ) -> Result<GrantsPage, AppError> {
        self.list_grants(req, query).await
    }

    async fn revoke_grant(
        &self,
        req: &RequestContext,
        id: i64,
        reason: &str,
    ) -> Result<AccessRequestView, AppError> {
        Services::revoke_grant(self, req, id, reason).await
    }

    async fn suspend_grant(
        &self,
        req: &RequestContext,
        id: i64,
        reason: &str,
    ) -> Result<AccessRequestView, AppError> {
        Services::suspend_grant(self, req, id, reason).await
    }

    async fn reinstate_grant(
        &self,
        req: &RequestContext,
        id: i64,
        reason: &str,
    ) -> Result<AccessRequestView, AppError> {
        Services::reinstate_grant(self, req, id, reason).await
    }

    async fn revoke_all_access(
        &self,
        req: &RequestContext,
        person_id: i64,
        reason: &str,
    ) -> Result<RevokedAll, AppError> {
        Services::revoke_all_access(self, req, person_id, reason).await
    }

    async fn person_access(
        &self,
        req: &RequestContext,
        person_id: i64,
    ) -> Result<PersonAccess, AppError> {
        Services::person_access(self, req, person_id).await
    }

    async fn desired_state(
        &self,
        req: &RequestContext,
        repository_id: i64,
    ) -> Result<DesiredState, AppError> {
        Services::desired_state(self, req, repository_id).await
    }
}
