//! When the rules change (a new `RULES_VERSION`), every stored person is indexed and screened
//! again: new rules may read new link keys (the near-duplicate bands, for instance), so the keys
//! are rebuilt from the stored document before the person is screened.

use super::support::OrInternal;
use super::Services;
use crate::scoring::{links, RULES_VERSION};
use crate::store::{link_index, people, rescreen_queue};
use clearance_app::model::error::AppError;
use clearance_app::model::profile::ProfileDocument;
use clearance_app::model::request::RequestContext;

/// People per read of the work list.
const BATCH: i64 = 200;

impl Services {
    /// Rebuilds one person's link keys and screens them (and whoever they now link to) under the
    /// current rules, in one transaction.
    pub async fn refresh_screening(
        &self,
        req: &RequestContext,
        person_id: i64,
    ) -> Result<(), AppError> {
        let mut tx = self.db.begin().await.or_internal(req)?;
        let Some(person) = people::find(&mut tx, person_id).await.or_internal(req)? else {
            return Ok(());
        };
        let doc: ProfileDocument = serde_json::from_str(&person.document).or_internal(req)?;
        link_index::replace_link_keys(&mut tx, person_id, &links::link_keys(&doc))
            .await
            .or_internal(req)?;
        let reason = format!("rules updated to {RULES_VERSION}");
        let others = self.rescreen(&mut tx, req, person_id, &reason).await?;
        self.rescreen_many(&mut tx, req, &others, &reason).await?;
        rescreen_queue::clear_rescreen_pending(&mut tx, &[person_id])
            .await
            .or_internal(req)?;
        tx.commit().await.or_internal(req)
    }

    /// Refreshes everyone screened under older rules; returns how many people were refreshed.
    /// Stops early (returning what was done) when `keep_going` says so.
    pub async fn refresh_outdated_screenings(
        &self,
        req: &RequestContext,
        keep_going: impl Fn() -> bool,
    ) -> Result<usize, AppError> {
        let (mut after, mut done) = (0, 0);
        loop {
            let ids = {
                let mut conn = self.db.reader().acquire().await.or_internal(req)?;
                rescreen_queue::outdated(&mut conn, RULES_VERSION, after, BATCH)
                    .await
                    .or_internal(req)?
            };
            let Some(last) = ids.last().copied() else {
                return Ok(done);
            };
            for id in ids {
                if !keep_going() {
                    return Ok(done);
                }
                self.refresh_screening(req, id).await?;
                done += 1;
            }
            tracing::info!(
                refreshed = done,
                rules = RULES_VERSION,
                "re-screening under new rules"
            );
            after = last;
        }
    }
}
