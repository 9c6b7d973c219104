//! Every few seconds: expire grants whose end has come, lapse unreviewed requests, send the
//! reminders and the daily digest (`services::grants::enforcement`), and remind campaign
//! reviewers or revoke what was left undecided at a due date (`services::campaigns`). Every
//! instance runs it; the passes are safe to run concurrently, so no leader is needed.

use crate::services::Services;
use clearance_app::model::request::RequestContext;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

pub async fn run(
    services: Arc<Services>,
    public_url: Option<String>,
    every: Duration,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut req = RequestContext::internal("grant-enforcer");
    if let Some(url) = public_url {
        req.origin = url;
    }
    loop {
        match services
            .enforce_grants(&req, crate::clock::unix_now_ms())
            .await
        {
            Ok(report) if report != Default::default() => {
                tracing::info!(?report, "access grants enforced");
            }
            Ok(_) => {}
            Err(err) => tracing::error!(error = %err, "access grant enforcement failed"),
        }
        match services
            .enforce_campaigns(&req, crate::clock::unix_now_ms())
            .await
        {
            Ok(report) if report != Default::default() => {
                tracing::info!(?report, "access review campaigns enforced");
            }
            Ok(_) => {}
            Err(err) => tracing::error!(error = %err, "campaign enforcement failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = shutdown.changed() => return,
        }
    }
}
