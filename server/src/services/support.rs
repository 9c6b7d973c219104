//! What every use case shares: authorization against the table, the audit trail, and turning
//! unexpected failures into a logged cause plus a request id for the person.

use crate::store::audit_log::{self, NewEntry};
use crate::store::db::{Conn, Db};
use clearance_app::model::access::Operation;
use clearance_app::model::error::AppError;
use clearance_app::model::request::RequestContext;
use clearance_app::model::user::Actor;

/// Logs the cause of an unexpected failure with the request id, and returns what the person
/// sees: the request id only (SECURITY.md E6).
pub fn internal(req: &RequestContext, cause: impl std::fmt::Display) -> AppError {
    tracing::error!(request_id = %req.request_id, error = %cause, "request failed");
    AppError::Internal {
        request_id: req.request_id.clone(),
    }
}

pub trait OrInternal<T> {
    fn or_internal(self, req: &RequestContext) -> Result<T, AppError>;
}

impl<T, E: std::fmt::Display> OrInternal<T> for Result<T, E> {
    fn or_internal(self, req: &RequestContext) -> Result<T, AppError> {
        self.map_err(|e| internal(req, e))
    }
}

/// Who acted, as the audit log names them.
pub fn actor_label(req: &RequestContext) -> String {
    match &req.actor {
        Some(actor) => format!("user:{}", actor.user_id),
        None if req.request_id == "cli" => "cli".into(),
        None => "anonymous".into(),
    }
}

/// Appends an audit entry inside the caller's transaction, by the request's actor.
pub async fn audit(
    conn: &mut Conn,
    req: &RequestContext,
    action: &str,
    subject: &str,
    details: serde_json::Value,
) -> Result<i64, sqlx::Error> {
    audit_as(conn, req, &actor_label(req), action, subject, details).await
}

/// [`audit`] with an explicit actor, for the moment someone becomes signed in.
pub async fn audit_as(
    conn: &mut Conn,
    req: &RequestContext,
    actor: &str,
    action: &str,
    subject: &str,
    details: serde_json::Value,
) -> Result<i64, sqlx::Error> {
    audit_log::append(
        conn,
        NewEntry {
            actor,
            action,
            subject,
            details: with_request(req, details),
        },
        crate::clock::unix_now_ms(),
    )
    .await
}

/// Audit details with the request id and client address added (so an entry leads to its logs).
pub fn with_request(req: &RequestContext, details: serde_json::Value) -> serde_json::Value {
    let mut details = details;
    if let Some(map) = details.as_object_mut() {
        map.insert("request_id".into(), req.request_id.clone().into());
        if let Some(ip) = &req.client_ip {
            map.insert("client_ip".into(), ip.clone().into());
        }
    }
    details
}

/// Checks the caller against the authorization table. A signed-in caller who is refused is
/// recorded in the audit log (SECURITY.md F1); an anonymous one is told to sign in.
pub async fn authorize(db: &Db, req: &RequestContext, op: Operation) -> Result<(), AppError> {
    let role = req.actor.as_ref().map(|a| a.role);
    if op.permits(role) {
        return Ok(());
    }
    if req.actor.is_none() {
        return Err(AppError::Unauthenticated);
    }
    tracing::warn!(request_id = %req.request_id, operation = ?op, "authorization denied");
    let mut tx = db.begin().await.or_internal(req)?;
    audit(
        &mut tx,
        req,
        "access.denied",
        "",
        serde_json::json!({ "operation": format!("{op:?}") }),
    )
    .await
    .or_internal(req)?;
    tx.commit().await.or_internal(req)?;
    Err(AppError::Forbidden)
}

/// [`authorize`] for operations that need a signed-in user; returns that user.
pub async fn authorize_actor<'r>(
    db: &Db,
    req: &'r RequestContext,
    op: Operation,
) -> Result<&'r Actor, AppError> {
    authorize(db, req, op).await?;
    req.actor.as_ref().ok_or(AppError::Unauthenticated)
}

/// Refuses over-long text before any work is done with it.
pub fn bounded<'a>(field: &str, value: &'a str, max_bytes: usize) -> Result<&'a str, AppError> {
    if value.len() > max_bytes {
        return Err(AppError::invalid(
            field,
            format!("This value is too long (at most {max_bytes} bytes)."),
        ));
    }
    Ok(value)
}

/// Runs CPU-heavy work (Argon2) off the async workers.
pub async fn blocking<T: Send + 'static>(
    req: &RequestContext,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work).await.or_internal(req)
}
