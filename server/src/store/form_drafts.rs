//! Persistence of form drafts: what a person typed into a form the server refused while their
//! browser ran no JavaScript.

use super::db::Conn;
use sqlx::Row;

/// Stores (or replaces) the user's draft of `form_key`, and drops everyone's drafts older than
/// `expired_before_ms`.
pub async fn save(
    conn: &mut Conn,
    user_id: i64,
    form_key: &str,
    body: &str,
    now_ms: i64,
    expired_before_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM form_drafts WHERE saved_at_ms < $1")
        .bind(expired_before_ms)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO form_drafts (user_id, form_key, body, saved_at_ms) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, form_key) DO UPDATE SET body = excluded.body, saved_at_ms = excluded.saved_at_ms",
    )
    .bind(user_id)
    .bind(form_key)
    .bind(body)
    .bind(now_ms)
    .execute(&mut *conn)
    .await
    .map(|_| ())
}

/// The user's draft of `form_key` if it was saved at or after `not_before_ms`.
pub async fn find(
    conn: &mut Conn,
    user_id: i64,
    form_key: &str,
    not_before_ms: i64,
) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT body FROM form_drafts WHERE user_id = $1 AND form_key = $2 AND saved_at_ms >= $3",
    )
    .bind(user_id)
    .bind(form_key)
    .bind(not_before_ms)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| r.try_get("body")).transpose()
}

pub async fn delete(conn: &mut Conn, user_id: i64, form_key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM form_drafts WHERE user_id = $1 AND form_key = $2")
        .bind(user_id)
        .bind(form_key)
        .execute(&mut *conn)
        .await
        .map(|_| ())
}
