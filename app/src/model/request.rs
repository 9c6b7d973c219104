//! What the server knows about the request being served. The server's middleware puts it in the
//! request extensions; server functions and services read it. Never built by the browser.

use super::user::Actor;

#[derive(Clone, Debug)]
pub struct RequestContext {
    /// The `x-request-id` of this request (also in logs and on error pages).
    pub request_id: String,
    /// The signed-in user, if the session or bearer token checked out.
    pub actor: Option<Actor>,
    /// The id of the session token (`jti`), for the audit log.
    pub session_id: Option<String>,
    /// The client address, taken from the proxy header only when the peer is a trusted proxy.
    pub client_ip: Option<String>,
    /// The origin people reach the app at (configured, or from `Host`), for links in mail.
    pub origin: String,
}

impl RequestContext {
    /// A context for work no request started (the CLI, background jobs, tests).
    pub fn internal(request_id: impl Into<String>) -> Self {
        RequestContext {
            request_id: request_id.into(),
            actor: None,
            session_id: None,
            client_ip: None,
            origin: "http://127.0.0.1:3000".into(),
        }
    }
}
