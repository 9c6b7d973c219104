//! Watch-list versions and their entries (migration 0010). A version is written whole and made
//! active in the importer's transaction; the re-screening pass after it keeps its cursor here.

use super::db::Conn;
use sqlx::Row;

#[derive(Clone, Debug)]
pub struct VersionRecord {
    pub id: i64,
    pub source: String,
    pub format: String,
    pub content_sha256: String,
    pub entry_count: i64,
    pub name_count: i64,
    pub identifier_count: i64,
    pub imported_by: String,
    pub imported_at_ms: i64,
    pub active: bool,
    pub rescreen_total: i64,
    pub rescreen_done: i64,
    pub rescreen_after: i64,
    pub rescreen_finished_ms: Option<i64>,
}

pub struct NewVersion<'a> {
    pub source: &'a str,
    pub format: &'a str,
    pub content_sha256: &'a str,
    pub entry_count: i64,
    pub name_count: i64,
    pub identifier_count: i64,
    pub imported_by: &'a str,
}

// SQL is assembled from literals only (`concat!`), never with `format!` (SECURITY.md E1).
macro_rules! select {
    () => {
        "SELECT id, source, format, content_sha256, entry_count, name_count, identifier_count,
                imported_by, imported_at_ms, active, rescreen_total, rescreen_done, rescreen_after,
                rescreen_finished_ms
         FROM watchlist_versions"
    };
}

fn record(r: &sqlx::any::AnyRow) -> Result<VersionRecord, sqlx::Error> {
    Ok(VersionRecord {
        id: r.try_get("id")?,
        source: r.try_get("source")?,
        format: r.try_get("format")?,
        content_sha256: r.try_get("content_sha256")?,
        entry_count: r.try_get("entry_count")?,
        name_count: r.try_get("name_count")?,
        identifier_count: r.try_get("identifier_count")?,
        imported_by: r.try_get("imported_by")?,
        imported_at_ms: r.try_get("imported_at_ms")?,
        active: r.try_get::<i64, _>("active")? == 1,
        rescreen_total: r.try_get("rescreen_total")?,
        rescreen_done: r.try_get("rescreen_done")?,
        rescreen_after: r.try_get("rescreen_after")?,
        rescreen_finished_ms: r.try_get("rescreen_finished_ms")?,
    })
}

/// Stores a version, not yet active.
pub async fn insert_version(
    conn: &mut Conn,
    new: &NewVersion<'_>,
    now_ms: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO watchlist_versions (source, format, content_sha256, entry_count, name_count,
             identifier_count, imported_by, imported_at_ms, active)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0) RETURNING id",
    )
    .bind(new.source)
    .bind(new.format)
    .bind(new.content_sha256)
    .bind(new.entry_count)
    .bind(new.name_count)
    .bind(new.identifier_count)
    .bind(new.imported_by)
    .bind(now_ms)
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")
}

/// Stores a version's entries: `(entry id, JSON body)` in list order.
pub async fn insert_entries(
    conn: &mut Conn,
    version_id: i64,
    entries: &[(String, String)],
) -> Result<(), sqlx::Error> {
    const COLUMNS: usize = 4;
    let per_statement = super::batch::rows_per_statement(COLUMNS);
    for (chunk_no, batch) in entries.chunks(per_statement).enumerate() {
        let sql = [
            "INSERT INTO watchlist_entries (version_id, position, entry_id, body) VALUES ",
            &super::batch::values(batch.len(), COLUMNS),
        ]
        .concat();
        let mut query = sqlx::query(&sql);
        for (i, (entry_id, body)) in batch.iter().enumerate() {
            let position = (chunk_no * per_statement + i) as i64;
            query = query
                .bind(version_id)
                .bind(position)
                .bind(entry_id.as_str())
                .bind(body.as_str());
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Makes `version_id` the active version of its source, and sets up its re-screening pass over
/// `people` people.
pub async fn activate(
    conn: &mut Conn,
    source: &str,
    version_id: i64,
    people: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE watchlist_versions SET active = 0 WHERE source = $1 AND active = 1")
        .bind(source)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "UPDATE watchlist_versions SET active = 1, rescreen_total = $2, rescreen_done = 0,
             rescreen_after = 0, rescreen_finished_ms = NULL
         WHERE id = $1",
    )
    .bind(version_id)
    .bind(people)
    .execute(&mut *conn)
    .await?;
    // An older version's unfinished pass is covered by the new one.
    sqlx::query(
        "UPDATE watchlist_versions SET rescreen_finished_ms = imported_at_ms
         WHERE source = $1 AND id <> $2 AND rescreen_finished_ms IS NULL",
    )
    .bind(source)
    .bind(version_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Every version, newest first, `limit` from `offset`.
pub async fn list(
    conn: &mut Conn,
    limit: i64,
    offset: i64,
) -> Result<Vec<VersionRecord>, sqlx::Error> {
    let rows = sqlx::query(concat!(select!(), " ORDER BY id DESC LIMIT $1 OFFSET $2"))
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(record).collect()
}

pub async fn count(conn: &mut Conn) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM watchlist_versions")
        .fetch_one(&mut *conn)
        .await?
        .try_get("n")
}

pub async fn find(conn: &mut Conn, id: i64) -> Result<Option<VersionRecord>, sqlx::Error> {
    let row = sqlx::query(concat!(select!(), " WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(record).transpose()
}

/// The active version of every source, by source.
pub async fn active(conn: &mut Conn) -> Result<Vec<VersionRecord>, sqlx::Error> {
    let rows = sqlx::query(concat!(select!(), " WHERE active = 1 ORDER BY source"))
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(record).collect()
}

/// The JSON bodies of a version's entries in list order.
pub async fn entries_of(conn: &mut Conn, version_id: i64) -> Result<Vec<String>, sqlx::Error> {
    let rows =
        sqlx::query("SELECT body FROM watchlist_entries WHERE version_id = $1 ORDER BY position")
            .bind(version_id)
            .fetch_all(&mut *conn)
            .await?;
    rows.iter().map(|r| r.try_get("body")).collect()
}

/// Active versions whose re-screening pass has not finished, oldest first.
pub async fn unfinished_rescreens(conn: &mut Conn) -> Result<Vec<VersionRecord>, sqlx::Error> {
    let rows = sqlx::query(concat!(
        select!(),
        " WHERE active = 1 AND rescreen_finished_ms IS NULL ORDER BY id"
    ))
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(record).collect()
}

/// Moves a pass's cursor from `after` to `to` (`done` more people), only if no other instance
/// moved it first; `false` when it had.
pub async fn advance_rescreen(
    conn: &mut Conn,
    version_id: i64,
    after: i64,
    to: i64,
    done: i64,
) -> Result<bool, sqlx::Error> {
    let moved = sqlx::query(
        "UPDATE watchlist_versions SET rescreen_after = $3, rescreen_done = rescreen_done + $4
         WHERE id = $1 AND rescreen_after = $2 AND rescreen_finished_ms IS NULL",
    )
    .bind(version_id)
    .bind(after)
    .bind(to)
    .bind(done)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(moved == 1)
}

pub async fn finish_rescreen(
    conn: &mut Conn,
    version_id: i64,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE watchlist_versions SET rescreen_finished_ms = $2
         WHERE id = $1 AND rescreen_finished_ms IS NULL",
    )
    .bind(version_id)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// People with an id above `after`, in id order, at most `limit`.
pub async fn people_after(
    conn: &mut Conn,
    after: i64,
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let rows = sqlx::query("SELECT id FROM people WHERE id > $1 ORDER BY id LIMIT $2")
        .bind(after)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(|r| r.try_get("id")).collect()
}

pub async fn people_count(conn: &mut Conn) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) AS n FROM people")
        .fetch_one(&mut *conn)
        .await?
        .try_get("n")
}
