//! Persistence of invites. Only a SHA-256 of the invite token is stored: the link in the e-mail
//! is the only copy of the token, and a database leak does not yield working links.

use super::db::Conn;
use clearance_app::model::role::Role;
use sqlx::Row;

#[derive(Clone, Debug)]
pub struct InviteRecord {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub invited_by: i64,
    pub created_at_ms: i64,
    pub expires_at_ms: i64,
    pub accepted_at_ms: Option<i64>,
    pub revoked_at_ms: Option<i64>,
}

impl InviteRecord {
    /// Whether the invite can still be accepted at `now_ms`.
    pub fn is_open(&self, now_ms: i64) -> bool {
        self.accepted_at_ms.is_none() && self.revoked_at_ms.is_none() && now_ms < self.expires_at_ms
    }
}

macro_rules! columns {
    () => {
        "id, email, role, invited_by, created_at_ms, expires_at_ms, accepted_at_ms, revoked_at_ms"
    };
}

fn from_row(row: &sqlx::any::AnyRow) -> Result<InviteRecord, sqlx::Error> {
    let role: String = row.try_get("role")?;
    Ok(InviteRecord {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        role: Role::parse(&role).map_err(|e| sqlx::Error::Decode(e.into()))?,
        invited_by: row.try_get("invited_by")?,
        created_at_ms: row.try_get("created_at_ms")?,
        expires_at_ms: row.try_get("expires_at_ms")?,
        accepted_at_ms: row.try_get("accepted_at_ms")?,
        revoked_at_ms: row.try_get("revoked_at_ms")?,
    })
}

pub struct NewInvite<'a> {
    pub email: &'a str,
    pub role: Role,
    pub token_hash: &'a str,
    pub invited_by: i64,
    pub now_ms: i64,
    pub expires_at_ms: i64,
}

pub async fn insert(conn: &mut Conn, invite: NewInvite<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO invites (email, role, token_hash, invited_by, created_at_ms, expires_at_ms)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(invite.email)
    .bind(invite.role.as_str())
    .bind(invite.token_hash)
    .bind(invite.invited_by)
    .bind(invite.now_ms)
    .bind(invite.expires_at_ms)
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")
}

/// Revokes every open invite for an address (a new invite replaces older ones).
pub async fn revoke_open_for_email(
    conn: &mut Conn,
    email: &str,
    now_ms: i64,
) -> Result<u64, sqlx::Error> {
    sqlx::query(
        "UPDATE invites SET revoked_at_ms = $1
         WHERE email = $2 AND accepted_at_ms IS NULL AND revoked_at_ms IS NULL",
    )
    .bind(now_ms)
    .bind(email)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected())
}

pub async fn find_by_token_hash(
    conn: &mut Conn,
    token_hash: &str,
) -> Result<Option<InviteRecord>, sqlx::Error> {
    let row = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM invites WHERE token_hash = $1"
    ))
    .bind(token_hash)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn find_by_id(conn: &mut Conn, id: i64) -> Result<Option<InviteRecord>, sqlx::Error> {
    let row = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM invites WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Invites that can still be accepted, newest first.
pub async fn list_open(conn: &mut Conn, now_ms: i64) -> Result<Vec<InviteRecord>, sqlx::Error> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM invites
         WHERE accepted_at_ms IS NULL AND revoked_at_ms IS NULL AND expires_at_ms > $1
         ORDER BY created_at_ms DESC, id DESC"
    ))
    .bind(now_ms)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Marks an invite accepted, only if it still is open; returns whether it was.
pub async fn mark_accepted(conn: &mut Conn, id: i64, now_ms: i64) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "UPDATE invites SET accepted_at_ms = $1
         WHERE id = $2 AND accepted_at_ms IS NULL AND revoked_at_ms IS NULL AND expires_at_ms > $1",
    )
    .bind(now_ms)
    .bind(id)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected() == 1)
}

pub async fn mark_revoked(conn: &mut Conn, id: i64, now_ms: i64) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "UPDATE invites SET revoked_at_ms = $1 WHERE id = $2 AND accepted_at_ms IS NULL AND revoked_at_ms IS NULL",
    )
    .bind(now_ms)
    .bind(id)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected() == 1)
}
