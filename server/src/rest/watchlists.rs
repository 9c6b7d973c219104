//! `/api/v1/watchlists`: the list versions, and importing a new version of a list.

use super::body::authorized_body;
use super::error::ApiError;
use crate::web::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use clearance_app::model::access::Operation;
use clearance_app::model::request::RequestContext;
use clearance_app::model::watchlists::{ListVersionView, NewListVersion, WatchlistsPage};
use serde::Deserialize;

type Ctx = Extension<RequestContext>;

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<u32>,
}

pub async fn list(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Query(query): Query<PageQuery>,
) -> Result<Json<WatchlistsPage>, ApiError> {
    let page = query.page.unwrap_or(1);
    Ok(Json(state.services.watchlists_page(&req, page).await?))
}

/// `{"format": "ofac_csv", "files": [{"name": "sdn.csv", "content": "…", "base64": false}, …]}`.
pub async fn import(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(source): Path<String>,
    body: Bytes,
) -> Result<(StatusCode, Json<ListVersionView>), ApiError> {
    let upload: NewListVersion =
        authorized_body(&state, &req, Operation::ImportWatchlist, &body).await?;
    let created = state
        .services
        .import_watchlist(&req, &source, upload)
        .await?;
    Ok((StatusCode::CREATED, Json(created)))
}
