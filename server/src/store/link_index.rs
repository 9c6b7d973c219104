//! Persistence of the cross-profile link index (`link_keys`): each person's normalised keys, and
//! who else holds a key, read through the `(kind, link_key)` index, never by scanning.

use super::db::Conn;
use crate::scoring::links::{self, LinkHit, LinkKey, LinkKind};
use sqlx::Row;
use std::collections::HashMap;

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
    Ok(Holders::index(&holders).others(person_id, keys))
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

    /// The other people holding each of `keys`, at most `HOLDERS_PER_KEY - 1` per key, in key
    /// order then id order. Band keys of near-duplicate hashes (LINK-03 near, BEH-10, LINK-04)
    /// are exact keys here too; of their holders only those whose full hash is within the kind's
    /// distance are kept ([`links::confirmed_hits`]), so a band shared by chance neither links
    /// nor re-screens anyone.
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
