//! Asking for access: the policy preview, the request itself, and cancelling it.

use super::super::support::{actor_label, authorize_actor, bounded, OrInternal};
use super::super::Services;
use super::transition::{self, apply};
use super::{facts, views};
use crate::clock::unix_now_ms;
use crate::grants::policy::{self, RequestFacts};
use crate::grants::state::Event;
use crate::store::access_requests::{self, Change, NewRequestRow};
use crate::store::db::Conn;
use crate::store::repositories::{self, RepositoryRecord};
use clearance_app::model::access::Operation;
use clearance_app::model::error::AppError;
use clearance_app::model::grants::{
    AccessRequestView, GrantState, NewAccessRequest, Permission, PolicyBlocker, PolicyPreview,
    RequestCreated, Tier,
};
use clearance_app::model::request::RequestContext;
use clearance_app::model::role::Role;
use serde_json::json;

/// The parts of a request the policy judges, read and checked.
struct Asked {
    repository: RepositoryRecord,
    facts: RequestFacts,
}

async fn read_request(
    conn: &mut Conn,
    req: &RequestContext,
    new: &NewAccessRequest,
) -> Result<Asked, AppError> {
    let permission =
        Permission::parse(&new.permission).map_err(|m| AppError::invalid("permission", m))?;
    let repository = repositories::find(conn, new.repository_id)
        .await
        .or_internal(req)?
        .ok_or_else(|| {
            AppError::invalid(
                "repository_id",
                "There is no repository with this id: pick one from the list.",
            )
        })?;
    let tier = Tier::parse(&repository.tier).or_internal(req)?;
    Ok(Asked {
        facts: RequestFacts {
            permission,
            tier,
            duration_days: new.duration_days,
        },
        repository,
    })
}

impl Services {
    pub async fn preview_request(
        &self,
        req: &RequestContext,
        new: NewAccessRequest,
    ) -> Result<PolicyPreview, AppError> {
        authorize_actor(&self.db, req, Operation::RequestAccess).await?;
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let asked = read_request(&mut conn, req, &new).await?;
        let person = facts::load(&mut conn, req, new.person_id, &self.grant_policy).await?;
        let f = asked.facts;
        let blockers = policy::blockers(&f, &person.facts, unix_now_ms(), &self.grant_policy)
            .into_iter()
            .map(|r| PolicyBlocker {
                rule: r.rule.into(),
                message: r.message,
            })
            .collect();
        Ok(PolicyPreview {
            approvals_required: policy::approvals_required(f.permission, f.tier),
            max_duration_days: policy::max_duration_days(f.permission, f.tier),
            blockers,
            screening: person.brief,
        })
    }

    pub async fn request_access(
        &self,
        req: &RequestContext,
        new: NewAccessRequest,
    ) -> Result<RequestCreated, AppError> {
        let actor = authorize_actor(&self.db, req, Operation::RequestAccess).await?;
        let justification = bounded("justification", new.justification.trim(), 2000)?;
        if justification.is_empty() {
            return Err(AppError::invalid(
                "justification",
                "Say why the person needs this access: reviewers read it.",
            ));
        }
        let now = unix_now_ms();
        let mut tx = self.db.begin().await.or_internal(req)?;
        let asked = read_request(&mut tx, req, &new).await?;
        let person = facts::load(&mut tx, req, new.person_id, &self.grant_policy).await?;
        if let Some(first) = policy::blockers(&asked.facts, &person.facts, now, &self.grant_policy)
            .into_iter()
            .next()
        {
            return Err(first.into());
        }
        let waiting = access_requests::ids_of_person(&mut tx, new.person_id, &["pending"])
            .await
            .or_internal(req)?;
        if !waiting.is_empty() {
            let same_repository = access_requests::find_many(&mut tx, &waiting)
                .await
                .or_internal(req)?
                .into_iter()
                .find(|r| r.repository_id == asked.repository.id);
            if let Some(existing) = same_repository {
                return Err(AppError::conflict(format!(
                    "Request #{} for {} to {} is already waiting for review: cancel it or wait for its outcome.",
                    existing.id, existing.person_name, existing.repository
                )));
            }
        }
        let f = asked.facts;
        let required = policy::approvals_required(f.permission, f.tier);
        let row = NewRequestRow {
            person_id: new.person_id,
            repository_id: asked.repository.id,
            permission: f.permission.as_str(),
            duration_days: f.duration_days,
            justification,
            approvals_required: i64::from(required),
            requested_by: actor.user_id,
            lapses_at_ms: policy::lapses_at_ms(now, &self.grant_policy),
        };
        let id = access_requests::insert(&mut tx, &row, now)
            .await
            .or_internal(req)?;
        super::super::support::audit(
            &mut tx,
            req,
            "access.requested",
            &views::subject(id),
            transition::by(
                req,
                json!({
                    "person_id": new.person_id,
                    "repository": asked.repository.name,
                    "permission": f.permission.as_str(),
                    "duration_days": f.duration_days,
                    "approvals_required": required,
                    "justification": justification,
                }),
            ),
        )
        .await
        .or_internal(req)?;
        tx.commit().await.or_internal(req)?;
        Ok(RequestCreated {
            id,
            state: GrantState::Pending,
            approvals_required: required,
        })
    }

    /// The requester withdraws a pending request (admins and security leads may too).
    pub async fn cancel_request(
        &self,
        req: &RequestContext,
        id: i64,
    ) -> Result<AccessRequestView, AppError> {
        let actor = authorize_actor(&self.db, req, Operation::RequestAccess).await?;
        let now = unix_now_ms();
        let mut tx = self.db.begin().await.or_internal(req)?;
        let record = access_requests::lock(&mut tx, id, now)
            .await
            .or_internal(req)?
            .ok_or_else(|| AppError::not_found("There is no access request with this id."))?;
        let manager = matches!(actor.role, Role::Admin | Role::SecurityLead);
        if record.requested_by != actor.user_id && !manager {
            return Err(AppError::not_permitted(
                "request.owner",
                "Only the person who made this request, an admin or a security lead can cancel it.",
            ));
        }
        let change = Change {
            ended_at_ms: Some(now),
            reason: Some("Cancelled before review."),
            ..Default::default()
        };
        apply(
            &mut tx,
            req,
            &actor_label(req),
            &record,
            Event::Cancel,
            &change,
            now,
            transition::by(req, json!({})),
        )
        .await?;
        let view = views::reload(&mut tx, req, id).await?;
        tx.commit().await.or_internal(req)?;
        Ok(view)
    }
}
