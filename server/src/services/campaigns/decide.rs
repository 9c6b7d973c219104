//! Deciding items (certify keeps the grant; revoke ends it at once) and signing a finished
//! campaign off, which records the audit chain's head as the evidence's seal.

use super::super::grants::transition::{self, apply};
use super::super::support::{actor_label, audit, authorize_actor, bounded, OrInternal};
use super::super::Services;
use super::reads::find_campaign;
use crate::clock::unix_now_ms;
use crate::grants::state::Event;
use crate::store::access_requests::{self, Change};
use crate::store::audit_log;
use crate::store::campaigns::{self, CampaignRecord, ItemRecord};
use crate::store::db::Conn;
use clearance_app::model::access::Operation;
use clearance_app::model::campaigns::{
    CampaignItemView, CampaignView, CAMPAIGN_OPEN, CERTIFY, REVOKE,
};
use clearance_app::model::error::AppError;
use clearance_app::model::request::RequestContext;
use clearance_app::model::role::Role;
use serde_json::json;

/// Records `decision` on an undecided item and, for a revocation, revokes the grant if it is
/// still live. `by` is who decided, as the item shows it (an e-mail address or `system`).
#[allow(clippy::too_many_arguments)] // each is one fact of the decision
pub(super) async fn record_decision(
    conn: &mut Conn,
    req: &RequestContext,
    actor: &str,
    campaign: &CampaignRecord,
    item: &ItemRecord,
    decision: &str,
    reason: &str,
    by: &str,
    now_ms: i64,
) -> Result<(), AppError> {
    if !campaigns::decide_item(conn, item.id, decision, reason, by, now_ms)
        .await
        .or_internal(req)?
    {
        return Err(AppError::conflict(
            "This item was decided meanwhile: reload the page to see the decision.",
        ));
    }
    super::super::support::audit_as(
        conn,
        req,
        actor,
        "campaign.item_decided",
        &format!("campaign_item:{}", item.id),
        transition::by(
            req,
            json!({
                "campaign_id": campaign.id,
                "quarter": campaign.quarter,
                "request_id": item.request_id,
                "decision": decision,
                "reason": reason,
            }),
        ),
    )
    .await
    .or_internal(req)?;
    if decision == REVOKE {
        let Some(grant) = access_requests::lock(conn, item.request_id, now_ms)
            .await
            .or_internal(req)?
        else {
            return Ok(());
        };
        // A grant that expired or was revoked since the snapshot has nothing left to revoke.
        if matches!(grant.state.as_str(), "approved" | "active" | "suspended") {
            let why = format!(
                "Revoked in the {} access review: {reason}",
                campaign.quarter
            );
            let change = Change {
                ended_at_ms: Some(now_ms),
                reason: Some(&why),
                ..Default::default()
            };
            apply(
                conn,
                req,
                actor,
                &grant,
                Event::Revoke,
                &change,
                now_ms,
                transition::by(
                    req,
                    json!({ "reason": why, "campaign_id": campaign.id, "item_id": item.id }),
                ),
            )
            .await?;
        }
    }
    Ok(())
}

impl Services {
    pub async fn decide_campaign_item(
        &self,
        req: &RequestContext,
        item_id: i64,
        decision: &str,
        reason: &str,
    ) -> Result<CampaignItemView, AppError> {
        let actor = authorize_actor(&self.db, req, Operation::DecideCampaignItem).await?;
        let decision = decision.trim();
        if decision != CERTIFY && decision != REVOKE {
            return Err(AppError::invalid(
                "decision",
                "Choose certify (keep the access) or revoke (end it now).",
            ));
        }
        let reason = bounded("reason", reason.trim(), 2000)?;
        if decision == REVOKE && reason.is_empty() {
            return Err(AppError::invalid(
                "reason",
                "Say why the access is revoked: the reason goes into the evidence.",
            ));
        }
        let now = unix_now_ms();
        let mut tx = self.db.begin().await.or_internal(req)?;
        let item = campaigns::find_item(&mut tx, item_id)
            .await
            .or_internal(req)?
            .ok_or_else(|| AppError::not_found("There is no campaign item with this id."))?;
        let campaign = find_campaign(&mut tx, req, item.campaign_id).await?;
        if campaign.state != CAMPAIGN_OPEN {
            return Err(AppError::conflict(
                "This campaign is signed off: its decisions can no longer change.",
            ));
        }
        if item.reviewer != actor.user_id && actor.role != Role::Admin {
            return Err(AppError::not_permitted(
                "campaign.reviewer",
                format!(
                    "This item is assigned to {}: only they or an admin can decide it.",
                    item.reviewer_email
                ),
            ));
        }
        record_decision(
            &mut tx,
            req,
            &actor_label(req),
            &campaign,
            &item,
            decision,
            reason,
            &actor.email,
            now,
        )
        .await?;
        let item = campaigns::find_item(&mut tx, item_id)
            .await
            .or_internal(req)?
            .ok_or("the item is gone")
            .or_internal(req)?;
        let campaign = find_campaign(&mut tx, req, item.campaign_id).await?;
        let view = self
            .item_views(&mut tx, req, Some(actor), &campaign, vec![item])
            .await?
            .pop()
            .ok_or("the item view is missing")
            .or_internal(req)?;
        tx.commit().await.or_internal(req)?;
        Ok(view)
    }

    pub async fn sign_off_campaign(
        &self,
        req: &RequestContext,
        id: i64,
    ) -> Result<CampaignView, AppError> {
        let actor = authorize_actor(&self.db, req, Operation::SignOffCampaign).await?;
        let now = unix_now_ms();
        let mut tx = self.db.begin().await.or_internal(req)?;
        let campaign = find_campaign(&mut tx, req, id).await?;
        if campaign.state != CAMPAIGN_OPEN {
            return Err(AppError::conflict("This campaign is already signed off."));
        }
        let undecided = campaign.total - campaign.decided;
        if undecided > 0 {
            return Err(AppError::policy(
                "campaign.complete",
                format!(
                    "{undecided} item(s) are still undecided: every item must be certified or revoked before sign-off."
                ),
            ));
        }
        if !campaigns::sign_off(&mut tx, id, actor.user_id, now)
            .await
            .or_internal(req)?
        {
            return Err(AppError::conflict("This campaign is already signed off."));
        }
        let seq = audit(
            &mut tx,
            req,
            "campaign.signed_off",
            &format!("campaign:{id}"),
            json!({
                "quarter": campaign.quarter,
                "items": campaign.total,
                "certified": campaign.certified,
                "revoked": campaign.revoked,
                "start_seq": campaign.start_seq,
            }),
        )
        .await
        .or_internal(req)?;
        let (head_seq, head_hash) = audit_log::head(&mut tx).await.or_internal(req)?;
        if head_seq != seq {
            return Err("the audit head moved during sign-off").or_internal(req);
        }
        campaigns::set_sign_off_evidence(&mut tx, id, seq, &head_hash)
            .await
            .or_internal(req)?;
        let view = self.campaign_view_in(&mut tx, req, actor, id).await?;
        tx.commit().await.or_internal(req)?;
        Ok(view)
    }
}
