//! Browser-facing protections applied to every response in one place: the cross-site request
//! check (SECURITY.md C1), the Content-Security-Policy with the per-response nonce (C4) and the
//! other security and caching headers (C5).

use super::AppState;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use clearance_app::components::csp::NONCE_HEADER;

/// Rejects state-changing requests that a browser sent on behalf of another site.
///
/// Browsers label every request with `Sec-Fetch-Site` and send `Origin` on every POST; a request
/// with neither that carries no cookie is not a browser acting for someone (a script with a
/// bearer token), so it cannot be a cross-site forgery.
pub fn is_cross_site(method: &Method, headers: &HeaderMap, allowed: &[String]) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    let get = |name: HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = get(HeaderName::from_static("sec-fetch-site")) {
        if site != "same-origin" && site != "none" {
            return true;
        }
    }
    match get(header::ORIGIN) {
        Some(origin) => !allowed.iter().any(|a| a == origin),
        None if headers.contains_key(header::COOKIE) => match get(header::REFERER) {
            Some(referer) => !allowed
                .iter()
                .any(|a| referer == a || referer.starts_with(&format!("{a}/"))),
            None => true,
        },
        None => false,
    }
}

/// The origins a state-changing request may come from.
fn allowed_origins(state: &AppState, headers: &HeaderMap) -> Vec<String> {
    match &state.settings.public_url {
        Some(url) => vec![url.clone()],
        None => match headers.get(header::HOST).and_then(|h| h.to_str().ok()) {
            Some(host) => vec![format!("http://{host}"), format!("https://{host}")],
            None => Vec::new(),
        },
    }
}

pub async fn protect(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if is_cross_site(
        req.method(),
        req.headers(),
        &allowed_origins(&state, req.headers()),
    ) {
        tracing::warn!(path = %req.uri().path(), "cross-site state-changing request refused");
        let body = serde_json::json!({
            "error": "This request came from another site and was refused. Reload the page and try again.",
            "kind": "forbidden"
        });
        return (StatusCode::FORBIDDEN, axum::Json(body)).into_response();
    }
    let is_static = req.uri().path().starts_with("/pkg/");
    let mut response = next.run(req).await;
    let nonce = response
        .headers_mut()
        .remove(NONCE_HEADER)
        .and_then(|v| v.to_str().ok().map(str::to_owned));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, csp(nonce.as_deref()));
    for (name, value) in STATIC_HEADERS {
        headers.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    }
    // Pages and API answers carry personal data: never cached. The compiled site is public.
    let cache = if is_static { "no-cache" } else { "no-store" };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.remove(header::SERVER);
    headers.remove("x-powered-by");
    response
}

const STATIC_HEADERS: [(&str, &str); 7] = [
    (
        "strict-transport-security",
        "max-age=31536000; includeSubDomains",
    ),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    // Same-origin form posts need the Referer (the no-JS form round trip returns to it).
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-site"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    ),
];

/// A strict policy: scripts only with this response's nonce (and what they load), WASM allowed
/// to compile, no inline styles, no plugins, no framing, forms only to this origin.
pub fn csp(nonce: Option<&str>) -> HeaderValue {
    let scripts = match nonce.filter(|n| {
        n.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_+/=".contains(c))
    }) {
        Some(n) => format!("'nonce-{n}' 'strict-dynamic' 'wasm-unsafe-eval'"),
        None => "'none'".into(),
    };
    let policy = format!(
        "default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'"
    );
    HeaderValue::from_str(&policy)
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(
                HeaderName::from_static(k),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        map
    }

    fn allowed() -> Vec<String> {
        vec!["https://clearance.example".into()]
    }

    #[test]
    fn reads_are_never_blocked() {
        assert!(!is_cross_site(
            &Method::GET,
            &headers(&[("sec-fetch-site", "cross-site")]),
            &allowed()
        ));
    }

    #[test]
    fn cross_site_fetch_metadata_is_refused() {
        let h = headers(&[
            ("sec-fetch-site", "cross-site"),
            ("origin", "https://clearance.example"),
        ]);
        assert!(is_cross_site(&Method::POST, &h, &allowed()));
        assert!(is_cross_site(
            &Method::POST,
            &headers(&[("sec-fetch-site", "same-site")]),
            &allowed()
        ));
    }

    #[test]
    fn the_origin_must_match_exactly() {
        assert!(!is_cross_site(
            &Method::POST,
            &headers(&[("origin", "https://clearance.example")]),
            &allowed()
        ));
        assert!(is_cross_site(
            &Method::POST,
            &headers(&[("origin", "https://clearance.example.attacker.com")]),
            &allowed()
        ));
        assert!(is_cross_site(
            &Method::POST,
            &headers(&[("origin", "null")]),
            &allowed()
        ));
    }

    #[test]
    fn a_cookie_without_origin_needs_a_same_origin_referer() {
        assert!(is_cross_site(
            &Method::POST,
            &headers(&[("cookie", "s=1")]),
            &allowed()
        ));
        assert!(!is_cross_site(
            &Method::POST,
            &headers(&[
                ("cookie", "s=1"),
                ("referer", "https://clearance.example/users")
            ]),
            &allowed()
        ));
        assert!(is_cross_site(
            &Method::POST,
            &headers(&[
                ("cookie", "s=1"),
                ("referer", "https://clearance.example.evil/x")
            ]),
            &allowed()
        ));
    }

    #[test]
    fn scripts_without_cookies_or_origin_are_not_browsers() {
        assert!(!is_cross_site(
            &Method::POST,
            &headers(&[("authorization", "Bearer x")]),
            &allowed()
        ));
    }

    #[test]
    fn the_policy_carries_the_nonce_and_allows_wasm_but_never_eval() {
        let policy = csp(Some("abc123")).to_str().unwrap().to_owned();
        assert!(policy.contains("'nonce-abc123'") && policy.contains("'wasm-unsafe-eval'"));
        assert!(!policy.contains("'unsafe-eval'") && !policy.contains("'unsafe-inline'"));
        assert!(csp(Some("bad\"; script-src *"))
            .to_str()
            .unwrap()
            .contains("script-src 'none'"));
    }
}
