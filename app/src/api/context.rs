//! How a server function reaches the server: the ports and the request context, both placed in
//! Leptos context by the server for every request.

use crate::model::error::AppError;
use crate::model::request::RequestContext;
use crate::ports::{Ports, SessionCookie};
use leptos::prelude::*;

/// The ports and the context of the current request.
pub fn current() -> Result<(Ports, RequestContext), AppError> {
    let request = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<RequestContext>().cloned());
    match (use_context::<Ports>(), request) {
        (Some(ports), Some(request)) => Ok((ports, request)),
        _ => {
            // Only a wiring mistake gets here; say so in the log, not to the user.
            leptos::logging::error!("server function called without ports or request context");
            Err(AppError::Internal {
                request_id: "unavailable".into(),
            })
        }
    }
}

/// Sends a session cookie with the response.
pub fn set_cookie(cookie: &SessionCookie) {
    if let (Some(options), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&cookie.0),
    ) {
        options.append_header(http::header::SET_COOKIE, value);
    }
}

/// Whether this call is a plain HTML form post (JavaScript off): the browser will be sent back to
/// the form's page, which is rendered anew, so anything worth keeping must be kept on the server.
pub fn is_plain_form_post() -> bool {
    use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}
