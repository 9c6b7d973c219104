//! The repository registry and each repository's owning security leads.

use super::db::Conn;
use sqlx::Row;

#[derive(Clone, Debug)]
pub struct RepositoryRecord {
    pub id: i64,
    pub name: String,
    pub provider: String,
    pub tier: String,
    pub description: String,
    pub created_at_ms: i64,
    /// Grants approved, active or suspended now.
    pub live_grants: i64,
}

pub struct NewRepositoryRow<'a> {
    pub name: &'a str,
    pub provider: &'a str,
    pub tier: &'a str,
    pub description: &'a str,
    pub created_by: &'a str,
}

// SQL is assembled from literals only (`concat!`), never with `format!` (SECURITY.md E1).
macro_rules! select {
    () => {
        "SELECT r.id, r.name, r.provider, r.tier, r.description, r.created_at_ms,
        (SELECT COUNT(*) FROM access_requests a
         WHERE a.repository_id = r.id AND a.state IN ('approved', 'active', 'suspended')) AS live_grants
     FROM repositories r"
    };
}

fn record(r: &sqlx::any::AnyRow) -> Result<RepositoryRecord, sqlx::Error> {
    Ok(RepositoryRecord {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        provider: r.try_get("provider")?,
        tier: r.try_get("tier")?,
        description: r.try_get("description")?,
        created_at_ms: r.try_get("created_at_ms")?,
        live_grants: r.try_get("live_grants")?,
    })
}

/// Inserts a repository; `None` when the name is taken.
pub async fn insert(
    conn: &mut Conn,
    new: &NewRepositoryRow<'_>,
    now_ms: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let taken = sqlx::query("SELECT id FROM repositories WHERE name = $1")
        .bind(new.name)
        .fetch_optional(&mut *conn)
        .await?;
    if taken.is_some() {
        return Ok(None);
    }
    let id = sqlx::query(
        "INSERT INTO repositories (name, provider, tier, description, created_by, created_at_ms)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(new.name)
    .bind(new.provider)
    .bind(new.tier)
    .bind(new.description)
    .bind(new.created_by)
    .bind(now_ms)
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")?;
    Ok(Some(id))
}

pub async fn add_owners(
    conn: &mut Conn,
    repository_id: i64,
    user_ids: &[i64],
) -> Result<(), sqlx::Error> {
    for user_id in user_ids {
        sqlx::query("INSERT INTO repository_owners (repository_id, user_id) VALUES ($1, $2)")
            .bind(repository_id)
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub async fn find(conn: &mut Conn, id: i64) -> Result<Option<RepositoryRecord>, sqlx::Error> {
    let row = sqlx::query(concat!(select!(), " WHERE r.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(record).transpose()
}

/// A page of repositories by name, and the total.
pub async fn page(
    conn: &mut Conn,
    limit: i64,
    offset: i64,
) -> Result<(Vec<RepositoryRecord>, i64), sqlx::Error> {
    let rows = sqlx::query(concat!(select!(), " ORDER BY r.name LIMIT $1 OFFSET $2"))
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut *conn)
        .await?;
    let total: i64 = sqlx::query("SELECT COUNT(*) AS n FROM repositories")
        .fetch_one(&mut *conn)
        .await?
        .try_get("n")?;
    Ok((rows.iter().map(record).collect::<Result<_, _>>()?, total))
}

/// Every repository by name, for the request form's choice (id, name, tier).
pub async fn options(conn: &mut Conn) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, name, tier FROM repositories ORDER BY name LIMIT 1000")
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("name")?, r.try_get("tier")?)))
        .collect()
}

/// Owners of these repositories: (repository id, user id, e-mail).
pub async fn owners_of(
    conn: &mut Conn,
    repository_ids: &[i64],
) -> Result<Vec<(i64, i64, String)>, sqlx::Error> {
    let rows = super::batch::fetch_in(
        conn,
        "SELECT o.repository_id, o.user_id, u.email FROM repository_owners o
         JOIN users u ON u.id = o.user_id WHERE o.repository_id IN ",
        repository_ids,
        " ORDER BY u.email",
    )
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("repository_id")?,
                r.try_get("user_id")?,
                r.try_get("email")?,
            ))
        })
        .collect()
}

/// Changes what may change of a repository (not its name).
pub async fn update(
    conn: &mut Conn,
    id: i64,
    provider: &str,
    tier: &str,
    description: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE repositories SET provider = $2, tier = $3, description = $4 WHERE id = $1",
    )
    .bind(id)
    .bind(provider)
    .bind(tier)
    .bind(description)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Replaces the owners.
pub async fn set_owners(
    conn: &mut Conn,
    repository_id: i64,
    user_ids: &[i64],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM repository_owners WHERE repository_id = $1")
        .bind(repository_id)
        .execute(&mut *conn)
        .await?;
    add_owners(conn, repository_id, user_ids).await
}
