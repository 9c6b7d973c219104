//! Hands the per-response CSP nonce to the server's header middleware.

use leptos::prelude::*;

/// The header the server's security middleware turns into a `Content-Security-Policy`; it is
/// removed before the response leaves the server.
pub const NONCE_HEADER: &str = "x-clearance-csp-nonce";

pub fn announce_nonce() {
    let nonce = leptos::nonce::use_nonce();
    if let (Some(nonce), Some(options)) = (nonce, use_context::<leptos_axum::ResponseOptions>()) {
        if let Ok(value) = http::HeaderValue::from_str(&nonce.to_string()) {
            options.insert_header(http::HeaderName::from_static(NONCE_HEADER), value);
        }
    }
}
