//! The enforcement pass the background job runs every few seconds (and tests run with the clock
//! they choose): grants past their end expire, requests left unreviewed lapse, reminders go out 7
//! days and 1 day before an end, and the security leads get one digest a day of what waits.
//!
//! Every step is a conditional update that only one instance can win, so running the pass on
//! several instances at once, or twice, changes nothing more than running it once.

use super::super::support::{audit_as, OrInternal};
use super::super::Services;
use super::transition::SYSTEM;
use super::{mails, views};
use crate::store::access_requests;
use crate::store::grant_reminders::{self, Reminder};
use crate::store::job_marks;
use clearance_app::model::error::AppError;
use clearance_app::model::request::RequestContext;
use serde_json::json;

/// What one pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EnforcementReport {
    pub expired: usize,
    pub lapsed: usize,
    /// Grants reminded (each reminder goes to the requester and the approvers).
    pub reminded: usize,
    /// Security leads sent the daily digest.
    pub digests: usize,
}

/// `2026-11-21`: the digest's period.
fn day_of(now_ms: i64) -> String {
    crate::clock::rfc3339(now_ms).chars().take(10).collect()
}

impl Services {
    /// One pass at `now_ms`. `req` carries the origin used in mail links.
    pub async fn enforce_grants(
        &self,
        req: &RequestContext,
        now_ms: i64,
    ) -> Result<EnforcementReport, AppError> {
        let mut report = EnforcementReport::default();

        let mut tx = self.db.begin().await.or_internal(req)?;
        let expired = access_requests::expire_due(&mut tx, "The grant reached its end.", now_ms)
            .await
            .or_internal(req)?;
        for id in &expired {
            audit_as(
                &mut tx,
                req,
                SYSTEM,
                "access.expired",
                &views::subject(*id),
                json!({ "reason": "The grant reached its end." }),
            )
            .await
            .or_internal(req)?;
        }
        let lapse_reason = format!(
            "Nobody reviewed it within {} days.",
            self.grant_policy.pending_ttl_days
        );
        let lapsed = access_requests::lapse_due(&mut tx, &lapse_reason, now_ms)
            .await
            .or_internal(req)?;
        for id in &lapsed {
            audit_as(
                &mut tx,
                req,
                SYSTEM,
                "access.lapsed",
                &views::subject(*id),
                json!({ "reason": lapse_reason }),
            )
            .await
            .or_internal(req)?;
        }
        tx.commit().await.or_internal(req)?;
        report.expired = expired.len();
        report.lapsed = lapsed.len();

        for reminder in [Reminder::SevenDays, Reminder::OneDay] {
            let mut tx = self.db.begin().await.or_internal(req)?;
            let ids = grant_reminders::claim_reminders(&mut tx, reminder, now_ms)
                .await
                .or_internal(req)?;
            let records = access_requests::find_many(&mut tx, &ids)
                .await
                .or_internal(req)?;
            for view in views::request_views(&mut tx, req, records).await? {
                let one_day = reminder == Reminder::OneDay;
                mails::reminder(&mut tx, req, &view, one_day, now_ms).await?;
                audit_as(
                    &mut tx,
                    req,
                    SYSTEM,
                    "access.reminded",
                    &views::subject(view.id),
                    json!({ "note": if one_day { "Ends within a day." } else { "Ends within 7 days." } }),
                )
                .await
                .or_internal(req)?;
                report.reminded += 1;
            }
            tx.commit().await.or_internal(req)?;
        }

        let mut tx = self.db.begin().await.or_internal(req)?;
        let waiting = access_requests::pending_count(&mut tx)
            .await
            .or_internal(req)?;
        if waiting > 0
            && job_marks::claim_period(&mut tx, "pending_digest", &day_of(now_ms))
                .await
                .or_internal(req)?
        {
            let filter = access_requests::Filter {
                state: Some("pending".into()),
                ..Default::default()
            };
            let (records, _) = access_requests::search(&mut tx, &filter, 100, 0)
                .await
                .or_internal(req)?;
            let waiting = views::request_views(&mut tx, req, records).await?;
            report.digests = mails::digest(&mut tx, req, &waiting, now_ms).await?;
        }
        tx.commit().await.or_internal(req)?;
        Ok(report)
    }
}
