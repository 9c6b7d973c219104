//! Persistence of people: the current document, its versions, and the link index.

use super::db::Conn;
use crate::scoring::links::{self, LinkHit, LinkKey, LinkKind};
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
    sqlx::query(
        "INSERT INTO people (kind, full_name, identity_key, search_text, document, version, created_by, created_at_ms, updated_at_ms, referred_by)
         VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $7, $8) RETURNING id",
    )
    .bind(fields.kind)
    .bind(fields.full_name)
    .bind(fields.identity_key)
    .bind(fields.search_text)
    .bind(fields.document)
    .bind(created_by)
    .bind(now_ms)
    .bind(fields.referred_by)
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")
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

/// Flags people whose screening must be redone because someone linked to them arrived (the
/// import defers those re-screenings to one pass at its end; a crash leaves the flag for the
/// background refresh).
pub async fn mark_rescreen_pending(conn: &mut Conn, ids: &[i64]) -> Result<(), sqlx::Error> {
    super::batch::execute_in(
        conn,
        "UPDATE people SET rescreen_pending = 1 WHERE id IN ",
        ids,
        "",
    )
    .await
}

pub async fn clear_rescreen_pending(conn: &mut Conn, ids: &[i64]) -> Result<(), sqlx::Error> {
    super::batch::execute_in(
        conn,
        "UPDATE people SET rescreen_pending = 0 WHERE id IN ",
        ids,
        "",
    )
    .await
}

/// Flagged people after `after_id`, in id order.
pub async fn rescreen_pending(
    conn: &mut Conn,
    after_id: i64,
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id FROM people WHERE rescreen_pending = 1 AND id > $1 ORDER BY id LIMIT $2",
    )
    .bind(after_id)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| r.try_get("id")).collect()
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

/// Filters of the list; `None` matches all.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Lower-cased fragment of name, e-mail or phone, matched anywhere.
    pub text: Option<String>,
    pub status: Option<String>,
    pub band: Option<String>,
    pub kind: Option<String>,
}

/// How the list is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    Updated,
    Name,
    Score,
}

macro_rules! filtered {
    () => {
        " FROM people WHERE ($1 IS NULL OR search_text LIKE $1 ESCAPE '!') AND ($2 IS NULL OR status = $2)
            AND ($3 IS NULL OR band = $3) AND ($4 IS NULL OR kind = $4)"
    };
}

/// One page of people and the number matching.
pub async fn search(
    conn: &mut Conn,
    filter: &Filter,
    sort: Sort,
    limit: i64,
    offset: i64,
) -> Result<(Vec<PersonRecord>, i64), sqlx::Error> {
    // LIKE wildcards typed by the user are matched literally.
    let pattern = filter.text.as_ref().map(|t| {
        format!(
            "%{}%",
            t.replace('!', "!!").replace('%', "!%").replace('_', "!_")
        )
    });
    let total: i64 = sqlx::query(concat!("SELECT COUNT(*) AS n", filtered!()))
        .bind(pattern.clone())
        .bind(filter.status.clone())
        .bind(filter.band.clone())
        .bind(filter.kind.clone())
        .fetch_one(&mut *conn)
        .await?
        .try_get("n")?;
    let sql = match sort {
        Sort::Updated => concat!(
            "SELECT ",
            columns!(),
            filtered!(),
            " ORDER BY updated_at_ms DESC, id DESC LIMIT $5 OFFSET $6"
        ),
        Sort::Name => concat!(
            "SELECT ",
            columns!(),
            filtered!(),
            " ORDER BY full_name, id LIMIT $5 OFFSET $6"
        ),
        Sort::Score => concat!(
            "SELECT ",
            columns!(),
            filtered!(),
            " ORDER BY score DESC, id DESC LIMIT $5 OFFSET $6"
        ),
    };
    let rows = sqlx::query(sql)
        .bind(pattern)
        .bind(filter.status.clone())
        .bind(filter.band.clone())
        .bind(filter.kind.clone())
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut *conn)
        .await?;
    let people = rows.iter().map(from_row).collect::<Result<_, _>>()?;
    Ok((people, total))
}

/// Replaces the person's keys in the link index.
pub async fn replace_link_keys(
    conn: &mut Conn,
    person_id: i64,
    keys: &[LinkKey],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM link_keys WHERE person_id = $1")
        .bind(person_id)
        .execute(&mut *conn)
        .await?;
    let rows: Vec<(i64, &LinkKey)> = keys.iter().map(|k| (person_id, k)).collect();
    insert_link_keys(conn, &rows).await
}

/// Other people holding any of `keys` (at most 50 per key): one indexed statement, never a
/// scan.
pub async fn link_hits(
    conn: &mut Conn,
    person_id: i64,
    keys: &[LinkKey],
) -> Result<Vec<LinkHit>, sqlx::Error> {
    let wanted: Vec<&LinkKey> = keys.iter().collect();
    let holders = holders_of(conn, &wanted).await?;
    Ok(others_holding(&holders, person_id, keys))
}

/// From the holders of many keys, the other people holding each of `keys`, at most
/// `HOLDERS_PER_KEY - 1` per key, in key order then id order. Band keys of near-duplicate
/// hashes (LINK-03 near, BEH-10, LINK-04) are exact keys here too; of their holders only those
/// whose full hash is within the kind's distance are kept ([`links::confirmed_hits`]), so a band
/// shared by chance neither links nor re-screens anyone.
pub fn others_holding(holders: &[LinkHit], person_id: i64, keys: &[LinkKey]) -> Vec<LinkHit> {
    Holders::index(holders).others(person_id, keys)
}

/// The holders of many keys, indexed by key once, so that each of many people (an import chunk)
/// finds the others holding its keys without going through all of them.
pub struct Holders<'a> {
    by_key: HashMap<(LinkKind, &'a str), Vec<&'a LinkHit>>,
}

impl<'a> Holders<'a> {
    pub fn index(holders: &'a [LinkHit]) -> Holders<'a> {
        let mut by_key: HashMap<(LinkKind, &str), Vec<&LinkHit>> = HashMap::new();
        for hit in holders {
            by_key
                .entry((hit.kind, hit.key.as_str()))
                .or_default()
                .push(hit);
        }
        for list in by_key.values_mut() {
            list.sort_by_key(|h| h.other_person_id);
        }
        Holders { by_key }
    }

    /// See [`others_holding`].
    pub fn others(&self, person_id: i64, keys: &[LinkKey]) -> Vec<LinkHit> {
        let mut hits = Vec::new();
        for key in keys {
            let Some(holders) = self.by_key.get(&(key.kind, key.key.as_str())) else {
                continue;
            };
            hits.extend(
                holders
                    .iter()
                    .filter(|h| h.other_person_id != person_id)
                    .take(HOLDERS_PER_KEY - 1)
                    .map(|h| (*h).clone()),
            );
        }
        links::confirmed_hits(keys, hits)
    }
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

/// Adds keys of people who have none yet (new people, the import) in few statements.
pub async fn insert_link_keys(
    conn: &mut Conn,
    rows: &[(i64, &LinkKey)],
) -> Result<(), sqlx::Error> {
    const COLUMNS: usize = 4;
    for batch in rows.chunks(super::batch::rows_per_statement(COLUMNS)) {
        let sql = [
            "INSERT INTO link_keys (person_id, kind, link_key, payload) VALUES ",
            &super::batch::values(batch.len(), COLUMNS),
            " ON CONFLICT DO NOTHING",
        ]
        .concat();
        let mut query = sqlx::query(&sql);
        for (person_id, key) in batch {
            query = query
                .bind(*person_id)
                .bind(key.kind.as_str())
                .bind(&key.key)
                .bind(&key.payload);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Who holds each of `keys`, for many keys in one statement: at most [`HOLDERS_PER_KEY`] holders
/// per key (lowest ids first), the same bound [`link_hits`] keeps, so a key half the store shares
/// (a big employer's domain) costs a bounded read. The caller removes the asking person itself.
pub async fn holders_of(conn: &mut Conn, keys: &[&LinkKey]) -> Result<Vec<LinkHit>, sqlx::Error> {
    const COLUMNS: usize = 2;
    let mut hits = Vec::new();
    for batch in keys.chunks(super::batch::rows_per_statement(COLUMNS)) {
        let sql = [
            "WITH wanted (kind, link_key) AS (VALUES ",
            &super::batch::values(batch.len(), COLUMNS),
            ") SELECT kind, link_key, person_id, identity_key, payload FROM (
                 SELECT l.kind, l.link_key, l.person_id, p.identity_key, l.payload,
                        ROW_NUMBER() OVER (PARTITION BY l.kind, l.link_key ORDER BY l.person_id) AS rank
                 FROM wanted w
                 JOIN link_keys l ON l.kind = w.kind AND l.link_key = w.link_key
                 JOIN people p ON p.id = l.person_id
             ) ranked WHERE rank <= ",
            HOLDERS_PER_KEY_SQL,
        ]
        .concat();
        let mut query = sqlx::query(&sql);
        for key in batch {
            query = query.bind(key.kind.as_str()).bind(&key.key);
        }
        for row in query.fetch_all(&mut *conn).await? {
            let kind: String = row.try_get("kind")?;
            let Some(kind) = LinkKind::parse(&kind) else {
                continue;
            };
            hits.push(LinkHit {
                kind,
                key: row.try_get("link_key")?,
                other_person_id: row.try_get("person_id")?,
                other_identity_key: row.try_get("identity_key")?,
                other_payload: row.try_get("payload")?,
            });
        }
    }
    Ok(hits)
}

/// Holders read per key: the 50 others [`link_hits`] returns, plus the asking person.
pub const HOLDERS_PER_KEY: usize = 51;
const HOLDERS_PER_KEY_SQL: &str = "51";

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

/// People whose latest screening was made under other rules than `rules_version` (or who have
/// none, or are flagged for a re-screening), after `after_id`, in id order: the work list after
/// the rules change or an interrupted import.
pub async fn outdated(
    conn: &mut Conn,
    rules_version: &str,
    after_id: i64,
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT p.id FROM people p
         LEFT JOIN screenings s ON s.id = (SELECT MAX(s2.id) FROM screenings s2 WHERE s2.person_id = p.id)
         WHERE p.id > $1 AND (s.id IS NULL OR s.rules_version <> $2 OR p.rescreen_pending = 1)
         ORDER BY p.id LIMIT $3",
    )
    .bind(after_id)
    .bind(rules_version)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| r.try_get("id")).collect()
}

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
