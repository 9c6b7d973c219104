//! Imports running in the background: one row per import started from the import page, with its
//! progress and, at the end, its report or the reason it failed.

use super::db::Conn;
use sqlx::Row;

/// A stored import job.
#[derive(Clone, Debug)]
pub struct ImportJob {
    pub id: i64,
    /// The actor label of who started it (`user:<id>`).
    pub created_by: String,
    pub format: String,
    /// Rows in the file.
    pub total_rows: i64,
    /// Rows that passed validation: what the import writes.
    pub parsed_ok: i64,
    /// Rows committed so far.
    pub done: i64,
    pub status: String,
    /// The report as JSON when finished, the message when failed.
    pub report: Option<String>,
    pub created_at_ms: i64,
    pub heartbeat_at_ms: i64,
    pub finished_at_ms: Option<i64>,
}

pub struct NewImportJob<'a> {
    pub created_by: &'a str,
    pub format: &'a str,
    pub total_rows: i64,
    pub parsed_ok: i64,
}

pub async fn insert(
    conn: &mut Conn,
    job: &NewImportJob<'_>,
    now_ms: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO import_jobs (created_by, format, total_rows, parsed_ok, done, status,
             created_at_ms, heartbeat_at_ms)
         VALUES ($1, $2, $3, $4, 0, 'running', $5, $5) RETURNING id",
    )
    .bind(job.created_by)
    .bind(job.format)
    .bind(job.total_rows)
    .bind(job.parsed_ok)
    .bind(now_ms)
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")
}

/// Records how many rows are committed and that the import is alive. No effect once the job has
/// ended (a late write never turns a failed job back into a running one).
pub async fn set_progress(
    conn: &mut Conn,
    id: i64,
    done: i64,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE import_jobs SET done = $1, heartbeat_at_ms = $2
         WHERE id = $3 AND status = 'running'",
    )
    .bind(done)
    .bind(now_ms)
    .bind(id)
    .execute(&mut *conn)
    .await
    .map(|_| ())
}

/// Marks a running job finished with its report (JSON).
pub async fn finish(
    conn: &mut Conn,
    id: i64,
    done: i64,
    report_json: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE import_jobs SET status = 'finished', done = $1, report = $2, heartbeat_at_ms = $3,
             finished_at_ms = $3
         WHERE id = $4 AND status = 'running'",
    )
    .bind(done)
    .bind(report_json)
    .bind(now_ms)
    .bind(id)
    .execute(&mut *conn)
    .await
    .map(|_| ())
}

/// Marks a running job failed with a message for the person who started it.
pub async fn fail(conn: &mut Conn, id: i64, message: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE import_jobs SET status = 'failed', report = $1, heartbeat_at_ms = $2,
             finished_at_ms = $2
         WHERE id = $3 AND status = 'running'",
    )
    .bind(message)
    .bind(now_ms)
    .bind(id)
    .execute(&mut *conn)
    .await
    .map(|_| ())
}

/// Marks failed every running job that has not shown a sign of life since `heartbeat_before_ms`
/// (its server stopped or crashed); returns how many.
pub async fn fail_stale(
    conn: &mut Conn,
    heartbeat_before_ms: i64,
    message: &str,
    now_ms: i64,
) -> Result<u64, sqlx::Error> {
    sqlx::query(
        "UPDATE import_jobs SET status = 'failed', report = $1, finished_at_ms = $2
         WHERE status = 'running' AND heartbeat_at_ms < $3",
    )
    .bind(message)
    .bind(now_ms)
    .bind(heartbeat_before_ms)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected())
}

pub async fn find(conn: &mut Conn, id: i64) -> Result<Option<ImportJob>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id, created_by, format, total_rows, parsed_ok, done, status, report,
             created_at_ms, heartbeat_at_ms, finished_at_ms
         FROM import_jobs WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        Ok(ImportJob {
            id: r.try_get("id")?,
            created_by: r.try_get("created_by")?,
            format: r.try_get("format")?,
            total_rows: r.try_get("total_rows")?,
            parsed_ok: r.try_get("parsed_ok")?,
            done: r.try_get("done")?,
            status: r.try_get("status")?,
            report: r.try_get("report")?,
            created_at_ms: r.try_get("created_at_ms")?,
            heartbeat_at_ms: r.try_get("heartbeat_at_ms")?,
            finished_at_ms: r.try_get("finished_at_ms")?,
        })
    })
    .transpose()
}
