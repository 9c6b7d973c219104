//! Imports started from the import page run in the background. The request parses and validates
//! the rows (a file that cannot be read at all is refused at once), records an import job and
//! answers with its number; a task stores the rows chunk by chunk, writes how many are committed
//! to the job every few hundred milliseconds, and at the end its report or why it failed. The
//! job's page reads it. A job is visible to the person who started it and to admins.

use super::import::Validated;
use super::support::{actor_label, audit, authorize, internal, OrInternal};
use super::Services;
use crate::clock::{rfc3339, unix_now_ms};
use crate::store::db::Backend;
use crate::store::import_jobs::{self, ImportJob, NewImportJob};
use clearance_app::model::access::Operation;
use clearance_app::model::error::AppError;
use clearance_app::model::person::{
    ImportJobView, ImportReport, IMPORT_FAILED, IMPORT_FINISHED, IMPORT_RUNNING,
};
use clearance_app::model::request::RequestContext;
use clearance_app::model::role::Role;
use serde_json::json;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How often a running import looks at its progress and writes it if it changed.
const PROGRESS_EVERY: Duration = Duration::from_millis(300);
/// A running import writes a sign of life at least this often, even between chunks.
const HEARTBEAT_EVERY_MS: i64 = 5_000;
/// A running import without a sign of life for this long has lost its server.
const STALE_AFTER_MS: i64 = 2 * 60 * 1000;

/// What the page says about an import whose server stopped before it ended.
pub const INTERRUPTED: &str = "The server restarted during this import; rows committed before \
     the restart are kept: check the people list, then import the remaining rows.";

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn size(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

impl Services {
    /// Parses and validates the rows, records the import and starts it in the background;
    /// returns the import's number at once. `format`: `json` (array or JSON lines) or `csv`.
    pub async fn start_import_job(
        &self,
        req: &RequestContext,
        format: &str,
        text: &str,
    ) -> Result<i64, AppError> {
        authorize(&self.db, req, Operation::EditPeople).await?;
        let rows = match format {
            "csv" => crate::profiles::import::parse_csv(text)?,
            "json" => crate::profiles::import::parse_json(text)?,
            _ => return Err(AppError::invalid("format", "Choose JSON or CSV.")),
        };
        if rows.is_empty() {
            return Err(AppError::invalid(
                "text",
                "There are no rows to import: paste the data or choose a file.",
            ));
        }
        let total_rows = rows.len();
        let rows = self.validate_rows(rows);
        let by = actor_label(req);
        let mut tx = self.db.begin().await.or_internal(req)?;
        let id = import_jobs::insert(
            &mut tx,
            &NewImportJob {
                created_by: &by,
                format,
                total_rows: count(total_rows),
                parsed_ok: count(rows.valid()),
            },
            unix_now_ms(),
        )
        .await
        .or_internal(req)?;
        audit(
            &mut tx,
            req,
            "people.import_started",
            &format!("import:{id}"),
            json!({
                "format": format,
                "rows": total_rows,
                "valid": rows.valid(),
                "refused": rows.refused(),
            }),
        )
        .await
        .or_internal(req)?;
        tx.commit().await.or_internal(req)?;
        tokio::spawn(self.clone().run_import_job(req.clone(), id, rows));
        Ok(id)
    }

    /// An import's progress, then its report or why it failed. Only the person who started it
    /// and admins see it; for anyone else it does not exist.
    pub async fn import_job(
        &self,
        req: &RequestContext,
        id: i64,
    ) -> Result<ImportJobView, AppError> {
        authorize(&self.db, req, Operation::EditPeople).await?;
        let missing = || AppError::not_found("There is no import with this number.");
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let job = import_jobs::find(&mut conn, id).await.or_internal(req)?;
        drop(conn);
        let Some(mut job) = job else {
            return Err(missing());
        };
        let admin = req.actor.as_ref().is_some_and(|a| a.role == Role::Admin);
        if job.created_by != actor_label(req) && !admin {
            return Err(missing());
        }
        let now = unix_now_ms();
        if job.status == IMPORT_RUNNING && now - job.heartbeat_at_ms > STALE_AFTER_MS {
            // Its server went away without recording the end.
            let mut tx = self.db.begin().await.or_internal(req)?;
            import_jobs::fail_stale(&mut tx, now - STALE_AFTER_MS, INTERRUPTED, now)
                .await
                .or_internal(req)?;
            let reread = import_jobs::find(&mut tx, id).await.or_internal(req)?;
            tx.commit().await.or_internal(req)?;
            job = reread.ok_or_else(missing)?;
        }
        Ok(view_of(job))
    }

    /// At start-up: imports left running by a server that stopped are marked failed. With SQLite
    /// this server is the only one, so that is every running import; with PostgreSQL other
    /// instances may be running theirs, so only those without a recent sign of life.
    pub async fn fail_interrupted_imports(&self) -> anyhow::Result<u64> {
        let now = unix_now_ms();
        let cutoff = match self.db.backend() {
            Backend::Sqlite => i64::MAX,
            Backend::Postgres => now - STALE_AFTER_MS,
        };
        let mut tx = self.db.begin().await?;
        let failed = import_jobs::fail_stale(&mut tx, cutoff, INTERRUPTED, now).await?;
        tx.commit().await?;
        Ok(failed)
    }

    /// The background part: stores the rows in another task, and meanwhile writes how many are
    /// committed (from that task's progress callback) to the job; then records the outcome.
    async fn run_import_job(self, req: RequestContext, id: i64, rows: Validated) {
        tracing::info!(
            request_id = %req.request_id,
            import_job = id,
            rows = rows.valid(),
            "import started"
        );
        let done = Arc::new(AtomicUsize::new(0));
        // A task of its own, so that the progress writes below (which wait for the writer
        // connection between chunks) never hold up the import itself.
        let mut work = {
            let (services, req, done) = (self.clone(), req.clone(), done.clone());
            tokio::spawn(async move {
                let progress = move |committed: usize, _total: usize| {
                    done.store(committed, Ordering::Relaxed);
                };
                services
                    .import_validated(&req, rows, Some(id), &progress)
                    .await
            })
        };
        let mut written = 0;
        let mut alive_at = unix_now_ms();
        let outcome = loop {
            tokio::select! {
                outcome = &mut work => break outcome,
                () = tokio::time::sleep(PROGRESS_EVERY) => {
                    let committed = done.load(Ordering::Relaxed);
                    let now = unix_now_ms();
                    if committed != written || now - alive_at >= HEARTBEAT_EVERY_MS {
                        match self.write_import_progress(id, committed, now).await {
                            Ok(()) => {
                                written = committed;
                                alive_at = now;
                            }
                            Err(err) => tracing::warn!(
                                request_id = %req.request_id,
                                import_job = id,
                                error = %err,
                                "could not record import progress"
                            ),
                        }
                    }
                }
            }
        };
        let outcome = match outcome {
            Ok(outcome) => outcome,
            // The import task panicked: log it, tell the person only the request id.
            Err(err) => Err(internal(&req, err)),
        };
        let committed = done.load(Ordering::Relaxed);
        if let Err(err) = self.end_import_job(id, outcome, committed).await {
            // The job stays `running` until it is found stale and marked interrupted.
            tracing::error!(
                request_id = %req.request_id,
                import_job = id,
                error = %err,
                "could not record the end of an import"
            );
        }
    }

    async fn write_import_progress(
        &self,
        id: i64,
        committed: usize,
        now: i64,
    ) -> Result<(), sqlx::Error> {
        let mut tx = self.db.begin().await?;
        import_jobs::set_progress(&mut tx, id, count(committed), now).await?;
        tx.commit().await
    }

    async fn end_import_job(
        &self,
        id: i64,
        outcome: Result<ImportReport, AppError>,
        committed: usize,
    ) -> anyhow::Result<()> {
        let now = unix_now_ms();
        let mut tx = self.db.begin().await?;
        match &outcome {
            Ok(report) => {
                let json = serde_json::to_string(report)?;
                import_jobs::finish(&mut tx, id, count(report.imported), &json, now).await?;
            }
            Err(err) => {
                // The error's own message: unexpected failures show only the request id.
                let message = format!(
                    "The import stopped: {err} The {committed} rows committed before it stopped \
                     are kept: check the people list, then import the remaining rows."
                );
                import_jobs::fail(&mut tx, id, &message, now).await?;
            }
        }
        tx.commit().await?;
        match outcome {
            Ok(report) => tracing::info!(
                import_job = id,
                imported = report.imported,
                refused = report.failed.len(),
                "import finished"
            ),
            Err(err) => tracing::warn!(import_job = id, error = %err, "import failed"),
        }
        Ok(())
    }
}

fn view_of(job: ImportJob) -> ImportJobView {
    let (report, error) = match (job.status.as_str(), job.report) {
        (IMPORT_FINISHED, Some(json)) => (serde_json::from_str::<ImportReport>(&json).ok(), None),
        (IMPORT_FAILED, message) => (
            None,
            Some(message.unwrap_or_else(|| "The import stopped.".to_owned())),
        ),
        _ => (None, None),
    };
    let (imported, failed) = match report {
        Some(report) => (report.imported, report.failed),
        None => (0, Vec::new()),
    };
    ImportJobView {
        id: job.id,
        status: job.status,
        format: job.format,
        rows: size(job.total_rows),
        total: size(job.parsed_ok),
        done: size(job.done),
        imported,
        failed,
        error,
        started_at: rfc3339(job.created_at_ms),
        finished_at: job.finished_at_ms.map(rfc3339),
    }
}
