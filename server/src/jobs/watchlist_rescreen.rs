//! Keeps the watch-list matcher in step with the active versions (another instance may have
//! imported one) and runs the re-screening pass after every switch (`services::watchlists`).
//! Woken at once by an import on this instance; otherwise looks every few seconds. Every
//! instance runs it; the pass's cursor is claimed batch by batch, so no leader is needed.

use crate::services::Services;
use clearance_app::model::request::RequestContext;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// How often an idle instance looks for a version activated elsewhere.
const EVERY: Duration = Duration::from_secs(5);

pub async fn run(
    services: Arc<Services>,
    public_url: Option<String>,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut req = RequestContext::internal("watchlist-rescreen");
    if let Some(url) = public_url {
        req.origin = url;
    }
    loop {
        let stop = shutdown.clone();
        let keep_going = move || !*stop.borrow();
        match services.run_watchlist_rescreens(&req, keep_going).await {
            Ok(0) => {}
            Ok(done) => tracing::info!(screened = done, "watch-list re-screening"),
            Err(err) => tracing::error!(error = %err, "watch-list re-screening failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(EVERY) => {}
            _ = services.watchlists.wake.notified() => {}
            _ = shutdown.changed() => return,
        }
    }
}
