//! Access requests and the grants they become (one row through the whole life). Their reviews
//! are in `store::access_reviews`.
//!
//! Every state change is a conditional `UPDATE … WHERE state = <expected>`: when two people (or
//! two instances) act on the same request at once, exactly one change applies and the other sees
//! that nothing was updated.

use super::db::Conn;
use sqlx::any::AnyRow;
use sqlx::Row;

#[derive(Clone, Debug)]
pub struct RequestRecord {
    pub id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub repository_id: i64,
    pub repository: String,
    pub tier: String,
    pub permission: String,
    pub duration_days: i64,
    pub justification: String,
    pub state: String,
    pub approvals_required: i64,
    pub requested_by: i64,
    pub requested_by_email: String,
    pub requested_at_ms: i64,
    pub lapses_at_ms: i64,
    pub activated_at_ms: Option<i64>,
    pub expires_at_ms: Option<i64>,
    pub ended_at_ms: Option<i64>,
    pub end_reason: Option<String>,
}

pub struct NewRequestRow<'a> {
    pub person_id: i64,
    pub repository_id: i64,
    pub permission: &'a str,
    pub duration_days: i64,
    pub justification: &'a str,
    pub approvals_required: i64,
    pub requested_by: i64,
    pub lapses_at_ms: i64,
}

/// What a state change writes beside the state.
#[derive(Clone, Debug, Default)]
pub struct Change<'a> {
    /// Set when the grant starts (kept otherwise).
    pub activated_at_ms: Option<i64>,
    /// Set when the grant starts (kept otherwise).
    pub expires_at_ms: Option<i64>,
    /// Set when the request reaches a final state.
    pub ended_at_ms: Option<i64>,
    /// Why it ended or was suspended; cleared by any other change.
    pub reason: Option<&'a str>,
}

// SQL is assembled from literals only (`concat!`), never with `format!` (SECURITY.md E1).
macro_rules! select {
    () => {
        "SELECT a.id, a.person_id, p.full_name AS person_name, a.repository_id,
            r.name AS repository, r.tier, a.permission, a.duration_days, a.justification, a.state,
            a.approvals_required, a.requested_by, u.email AS requested_by_email, a.requested_at_ms,
            a.lapses_at_ms, a.activated_at_ms, a.expires_at_ms, a.ended_at_ms, a.end_reason
         FROM access_requests a
         JOIN people p ON p.id = a.person_id
         JOIN repositories r ON r.id = a.repository_id
         JOIN users u ON u.id = a.requested_by"
    };
}
// A NULL parameter disables its filter; `$5` = 1 keeps only requests that became grants.
macro_rules! filtered {
    () => {
        " WHERE ($1 IS NULL OR a.person_id = $1) AND ($2 IS NULL OR a.repository_id = $2)
            AND ($3 IS NULL OR a.requested_by = $3) AND ($4 IS NULL OR a.state = $4)
            AND ($5 = 0 OR a.state IN ('approved', 'active', 'suspended', 'expired', 'revoked'))
            AND ($6 IS NULL OR r.tier = $6) AND ($7 IS NULL OR a.permission = $7)
            AND ($8 IS NULL OR (a.state = 'active' AND a.expires_at_ms <= $8))"
    };
}

fn record(r: &AnyRow) -> Result<RequestRecord, sqlx::Error> {
    Ok(RequestRecord {
        id: r.try_get("id")?,
        person_id: r.try_get("person_id")?,
        person_name: r.try_get("person_name")?,
        repository_id: r.try_get("repository_id")?,
        repository: r.try_get("repository")?,
        tier: r.try_get("tier")?,
        permission: r.try_get("permission")?,
        duration_days: r.try_get("duration_days")?,
        justification: r.try_get("justification")?,
        state: r.try_get("state")?,
        approvals_required: r.try_get("approvals_required")?,
        requested_by: r.try_get("requested_by")?,
        requested_by_email: r.try_get("requested_by_email")?,
        requested_at_ms: r.try_get("requested_at_ms")?,
        lapses_at_ms: r.try_get("lapses_at_ms")?,
        activated_at_ms: r.try_get("activated_at_ms")?,
        expires_at_ms: r.try_get("expires_at_ms")?,
        ended_at_ms: r.try_get("ended_at_ms")?,
        end_reason: r.try_get("end_reason")?,
    })
}

pub async fn insert(
    conn: &mut Conn,
    new: &NewRequestRow<'_>,
    now_ms: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO access_requests (person_id, repository_id, permission, duration_days,
             justification, state, approvals_required, requested_by, requested_at_ms,
             lapses_at_ms, updated_at_ms)
         VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $9, $8) RETURNING id",
    )
    .bind(new.person_id)
    .bind(new.repository_id)
    .bind(new.permission)
    .bind(new.duration_days)
    .bind(new.justification)
    .bind(new.approvals_required)
    .bind(new.requested_by)
    .bind(now_ms)
    .bind(new.lapses_at_ms)
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")
}

pub async fn find(conn: &mut Conn, id: i64) -> Result<Option<RequestRecord>, sqlx::Error> {
    let row = sqlx::query(concat!(select!(), " WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(record).transpose()
}

/// Takes the request's row lock for the rest of the transaction, then reads it. Reviews start
/// with this, so two reviewers of one request are judged one after the other, each seeing the
/// other's review (PostgreSQL; SQLite has one writer anyway).
pub async fn lock(
    conn: &mut Conn,
    id: i64,
    now_ms: i64,
) -> Result<Option<RequestRecord>, sqlx::Error> {
    sqlx::query("UPDATE access_requests SET updated_at_ms = $2 WHERE id = $1")
        .bind(id)
        .bind(now_ms)
        .execute(&mut *conn)
        .await?;
    find(conn, id).await
}

pub async fn find_many(conn: &mut Conn, ids: &[i64]) -> Result<Vec<RequestRecord>, sqlx::Error> {
    let rows = super::batch::fetch_in(conn, concat!(select!(), " WHERE a.id IN "), ids, "").await?;
    rows.iter().map(record).collect()
}

/// Moves the request from `from` to `to`; false when it was no longer in `from`.
pub async fn transition(
    conn: &mut Conn,
    id: i64,
    from: &str,
    to: &str,
    change: &Change<'_>,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE access_requests SET state = $3, updated_at_ms = $4,
             activated_at_ms = COALESCE($5, activated_at_ms),
             expires_at_ms = COALESCE($6, expires_at_ms),
             ended_at_ms = $7, end_reason = $8
         WHERE id = $1 AND state = $2",
    )
    .bind(id)
    .bind(from)
    .bind(to)
    .bind(now_ms)
    .bind(change.activated_at_ms)
    .bind(change.expires_at_ms)
    .bind(change.ended_at_ms)
    .bind(change.reason)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Expires every active or suspended grant whose end has come, and returns their ids. One
/// statement, so with several instances each grant is expired by exactly one of them.
pub async fn expire_due(
    conn: &mut Conn,
    reason: &str,
    now_ms: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let rows = sqlx::query(
        "UPDATE access_requests SET state = 'expired', ended_at_ms = $1, end_reason = $2,
             updated_at_ms = $1
         WHERE state IN ('active', 'suspended') AND expires_at_ms <= $1 RETURNING id",
    )
    .bind(now_ms)
    .bind(reason)
    .fetch_all(&mut *conn)
    .await?;
    sorted_ids(&rows)
}

/// Lapses every pending request left unreviewed past its deadline; as [`expire_due`].
pub async fn lapse_due(
    conn: &mut Conn,
    reason: &str,
    now_ms: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let rows = sqlx::query(
        "UPDATE access_requests SET state = 'lapsed', ended_at_ms = $1, end_reason = $2,
             updated_at_ms = $1
         WHERE state = 'pending' AND lapses_at_ms <= $1 RETURNING id",
    )
    .bind(now_ms)
    .bind(reason)
    .fetch_all(&mut *conn)
    .await?;
    sorted_ids(&rows)
}

pub(super) fn sorted_ids(rows: &[AnyRow]) -> Result<Vec<i64>, sqlx::Error> {
    let mut ids: Vec<i64> = rows
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<Result<_, _>>()?;
    ids.sort_unstable();
    Ok(ids)
}

/// Filters of [`search`]; `None` means any.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub person_id: Option<i64>,
    pub repository_id: Option<i64>,
    pub requested_by: Option<i64>,
    pub state: Option<String>,
    /// Only requests that became grants (approved, active, suspended, expired, revoked).
    pub grants_only: bool,
    pub tier: Option<String>,
    pub permission: Option<String>,
    /// Only active grants ending by then.
    pub expires_by_ms: Option<i64>,
}

/// A page of requests, newest first, and the total.
pub async fn search(
    conn: &mut Conn,
    filter: &Filter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<RequestRecord>, i64), sqlx::Error> {
    let grants_only = i64::from(filter.grants_only);
    let total: i64 = sqlx::query(concat!(
        "SELECT COUNT(*) AS n FROM access_requests a JOIN repositories r ON r.id = a.repository_id",
        filtered!()
    ))
    .bind(filter.person_id)
    .bind(filter.repository_id)
    .bind(filter.requested_by)
    .bind(filter.state.clone())
    .bind(grants_only)
    .bind(filter.tier.clone())
    .bind(filter.permission.clone())
    .bind(filter.expires_by_ms)
    .fetch_one(&mut *conn)
    .await?
    .try_get("n")?;
    let rows = sqlx::query(concat!(
        select!(),
        filtered!(),
        " ORDER BY a.id DESC LIMIT $9 OFFSET $10"
    ))
    .bind(filter.person_id)
    .bind(filter.repository_id)
    .bind(filter.requested_by)
    .bind(filter.state.clone())
    .bind(grants_only)
    .bind(filter.tier.clone())
    .bind(filter.permission.clone())
    .bind(filter.expires_by_ms)
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?;
    Ok((rows.iter().map(record).collect::<Result<_, _>>()?, total))
}

/// Pending requests `reviewer` may review: not their own, not yet reviewed by them; oldest first.
pub async fn awaiting_review_by(
    conn: &mut Conn,
    reviewer: i64,
    limit: i64,
) -> Result<Vec<RequestRecord>, sqlx::Error> {
    let rows = sqlx::query(concat!(
        select!(),
        " WHERE a.state = 'pending' AND a.requested_by <> $1
           AND NOT EXISTS (SELECT 1 FROM access_reviews v WHERE v.request_id = a.id AND v.reviewer = $1)
         ORDER BY a.id LIMIT $2"
    ))
    .bind(reviewer)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(record).collect()
}

/// Ids of the person's requests in any of `states`.
pub async fn ids_of_person(
    conn: &mut Conn,
    person_id: i64,
    states: &[&str],
) -> Result<Vec<i64>, sqlx::Error> {
    let rows =
        sqlx::query("SELECT id, state FROM access_requests WHERE person_id = $1 ORDER BY id")
            .bind(person_id)
            .fetch_all(&mut *conn)
            .await?;
    let mut ids = Vec::new();
    for row in &rows {
        let state: String = row.try_get("state")?;
        if states.contains(&state.as_str()) {
            ids.push(row.try_get("id")?);
        }
    }
    Ok(ids)
}

/// Ids of the active grants of these people (suspension on risk).
pub async fn active_of_people(
    conn: &mut Conn,
    person_ids: &[i64],
) -> Result<Vec<i64>, sqlx::Error> {
    let rows = super::batch::fetch_in(
        conn,
        "SELECT id FROM access_requests WHERE state IN ('approved', 'active') AND person_id IN ",
        person_ids,
        " ORDER BY id",
    )
    .await?;
    rows.iter().map(|r| r.try_get("id")).collect()
}

pub async fn pending_count(conn: &mut Conn) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM access_requests WHERE state = 'pending'")
        .fetch_one(&mut *conn)
        .await?
        .try_get("n")
}

/// Active grants of a repository (the desired state), by person name.
pub async fn active_of_repository(
    conn: &mut Conn,
    repository_id: i64,
) -> Result<Vec<RequestRecord>, sqlx::Error> {
    let rows = sqlx::query(concat!(
        select!(),
        " WHERE a.repository_id = $1 AND a.state = 'active' ORDER BY p.full_name, a.id"
    ))
    .bind(repository_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(record).collect()
}

/// Every grant that is live now (approved, active or suspended), oldest first: what a campaign
/// snapshots.
pub async fn live(conn: &mut Conn) -> Result<Vec<RequestRecord>, sqlx::Error> {
    let rows = sqlx::query(concat!(
        select!(),
        " WHERE a.state IN ('approved', 'active', 'suspended') ORDER BY a.id"
    ))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(record).collect()
}
