//! Stored requests turned into what pages and the API show.

use super::super::support::OrInternal;
use crate::clock::rfc3339;
use crate::store::access_requests::{self, RequestRecord};
use crate::store::access_reviews;
use crate::store::audit_log;
use crate::store::db::Conn;
use crate::store::people;
use clearance_app::model::error::AppError;
use clearance_app::model::grants::{
    AccessRequestView, GrantState, Permission, ReviewDecision, ReviewView, Tier, TimelineEntry,
};
use clearance_app::model::request::RequestContext;
use std::collections::HashMap;

/// The audit subject of a request: its timeline is every entry with this subject.
pub(in crate::services) fn subject(request_id: i64) -> String {
    format!("access_request:{request_id}")
}

/// The stored identifiers, read back (the database's CHECK constraints keep them valid).
pub(in crate::services) struct Parsed {
    pub state: GrantState,
    pub permission: Permission,
    pub tier: Tier,
}

pub(in crate::services) fn parsed(record: &RequestRecord) -> Result<Parsed, String> {
    Ok(Parsed {
        state: GrantState::parse(&record.state)?,
        permission: Permission::parse(&record.permission)?,
        tier: Tier::parse(&record.tier)?,
    })
}

/// GitHub logins of these people, where their profiles have one.
pub(in crate::services) async fn logins_of(
    conn: &mut Conn,
    person_ids: &[i64],
) -> Result<HashMap<i64, String>, sqlx::Error> {
    let mut ids = person_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut logins = HashMap::new();
    for person in people::find_many(conn, &ids).await? {
        let login = serde_json::from_str::<serde_json::Value>(&person.document)
            .ok()
            .and_then(|doc| {
                doc.pointer("/online_presence/github/login")
                    .and_then(|l| l.as_str())
                    .map(|l| l.trim().to_owned())
            })
            .filter(|l| !l.is_empty());
        if let Some(login) = login {
            logins.insert(person.id, login);
        }
    }
    Ok(logins)
}

/// Views of these requests, in the given order, with their reviews and the people's logins.
pub(in crate::services) async fn request_views(
    conn: &mut Conn,
    req: &RequestContext,
    records: Vec<RequestRecord>,
) -> Result<Vec<AccessRequestView>, AppError> {
    let ids: Vec<i64> = records.iter().map(|r| r.id).collect();
    let mut reviews: HashMap<i64, Vec<ReviewView>> = HashMap::new();
    for review in access_reviews::reviews_of(conn, &ids)
        .await
        .or_internal(req)?
    {
        let decision = ReviewDecision::parse(&review.decision).or_internal(req)?;
        reviews
            .entry(review.request_id)
            .or_default()
            .push(ReviewView {
                reviewer: review.reviewer_email,
                decision,
                comment: review.comment,
                at: rfc3339(review.at_ms),
            });
    }
    let people: Vec<i64> = records.iter().map(|r| r.person_id).collect();
    let logins = logins_of(conn, &people).await.or_internal(req)?;
    records
        .into_iter()
        .map(|record| {
            let p = parsed(&record).or_internal(req)?;
            let reviews = reviews.remove(&record.id).unwrap_or_default();
            let approvals = reviews
                .iter()
                .filter(|r| r.decision == ReviewDecision::Approve)
                .count();
            Ok(AccessRequestView {
                id: record.id,
                state: p.state,
                person_id: record.person_id,
                person_name: record.person_name,
                login: logins.get(&record.person_id).cloned(),
                repository_id: record.repository_id,
                repository: record.repository,
                tier: p.tier,
                permission: p.permission,
                duration_days: record.duration_days,
                justification: record.justification,
                requested_by: record.requested_by_email,
                requested_at: rfc3339(record.requested_at_ms),
                approvals_required: u8::try_from(record.approvals_required).unwrap_or(u8::MAX),
                approvals: u8::try_from(approvals).unwrap_or(u8::MAX),
                reviews,
                activated_at: record.activated_at_ms.map(rfc3339),
                expires_at: record.expires_at_ms.map(rfc3339),
                ended_at: record.ended_at_ms.map(rfc3339),
                end_reason: record.end_reason,
            })
        })
        .collect()
}

pub(in crate::services) async fn request_view(
    conn: &mut Conn,
    req: &RequestContext,
    record: RequestRecord,
) -> Result<AccessRequestView, AppError> {
    request_views(conn, req, vec![record])
        .await?
        .pop()
        .ok_or("a request view went missing")
        .or_internal(req)
}

/// The request as it stands now in `conn`'s transaction, as a view (after a change).
pub(in crate::services) async fn reload(
    conn: &mut Conn,
    req: &RequestContext,
    id: i64,
) -> Result<AccessRequestView, AppError> {
    let record = access_requests::find(conn, id)
        .await
        .or_internal(req)?
        .ok_or("the request is gone")
        .or_internal(req)?;
    request_view(conn, req, record).await
}

/// The audit entries of these requests, oldest first, as timeline entries.
pub(in crate::services) async fn timeline(
    conn: &mut Conn,
    req: &RequestContext,
    requests: &[(i64, String)],
) -> Result<Vec<TimelineEntry>, AppError> {
    let repository_of: HashMap<String, (i64, &str)> = requests
        .iter()
        .map(|(id, repo)| (subject(*id), (*id, repo.as_str())))
        .collect();
    let subjects: Vec<String> = repository_of.keys().cloned().collect();
    let entries = audit_log::about(conn, &subjects).await.or_internal(req)?;
    Ok(entries
        .into_iter()
        .filter_map(|entry| {
            let (request_id, repository) = repository_of.get(&entry.subject)?;
            let details: serde_json::Value =
                serde_json::from_str(&entry.details).unwrap_or_default();
            let detail = ["reason", "comment", "note"]
                .iter()
                .find_map(|key| details.get(*key).and_then(|v| v.as_str()))
                .unwrap_or_default()
                .to_owned();
            Some(TimelineEntry {
                at: rfc3339(entry.at_ms),
                request_id: *request_id,
                repository: (*repository).to_owned(),
                action: entry.action,
                actor: details
                    .get("actor_email")
                    .and_then(|v| v.as_str())
                    .map(str::to_owned)
                    .unwrap_or(entry.actor),
                detail,
            })
        })
        .collect())
}
