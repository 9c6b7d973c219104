//! Re-renders a page whose server rendering has stalled.
//!
//! Leptos 0.8 (0.8.23, the newest at the time of writing) can, rarely and under CPU contention,
//! lose the wake-up that tells a `<Suspense>` its resources have loaded; the render then waits
//! until the request timeout even though every resource is done (upstream issues
//! leptos-rs/leptos#4851, #4673, #4578). Our integration tests met it about once in ten runs of
//! a busy test process. Every page renders with `SsrMode::Async`, so nothing has been sent while
//! a render is pending, and a page read (GET or HEAD outside `/api/`) has no side effects: such
//! a render can safely be abandoned and started again. Server functions and REST calls are never
//! repeated, and the last attempt runs without a deadline of its own (the request timeout still
//! applies).

use axum::body::Body;
use axum::extract::Request;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use std::time::Duration;

/// Far above any page's real rendering time (the slowest, the dashboard, takes well under a
/// second on a store of 100,000 people), far below the 30 s request timeout.
pub const RENDER_DEADLINE: Duration = Duration::from_secs(8);
/// Attempts in all, the last one without a deadline.
pub const RENDER_ATTEMPTS: usize = 3;

pub async fn retry_stalled_render(req: Request, next: Next) -> Response {
    retry_with_deadline(req, next, RENDER_DEADLINE).await
}

/// Whether a request is a page read that may be rendered twice.
pub fn is_page_read(method: &Method, path: &str) -> bool {
    (method == Method::GET || method == Method::HEAD)
        && !path.starts_with("/api/")
        && !path.starts_with("/pkg/")
}

pub async fn retry_with_deadline(req: Request, next: Next, deadline: Duration) -> Response {
    if !is_page_read(req.method(), req.uri().path()) {
        return next.run(req).await;
    }
    // A GET or HEAD body carries nothing a page reads; every attempt gets an empty one.
    let (parts, _body) = req.into_parts();
    for attempt in 1..RENDER_ATTEMPTS {
        let request = Request::from_parts(parts.clone(), Body::empty());
        match tokio::time::timeout(deadline, next.clone().run(request)).await {
            Ok(response) => return response,
            Err(_) => tracing::warn!(
                path = %parts.uri.path(),
                attempt,
                "page rendering stalled; rendering it again"
            ),
        }
    }
    next.run(Request::from_parts(parts, Body::empty())).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::{get, post};
    use axum::Router;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use tower::ServiceExt;

    const SHORT: Duration = Duration::from_millis(50);

    /// A handler that never answers its first `stalls` calls, like a render that lost its
    /// wake-up, and then answers with the number of the call.
    fn router(stalls: usize, calls: Arc<AtomicUsize>) -> Router {
        let handler = move || {
            let calls = Arc::clone(&calls);
            async move {
                let n = calls.fetch_add(1, Ordering::SeqCst) + 1;
                if n <= stalls {
                    std::future::pending::<()>().await;
                }
                format!("call {n}")
            }
        };
        Router::new()
            .route("/page", get(handler.clone()))
            .route("/api/thing", get(handler.clone()))
            .route("/form", post(handler))
            .layer(axum::middleware::from_fn(|req, next| {
                retry_with_deadline(req, next, SHORT)
            }))
    }

    async fn body_of(response: Response) -> String {
        let bytes = axum::body::to_bytes(response.into_body(), 1024)
            .await
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    fn request(method: &str, path: &str) -> Request {
        Request::builder()
            .method(method)
            .uri(path)
            .body(Body::empty())
            .unwrap()
    }

    #[tokio::test]
    async fn a_stalled_page_render_is_started_again_and_answers() {
        let calls = Arc::new(AtomicUsize::new(0));
        let response = router(1, Arc::clone(&calls))
            .oneshot(request("GET", "/page"))
            .await
            .unwrap();
        assert_eq!(body_of(response).await, "call 2");
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_render_that_answers_in_time_runs_once() {
        let calls = Arc::new(AtomicUsize::new(0));
        let response = router(0, Arc::clone(&calls))
            .oneshot(request("GET", "/page"))
            .await
            .unwrap();
        assert_eq!(body_of(response).await, "call 1");
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn the_last_attempt_has_no_deadline_of_its_own() {
        let calls = Arc::new(AtomicUsize::new(0));
        let app = router(RENDER_ATTEMPTS, Arc::clone(&calls));
        let outcome = tokio::time::timeout(SHORT * 10, app.oneshot(request("GET", "/page"))).await;
        assert!(outcome.is_err(), "the third attempt keeps waiting");
        assert_eq!(calls.load(Ordering::SeqCst), RENDER_ATTEMPTS);
    }

    #[tokio::test]
    async fn api_calls_and_posts_are_never_repeated() {
        for (method, path) in [("GET", "/api/thing"), ("POST", "/form")] {
            let calls = Arc::new(AtomicUsize::new(0));
            let app = router(1, Arc::clone(&calls));
            let outcome = tokio::time::timeout(SHORT * 4, app.oneshot(request(method, path))).await;
            assert!(outcome.is_err(), "{method} {path} waits for its one call");
            assert_eq!(calls.load(Ordering::SeqCst), 1, "{method} {path}");
        }
    }

    #[test]
    fn only_page_reads_qualify() {
        assert!(is_page_read(&Method::GET, "/people/3"));
        assert!(is_page_read(&Method::HEAD, "/"));
        assert!(!is_page_read(&Method::POST, "/people/3"));
        assert!(!is_page_read(&Method::GET, "/api/v1/audit/export"));
        assert!(!is_page_read(&Method::GET, "/pkg/clearance.wasm"));
    }
}
