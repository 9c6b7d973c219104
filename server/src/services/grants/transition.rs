//! One state change of a request: the state machine says whether it may happen, a conditional
//! update makes it (or finds that someone else changed the request first), and the audit entry
//! is written in the same transaction.

use super::super::support::{audit_as, OrInternal};
use super::views::{self, subject};
use crate::grants::state::{self, Event};
use crate::store::access_requests::{self, Change, RequestRecord};
use crate::store::db::Conn;
use clearance_app::model::error::AppError;
use clearance_app::model::grants::GrantState;
use clearance_app::model::request::RequestContext;
use serde_json::json;

/// The audit actor of work no person started (expiry, lapsing, reminders).
pub(in crate::services) const SYSTEM: &str = "system:grants";

/// Applies `event` to the request as `actor` (an audit actor label); returns the new state.
#[allow(clippy::too_many_arguments)] // each is one fact of the change; a struct would only rename them
pub(in crate::services) async fn apply(
    conn: &mut Conn,
    req: &RequestContext,
    actor: &str,
    record: &RequestRecord,
    event: Event,
    change: &Change<'_>,
    now_ms: i64,
    details: serde_json::Value,
) -> Result<GrantState, AppError> {
    let from = views::parsed(record).or_internal(req)?.state;
    let to = state::next(from, event).map_err(AppError::from)?;
    let changed =
        access_requests::transition(conn, record.id, from.as_str(), to.as_str(), change, now_ms)
            .await
            .or_internal(req)?;
    if !changed {
        return Err(AppError::conflict(
            "This request changed while you were looking at it: reload the page and try again.",
        ));
    }
    let mut details = details;
    if let Some(map) = details.as_object_mut() {
        map.insert("from".into(), from.as_str().into());
        map.insert("to".into(), to.as_str().into());
        map.insert("person_id".into(), record.person_id.into());
        map.insert("repository".into(), record.repository.clone().into());
        map.insert("permission".into(), record.permission.clone().into());
    }
    audit_as(
        conn,
        req,
        actor,
        &format!("access.{}", event.verb()),
        &subject(record.id),
        details,
    )
    .await
    .or_internal(req)?;
    Ok(to)
}

/// Audit details naming the person who acted, for the timeline.
pub(in crate::services) fn by(
    req: &RequestContext,
    mut details: serde_json::Value,
) -> serde_json::Value {
    if let (Some(map), Some(actor)) = (details.as_object_mut(), &req.actor) {
        map.insert("actor_email".into(), actor.email.clone().into());
    }
    details
}

/// `{"reason": …}` by the acting person.
pub(in crate::services) fn reason(req: &RequestContext, reason: &str) -> serde_json::Value {
    by(req, json!({ "reason": reason }))
}
