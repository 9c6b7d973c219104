//! Once per start: everyone screened under older rules is screened again under the current ones
//! (see `services::rules_refresh`). Runs beside the server, person by person, so requests are
//! served meanwhile; on a restart it resumes with whoever is still outdated.

use crate::services::Services;
use clearance_app::model::request::RequestContext;
use std::sync::Arc;
use tokio::sync::watch;

pub async fn run(services: Arc<Services>, shutdown: watch::Receiver<bool>) {
    let req = RequestContext::internal("rules-refresh");
    let keep_going = move || !*shutdown.borrow();
    match services.refresh_outdated_screenings(&req, keep_going).await {
        Ok(0) => {}
        Ok(done) => tracing::info!(refreshed = done, "re-screening under new rules finished"),
        Err(err) => tracing::error!(error = %err, "re-screening under new rules failed"),
    }
}
