//! A security lead's verdict on a watch-list match (issue 4 item 5). A false match is a
//! dismissal (`Services::dismiss_finding`): it stays suppressed for that person and entry until
//! the entry or the person's matched value changes, because both are in the finding's evidence.
//! A true match is recorded here with its reason; it stays open, so the person cannot be cleared.

use super::support::{audit, authorize_actor, bounded, OrInternal};
use super::Services;
use crate::clock::unix_now_ms;
use crate::store::db::Conn;
use crate::store::screenings::FindingRow;
use crate::store::{match_reviews, screenings};
use clearance_app::model::access::Operation;
use clearance_app::model::error::AppError;
use clearance_app::model::person::ScreeningView;
use clearance_app::model::request::RequestContext;
use serde_json::json;

/// The reason a verdict on a finding must give (at most 2,000 bytes); `missing` says what to
/// write when there is none.
pub(super) fn verdict_reason<'a>(reason: &'a str, missing: &str) -> Result<&'a str, AppError> {
    let reason = bounded("reason", reason.trim(), 2000)?;
    if reason.is_empty() {
        return Err(AppError::invalid("reason", missing));
    }
    Ok(reason)
}

/// The finding a verdict is about, or 404.
pub(super) async fn finding_under_review(
    conn: &mut Conn,
    req: &RequestContext,
    finding_id: i64,
) -> Result<FindingRow, AppError> {
    screenings::finding(conn, finding_id)
        .await
        .or_internal(req)?
        .ok_or_else(|| AppError::not_found("There is no finding with this id."))
}

impl Services {
    pub async fn confirm_match(
        &self,
        req: &RequestContext,
        finding_id: i64,
        reason: &str,
    ) -> Result<ScreeningView, AppError> {
        let actor = authorize_actor(&self.db, req, Operation::DismissFinding).await?;
        let reason = verdict_reason(
            reason,
            "Say why this is a true match: the reason is kept with the verdict.",
        )?;
        let mut tx = self.db.begin().await.or_internal(req)?;
        let finding = finding_under_review(&mut tx, req, finding_id).await?;
        if !finding.indicator.starts_with("KNOWN-") {
            return Err(AppError::policy(
                "match.watchlist_only",
                "Only watch-list matches (KNOWN-*) are confirmed as true matches; other findings stay open or are dismissed.",
            ));
        }
        let dismissed = screenings::dismissals(&mut tx, finding.person_id)
            .await
            .or_internal(req)?
            .iter()
            .any(|d| d.fingerprint == finding.fingerprint);
        if dismissed {
            return Err(AppError::conflict(
                "This match was dismissed as a false match already.",
            ));
        }
        let by = actor.email.clone();
        if !match_reviews::insert_confirmation(
            &mut tx,
            finding.person_id,
            &finding.fingerprint,
            &finding.indicator,
            reason,
            &by,
            unix_now_ms(),
        )
        .await
        .or_internal(req)?
        {
            return Err(AppError::conflict("This match was confirmed already."));
        }
        audit(
            &mut tx,
            req,
            "finding.confirmed",
            &format!("person:{}", finding.person_id),
            json!({ "finding": finding_id, "indicator": finding.indicator }),
        )
        .await
        .or_internal(req)?;
        let view = self.screening_view(&mut tx, req, finding.person_id).await?;
        tx.commit().await.or_internal(req)?;
        Ok(view)
    }
}
