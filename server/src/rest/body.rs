//! Reading JSON bodies after authorization, so a caller who may not do something is told so
//! (401/403) whatever they sent, and only an allowed caller hears about a malformed body (400,
//! naming the path of the bad value).

use super::error::ApiError;
use crate::services::support::authorize;
use crate::web::AppState;
use axum::body::Bytes;
use clearance_app::model::access::Operation;
use clearance_app::model::error::AppError;
use clearance_app::model::request::RequestContext;

pub async fn authorized_body<T: serde::de::DeserializeOwned>(
    state: &AppState,
    req: &RequestContext,
    op: Operation,
    body: &Bytes,
) -> Result<T, ApiError> {
    authorize(&state.services.db, req, op).await?;
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        let message: String = format!("{}: {}", err.path(), err.inner())
            .chars()
            .filter(|c| !c.is_control())
            .take(300)
            .collect();
        ApiError(AppError::BadRequest { message })
    })
}
