//! `/api/v1` repositories, access requests and grants. Policy refusals answer 422 (or 403 for
//! self-review) with `{"error", "kind", "rule", "message"}`.

use super::body::authorized_body;
use super::error::ApiError;
use crate::web::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use clearance_app::model::access::Operation;
use clearance_app::model::error::AppError;
use clearance_app::model::grants::{
    AccessRequestPage, AccessRequestView, GrantsPage, GrantsQuery, NewAccessRequest, NewRepository,
    PersonAccess, PolicyPreview, RepositoriesPage, RepositoryChanges, RepositoryPage,
    RepositoryView, RequestCreated, RevokedAll,
};
use clearance_app::model::request::RequestContext;
use serde::Deserialize;

type Ctx = Extension<RequestContext>;

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<u32>,
}

pub async fn create_repository(
    State(state): State<AppState>,
    Extension(req): Ctx,
    body: Bytes,
) -> Result<(StatusCode, Json<RepositoryView>), ApiError> {
    let body: NewRepository =
        authorized_body(&state, &req, Operation::ManageRepositories, &body).await?;
    let created = state.services.create_repository(&req, body).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

pub async fn list_repositories(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Query(q): Query<PageQuery>,
) -> Result<Json<RepositoriesPage>, ApiError> {
    Ok(Json(
        state
            .services
            .list_repositories(&req, q.page.unwrap_or(1))
            .await?,
    ))
}

pub async fn repository(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
) -> Result<Json<RepositoryPage>, ApiError> {
    Ok(Json(state.services.repository_page(&req, id).await?))
}

pub async fn update_repository(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Json<RepositoryView>, ApiError> {
    let body: RepositoryChanges =
        authorized_body(&state, &req, Operation::ManageRepositories, &body).await?;
    Ok(Json(
        state.services.update_repository(&req, id, body).await?,
    ))
}

#[derive(Deserialize)]
pub struct FormatQuery {
    format: Option<String>,
}

/// JSON by default; `?format=csv` for `repository,login,permission,expires_at` lines.
pub async fn desired_state(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
    Query(q): Query<FormatQuery>,
) -> Result<Response, ApiError> {
    let desired = state.services.desired_state(&req, id).await?;
    match q.format.as_deref() {
        None | Some("json") => Ok(Json(desired).into_response()),
        Some("csv") => {
            let file = format!(
                "attachment; filename=\"desired-state-{}.csv\"",
                desired
                    .repository
                    .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
            );
            Ok((
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (header::CONTENT_DISPOSITION, file),
                ],
                crate::services::grants::desired_state_csv(&desired),
            )
                .into_response())
        }
        Some(_) => Err(ApiError(AppError::invalid(
            "format",
            "Use format=json or format=csv.",
        ))),
    }
}

pub async fn create_request(
    State(state): State<AppState>,
    Extension(req): Ctx,
    body: Bytes,
) -> Result<(StatusCode, Json<RequestCreated>), ApiError> {
    let body: NewAccessRequest =
        authorized_body(&state, &req, Operation::RequestAccess, &body).await?;
    let created = state.services.request_access(&req, body).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

pub async fn preview_request(
    State(state): State<AppState>,
    Extension(req): Ctx,
    body: Bytes,
) -> Result<Json<PolicyPreview>, ApiError> {
    let body: NewAccessRequest =
        authorized_body(&state, &req, Operation::RequestAccess, &body).await?;
    Ok(Json(state.services.preview_request(&req, body).await?))
}

pub async fn request(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
) -> Result<Json<AccessRequestPage>, ApiError> {
    Ok(Json(state.services.access_request_page(&req, id).await?))
}

#[derive(Deserialize)]
pub struct ReviewBody {
    decision: String,
    #[serde(default)]
    comment: String,
}

pub async fn review(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Json<AccessRequestView>, ApiError> {
    let body: ReviewBody = authorized_body(&state, &req, Operation::ReviewAccess, &body).await?;
    Ok(Json(
        state
            .services
            .review_request(&req, id, &body.decision, &body.comment)
            .await?,
    ))
}

pub async fn cancel(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
) -> Result<Json<AccessRequestView>, ApiError> {
    Ok(Json(state.services.cancel_request(&req, id).await?))
}

pub async fn grants(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Query(q): Query<GrantsQuery>,
) -> Result<Json<GrantsPage>, ApiError> {
    Ok(Json(state.services.list_grants(&req, q).await?))
}

#[derive(Deserialize, Default)]
pub struct ReasonBody {
    #[serde(default)]
    reason: String,
}

/// The optional `{"reason": …}` body (an empty body is no reason, which the service refuses
/// with a message saying a reason is needed).
async fn reason_of(
    state: &AppState,
    req: &RequestContext,
    body: &Bytes,
) -> Result<String, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(String::new());
    }
    let body: ReasonBody = authorized_body(state, req, Operation::RevokeAccess, body).await?;
    Ok(body.reason)
}

pub async fn revoke(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Json<AccessRequestView>, ApiError> {
    let reason = reason_of(&state, &req, &body).await?;
    Ok(Json(state.services.revoke_grant(&req, id, &reason).await?))
}

pub async fn suspend(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Json<AccessRequestView>, ApiError> {
    let reason = reason_of(&state, &req, &body).await?;
    Ok(Json(state.services.suspend_grant(&req, id, &reason).await?))
}

pub async fn reinstate(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Json<AccessRequestView>, ApiError> {
    let reason = reason_of(&state, &req, &body).await?;
    Ok(Json(
        state.services.reinstate_grant(&req, id, &reason).await?,
    ))
}

pub async fn revoke_all(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Json<RevokedAll>, ApiError> {
    let reason = reason_of(&state, &req, &body).await?;
    Ok(Json(
        state.services.revoke_all_access(&req, id, &reason).await?,
    ))
}

pub async fn person_access(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
) -> Result<Json<PersonAccess>, ApiError> {
    Ok(Json(state.services.person_access(&req, id).await?))
}
