//! Reviewing a request: distinct security leads approve or deny; the last approval needed makes
//! the grant active at once, until the requested duration or the clearance's end, whichever
//! comes first.

use super::super::support::{actor_label, audit, authorize_actor, bounded, OrInternal};
use super::super::Services;
use super::transition::{self, apply};
use super::{facts, mails, views};
use crate::clock::unix_now_ms;
use crate::grants::policy;
use crate::grants::review::{self, ReviewContext, ReviewOutcome};
use crate::grants::state::{self, Event};
use crate::store::access_requests::{self, Change};
use crate::store::access_reviews;
use clearance_app::model::access::Operation;
use clearance_app::model::error::AppError;
use clearance_app::model::grants::{AccessRequestView, ReviewDecision};
use clearance_app::model::request::RequestContext;
use serde_json::json;

impl Services {
    pub async fn review_request(
        &self,
        req: &RequestContext,
        id: i64,
        decision: &str,
        comment: &str,
    ) -> Result<AccessRequestView, AppError> {
        let actor = authorize_actor(&self.db, req, Operation::ReviewAccess).await?;
        let decision =
            ReviewDecision::parse(decision).map_err(|m| AppError::invalid("decision", m))?;
        let comment = bounded("comment", comment.trim(), 2000)?;
        if decision == ReviewDecision::Deny && comment.is_empty() {
            return Err(AppError::invalid(
                "comment",
                "Say why you deny the request: the requester reads it.",
            ));
        }
        let now = unix_now_ms();
        let mut tx = self.db.begin().await.or_internal(req)?;
        // The row lock makes concurrent reviews of one request take turns.
        let record = access_requests::lock(&mut tx, id, now)
            .await
            .or_internal(req)?
            .ok_or_else(|| AppError::not_found("There is no access request with this id."))?;
        let parsed = views::parsed(&record).or_internal(req)?;
        let event = match decision {
            ReviewDecision::Approve => Event::Approve,
            ReviewDecision::Deny => Event::Deny,
        };
        state::next(parsed.state, event).map_err(AppError::from)?;

        let reviews = access_reviews::reviews_of(&mut tx, &[id])
            .await
            .or_internal(req)?;
        let reviewed: Vec<i64> = reviews.iter().map(|r| r.reviewer).collect();
        let approvers: Vec<i64> = reviews
            .iter()
            .filter(|r| r.decision == "approve")
            .map(|r| r.reviewer)
            .collect();
        let person = facts::load(&mut tx, req, record.person_id, &self.grant_policy).await?;
        let cleared_by = person
            .facts
            .decided_by
            .filter(|_| person.facts.decision.as_deref() == Some("cleared"));
        let context = ReviewContext {
            requester: record.requested_by,
            tier: parsed.tier,
            required: u8::try_from(record.approvals_required).unwrap_or(u8::MAX),
            cleared_by,
            approvers: &approvers,
            reviewed: &reviewed,
        };
        let outcome = review::outcome(&context, actor.user_id, decision).map_err(AppError::from)?;
        if outcome == ReviewOutcome::Approved {
            // The screening may have changed since the request was made.
            policy::check_eligible(&person.facts, now, &self.grant_policy)
                .map_err(AppError::from)?;
        }

        access_reviews::insert_review(&mut tx, id, actor.user_id, decision.as_str(), comment, now)
            .await
            .or_internal(req)?;
        audit(
            &mut tx,
            req,
            "access.reviewed",
            &views::subject(id),
            transition::by(
                req,
                json!({ "decision": decision.as_str(), "comment": comment }),
            ),
        )
        .await
        .or_internal(req)?;
        let by = actor_label(req);
        match outcome {
            ReviewOutcome::StillPending { .. } => {}
            ReviewOutcome::Denied => {
                let change = Change {
                    ended_at_ms: Some(now),
                    reason: Some(comment),
                    ..Default::default()
                };
                apply(
                    &mut tx,
                    req,
                    &by,
                    &record,
                    Event::Deny,
                    &change,
                    now,
                    transition::reason(req, comment),
                )
                .await?;
            }
            ReviewOutcome::Approved => {
                let mut all_approvers = approvers.clone();
                all_approvers.push(actor.user_id);
                apply(
                    &mut tx,
                    req,
                    &by,
                    &record,
                    Event::Approve,
                    &Change::default(),
                    now,
                    transition::by(req, json!({ "approvers": all_approvers })),
                )
                .await?;
                let approved = access_requests::find(&mut tx, id)
                    .await
                    .or_internal(req)?
                    .ok_or("the request is gone")
                    .or_internal(req)?;
                let expires = policy::expires_at_ms(
                    now,
                    record.duration_days,
                    &person.facts,
                    &self.grant_policy,
                );
                let change = Change {
                    activated_at_ms: Some(now),
                    expires_at_ms: Some(expires),
                    ..Default::default()
                };
                apply(
                    &mut tx,
                    req,
                    &by,
                    &approved,
                    Event::Activate,
                    &change,
                    now,
                    transition::by(req, json!({ "expires_at": crate::clock::rfc3339(expires) })),
                )
                .await?;
            }
        }
        let view = views::reload(&mut tx, req, id).await?;
        if !matches!(outcome, ReviewOutcome::StillPending { .. }) {
            mails::decided(&mut tx, req, &view, now).await?;
        }
        tx.commit().await.or_internal(req)?;
        Ok(view)
    }
}
