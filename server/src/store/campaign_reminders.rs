//! The reviewers' reminder marks of a campaign (`campaign_reminders`, one row per reviewer, made
//! when the items are assigned): who still has undecided items, and claiming a reminder so that
//! exactly one instance sends it.

use super::db::Conn;
use sqlx::Row;

/// Reviewers of a campaign with undecided items: (user id, e-mail, open items, last reminded).
pub async fn reviewers_to_remind(
    conn: &mut Conn,
    campaign_id: i64,
) -> Result<Vec<(i64, String, i64, i64)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT r.reviewer, u.email, r.last_sent_ms,
            (SELECT COUNT(*) FROM campaign_items i WHERE i.campaign_id = r.campaign_id
                AND i.reviewer = r.reviewer AND i.decision IS NULL) AS open_items
         FROM campaign_reminders r JOIN users u ON u.id = r.reviewer
         WHERE r.campaign_id = $1 AND u.disabled_at_ms IS NULL ORDER BY r.reviewer",
    )
    .bind(campaign_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::new();
    for r in &rows {
        let open: i64 = r.try_get("open_items")?;
        if open > 0 {
            out.push((
                r.try_get("reviewer")?,
                r.try_get("email")?,
                open,
                r.try_get("last_sent_ms")?,
            ));
        }
    }
    Ok(out)
}

/// Moves a reviewer's reminder mark from `seen` to `now`; true for the one instance that did.
pub async fn claim_reminder(
    conn: &mut Conn,
    campaign_id: i64,
    reviewer: i64,
    seen: i64,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE campaign_reminders SET last_sent_ms = $4
         WHERE campaign_id = $1 AND reviewer = $2 AND last_sent_ms = $3",
    )
    .bind(campaign_id)
    .bind(reviewer)
    .bind(seen)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
