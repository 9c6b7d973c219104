//! `/api/v1/people`, screenings, decisions and dismissals.

use super::error::{bad_json, ApiError};
use crate::web::AppState;
use axum::body::Bytes;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use clearance_app::model::error::AppError;
use clearance_app::model::person::{
    CreatedPerson, DecisionView, ImportJobView, PeoplePage, PeopleQuery, PersonView, ScreeningView,
};
use clearance_app::model::profile::ProfileDocument;
use clearance_app::model::request::RequestContext;
use serde::Deserialize;

type Ctx = Extension<RequestContext>;

/// Reads a profile document; a value of the wrong type is a 400 naming its path
/// (`identity.nationality[0]: invalid type …`). Unknown fields are ignored.
pub fn profile_from_json(body: &[u8]) -> Result<ProfileDocument, AppError> {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        let field = err.path().to_string();
        let message: String = err
            .inner()
            .to_string()
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        AppError::malformed(
            if field == "." {
                "document".into()
            } else {
                field
            },
            message,
        )
    })
}

pub async fn create(
    State(state): State<AppState>,
    Extension(req): Ctx,
    body: Bytes,
) -> Result<(StatusCode, Json<CreatedPerson>), ApiError> {
    let doc = profile_from_json(&body)?;
    Ok((
        StatusCode::CREATED,
        Json(state.services.create_person(&req, doc).await?),
    ))
}

pub async fn update(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Json<PersonView>, ApiError> {
    let doc = profile_from_json(&body)?;
    // The API replaces the whole document, last write wins; the edit form sends its version.
    Ok(Json(
        state.services.update_person(&req, id, doc, None).await?,
    ))
}

pub async fn get(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
) -> Result<Json<PersonView>, ApiError> {
    Ok(Json(state.services.person(&req, id).await?))
}

pub async fn search(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Query(query): Query<PeopleQuery>,
) -> Result<Json<PeoplePage>, ApiError> {
    Ok(Json(state.services.search_people(&req, query).await?))
}

pub async fn screening(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
) -> Result<Json<ScreeningView>, ApiError> {
    Ok(Json(state.services.screening(&req, id).await?))
}

/// Every field defaults, so a denied caller gets 403 before any validation message.
#[derive(Deserialize)]
pub struct DecisionBody {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    reason: String,
}

pub async fn decide(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
    body: Result<Json<DecisionBody>, JsonRejection>,
) -> Result<Json<DecisionView>, ApiError> {
    let Json(body) = body.map_err(bad_json)?;
    Ok(Json(
        state
            .services
            .decide(&req, id, &body.decision, &body.reason)
            .await?,
    ))
}

#[derive(Deserialize)]
pub struct DismissBody {
    #[serde(default)]
    reason: String,
}

pub async fn dismiss(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
    body: Result<Json<DismissBody>, JsonRejection>,
) -> Result<Json<ScreeningView>, ApiError> {
    let Json(body) = body.map_err(bad_json)?;
    Ok(Json(
        state
            .services
            .dismiss_finding(&req, id, &body.reason)
            .await?,
    ))
}

pub async fn confirm(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
    body: Result<Json<DismissBody>, JsonRejection>,
) -> Result<Json<ScreeningView>, ApiError> {
    let Json(body) = body.map_err(bad_json)?;
    Ok(Json(
        state.services.confirm_match(&req, id, &body.reason).await?,
    ))
}

/// Imports use a larger body limit than the rest of the API (see startup).
pub const IMPORT_MAX_BYTES: usize = 64 * 1024 * 1024;

/// `POST /api/v1/people/import`: a JSON array, JSON lines, or CSV (`Content-Type: text/csv`).
pub async fn import(
    State(state): State<AppState>,
    Extension(req): Ctx,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Result<Json<clearance_app::model::person::ImportReport>, ApiError> {
    let text =
        std::str::from_utf8(&body).map_err(|_| AppError::malformed("file", "is not UTF-8 text"))?;
    let is_csv = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/csv"));
    let rows = if is_csv {
        crate::profiles::import::parse_csv(text)?
    } else {
        crate::profiles::import::parse_json(text)?
    };
    Ok(Json(
        state.services.import_people(&req, rows, &|_, _| {}).await?,
    ))
}

/// `GET /api/v1/import-jobs/{id}`: an import started from the import page (its starter and
/// admins only): progress, then the report or why it stopped.
pub async fn import_job(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Path(id): Path<i64>,
) -> Result<Json<ImportJobView>, ApiError> {
    Ok(Json(state.services.import_job(&req, id).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrongly_typed_value_is_a_400_naming_its_path() {
        let err = profile_from_json(br#"{"identity": {"nationality": [42]}}"#).unwrap_err();
        assert_eq!(err.status(), 400);
        assert_eq!(err.field(), Some("identity.nationality[0]"));
    }

    #[test]
    fn unknown_fields_are_ignored() {
        let doc =
            profile_from_json(br#"{"identity": {"legal_name": {"full": "A"}}, "workday_id": "x"}"#)
                .unwrap();
        assert_eq!(doc.identity.legal_name.full, "A");
    }
}
