//! Watch-list matches under review: the high and critical KNOWN-* findings a re-screening pass
//! stored (for the mail to the security leads), and matches confirmed as true. A false match is
//! a dismissal (`screenings::insert_dismissal`), like any other false positive.

use super::db::Conn;
use sqlx::Row;

/// A high or critical watch-list finding of a screening stored by a re-screening pass.
#[derive(Clone, Debug)]
pub struct KnownHit {
    pub person_id: i64,
    pub person_name: String,
    pub indicator: String,
    pub severity: String,
    pub title: String,
}

/// Open high or critical KNOWN-* findings of screenings stored with `reason` since `since_ms`
/// for people with ids in `ids` (a contiguous batch of the pass) that no earlier screening of
/// the person had: a match already reported is not reported again.
pub async fn known_hits_since(
    conn: &mut Conn,
    ids: &[i64],
    reason: &str,
    since_ms: i64,
) -> Result<Vec<KnownHit>, sqlx::Error> {
    let (Some(first), Some(last)) = (ids.iter().min(), ids.iter().max()) else {
        return Ok(Vec::new());
    };
    let rows = sqlx::query(
        "SELECT f.person_id, p.full_name, f.indicator, f.severity, f.title
         FROM findings f
         JOIN screenings s ON s.id = f.screening_id
         JOIN people p ON p.id = f.person_id
         WHERE s.reason = $1 AND s.created_at_ms >= $2 AND f.person_id BETWEEN $3 AND $4
           AND f.indicator LIKE 'KNOWN-%' AND f.severity IN ('high', 'critical')
           AND NOT EXISTS (SELECT 1 FROM finding_dismissals d
                           WHERE d.person_id = f.person_id AND d.fingerprint = f.fingerprint)
           AND NOT EXISTS (SELECT 1 FROM findings e JOIN screenings t ON t.id = e.screening_id
                           WHERE t.person_id = f.person_id AND t.id < s.id
                             AND e.fingerprint = f.fingerprint)
         ORDER BY f.person_id, f.id",
    )
    .bind(reason)
    .bind(since_ms)
    .bind(*first)
    .bind(*last)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(KnownHit {
                person_id: r.try_get("person_id")?,
                person_name: r.try_get("full_name")?,
                indicator: r.try_get("indicator")?,
                severity: r.try_get("severity")?,
                title: r.try_get("title")?,
            })
        })
        .collect()
}

/// A match confirmed as true.
#[derive(Clone, Debug)]
pub struct ConfirmationRow {
    pub fingerprint: String,
    pub reason: String,
    pub confirmed_by: String,
    pub confirmed_at_ms: i64,
}

pub async fn confirmations(
    conn: &mut Conn,
    person_id: i64,
) -> Result<Vec<ConfirmationRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT fingerprint, reason, confirmed_by, confirmed_at_ms FROM match_confirmations
         WHERE person_id = $1",
    )
    .bind(person_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(ConfirmationRow {
                fingerprint: r.try_get("fingerprint")?,
                reason: r.try_get("reason")?,
                confirmed_by: r.try_get("confirmed_by")?,
                confirmed_at_ms: r.try_get("confirmed_at_ms")?,
            })
        })
        .collect()
}

/// Records a confirmation; false when this match (same evidence) was confirmed already.
pub async fn insert_confirmation(
    conn: &mut Conn,
    person_id: i64,
    fingerprint: &str,
    indicator: &str,
    reason: &str,
    by: &str,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "INSERT INTO match_confirmations (person_id, fingerprint, indicator, reason, confirmed_by, confirmed_at_ms)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(person_id)
    .bind(fingerprint)
    .bind(indicator)
    .bind(reason)
    .bind(by)
    .bind(now_ms)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected() == 1)
}
