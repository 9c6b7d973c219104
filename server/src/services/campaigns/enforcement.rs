//! The campaign part of the enforcement pass: reminders to reviewers with open items (weekly,
//! then daily from 3 days before the due date), and, for campaigns that asked for it, revoking
//! every item still undecided once the due date has passed. Conditional updates make each step
//! happen once across instances.

use super::super::grants::transition::SYSTEM;
use super::super::support::{audit_as, OrInternal};
use super::super::Services;
use super::decide::record_decision;
use super::mails;
use crate::audits::campaign;
use crate::store::{campaign_reminders, campaigns};
use clearance_app::model::campaigns::REVOKE;
use clearance_app::model::error::AppError;
use clearance_app::model::request::RequestContext;
use serde_json::json;

/// What one pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CampaignEnforcement {
    /// Reviewers reminded.
    pub reminded: usize,
    /// Items revoked because they were undecided at the due date.
    pub auto_revoked: usize,
}

const NOT_REVIEWED: &str = "Not reviewed by the campaign's due date.";

impl Services {
    pub async fn enforce_campaigns(
        &self,
        req: &RequestContext,
        now_ms: i64,
    ) -> Result<CampaignEnforcement, AppError> {
        let mut report = CampaignEnforcement::default();
        let open = {
            let mut conn = self.db.reader().acquire().await.or_internal(req)?;
            campaigns::open(&mut conn).await.or_internal(req)?
        };
        for record in open {
            if record.revoke_undecided_at_due && now_ms > record.due_at_ms {
                let mut tx = self.db.begin().await.or_internal(req)?;
                if campaigns::claim_auto_revoke(&mut tx, record.id, now_ms)
                    .await
                    .or_internal(req)?
                {
                    for item in campaigns::undecided(&mut tx, record.id)
                        .await
                        .or_internal(req)?
                    {
                        record_decision(
                            &mut tx,
                            req,
                            SYSTEM,
                            &record,
                            &item,
                            REVOKE,
                            NOT_REVIEWED,
                            "system",
                            now_ms,
                        )
                        .await?;
                        report.auto_revoked += 1;
                    }
                }
                tx.commit().await.or_internal(req)?;
            }
            let due_date = campaign::due_date_text(record.due_at_ms);
            let mut tx = self.db.begin().await.or_internal(req)?;
            for (reviewer, email, open_items, last) in
                campaign_reminders::reviewers_to_remind(&mut tx, record.id)
                    .await
                    .or_internal(req)?
            {
                let last_sent = (last > 0).then_some(last);
                if !campaign::reminder_due(now_ms, record.due_at_ms, last_sent) {
                    continue;
                }
                if !campaign_reminders::claim_reminder(&mut tx, record.id, reviewer, last, now_ms)
                    .await
                    .or_internal(req)?
                {
                    continue;
                }
                mails::items_to_review(
                    &mut tx,
                    req,
                    &email,
                    true,
                    &record.quarter,
                    record.id,
                    open_items,
                    &due_date,
                    now_ms,
                )
                .await?;
                audit_as(
                    &mut tx,
                    req,
                    SYSTEM,
                    "campaign.reminded",
                    &format!("campaign:{}", record.id),
                    json!({ "reviewer": email, "open_items": open_items }),
                )
                .await
                .or_internal(req)?;
                report.reminded += 1;
            }
            tx.commit().await.or_internal(req)?;
        }
        Ok(report)
    }
}
