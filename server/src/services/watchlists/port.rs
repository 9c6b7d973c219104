//! The port the server functions call; each method is the service of the same name.

use super::super::Services;
use async_trait::async_trait;
use clearance_app::model::error::AppError;
use clearance_app::model::request::RequestContext;
use clearance_app::model::watchlists::{ListVersionView, NewListVersion, WatchlistsPage};
use clearance_app::ports::WatchlistsPort;

#[async_trait]
impl WatchlistsPort for Services {
    async fn watchlists(
        &self,
        req: &RequestContext,
        page: u32,
    ) -> Result<WatchlistsPage, AppError> {
        self.watchlists_page(req, page).await
    }

    async fn import_watchlist(
        &self,
        req: &RequestContext,
        source: &str,
        upload: NewListVersion,
    ) -> Result<ListVersionView, AppError> {
        Services::import_watchlist(self, req, source, upload).await
    }
}
