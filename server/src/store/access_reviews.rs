//! The reviews of access requests (`access_reviews`): one row per reviewer's approve or deny,
//! written when the review is recorded and read back, oldest first, with the request.

use super::db::Conn;
use sqlx::Row;

#[derive(Clone, Debug)]
pub struct ReviewRecord {
    pub request_id: i64,
    pub reviewer: i64,
    pub reviewer_email: String,
    pub decision: String,
    pub comment: String,
    pub at_ms: i64,
}

pub async fn insert_review(
    conn: &mut Conn,
    request_id: i64,
    reviewer: i64,
    decision: &str,
    comment: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO access_reviews (request_id, reviewer, decision, comment, at_ms)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(request_id)
    .bind(reviewer)
    .bind(decision)
    .bind(comment)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The reviews of these requests, oldest first.
pub async fn reviews_of(
    conn: &mut Conn,
    request_ids: &[i64],
) -> Result<Vec<ReviewRecord>, sqlx::Error> {
    let rows = super::batch::fetch_in(
        conn,
        "SELECT v.request_id, v.reviewer, u.email, v.decision, v.comment, v.at_ms
         FROM access_reviews v JOIN users u ON u.id = v.reviewer WHERE v.request_id IN ",
        request_ids,
        " ORDER BY v.at_ms, v.reviewer",
    )
    .await?;
    rows.iter()
        .map(|r| {
            Ok(ReviewRecord {
                request_id: r.try_get("request_id")?,
                reviewer: r.try_get("reviewer")?,
                reviewer_email: r.try_get("email")?,
                decision: r.try_get("decision")?,
                comment: r.try_get("comment")?,
                at_ms: r.try_get("at_ms")?,
            })
        })
        .collect()
}
