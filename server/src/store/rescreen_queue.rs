//! Who must be screened again: people flagged because someone linked to them arrived, and people
//! screened under older rules. Both lists are read in id order, in pages, by the background
//! refresh and by the import's final pass.

use super::db::Conn;
use sqlx::Row;

/// Flags people whose screening must be redone because someone linked to them arrived (the
/// import defers those re-screenings to one pass at its end; a crash leaves the flag for the
/// background refresh).
pub async fn mark_rescreen_pending(conn: &mut Conn, ids: &[i64]) -> Result<(), sqlx::Error> {
    super::batch::execute_in(
        conn,
        "UPDATE people SET rescreen_pending = 1 WHERE id IN ",
        ids,
        "",
    )
    .await
}

pub async fn clear_rescreen_pending(conn: &mut Conn, ids: &[i64]) -> Result<(), sqlx::Error> {
    super::batch::execute_in(
        conn,
        "UPDATE people SET rescreen_pending = 0 WHERE id IN ",
        ids,
        "",
    )
    .await
}

/// Flagged people after `after_id`, in id order.
pub async fn rescreen_pending(
    conn: &mut Conn,
    after_id: i64,
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id FROM people WHERE rescreen_pending = 1 AND id > $1 ORDER BY id LIMIT $2",
    )
    .bind(after_id)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| r.try_get("id")).collect()
}

/// People whose latest screening was made under other rules than `rules_version` (or who have
/// none, or are flagged for a re-screening), after `after_id`, in id order: the work list after
/// the rules change or an interrupted import.
pub async fn outdated(
    conn: &mut Conn,
    rules_version: &str,
    after_id: i64,
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT p.id FROM people p
         LEFT JOIN screenings s ON s.id = (SELECT MAX(s2.id) FROM screenings s2 WHERE s2.person_id = p.id)
         WHERE p.id > $1 AND (s.id IS NULL OR s.rules_version <> $2 OR p.rescreen_pending = 1)
         ORDER BY p.id LIMIT $3",
    )
    .bind(after_id)
    .bind(rules_version)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| r.try_get("id")).collect()
}
