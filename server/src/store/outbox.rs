//! The mail outbox. Mail is enqueued in the same transaction as the change that causes it, and a
//! worker delivers it later, so a failed SMTP server never loses or duplicates a change.

use super::db::Conn;
use sqlx::Row;

#[derive(Clone, Debug)]
pub struct OutboxMail {
    pub id: i64,
    pub to_addr: String,
    pub subject: String,
    pub body_text: String,
    pub attempts: i64,
}

pub async fn enqueue(
    conn: &mut Conn,
    to_addr: &str,
    subject: &str,
    body_text: &str,
    now_ms: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO mail_outbox (to_addr, subject, body_text, created_at_ms, next_attempt_at_ms)
         VALUES ($1, $2, $3, $4, $4) RETURNING id",
    )
    .bind(to_addr)
    .bind(subject)
    .bind(body_text)
    .bind(now_ms)
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")
}

/// Claims the oldest due mail for `lease_ms`. The claim is one conditional UPDATE, so two
/// instances never claim the same mail: PostgreSQL re-checks the condition after waiting for the
/// row lock, and SQLite has a single writer.
pub async fn claim_due(
    conn: &mut Conn,
    now_ms: i64,
    lease_ms: i64,
) -> Result<Option<OutboxMail>, sqlx::Error> {
    let row = sqlx::query(
        "UPDATE mail_outbox SET locked_until_ms = $2, attempts = attempts + 1
         WHERE id = (
             SELECT id FROM mail_outbox
             WHERE sent_at_ms IS NULL AND failed_at_ms IS NULL AND next_attempt_at_ms <= $1
               AND (locked_until_ms IS NULL OR locked_until_ms <= $1)
             ORDER BY next_attempt_at_ms, id LIMIT 1)
           AND (locked_until_ms IS NULL OR locked_until_ms <= $1)
         RETURNING id, to_addr, subject, body_text, attempts",
    )
    .bind(now_ms)
    .bind(now_ms + lease_ms)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        Ok(OutboxMail {
            id: r.try_get("id")?,
            to_addr: r.try_get("to_addr")?,
            subject: r.try_get("subject")?,
            body_text: r.try_get("body_text")?,
            attempts: r.try_get("attempts")?,
        })
    })
    .transpose()
}

pub async fn mark_sent(conn: &mut Conn, id: i64, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE mail_outbox SET sent_at_ms = $1, locked_until_ms = NULL, last_error = NULL WHERE id = $2")
        .bind(now_ms)
        .bind(id)
        .execute(&mut *conn)
        .await
        .map(|_| ())
}

/// Records a failed attempt; `retry_at_ms` None gives up on the mail.
pub async fn mark_failed(
    conn: &mut Conn,
    id: i64,
    error: &str,
    retry_at_ms: Option<i64>,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE mail_outbox SET locked_until_ms = NULL, last_error = $1,
             next_attempt_at_ms = COALESCE($2, next_attempt_at_ms),
             failed_at_ms = CASE WHEN $2 IS NULL THEN $3 ELSE NULL END
         WHERE id = $4",
    )
    .bind(error)
    .bind(retry_at_ms)
    .bind(now_ms)
    .bind(id)
    .execute(&mut *conn)
    .await
    .map(|_| ())
}

/// Counts of mail by state, for readiness and the admin's view.
pub async fn pending_count(conn: &mut Conn) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "SELECT COUNT(*) AS n FROM mail_outbox WHERE sent_at_ms IS NULL AND failed_at_ms IS NULL",
    )
    .fetch_one(&mut *conn)
    .await?
    .try_get("n")
}
