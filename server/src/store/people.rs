//! Persistence of people: the current document, its versions and scores; the list search is in
//! `people/search.rs`.

use super::db::Conn;
use sqlx::Row;
use std::collections::HashMap;

#[derive(Clone, Debug)]
pub struct PersonRecord {
    pub id: i64,
    pub kind: String,
    pub status: String,
    pub full_name: String,
    pub identity_key: String,
    pub document: String,
    pub version: i64,
    pub score: i64,
    pub band: String,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

macro_rules! columns {
    () => {
        "id, kind, status, full_name, identity_key, document, version, score, band, created_at_ms, updated_at_ms"
    };
}

fn from_row(row: &sqlx::any::AnyRow) -> Result<PersonRecord, sqlx::Error> {
    Ok(PersonRecord {
        id: row.try_get("id")?,
        kind: row.try_get("kind")?,
        status: row.try_get("status")?,
        full_name: row.try_get("full_name")?,
        identity_key: row.try_get("identity_key")?,
        document: row.try_get("document")?,
        version: row.try_get("version")?,
        score: row.try_get("score")?,
        band: row.try_get("band")?,
        created_at_ms: row.try_get("created_at_ms")?,
        updated_at_ms: row.try_get("updated_at_ms")?,
    })
}

mod search;
pub use search::{search, Filter, MatchFilter, Sort};

/// The columns derived from a document.
pub struct PersonFields<'a> {
    pub kind: &'a str,
    pub full_name: &'a str,
    pub identity_key: &'a str,
    pub search_text: &'a str,
    pub document: &'a str,
    /// `source_channel.referred_by_profile_id`: who referred this person (BEH-08).
    pub referred_by: Option<i64>,
}

pub async fn insert(
    conn: &mut Conn,
    fields: &PersonFields<'_>,
    created_by: &str,
    now_ms: i64,
) -> Result<i64, sqlx::Error> {
    let ids = insert_many(conn, std::slice::from_ref(fields), created_by, now_ms).await?;
    ids.first()
        .copied()
        .ok_or_else(|| sqlx::Error::Protocol("the new person's id was not returned".into()))
}

/// Inserts many people in few statements; returns their ids in the order of `rows`.
///
/// `RETURNING` promises no order, so each returned id is matched back to its row by the stored
/// document. Two rows can share a document only if they are identical, and then which of them
/// gets which id makes no difference: everything stored for a row derives from its document.
pub async fn insert_many(
    conn: &mut Conn,
    rows: &[PersonFields<'_>],
    created_by: &str,
    now_ms: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    const COLUMNS: usize = 10;
    let mut ids = Vec::with_capacity(rows.len());
    for batch in rows.chunks(super::batch::rows_per_statement(COLUMNS)) {
        let sql = [
            "INSERT INTO people (kind, full_name, identity_key, search_text, document, version, created_by, created_at_ms, updated_at_ms, referred_by) VALUES ",
            &super::batch::values(batch.len(), COLUMNS),
            " RETURNING id, document",
        ]
        .concat();
        let mut query = sqlx::query(&sql);
        for f in batch {
            query = query
                .bind(f.kind)
                .bind(f.full_name)
                .bind(f.identity_key)
                .bind(f.search_text)
                .bind(f.document)
                .bind(1_i64)
                .bind(created_by)
                .bind(now_ms)
                .bind(now_ms)
                .bind(f.referred_by);
        }
        let mut by_document: HashMap<String, Vec<i64>> = HashMap::new();
        for row in query.fetch_all(&mut *conn).await? {
            by_document
                .entry(row.try_get("document")?)
                .or_default()
                .push(row.try_get("id")?);
        }
        for f in batch {
            let id = by_document
                .get_mut(f.document)
                .and_then(Vec::pop)
                .ok_or_else(|| {
                    sqlx::Error::Protocol("a new person's id was not returned".into())
                })?;
            ids.push(id);
        }
    }
    Ok(ids)
}

/// Stores a new version of the document; returns the new version number.
pub async fn update(
    conn: &mut Conn,
    id: i64,
    fields: &PersonFields<'_>,
    now_ms: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "UPDATE people SET kind = $1, full_name = $2, identity_key = $3, search_text = $4, document = $5,
                version = version + 1, updated_at_ms = $6, referred_by = $8
         WHERE id = $7 RETURNING version",
    )
    .bind(fields.kind)
    .bind(fields.full_name)
    .bind(fields.identity_key)
    .bind(fields.search_text)
    .bind(fields.document)
    .bind(now_ms)
    .bind(id)
    .bind(fields.referred_by)
    .fetch_one(&mut *conn)
    .await?
    .try_get("version")
}

pub async fn insert_version(
    conn: &mut Conn,
    person_id: i64,
    version: i64,
    document: &str,
    changed_fields: &str,
    changed_by: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO person_versions (person_id, version, document, changed_fields, changed_by, changed_at_ms)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(person_id)
    .bind(version)
    .bind(document)
    .bind(changed_fields)
    .bind(changed_by)
    .bind(now_ms)
    .execute(&mut *conn)
    .await
    .map(|_| ())
}

pub async fn find(conn: &mut Conn, id: i64) -> Result<Option<PersonRecord>, sqlx::Error> {
    let row = sqlx::query(concat!("SELECT ", columns!(), " FROM people WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Many people at once, in id order (missing ids are left out).
pub async fn find_many(conn: &mut Conn, ids: &[i64]) -> Result<Vec<PersonRecord>, sqlx::Error> {
    let rows = super::batch::fetch_in(
        conn,
        concat!("SELECT ", columns!(), " FROM people WHERE id IN "),
        ids,
        "",
    )
    .await?;
    let mut found = rows.iter().map(from_row).collect::<Result<Vec<_>, _>>()?;
    found.sort_by_key(|p| p.id);
    Ok(found)
}

pub async fn set_score(
    conn: &mut Conn,
    id: i64,
    score: i64,
    band: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE people SET score = $1, band = $2 WHERE id = $3")
        .bind(score)
        .bind(band)
        .bind(id)
        .execute(&mut *conn)
        .await
        .map(|_| ())
}

pub async fn set_status(
    conn: &mut Conn,
    id: i64,
    status: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE people SET status = $1, updated_at_ms = $2 WHERE id = $3")
        .bind(status)
        .bind(now_ms)
        .bind(id)
        .execute(&mut *conn)
        .await
        .map(|_| ())
}

/// The id and name of the people whose status is `status`, by name, at most `limit` (the access
/// request form offers the cleared ones).
pub async fn named_with_status(
    conn: &mut Conn,
    status: &str,
    limit: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, full_name FROM people WHERE status = $1 ORDER BY full_name, id LIMIT $2",
    )
    .bind(status)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("full_name")?)))
        .collect()
}

/// A first version (or any version) to store with [`insert_versions`].
pub struct NewVersion<'a> {
    pub person_id: i64,
    pub version: i64,
    pub document: &'a str,
    pub changed_fields: &'a str,
    pub changed_by: &'a str,
    pub changed_at_ms: i64,
}

/// Stores many versions in few statements (the import).
pub async fn insert_versions(conn: &mut Conn, rows: &[NewVersion<'_>]) -> Result<(), sqlx::Error> {
    const COLUMNS: usize = 6;
    for batch in rows.chunks(super::batch::rows_per_statement(COLUMNS)) {
        let sql = [
            "INSERT INTO person_versions (person_id, version, document, changed_fields, changed_by, changed_at_ms) VALUES ",
            &super::batch::values(batch.len(), COLUMNS),
        ]
        .concat();
        let mut query = sqlx::query(&sql);
        for v in batch {
            query = query
                .bind(v.person_id)
                .bind(v.version)
                .bind(v.document)
                .bind(v.changed_fields)
                .bind(v.changed_by)
                .bind(v.changed_at_ms);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Sets many people's score and band (after the import screened them) in few statements.
pub async fn set_scores(conn: &mut Conn, rows: &[(i64, i64, &str)]) -> Result<(), sqlx::Error> {
    const COLUMNS: usize = 3;
    for batch in rows.chunks(super::batch::rows_per_statement(COLUMNS)) {
        let sql = [
            "WITH v (id, score, band) AS (VALUES ",
            &super::batch::values(batch.len(), COLUMNS),
            ") UPDATE people SET score = v.score, band = v.band FROM v WHERE people.id = v.id",
        ]
        .concat();
        let mut query = sqlx::query(&sql);
        for (id, score, band) in batch {
            query = query.bind(*id).bind(*score).bind(*band);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}
