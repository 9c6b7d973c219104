//! The mail of access grants, enqueued in the transaction of the change that causes it. Subjects
//! are fixed text (SECURITY.md E4: nothing a user typed goes into a header); the details are in
//! the plain-text body.

use super::super::support::OrInternal;
use crate::store::db::Conn;
use crate::store::{outbox, users};
use clearance_app::model::error::AppError;
use clearance_app::model::grants::{AccessRequestView, GrantState};
use clearance_app::model::request::RequestContext;
use clearance_app::model::role::Role;

/// Subjects, also what the tests look for.
pub const SUBJECT_DECIDED: &str = "Your access request was decided";
pub const SUBJECT_REMINDER_7D: &str = "Repository access ends in 7 days";
pub const SUBJECT_REMINDER_1D: &str = "Repository access ends tomorrow";
pub const SUBJECT_DIGEST: &str = "Access requests are waiting for review";
pub const SUBJECT_SUSPENDED: &str = "Repository access suspended after a screening change";

fn link(origin: &str, path: &str) -> String {
    format!("{}{path}", origin.trim_end_matches('/'))
}

fn describe(view: &AccessRequestView) -> String {
    format!(
        "  Person:      {}\n  Repository:  {} ({})\n  Permission:  {}\n",
        view.person_name,
        view.repository,
        view.tier.label(),
        view.permission.label()
    )
}

async fn send(
    conn: &mut Conn,
    req: &RequestContext,
    to: &[String],
    subject: &str,
    body: &str,
    now_ms: i64,
) -> Result<(), AppError> {
    for address in to {
        outbox::enqueue(conn, address, subject, body, now_ms)
            .await
            .or_internal(req)?;
    }
    Ok(())
}

/// To the requester, when their request is approved (and active) or denied.
pub(super) async fn decided(
    conn: &mut Conn,
    req: &RequestContext,
    view: &AccessRequestView,
    now_ms: i64,
) -> Result<(), AppError> {
    let outcome = match view.state {
        GrantState::Active => format!(
            "was approved and is active until {}.",
            view.expires_at.as_deref().unwrap_or("its end")
        ),
        GrantState::Denied => format!(
            "was denied: {}",
            view.end_reason.as_deref().unwrap_or("no reason given")
        ),
        other => format!("is now {}.", other.label().to_lowercase()),
    };
    let body = format!(
        "Hello,\n\nAccess request #{} {outcome}\n\n{}\nDetails: {}\n\n-- Clearance\n",
        view.id,
        describe(view),
        link(&req.origin, &format!("/access/{}", view.id)),
    );
    send(
        conn,
        req,
        std::slice::from_ref(&view.requested_by),
        SUBJECT_DECIDED,
        &body,
        now_ms,
    )
    .await
}

/// To the requester and the approvers, 7 days and 1 day before a grant ends.
pub(super) async fn reminder(
    conn: &mut Conn,
    req: &RequestContext,
    view: &AccessRequestView,
    one_day: bool,
    now_ms: i64,
) -> Result<(), AppError> {
    let mut to = vec![view.requested_by.clone()];
    for review in &view.reviews {
        if !to.contains(&review.reviewer) {
            to.push(review.reviewer.clone());
        }
    }
    let body = format!(
        "Hello,\n\nThe access below ends at {}.\n\n{}\n\
         If it is still needed, make a new request before then: an extension\n\
         is reviewed like any request. Otherwise nothing needs doing; access\n\
         ends by itself.\n\nDetails: {}\n\n-- Clearance\n",
        view.expires_at.as_deref().unwrap_or("its end"),
        describe(view),
        link(&req.origin, &format!("/access/{}", view.id)),
    );
    let subject = if one_day {
        SUBJECT_REMINDER_1D
    } else {
        SUBJECT_REMINDER_7D
    };
    send(conn, req, &to, subject, &body, now_ms).await
}

/// To every security lead, once a day while requests wait.
pub(super) async fn digest(
    conn: &mut Conn,
    req: &RequestContext,
    waiting: &[AccessRequestView],
    now_ms: i64,
) -> Result<usize, AppError> {
    let leads = users::active_emails_with_role(conn, Role::SecurityLead)
        .await
        .or_internal(req)?;
    let mut lines = String::new();
    for view in waiting {
        lines.push_str(&format!(
            "  #{}  {} -> {} ({}), {} of {} approvals, asked {}\n",
            view.id,
            view.person_name,
            view.repository,
            view.permission.as_str(),
            view.approvals,
            view.approvals_required,
            view.requested_at,
        ));
    }
    let body = format!(
        "Hello,\n\n{} access request(s) are waiting for review:\n\n{lines}\n\
         Review them here: {}\n\n-- Clearance\n",
        waiting.len(),
        link(&req.origin, "/access"),
    );
    send(conn, req, &leads, SUBJECT_DIGEST, &body, now_ms).await?;
    Ok(leads.len())
}

/// To every security lead, when a person's screening turned high or critical (or was decided
/// otherwise than `cleared`) and their grants were suspended; `cause` completes "The screening
/// of <name> …".
pub(super) async fn suspended(
    conn: &mut Conn,
    req: &RequestContext,
    suspended: &[AccessRequestView],
    cause: &str,
    now_ms: i64,
) -> Result<(), AppError> {
    let Some(first) = suspended.first() else {
        return Ok(());
    };
    let leads = users::active_emails_with_role(conn, Role::SecurityLead)
        .await
        .or_internal(req)?;
    let mut lines = String::new();
    for view in suspended {
        lines.push_str(&format!(
            "  #{}  {} ({})\n",
            view.id,
            view.repository,
            view.permission.as_str()
        ));
    }
    let body = format!(
        "Hello,\n\nThe screening of {} {cause}, so their access was\n\
         suspended at once:\n\n{lines}\n\
         Review the screening, then reinstate or revoke each grant:\n{}\n\n-- Clearance\n",
        first.person_name,
        link(&req.origin, &format!("/people/{}/access", first.person_id)),
    );
    send(conn, req, &leads, SUBJECT_SUSPENDED, &body, now_ms).await
}
