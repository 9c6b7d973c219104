//! Who referred whom (`people.referred_by`), read in batches for the referral-chain rule BEH-08.

use super::db::Conn;
use sqlx::Row;

/// (id, referred by, band) of each of `ids` (BEH-08 reads who referred whom, and how risky).
pub async fn referral_facts(
    conn: &mut Conn,
    ids: &[i64],
) -> Result<Vec<(i64, Option<i64>, String)>, sqlx::Error> {
    let rows = super::batch::fetch_in(
        conn,
        "SELECT id, referred_by, band FROM people WHERE id IN ",
        ids,
        "",
    )
    .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("id")?,
                row.try_get("referred_by")?,
                row.try_get("band")?,
            ))
        })
        .collect()
}

/// The people who name any of `referrers` as their referrer.
pub async fn referees_of(conn: &mut Conn, referrers: &[i64]) -> Result<Vec<i64>, sqlx::Error> {
    let rows = super::batch::fetch_in(
        conn,
        "SELECT id FROM people WHERE referred_by IN ",
        referrers,
        "",
    )
    .await?;
    rows.iter().map(|row| row.try_get("id")).collect()
}
