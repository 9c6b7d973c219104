//! Persistence of screening decisions (cleared / rejected / needs more information) with their
//! reasons; each refers to the screening it was made on.

use super::db::Conn;
use sqlx::Row;

#[derive(Clone, Debug)]
pub struct DecisionRow {
    pub id: i64,
    pub screening_id: i64,
    pub decision: String,
    pub reason: String,
    pub decided_by: String,
    pub decided_at_ms: i64,
}

pub async fn insert_decision(
    conn: &mut Conn,
    person_id: i64,
    screening_id: i64,
    decision: &str,
    reason: &str,
    by: &str,
    now_ms: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO screening_decisions (person_id, screening_id, decision, reason, decided_by, decided_at_ms)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(person_id)
    .bind(screening_id)
    .bind(decision)
    .bind(reason)
    .bind(by)
    .bind(now_ms)
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")
}

pub async fn decisions(conn: &mut Conn, person_id: i64) -> Result<Vec<DecisionRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, screening_id, decision, reason, decided_by, decided_at_ms FROM screening_decisions
         WHERE person_id = $1 ORDER BY id DESC",
    )
    .bind(person_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(DecisionRow {
                id: r.try_get("id")?,
                screening_id: r.try_get("screening_id")?,
                decision: r.try_get("decision")?,
                reason: r.try_get("reason")?,
                decided_by: r.try_get("decided_by")?,
                decided_at_ms: r.try_get("decided_at_ms")?,
            })
        })
        .collect()
}
