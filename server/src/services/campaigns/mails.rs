//! The mail of campaigns. Fixed subjects (SECURITY.md E4); details in the plain-text body.

use super::super::support::OrInternal;
use crate::store::db::Conn;
use crate::store::outbox;
use clearance_app::model::error::AppError;
use clearance_app::model::request::RequestContext;

pub const SUBJECT_ASSIGNED: &str = "Access review: grants to review";
pub const SUBJECT_REMINDER: &str = "Access review: reminder of grants to review";

/// To a reviewer: how many items wait for them, by when, and where.
#[allow(clippy::too_many_arguments)] // the facts one mail says, each named
pub(super) async fn items_to_review(
    conn: &mut Conn,
    req: &RequestContext,
    to: &str,
    reminder: bool,
    quarter: &str,
    campaign_id: i64,
    open_items: i64,
    due_date: &str,
    now_ms: i64,
) -> Result<(), AppError> {
    let (subject, opening) = if reminder {
        (SUBJECT_REMINDER, "still waiting for your review")
    } else {
        (SUBJECT_ASSIGNED, "assigned to you for review")
    };
    let body = format!(
        "Hello,\n\n{open_items} grant(s) of the {quarter} access review are {opening}.\n\
         Certify each one that is still needed, or revoke it with a reason,\n\
         by {due_date} (UTC).\n\n\
         Review them here: {}/campaigns/{campaign_id}?mine=1&open=1\n\n-- Clearance\n",
        req.origin.trim_end_matches('/'),
    );
    outbox::enqueue(conn, to, subject, &body, now_ms)
        .await
        .or_internal(req)?;
    Ok(())
}
