//! After a new version becomes active, everyone is screened again against the active lists, a
//! batch per transaction. The pass's cursor lives on the version and moves by a conditional
//! update, so instances sharing a database split the work instead of repeating it, and a restart
//! resumes where the pass stopped. Only people whose result changed get a new screening (the
//! re-screening is incremental in what it writes); whoever now has a high or critical KNOWN-*
//! finding is reported to the security leads by mail.

use super::super::support::OrInternal;
use super::super::Services;
use crate::clock::unix_now_ms;
use crate::store::watchlists::{self, VersionRecord};
use crate::store::{match_reviews, outbox, users};
use clearance_app::model::error::AppError;
use clearance_app::model::person::MATCH_QUEUE;
use clearance_app::model::request::RequestContext;
use clearance_app::model::role::Role;

/// People per transaction.
const BATCH: i64 = 250;

pub const SUBJECT_NEW_HIT: &str = "Watch-list match found by re-screening";

impl Services {
    /// Runs every unfinished pass to its end (or until `keep_going` says stop); returns how many
    /// people were screened.
    pub async fn run_watchlist_rescreens(
        &self,
        req: &RequestContext,
        keep_going: impl Fn() -> bool,
    ) -> Result<usize, AppError> {
        self.reload_watchlists(req).await?;
        let pending = {
            let mut conn = self.db.reader().acquire().await.or_internal(req)?;
            watchlists::unfinished_rescreens(&mut conn)
                .await
                .or_internal(req)?
        };
        let mut screened = 0;
        for version in pending {
            screened += self.rescreen_for_version(req, version, &keep_going).await?;
        }
        Ok(screened)
    }

    async fn rescreen_for_version(
        &self,
        req: &RequestContext,
        version: VersionRecord,
        keep_going: &impl Fn() -> bool,
    ) -> Result<usize, AppError> {
        let reason = format!("watch list {} version {}", version.source, version.id);
        let mut screened = 0;
        while keep_going() {
            let mut tx = self.db.begin().await.or_internal(req)?;
            let Some(current) = watchlists::find(&mut tx, version.id)
                .await
                .or_internal(req)?
                .filter(|v| v.active && v.rescreen_finished_ms.is_none())
            else {
                return Ok(screened);
            };
            let after = current.rescreen_after;
            let ids = watchlists::people_after(&mut tx, after, BATCH)
                .await
                .or_internal(req)?;
            let Some(last) = ids.last().copied() else {
                watchlists::finish_rescreen(&mut tx, version.id, unix_now_ms())
                    .await
                    .or_internal(req)?;
                tx.commit().await.or_internal(req)?;
                tracing::info!(source = %version.source, version = version.id, "watch-list re-screening finished");
                return Ok(screened);
            };
            if !watchlists::advance_rescreen(&mut tx, version.id, after, last, ids.len() as i64)
                .await
                .or_internal(req)?
            {
                // Another instance took this batch: read the cursor again.
                continue;
            }
            let since = unix_now_ms();
            self.rescreen_many(&mut tx, req, &ids, &reason).await?;
            self.mail_new_hits(&mut tx, req, &ids, &reason, since)
                .await?;
            tx.commit().await.or_internal(req)?;
            screened += ids.len();
        }
        Ok(screened)
    }

    /// Mails the security leads about people of `ids` whose screening stored by this batch has a
    /// high or critical KNOWN-* finding.
    async fn mail_new_hits(
        &self,
        conn: &mut crate::store::db::Conn,
        req: &RequestContext,
        ids: &[i64],
        reason: &str,
        since_ms: i64,
    ) -> Result<(), AppError> {
        let hits = match_reviews::known_hits_since(conn, ids, reason, since_ms)
            .await
            .or_internal(req)?;
        if hits.is_empty() {
            return Ok(());
        }
        let leads = users::active_emails_with_role(conn, Role::SecurityLead)
            .await
            .or_internal(req)?;
        let origin = req.origin.trim_end_matches('/');
        let mut body =
            format!("Re-screening after a watch-list update ({reason}) found these matches:\n\n");
        for hit in &hits {
            body.push_str(&format!(
                "  {} {} ({}): {}\n    {origin}/people/{}\n",
                hit.indicator, hit.severity, hit.person_name, hit.title, hit.person_id
            ));
        }
        body.push_str(&format!(
            "\nReview each match on the person's screening: confirm it or dismiss it as a false match with a reason.\nEveryone with a match waiting for review: {origin}{MATCH_QUEUE}\n"
        ));
        let now = unix_now_ms();
        for address in leads {
            outbox::enqueue(conn, &address, SUBJECT_NEW_HIT, &body, now)
                .await
                .or_internal(req)?;
        }
        Ok(())
    }
}
