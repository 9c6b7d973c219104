//! `/api/v1` campaigns, their items and evidence, the audit-log export and the dashboard.

use super::body::authorized_body;
use super::error::ApiError;
use crate::services::campaigns::Download;
use crate::web::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use clearance_app::model::access::Operation;
use clearance_app::model::campaigns::{
    CampaignCreated, CampaignItemView, CampaignItemsPage, CampaignView, CampaignsPage, Dashboard,
    ItemsQuery, NewCampaign,
};
use clearance_app::model::request::RequestContext;
use serde::Deserialize;

type Ctx = Extension<RequestContext>;

/// A download: the content type, and a file name the browser saves it under.
fn download(download: Download, content_type: &'static str, attachment: bool) -> Response {
    let name: String = download
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let disposition = if attachment {
        format!("attachment; filename=\"{name}\"")
    } else {
        format!("inline; filename=\"{name}\"")
    };
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            // The report is a standalone document: no scripts, styles only from itself.
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:".to_owned(),
            ),
        ],
        download.body,
    )
        .into_response()
}

pub async fn start(
    State(state): State<AppState>,
    Extension(req): Ctx,
    body: Bytes,
) -> Result<(StatusCode, Json<CampaignCreated>), ApiError> {
    let body: NewCampaign = authorized_body(&state, &req, Operation::StartCampaign, &body).await?;
    let created = state.services.start_campaign(&req, body).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

pub async fn list(
    State(state): State<AppState>,
    Extension(req): Ctx,
) -> Result<Json<CampaignsPage>, ApiError> {
    Ok(Json(state.services.list_campaigns(&req).await?))
}

pub async fn get(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
) -> Result<Json<CampaignView>, ApiError> {
    Ok(Json(state.services.campaign_view(&req, id).await?))
}

pub async fn items(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
    Query(query): Query<ItemsQuery>,
) -> Result<Json<CampaignItemsPage>, ApiError> {
    Ok(Json(state.services.campaign_items(&req, id, query).await?))
}

#[derive(Deserialize)]
pub struct DecisionBody {
    decision: String,
    #[serde(default)]
    reason: String,
}

pub async fn decide(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Json<CampaignItemView>, ApiError> {
    let body: DecisionBody =
        authorized_body(&state, &req, Operation::DecideCampaignItem, &body).await?;
    Ok(Json(
        state
            .services
            .decide_campaign_item(&req, id, &body.decision, &body.reason)
            .await?,
    ))
}

pub async fn sign_off(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
) -> Result<Json<CampaignView>, ApiError> {
    Ok(Json(state.services.sign_off_campaign(&req, id).await?))
}

pub async fn export_csv(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let file = state.services.campaign_csv(&req, id).await?;
    Ok(download(file, "text/csv; charset=utf-8", true))
}

pub async fn report(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let file = state.services.campaign_report(&req, id).await?;
    Ok(download(file, "text/html; charset=utf-8", false))
}

#[derive(Deserialize)]
pub struct RangeQuery {
    from_seq: Option<i64>,
    to_seq: Option<i64>,
}

pub async fn audit_export(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Query(range): Query<RangeQuery>,
) -> Result<Response, ApiError> {
    let file = state
        .services
        .export_audit_log(&req, range.from_seq, range.to_seq)
        .await?;
    Ok(download(file, "application/x-ndjson; charset=utf-8", true))
}

pub async fn dashboard(
    State(state): State<AppState>,
    Extension(req): Ctx,
) -> Result<Json<Dashboard>, ApiError> {
    Ok(Json(state.services.dashboard(&req).await?))
}
