//! Campaigns (quarterly access reviews) and their items. Assigning the items also makes each
//! reviewer's reminder mark; reading and claiming the marks is in `store::campaign_reminders`.
//!
//! Decisions and sign-off are conditional updates (`WHERE decision IS NULL`, `WHERE state =
//! 'open'`), so two people deciding one item at once, or two instances enforcing the due date,
//! change it once.

use super::db::Conn;
use sqlx::any::AnyRow;
use sqlx::Row;

#[derive(Clone, Debug)]
pub struct CampaignRecord {
    pub id: i64,
    pub quarter: String,
    pub due_at_ms: i64,
    pub state: String,
    pub revoke_undecided_at_due: bool,
    pub created_by: i64,
    pub created_by_email: String,
    pub created_at_ms: i64,
    pub start_seq: i64,
    pub signed_off_by_email: Option<String>,
    pub signed_off_at_ms: Option<i64>,
    pub sign_off_seq: Option<i64>,
    pub sign_off_hash: Option<String>,
    pub total: i64,
    pub decided: i64,
    pub certified: i64,
    pub revoked: i64,
}

#[derive(Clone, Debug)]
pub struct ItemRecord {
    pub id: i64,
    pub campaign_id: i64,
    pub request_id: i64,
    pub reviewer: i64,
    pub reviewer_email: String,
    /// JSON array of e-mail addresses.
    pub approvers: String,
    pub decision: Option<String>,
    pub reason: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at_ms: Option<i64>,
}

pub struct NewItem {
    pub request_id: i64,
    pub reviewer: i64,
    pub approvers: String,
}

// SQL is assembled from literals only (`concat!`), never with `format!` (SECURITY.md E1).
macro_rules! campaign_select {
    () => {
        "SELECT c.id, c.quarter, c.due_at_ms, c.state, c.revoke_undecided_at_due, c.created_by,
            u.email AS created_by_email, c.created_at_ms, c.start_seq, s.email AS signed_off_by_email,
            c.signed_off_at_ms, c.sign_off_seq, c.sign_off_hash,
            (SELECT COUNT(*) FROM campaign_items i WHERE i.campaign_id = c.id) AS total,
            (SELECT COUNT(*) FROM campaign_items i WHERE i.campaign_id = c.id
                AND i.decision IS NOT NULL) AS decided,
            (SELECT COUNT(*) FROM campaign_items i WHERE i.campaign_id = c.id
                AND i.decision = 'certify') AS certified,
            (SELECT COUNT(*) FROM campaign_items i WHERE i.campaign_id = c.id
                AND i.decision = 'revoke') AS revoked
         FROM campaigns c
         JOIN users u ON u.id = c.created_by
         LEFT JOIN users s ON s.id = c.signed_off_by"
    };
}
macro_rules! item_select {
    () => {
        "SELECT i.id, i.campaign_id, i.request_id, i.reviewer, u.email AS reviewer_email,
            i.approvers, i.decision, i.reason, i.decided_by, i.decided_at_ms
         FROM campaign_items i JOIN users u ON u.id = i.reviewer"
    };
}

fn campaign(r: &AnyRow) -> Result<CampaignRecord, sqlx::Error> {
    let revoke: i64 = r.try_get("revoke_undecided_at_due")?;
    Ok(CampaignRecord {
        id: r.try_get("id")?,
        quarter: r.try_get("quarter")?,
        due_at_ms: r.try_get("due_at_ms")?,
        state: r.try_get("state")?,
        revoke_undecided_at_due: revoke != 0,
        created_by: r.try_get("created_by")?,
        created_by_email: r.try_get("created_by_email")?,
        created_at_ms: r.try_get("created_at_ms")?,
        start_seq: r.try_get("start_seq")?,
        signed_off_by_email: r.try_get("signed_off_by_email")?,
        signed_off_at_ms: r.try_get("signed_off_at_ms")?,
        sign_off_seq: r.try_get("sign_off_seq")?,
        sign_off_hash: r.try_get("sign_off_hash")?,
        total: r.try_get("total")?,
        decided: r.try_get("decided")?,
        certified: r.try_get("certified")?,
        revoked: r.try_get("revoked")?,
    })
}

fn item(r: &AnyRow) -> Result<ItemRecord, sqlx::Error> {
    Ok(ItemRecord {
        id: r.try_get("id")?,
        campaign_id: r.try_get("campaign_id")?,
        request_id: r.try_get("request_id")?,
        reviewer: r.try_get("reviewer")?,
        reviewer_email: r.try_get("reviewer_email")?,
        approvers: r.try_get("approvers")?,
        decision: r.try_get("decision")?,
        reason: r.try_get("reason")?,
        decided_by: r.try_get("decided_by")?,
        decided_at_ms: r.try_get("decided_at_ms")?,
    })
}

/// Inserts an open campaign; `None` when one exists for the quarter.
pub async fn insert(
    conn: &mut Conn,
    quarter: &str,
    due_at_ms: i64,
    revoke_undecided_at_due: bool,
    created_by: i64,
    now_ms: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let taken = sqlx::query("SELECT id FROM campaigns WHERE quarter = $1")
        .bind(quarter)
        .fetch_optional(&mut *conn)
        .await?;
    if taken.is_some() {
        return Ok(None);
    }
    let id = sqlx::query(
        "INSERT INTO campaigns (quarter, due_at_ms, state, revoke_undecided_at_due, created_by,
             created_at_ms, start_seq)
         VALUES ($1, $2, 'open', $3, $4, $5, 0) RETURNING id",
    )
    .bind(quarter)
    .bind(due_at_ms)
    .bind(i64::from(revoke_undecided_at_due))
    .bind(created_by)
    .bind(now_ms)
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")?;
    Ok(Some(id))
}

pub async fn set_start_seq(conn: &mut Conn, id: i64, seq: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE campaigns SET start_seq = $2 WHERE id = $1")
        .bind(id)
        .bind(seq)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Inserts the items and one reminder mark per reviewer (never reminded yet).
pub async fn insert_items(
    conn: &mut Conn,
    campaign_id: i64,
    items: &[NewItem],
) -> Result<(), sqlx::Error> {
    let mut reviewers = Vec::new();
    for new in items {
        sqlx::query(
            "INSERT INTO campaign_items (campaign_id, request_id, reviewer, approvers)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(campaign_id)
        .bind(new.request_id)
        .bind(new.reviewer)
        .bind(&new.approvers)
        .execute(&mut *conn)
        .await?;
        if !reviewers.contains(&new.reviewer) {
            reviewers.push(new.reviewer);
        }
    }
    for reviewer in reviewers {
        sqlx::query(
            "INSERT INTO campaign_reminders (campaign_id, reviewer, last_sent_ms) VALUES ($1, $2, 0)",
        )
        .bind(campaign_id)
        .bind(reviewer)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub async fn find(conn: &mut Conn, id: i64) -> Result<Option<CampaignRecord>, sqlx::Error> {
    let row = sqlx::query(concat!(campaign_select!(), " WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(campaign).transpose()
}

/// Every campaign, newest first (a few a year).
pub async fn list(conn: &mut Conn) -> Result<Vec<CampaignRecord>, sqlx::Error> {
    let rows = sqlx::query(concat!(campaign_select!(), " ORDER BY c.id DESC LIMIT 200"))
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(campaign).collect()
}

/// Open campaigns (the enforcement pass).
pub async fn open(conn: &mut Conn) -> Result<Vec<CampaignRecord>, sqlx::Error> {
    let rows = sqlx::query(concat!(
        campaign_select!(),
        " WHERE c.state = 'open' ORDER BY c.id"
    ))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(campaign).collect()
}

/// Per reviewer: (user id, e-mail, decided, total), by e-mail.
pub async fn reviewer_progress(
    conn: &mut Conn,
    campaign_id: i64,
) -> Result<Vec<(i64, String, i64, i64)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT i.reviewer, u.email, COUNT(i.decision) AS decided, COUNT(*) AS total
         FROM campaign_items i JOIN users u ON u.id = i.reviewer
         WHERE i.campaign_id = $1 GROUP BY i.reviewer, u.email ORDER BY u.email",
    )
    .bind(campaign_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("reviewer")?,
                r.try_get("email")?,
                r.try_get("decided")?,
                r.try_get("total")?,
            ))
        })
        .collect()
}

/// A page of a campaign's items (optionally one reviewer's, optionally undecided only), and the
/// total.
pub async fn items(
    conn: &mut Conn,
    campaign_id: i64,
    reviewer: Option<i64>,
    open_only: bool,
    limit: i64,
    offset: i64,
) -> Result<(Vec<ItemRecord>, i64), sqlx::Error> {
    let open_only = i64::from(open_only);
    let rows = sqlx::query(concat!(
        item_select!(),
        " WHERE i.campaign_id = $1 AND ($2 IS NULL OR i.reviewer = $2)
            AND ($3 = 0 OR i.decision IS NULL)
          ORDER BY i.id LIMIT $4 OFFSET $5"
    ))
    .bind(campaign_id)
    .bind(reviewer)
    .bind(open_only)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?;
    let total: i64 = sqlx::query(
        "SELECT COUNT(*) AS n FROM campaign_items i
         WHERE i.campaign_id = $1 AND ($2 IS NULL OR i.reviewer = $2)
           AND ($3 = 0 OR i.decision IS NULL)",
    )
    .bind(campaign_id)
    .bind(reviewer)
    .bind(open_only)
    .fetch_one(&mut *conn)
    .await?
    .try_get("n")?;
    Ok((rows.iter().map(item).collect::<Result<_, _>>()?, total))
}

pub async fn find_item(conn: &mut Conn, id: i64) -> Result<Option<ItemRecord>, sqlx::Error> {
    let row = sqlx::query(concat!(item_select!(), " WHERE i.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(item).transpose()
}

/// Records a decision on an undecided item; false when it was already decided.
pub async fn decide_item(
    conn: &mut Conn,
    id: i64,
    decision: &str,
    reason: &str,
    decided_by: &str,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE campaign_items SET decision = $2, reason = $3, decided_by = $4, decided_at_ms = $5
         WHERE id = $1 AND decision IS NULL",
    )
    .bind(id)
    .bind(decision)
    .bind(reason)
    .bind(decided_by)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Undecided items of a campaign (the due-date revocation).
pub async fn undecided(conn: &mut Conn, campaign_id: i64) -> Result<Vec<ItemRecord>, sqlx::Error> {
    let rows = sqlx::query(concat!(
        item_select!(),
        " WHERE i.campaign_id = $1 AND i.decision IS NULL ORDER BY i.id"
    ))
    .bind(campaign_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(item).collect()
}

/// Closes an open campaign; false when it was no longer open.
pub async fn sign_off(conn: &mut Conn, id: i64, by: i64, now_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE campaigns SET state = 'signed_off', signed_off_by = $2, signed_off_at_ms = $3
         WHERE id = $1 AND state = 'open'",
    )
    .bind(id)
    .bind(by)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records the audit entry of the sign-off and the chain's head hash after it.
pub async fn set_sign_off_evidence(
    conn: &mut Conn,
    id: i64,
    seq: i64,
    hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE campaigns SET sign_off_seq = $2, sign_off_hash = $3 WHERE id = $1")
        .bind(id)
        .bind(seq)
        .bind(hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Marks the due-date revocation of an open, overdue campaign that asked for it; true for the
/// one instance that does it.
pub async fn claim_auto_revoke(conn: &mut Conn, id: i64, now_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE campaigns SET auto_revoked_at_ms = $2
         WHERE id = $1 AND state = 'open' AND revoke_undecided_at_due = 1
           AND auto_revoked_at_ms IS NULL AND due_at_ms < $2",
    )
    .bind(id)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
