//! Persistence of sign-in throttling windows, shared by every instance.

use super::db::Conn;
use crate::auth::throttle::Window;
use sqlx::Row;

pub async fn get(conn: &mut Conn, key: &str) -> Result<Option<Window>, sqlx::Error> {
    let row =
        sqlx::query("SELECT failures, started_ms FROM login_throttle WHERE throttle_key = $1")
            .bind(key)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(|r| {
        Ok(Window {
            failures: r.try_get("failures")?,
            started_ms: r.try_get("started_ms")?,
        })
    })
    .transpose()
}

pub async fn put(conn: &mut Conn, key: &str, window: Window) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO login_throttle (throttle_key, failures, started_ms) VALUES ($1, $2, $3)
         ON CONFLICT (throttle_key) DO UPDATE SET failures = excluded.failures, started_ms = excluded.started_ms",
    )
    .bind(key)
    .bind(window.failures)
    .bind(window.started_ms)
    .execute(&mut *conn)
    .await
    .map(|_| ())
}

pub async fn clear(conn: &mut Conn, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_throttle WHERE throttle_key = $1")
        .bind(key)
        .execute(&mut *conn)
        .await
        .map(|_| ())
}
