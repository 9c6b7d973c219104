//! The founders' dashboard's numbers: a few aggregate reads.

use super::db::Conn;
use sqlx::Row;

async fn counts(conn: &mut Conn, sql: &'static str) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let rows = sqlx::query(sql).fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| Ok((r.try_get("label")?, r.try_get("n")?)))
        .collect()
}

/// Active grants per repository tier.
pub async fn active_by_tier(conn: &mut Conn) -> Result<Vec<(String, i64)>, sqlx::Error> {
    counts(
        conn,
        "SELECT r.tier AS label, COUNT(*) AS n FROM access_requests a
         JOIN repositories r ON r.id = a.repository_id
         WHERE a.state = 'active' GROUP BY r.tier",
    )
    .await
}

/// Active grants per permission.
pub async fn active_by_permission(conn: &mut Conn) -> Result<Vec<(String, i64)>, sqlx::Error> {
    counts(
        conn,
        "SELECT permission AS label, COUNT(*) AS n FROM access_requests
         WHERE state = 'active' GROUP BY permission",
    )
    .await
}

/// Active grants ending by `by_ms`.
pub async fn active_ending_by(conn: &mut Conn, by_ms: i64) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "SELECT COUNT(*) AS n FROM access_requests WHERE state = 'active' AND expires_at_ms <= $1",
    )
    .bind(by_ms)
    .fetch_one(&mut *conn)
    .await?
    .try_get("n")
}

/// People per risk band.
pub async fn people_by_band(conn: &mut Conn) -> Result<Vec<(String, i64)>, sqlx::Error> {
    counts(
        conn,
        "SELECT band AS label, COUNT(*) AS n FROM people GROUP BY band",
    )
    .await
}

/// Undismissed critical and high findings of everyone's latest screening, per severity.
pub async fn open_serious_findings(conn: &mut Conn) -> Result<Vec<(String, i64)>, sqlx::Error> {
    counts(
        conn,
        "SELECT f.severity AS label, COUNT(*) AS n FROM findings f
         JOIN (SELECT person_id, MAX(id) AS id FROM screenings GROUP BY person_id) latest
           ON latest.id = f.screening_id
         LEFT JOIN finding_dismissals d
           ON d.person_id = f.person_id AND d.fingerprint = f.fingerprint
         WHERE d.person_id IS NULL AND f.severity IN ('critical', 'high')
         GROUP BY f.severity",
    )
    .await
}

/// When each pending request was made.
pub async fn pending_requested_at(conn: &mut Conn) -> Result<Vec<i64>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT requested_at_ms FROM access_requests WHERE state = 'pending' ORDER BY requested_at_ms",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| r.try_get("requested_at_ms")).collect()
}
