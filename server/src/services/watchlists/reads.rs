//! Reading the lists: every version with its counts and re-screening progress, for the page
//! and `GET /api/v1/watchlists`.

use super::super::support::{authorize_actor, OrInternal};
use super::super::Services;
use crate::store::watchlists;
use clearance_app::model::access::Operation;
use clearance_app::model::error::AppError;
use clearance_app::model::page::{PageInfo, DEFAULT_PER_PAGE};
use clearance_app::model::request::RequestContext;
use clearance_app::model::watchlists::{ListVersionView, RescreenProgress, WatchlistsPage};

pub(super) fn view(v: &watchlists::VersionRecord) -> ListVersionView {
    ListVersionView {
        id: v.id,
        source: v.source.clone(),
        format: v.format.clone(),
        content_sha256: v.content_sha256.clone(),
        entry_count: v.entry_count,
        name_count: v.name_count,
        identifier_count: v.identifier_count,
        imported_by: v.imported_by.clone(),
        imported_at: crate::clock::rfc3339(v.imported_at_ms),
        active: v.active,
        rescreen: RescreenProgress {
            done: v.rescreen_done.min(v.rescreen_total),
            total: v.rescreen_total,
            finished: v.rescreen_finished_ms.is_some(),
        },
    }
}

impl Services {
    pub async fn watchlists_page(
        &self,
        req: &RequestContext,
        page: u32,
    ) -> Result<WatchlistsPage, AppError> {
        let actor = authorize_actor(&self.db, req, Operation::ViewWatchlists).await?;
        let may_import = Operation::ImportWatchlist.permits(Some(actor.role));
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let total = watchlists::count(&mut conn).await.or_internal(req)?;
        let info = PageInfo::new(page, DEFAULT_PER_PAGE, total);
        let versions = watchlists::list(&mut conn, i64::from(info.per_page), info.offset())
            .await
            .or_internal(req)?;
        let active = watchlists::active(&mut conn).await.or_internal(req)?;
        Ok(WatchlistsPage {
            active: active.iter().map(view).collect(),
            versions: versions.iter().map(view).collect(),
            page: info,
            may_import,
        })
    }
}
