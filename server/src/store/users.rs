//! Persistence of user accounts.

use super::db::Conn;
use clearance_app::model::role::Role;
use sqlx::Row;

/// A user row. The password hash never leaves the server.
#[derive(Clone, Debug)]
pub struct UserRecord {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub password_hash: String,
    pub token_version: i64,
    pub created_at_ms: i64,
    pub disabled_at_ms: Option<i64>,
}

impl UserRecord {
    pub fn is_disabled(&self) -> bool {
        self.disabled_at_ms.is_some()
    }
}

macro_rules! columns {
    () => {
        "id, email, role, password_hash, token_version, created_at_ms, disabled_at_ms"
    };
}

fn from_row(row: &sqlx::any::AnyRow) -> Result<UserRecord, sqlx::Error> {
    let role: String = row.try_get("role")?;
    Ok(UserRecord {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        role: Role::parse(&role).map_err(|e| sqlx::Error::Decode(e.into()))?,
        password_hash: row.try_get("password_hash")?,
        token_version: row.try_get("token_version")?,
        created_at_ms: row.try_get("created_at_ms")?,
        disabled_at_ms: row.try_get("disabled_at_ms")?,
    })
}

/// Inserts a user; the caller has checked the address is free (a race loses on the unique index).
pub async fn insert(
    conn: &mut Conn,
    email: &str,
    role: Role,
    password_hash: &str,
    now_ms: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO users (email, role, password_hash, created_at_ms) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(email)
    .bind(role.as_str())
    .bind(password_hash)
    .bind(now_ms)
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")
}

pub async fn find_by_email(
    conn: &mut Conn,
    email: &str,
) -> Result<Option<UserRecord>, sqlx::Error> {
    let row = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM users WHERE email = $1"
    ))
    .bind(email)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn find_by_id(conn: &mut Conn, id: i64) -> Result<Option<UserRecord>, sqlx::Error> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// One page of users, by e-mail address, and the total count.
pub async fn list(
    conn: &mut Conn,
    limit: i64,
    offset: i64,
) -> Result<(Vec<UserRecord>, i64), sqlx::Error> {
    let total: i64 = sqlx::query("SELECT COUNT(*) AS n FROM users")
        .fetch_one(&mut *conn)
        .await?
        .try_get("n")?;
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM users ORDER BY email LIMIT $1 OFFSET $2"
    ))
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?;
    let users = rows.iter().map(from_row).collect::<Result<_, _>>()?;
    Ok((users, total))
}

/// Admins who can still sign in (the last one may not be demoted or disabled).
pub async fn count_active_admins(conn: &mut Conn) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled_at_ms IS NULL")
        .fetch_one(&mut *conn)
        .await?
        .try_get("n")
}

/// Changes the role and ends the user's sessions (their rights changed).
pub async fn set_role(conn: &mut Conn, id: i64, role: Role) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET role = $1, token_version = token_version + 1 WHERE id = $2")
        .bind(role.as_str())
        .bind(id)
        .execute(&mut *conn)
        .await
        .map(|_| ())
}

/// Disables (with the time) or re-enables a user; ends their sessions either way.
pub async fn set_disabled(
    conn: &mut Conn,
    id: i64,
    disabled_at_ms: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET disabled_at_ms = $1, token_version = token_version + 1 WHERE id = $2",
    )
    .bind(disabled_at_ms)
    .bind(id)
    .execute(&mut *conn)
    .await
    .map(|_| ())
}

/// Stores a new password hash. `end_sessions`: also invalidate every token issued so far.
pub async fn set_password_hash(
    conn: &mut Conn,
    id: i64,
    hash: &str,
    end_sessions: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE users SET password_hash = $1, token_version = token_version + $2 WHERE id = $3",
    )
    .bind(hash)
    .bind(i64::from(end_sessions))
    .bind(id)
    .execute(&mut *conn)
    .await
    .map(|_| ())
}

/// Ends every session of the user (sign-out).
pub async fn bump_token_version(conn: &mut Conn, id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "UPDATE users SET token_version = token_version + 1 WHERE id = $1 RETURNING token_version",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?
    .try_get("token_version")
}

/// E-mail addresses of users by id, for display.
pub async fn email_of(conn: &mut Conn, id: i64) -> Result<Option<String>, sqlx::Error> {
    let row = sqlx::query("SELECT email FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|r| r.try_get("email")).transpose()
}

/// E-mail addresses of the users with this role who can still sign in (who gets role mail).
pub async fn active_emails_with_role(
    conn: &mut Conn,
    role: Role,
) -> Result<Vec<String>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT email FROM users WHERE role = $1 AND disabled_at_ms IS NULL ORDER BY email",
    )
    .bind(role.as_str())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| r.try_get("email")).collect()
}

/// E-mail addresses of these users.
pub async fn emails_of(conn: &mut Conn, ids: &[i64]) -> Result<Vec<String>, sqlx::Error> {
    let rows = super::batch::fetch_in(
        conn,
        "SELECT email FROM users WHERE id IN ",
        ids,
        " ORDER BY email",
    )
    .await?;
    rows.iter().map(|r| r.try_get("email")).collect()
}

/// User ids of the users with this role who can still sign in.
pub async fn active_ids_with_role(conn: &mut Conn, role: Role) -> Result<Vec<i64>, sqlx::Error> {
    let rows =
        sqlx::query("SELECT id FROM users WHERE role = $1 AND disabled_at_ms IS NULL ORDER BY id")
            .bind(role.as_str())
            .fetch_all(&mut *conn)
            .await?;
    rows.iter().map(|r| r.try_get("id")).collect()
}
