//! Which active grants are due for a reminder before they end, marked so each is reminded once
//! (by one instance) per reminder.

use super::access_requests::sorted_ids;
use super::db::Conn;

/// Which reminder [`claim_reminders`] marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reminder {
    SevenDays,
    OneDay,
}

/// Marks the active grants due for this reminder and returns them: due when the end is within
/// the reminder's window (7 days: between 1 and 7 days away; 1 day: within a day). A grant is
/// marked once, by one instance.
pub async fn claim_reminders(
    conn: &mut Conn,
    reminder: Reminder,
    now_ms: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    const DAY: i64 = 86_400_000;
    // Each reminder has its own column, so each has its own fixed statement.
    let (sql, nearest, furthest) = match reminder {
        Reminder::SevenDays => (
            "UPDATE access_requests SET reminded_7d_at_ms = $1
             WHERE state = 'active' AND reminded_7d_at_ms IS NULL
               AND expires_at_ms > $2 AND expires_at_ms <= $3 RETURNING id",
            now_ms + DAY,
            now_ms + 7 * DAY,
        ),
        Reminder::OneDay => (
            "UPDATE access_requests SET reminded_1d_at_ms = $1
             WHERE state = 'active' AND reminded_1d_at_ms IS NULL
               AND expires_at_ms > $2 AND expires_at_ms <= $3 RETURNING id",
            now_ms,
            now_ms + DAY,
        ),
    };
    let rows = sqlx::query(sql)
        .bind(now_ms)
        .bind(nearest)
        .bind(furthest)
        .fetch_all(&mut *conn)
        .await?;
    sorted_ids(&rows)
}
