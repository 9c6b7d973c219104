//! Request body limits (SECURITY.md E2): 1 MiB for everything, larger only for the routes that
//! take bulk imports. A declared length over the limit is refused at once with 413; a body
//! that turns out longer while streaming is cut off and extractors answer 413.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use clearance_app::api::watchlists::ImportWatchlist;
use leptos::server_fn::ServerFn;

pub const DEFAULT_MAX_BYTES: usize = 1024 * 1024;
const IMPORT_PATH: &str = "/api/v1/people/import";

/// The page's import, URL-encoded: a CSV's commas, quotes and line ends take three bytes each.
pub const WATCHLIST_PAGE_MAX_BYTES: usize =
    2 * clearance_app::model::watchlists::PAGE_UPLOAD_MAX_BYTES;

/// Watch-list uploads through the API (`/api/v1/watchlists/{source}/versions`): the OFAC CSV
/// set is about 10 MiB today; base64 adds a third. Larger lists (OpenSanctions' full export) go
/// through `server watchlist import`, which reads files from disk.
pub const WATCHLIST_MAX_BYTES: usize = 128 * 1024 * 1024;

/// The limit for a path.
pub fn limit_for(path: &str) -> usize {
    if path == IMPORT_PATH {
        crate::rest::people::IMPORT_MAX_BYTES
    } else if path.starts_with("/api/v1/watchlists/") && path.ends_with("/versions") {
        WATCHLIST_MAX_BYTES
    } else if path == <ImportWatchlist as ServerFn>::PATH {
        // The watch-lists page's import: a server function taking the files' text.
        WATCHLIST_PAGE_MAX_BYTES
    } else {
        DEFAULT_MAX_BYTES
    }
}

pub async fn limit(req: Request, next: Next) -> Response {
    let max = limit_for(req.uri().path());
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        let body = serde_json::json!({ "error": format!("The request body is larger than {max} bytes."), "kind": "too_large" });
        return (StatusCode::PAYLOAD_TOO_LARGE, axum::Json(body)).into_response();
    }
    let (parts, body) = req.into_parts();
    let limited = Body::new(http_body_util::Limited::new(body, max));
    next.run(Request::from_parts(parts, limited)).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_import_route_gets_the_large_limit() {
        assert_eq!(super::limit_for("/api/sign_in"), super::DEFAULT_MAX_BYTES);
        assert!(super::limit_for("/api/v1/people/import") > super::DEFAULT_MAX_BYTES);
        assert_eq!(
            super::limit_for("/api/v1/people/import/x"),
            super::DEFAULT_MAX_BYTES
        );
        assert_eq!(
            super::limit_for("/api/watchlists/import"),
            super::WATCHLIST_PAGE_MAX_BYTES
        );
        assert_eq!(
            super::limit_for("/api/watchlists/list"),
            super::DEFAULT_MAX_BYTES
        );
    }
}
