//! Marks of work done once per period (the daily digest of pending requests).

use super::db::Conn;

/// Moves `name`'s mark to `period` if it was before it; true for the one caller (of any
/// instance) that moved it, who then does the period's work. Periods compare as text, so they
/// are written as sortable dates (`2026-11-21`).
pub async fn claim_period(conn: &mut Conn, name: &str, period: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE job_marks SET period = $2 WHERE name = $1 AND period < $2")
        .bind(name)
        .bind(period)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
