//! JSON errors for the REST API: `{"error": message, "kind": …, "field": …}` with the status of
//! the `AppError`, and `Retry-After` on 429.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use clearance_app::model::error::AppError;

pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(value: AppError) -> Self {
        ApiError(value)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut body = serde_json::to_value(&self.0).unwrap_or_default();
        if let Some(map) = body.as_object_mut() {
            map.insert("error".into(), self.0.to_string().into());
        }
        let mut response = (status, axum::Json(body)).into_response();
        if let AppError::TooManyRequests { retry_after_secs } = self.0 {
            if let Ok(value) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
        }
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// Turns a JSON body that does not parse into a 400 naming the problem, instead of axum's plain
/// text rejection.
pub fn bad_json(rejection: axum::extract::rejection::JsonRejection) -> ApiError {
    let message: String = rejection
        .body_text()
        .chars()
        .filter(|c| !c.is_control())
        .take(300)
        .collect();
    ApiError(AppError::BadRequest { message })
}
