//! Works out who is calling: a browser session cookie or an API bearer token, checked against
//! the user's current token version and disabled flag on every request (SECURITY.md B5, D5).
//! The result goes into the request extensions as a [`RequestContext`].

use super::client_ip::client_ip;
use super::AppState;
use crate::auth::token::{TokenKind, SESSION_IDLE_SECS};
use crate::store::users;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{AUTHORIZATION, COOKIE, HOST, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use clearance_app::model::request::RequestContext;
use clearance_app::model::user::Actor;
use std::net::SocketAddr;

struct Authenticated {
    actor: Actor,
    session_id: String,
    /// A renewed cookie when an active browser session nears its idle expiry.
    renewal: Option<String>,
}

pub async fn resolve_session(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let headers = req.headers();
    let request_id = headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("unknown")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(64)
        .collect::<String>();
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let client_ip =
        client_ip(peer, headers, &state.settings.trusted_proxies).map(|ip| ip.to_string());
    let origin = state
        .settings
        .public_url
        .clone()
        .unwrap_or_else(|| host_origin(headers, &state));
    let is_static = req.uri().path().starts_with("/pkg/") || req.uri().path() == "/favicon.ico";
    let authenticated = if is_static {
        None
    } else {
        authenticate(&state, headers, &request_id).await
    };
    let (actor, session_id, renewal) = match authenticated {
        Some(a) => (Some(a.actor), Some(a.session_id), a.renewal),
        None => (None, None, None),
    };
    req.extensions_mut().insert(RequestContext {
        request_id,
        actor,
        session_id,
        client_ip,
        origin,
    });
    let mut response = next.run(req).await;
    if let Some(cookie) = renewal {
        // A response that already sets the session cookie (sign-out, password change) wins.
        let name = state.services.cookies.name();
        let already = response
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .any(|v| v.to_str().map(|s| s.starts_with(name)).unwrap_or(false));
        if let (false, Ok(value)) = (already, HeaderValue::from_str(&cookie)) {
            response.headers_mut().append(SET_COOKIE, value);
        }
    }
    response
}

fn host_origin(headers: &HeaderMap, state: &AppState) -> String {
    let host = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .map(str::to_owned)
        .unwrap_or_else(|| state.settings.listen_addr.to_string());
    format!("http://{host}")
}

async fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
    request_id: &str,
) -> Option<Authenticated> {
    let services = &state.services;
    let bearer = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let cookie = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| services.cookies.read(v));
    let (kind, token) = match (bearer, cookie) {
        (Some(token), _) => (TokenKind::Api, token),
        (None, Some(token)) => (TokenKind::BrowserSession, token),
        (None, None) => return None,
    };
    let now = crate::clock::unix_now();
    let claims = match services.keys.verify(kind, token, now) {
        Ok(claims) => claims,
        Err(err) => {
            tracing::info!(request_id, reason = %err, "session token not accepted");
            return None;
        }
    };
    let user_id = claims.user_id()?;
    let mut conn = match services.db.reader().acquire().await {
        Ok(conn) => conn,
        Err(err) => {
            tracing::error!(request_id, error = %err, "could not check the session against the database");
            return None;
        }
    };
    let user = users::find_by_id(&mut conn, user_id).await.ok().flatten()?;
    if user.is_disabled() || user.token_version != claims.ver {
        tracing::info!(
            request_id,
            user_id,
            "session ended (signed out, disabled or rights changed)"
        );
        return None;
    }
    let renewal = (kind == TokenKind::BrowserSession && claims.exp - now < SESSION_IDLE_SECS / 2)
        .then(|| {
            services
                .keys
                .issue(kind, user.id, user.token_version, now, claims.auth_time)
                .ok()
        })
        .flatten()
        .map(|token| services.cookies.set(&token).0);
    Some(Authenticated {
        actor: Actor {
            user_id: user.id,
            email: user.email,
            role: user.role,
        },
        session_id: claims.jti,
        renewal,
    })
}
