//! Starting a campaign: every live grant becomes an item, each with a reviewer (an owner of the
//! repository who did not approve the grant, where possible), in one transaction.

use super::super::support::{audit, authorize_actor, OrInternal};
use super::super::Services;
use super::mails;
use crate::audits::campaign::{self, ItemToAssign};
use crate::clock::unix_now_ms;
use crate::store::campaigns::{self, NewItem};
use crate::store::{access_requests, access_reviews, campaign_reminders, repositories, users};
use clearance_app::model::access::Operation;
use clearance_app::model::campaigns::{CampaignCreated, NewCampaign};
use clearance_app::model::error::AppError;
use clearance_app::model::request::RequestContext;
use clearance_app::model::role::Role;
use serde_json::json;
use std::collections::HashMap;

impl Services {
    pub async fn start_campaign(
        &self,
        req: &RequestContext,
        new: NewCampaign,
    ) -> Result<CampaignCreated, AppError> {
        let actor = authorize_actor(&self.db, req, Operation::StartCampaign).await?;
        let now = unix_now_ms();
        let (year, q) =
            campaign::parse_quarter(&new.quarter).map_err(|m| AppError::invalid("quarter", m))?;
        let quarter = format!("{year}-Q{q}");
        let due_at_ms = campaign::parse_due_date(&new.due_date, now)
            .map_err(|m| AppError::invalid("due_date", m))?;
        let mut tx = self.db.begin().await.or_internal(req)?;
        let leads = users::active_ids_with_role(&mut tx, Role::SecurityLead)
            .await
            .or_internal(req)?;
        let live = access_requests::live(&mut tx).await.or_internal(req)?;
        if !live.is_empty() && leads.is_empty() {
            return Err(AppError::policy(
                "campaign.reviewers",
                "There is no active security lead to review the grants: invite one first.",
            ));
        }
        let mut repository_ids: Vec<i64> = live.iter().map(|r| r.repository_id).collect();
        repository_ids.sort_unstable();
        repository_ids.dedup();
        let mut owners: HashMap<i64, Vec<i64>> = HashMap::new();
        for (repository, user, _) in repositories::owners_of(&mut tx, &repository_ids)
            .await
            .or_internal(req)?
        {
            owners.entry(repository).or_default().push(user);
        }
        let ids: Vec<i64> = live.iter().map(|r| r.id).collect();
        let mut approvers: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
        for review in access_reviews::reviews_of(&mut tx, &ids)
            .await
            .or_internal(req)?
        {
            if review.decision == "approve" {
                approvers
                    .entry(review.request_id)
                    .or_default()
                    .push((review.reviewer, review.reviewer_email));
            }
        }
        let to_assign: Vec<ItemToAssign> = live
            .iter()
            .map(|r| ItemToAssign {
                owners: owners.get(&r.repository_id).cloned().unwrap_or_default(),
                approvers: approvers
                    .get(&r.id)
                    .map(|a| a.iter().map(|(id, _)| *id).collect())
                    .unwrap_or_default(),
            })
            .collect();
        let assigned = campaign::assign_reviewers(&to_assign, &leads);

        let id = campaigns::insert(
            &mut tx,
            &quarter,
            due_at_ms,
            new.revoke_undecided_at_due,
            actor.user_id,
            now,
        )
        .await
        .or_internal(req)?
        .ok_or_else(|| {
            AppError::conflict(format!(
                "There is already a campaign for {quarter}: open it from the campaigns list."
            ))
        })?;
        let mut items = Vec::with_capacity(live.len());
        for (record, reviewer) in live.iter().zip(assigned) {
            let reviewer = reviewer
                .ok_or("a live grant got no reviewer although security leads exist")
                .or_internal(req)?;
            let emails: Vec<&str> = approvers
                .get(&record.id)
                .map(|a| a.iter().map(|(_, email)| email.as_str()).collect())
                .unwrap_or_default();
            items.push(NewItem {
                request_id: record.id,
                reviewer,
                approvers: serde_json::to_string(&emails).or_internal(req)?,
            });
        }
        campaigns::insert_items(&mut tx, id, &items)
            .await
            .or_internal(req)?;
        let seq = audit(
            &mut tx,
            req,
            "campaign.started",
            &format!("campaign:{id}"),
            json!({
                "quarter": quarter,
                "due_date": new.due_date.trim(),
                "items": items.len(),
                "revoke_undecided_at_due": new.revoke_undecided_at_due,
            }),
        )
        .await
        .or_internal(req)?;
        campaigns::set_start_seq(&mut tx, id, seq)
            .await
            .or_internal(req)?;
        // Each reviewer hears of their items now; the weekly reminders count from here.
        let due_date = campaign::due_date_text(due_at_ms);
        for (reviewer, email, open_items, seen) in
            campaign_reminders::reviewers_to_remind(&mut tx, id)
                .await
                .or_internal(req)?
        {
            if campaign_reminders::claim_reminder(&mut tx, id, reviewer, seen, now)
                .await
                .or_internal(req)?
            {
                mails::items_to_review(
                    &mut tx, req, &email, false, &quarter, id, open_items, &due_date, now,
                )
                .await?;
            }
        }
        tx.commit().await.or_internal(req)?;
        Ok(CampaignCreated {
            id,
            items: i64::try_from(items.len()).unwrap_or(i64::MAX),
        })
    }
}
