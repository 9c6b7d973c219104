//! Server functions answer every error with status 500; this gives them their real status
//! (401, 403, 422, 429, …) from the `AppError` in the body, adds `Retry-After` to 429s, and
//! rewrites anything that is not an `AppError` into a generic message with the request id.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use clearance_app::model::error::AppError;

const SERVER_FN_ERROR_HEADER: &str = "serverfnerror";
const MAX_ERROR_BODY: usize = 64 * 1024;

pub async fn set_status(req: Request, next: Next) -> Response {
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("unknown")
        .to_owned();
    let response = next.run(req).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key(SERVER_FN_ERROR_HEADER)
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let error = match axum::body::to_bytes(body, MAX_ERROR_BODY).await {
        Ok(bytes) => serde_json::from_slice::<AppError>(&bytes).ok(),
        Err(_) => None,
    }
    .unwrap_or(AppError::Internal { request_id });
    parts.status =
        StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if let AppError::TooManyRequests { retry_after_secs } = &error {
        if let Ok(value) = HeaderValue::from_str(&retry_after_secs.to_string()) {
            parts.headers.insert(axum::http::header::RETRY_AFTER, value);
        }
    }
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    let body = serde_json::to_vec(&error).unwrap_or_default();
    Response::from_parts(parts, Body::from(body))
}
