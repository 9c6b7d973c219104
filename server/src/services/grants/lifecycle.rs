//! What security leads and admins do to grants: revoke, suspend, reinstate, and the kill switch
//! that revokes everything a person holds.

use super::super::support::{actor_label, audit, authorize_actor, bounded, OrInternal};
use super::super::Services;
use super::transition::{self, apply};
use super::{facts, views};
use crate::clock::unix_now_ms;
use crate::grants::policy;
use crate::grants::state::Event;
use crate::store::access_requests::{self, Change};
use crate::store::people;
use clearance_app::model::access::Operation;
use clearance_app::model::error::AppError;
use clearance_app::model::grants::{AccessRequestView, RevokedAll};
use clearance_app::model::request::RequestContext;
use serde_json::json;

/// A reason is required for every revocation and suspension: it is the audit evidence.
pub(super) fn required_reason<'a>(reason: &'a str, what: &str) -> Result<&'a str, AppError> {
    let reason = bounded("reason", reason.trim(), 2000)?;
    if reason.is_empty() {
        return Err(AppError::invalid(
            "reason",
            format!("Say why you {what}: the reason is kept in the audit log."),
        ));
    }
    Ok(reason)
}

impl Services {
    /// Revokes, suspends or reinstates one grant.
    async fn change_grant(
        &self,
        req: &RequestContext,
        id: i64,
        event: Event,
        reason: &str,
    ) -> Result<AccessRequestView, AppError> {
        authorize_actor(&self.db, req, Operation::RevokeAccess).await?;
        let what = match event {
            Event::Revoke => "revoke this grant",
            Event::Suspend => "suspend this grant",
            _ => "reinstate this grant",
        };
        let reason = required_reason(reason, what)?;
        let now = unix_now_ms();
        let mut tx = self.db.begin().await.or_internal(req)?;
        let record = access_requests::lock(&mut tx, id, now)
            .await
            .or_internal(req)?
            .ok_or_else(|| AppError::not_found("There is no access request with this id."))?;
        let mut change = Change::default();
        match event {
            Event::Revoke => {
                change.ended_at_ms = Some(now);
                change.reason = Some(reason);
            }
            Event::Suspend => change.reason = Some(reason),
            _ => {
                // Back to active only under the same conditions as a first approval.
                let person =
                    facts::load(&mut tx, req, record.person_id, &self.grant_policy).await?;
                policy::check_eligible(&person.facts, now, &self.grant_policy)
                    .map_err(AppError::from)?;
                if record.expires_at_ms.is_some_and(|end| end <= now) {
                    return Err(AppError::conflict(
                        "This grant's end has passed: make a new request instead.",
                    ));
                }
            }
        }
        apply(
            &mut tx,
            req,
            &actor_label(req),
            &record,
            event,
            &change,
            now,
            transition::reason(req, reason),
        )
        .await?;
        let view = views::reload(&mut tx, req, id).await?;
        tx.commit().await.or_internal(req)?;
        Ok(view)
    }

    pub async fn revoke_grant(
        &self,
        req: &RequestContext,
        id: i64,
        reason: &str,
    ) -> Result<AccessRequestView, AppError> {
        self.change_grant(req, id, Event::Revoke, reason).await
    }

    pub async fn suspend_grant(
        &self,
        req: &RequestContext,
        id: i64,
        reason: &str,
    ) -> Result<AccessRequestView, AppError> {
        self.change_grant(req, id, Event::Suspend, reason).await
    }

    pub async fn reinstate_grant(
        &self,
        req: &RequestContext,
        id: i64,
        reason: &str,
    ) -> Result<AccessRequestView, AppError> {
        self.change_grant(req, id, Event::Reinstate, reason).await
    }

    /// The kill switch: every grant of the person revoked and every pending request cancelled,
    /// in one transaction.
    pub async fn revoke_all_access(
        &self,
        req: &RequestContext,
        person_id: i64,
        reason: &str,
    ) -> Result<RevokedAll, AppError> {
        authorize_actor(&self.db, req, Operation::RevokeAccess).await?;
        let reason = required_reason(reason, "revoke all of this person's access")?;
        let now = unix_now_ms();
        let mut tx = self.db.begin().await.or_internal(req)?;
        people::find(&mut tx, person_id)
            .await
            .or_internal(req)?
            .ok_or_else(|| AppError::not_found("There is no person with this id."))?;
        let ids = access_requests::ids_of_person(
            &mut tx,
            person_id,
            &["pending", "approved", "active", "suspended"],
        )
        .await
        .or_internal(req)?;
        let (mut revoked, mut cancelled) = (0, 0);
        for id in ids {
            let Some(record) = access_requests::lock(&mut tx, id, now)
                .await
                .or_internal(req)?
            else {
                continue;
            };
            let event = if record.state == "pending" {
                cancelled += 1;
                Event::Cancel
            } else {
                revoked += 1;
                Event::Revoke
            };
            let change = Change {
                ended_at_ms: Some(now),
                reason: Some(reason),
                ..Default::default()
            };
            apply(
                &mut tx,
                req,
                &actor_label(req),
                &record,
                event,
                &change,
                now,
                transition::by(req, json!({ "reason": reason, "revoke_all": true })),
            )
            .await?;
        }
        audit(
            &mut tx,
            req,
            "access.revoked_all",
            &format!("person:{person_id}"),
            json!({ "reason": reason, "revoked": revoked, "cancelled": cancelled }),
        )
        .await
        .or_internal(req)?;
        tx.commit().await.or_internal(req)?;
        Ok(RevokedAll {
            person_id,
            revoked,
            cancelled,
        })
    }
}
