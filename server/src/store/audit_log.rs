//! Persistence of the hash-chained audit log. Appends happen inside the caller's transaction, so
//! a change and its audit entry commit together or not at all (SECURITY.md F3).

use super::db::Conn;
use crate::audits::chain::{
    self, ChainBreak, ChainVerifier, ChainedEntry, EntryContent, Hash, Verified,
};
use futures::TryStreamExt;
use sqlx::Row;

/// What to record; the sequence number, time and hashes are added on append.
#[derive(Clone, Debug)]
pub struct NewEntry<'a> {
    pub actor: &'a str,
    pub action: &'a str,
    pub subject: &'a str,
    /// A JSON object.
    pub details: serde_json::Value,
}

/// Appends an entry and returns its sequence number.
pub async fn append(conn: &mut Conn, entry: NewEntry<'_>, at_ms: i64) -> Result<i64, sqlx::Error> {
    // Taking the head row's write lock first serialises appenders (also across PostgreSQL
    // instances) and hands out the next gapless sequence number.
    let head = sqlx::query("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
        .fetch_one(&mut *conn)
        .await?;
    let seq: i64 = head.try_get("seq")?;
    let prev_hex: String = head.try_get("hash")?;
    let prev_hash = chain::from_hex(&prev_hex).ok_or_else(|| {
        sqlx::Error::Protocol("audit_head.hash is not a SHA-256 hex digest".into())
    })?;
    let content = EntryContent {
        seq,
        at_ms,
        actor: entry.actor.to_owned(),
        action: entry.action.to_owned(),
        subject: entry.subject.to_owned(),
        details: entry.details.to_string(),
    };
    let linked = chain::link(prev_hash, content);
    let hash_hex = chain::to_hex(&linked.hash);
    sqlx::query(
        "INSERT INTO audit_log (seq, at_ms, actor, action, subject, details, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(seq)
    .bind(at_ms)
    .bind(&linked.content.actor)
    .bind(&linked.content.action)
    .bind(&linked.content.subject)
    .bind(&linked.content.details)
    .bind(prev_hex)
    .bind(&hash_hex)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(hash_hex)
        .execute(&mut *conn)
        .await?;
    Ok(seq)
}

/// Appends several entries, in order, with one head update and few inserts (the import).
/// The chain is exactly what appending them one by one would have produced.
pub async fn append_many(
    conn: &mut Conn,
    entries: &[NewEntry<'_>],
    at_ms: i64,
) -> Result<(), sqlx::Error> {
    let Ok(count) = i64::try_from(entries.len()) else {
        return Err(sqlx::Error::Protocol(
            "too many audit entries at once".into(),
        ));
    };
    if count == 0 {
        return Ok(());
    }
    let head = sqlx::query("UPDATE audit_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash")
        .bind(count)
        .fetch_one(&mut *conn)
        .await?;
    let last_seq: i64 = head.try_get("seq")?;
    let head_hex: String = head.try_get("hash")?;
    let mut prev_hash = chain::from_hex(&head_hex).ok_or_else(|| {
        sqlx::Error::Protocol("audit_head.hash is not a SHA-256 hex digest".into())
    })?;
    let mut linked = Vec::with_capacity(entries.len());
    for (seq, entry) in (last_seq - count + 1..).zip(entries) {
        let entry = chain::link(
            prev_hash,
            EntryContent {
                seq,
                at_ms,
                actor: entry.actor.to_owned(),
                action: entry.action.to_owned(),
                subject: entry.subject.to_owned(),
                details: entry.details.to_string(),
            },
        );
        prev_hash = entry.hash;
        linked.push(entry);
    }
    const COLUMNS: usize = 8;
    for batch in linked.chunks(super::batch::rows_per_statement(COLUMNS)) {
        let sql = [
            "INSERT INTO audit_log (seq, at_ms, actor, action, subject, details, prev_hash, hash) VALUES ",
            &super::batch::values(batch.len(), COLUMNS),
        ]
        .concat();
        let mut query = sqlx::query(&sql);
        for entry in batch {
            query = query
                .bind(entry.content.seq)
                .bind(entry.content.at_ms)
                .bind(&entry.content.actor)
                .bind(&entry.content.action)
                .bind(&entry.content.subject)
                .bind(&entry.content.details)
                .bind(chain::to_hex(&entry.prev_hash))
                .bind(chain::to_hex(&entry.hash));
        }
        query.execute(&mut *conn).await?;
    }
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(chain::to_hex(&prev_hash))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A stored row, as read back.
#[derive(Clone, Debug)]
pub struct StoredEntry {
    pub seq: i64,
    pub at_ms: i64,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub details: String,
    pub prev_hash: String,
    pub hash: String,
}

impl StoredEntry {
    fn from_row(row: &sqlx::any::AnyRow) -> Result<Self, sqlx::Error> {
        Ok(StoredEntry {
            seq: row.try_get("seq")?,
            at_ms: row.try_get("at_ms")?,
            actor: row.try_get("actor")?,
            action: row.try_get("action")?,
            subject: row.try_get("subject")?,
            details: row.try_get("details")?,
            prev_hash: row.try_get("prev_hash")?,
            hash: row.try_get("hash")?,
        })
    }

    /// The chain's view of this row; unreadable hashes become all-ones so verification fails
    /// at this row rather than erroring.
    pub fn to_chained(&self) -> ChainedEntry {
        let unreadable = [0xffu8; 32];
        ChainedEntry {
            content: EntryContent {
                seq: self.seq,
                at_ms: self.at_ms,
                actor: self.actor.clone(),
                action: self.action.clone(),
                subject: self.subject.clone(),
                details: self.details.clone(),
            },
            prev_hash: chain::from_hex(&self.prev_hash).unwrap_or(unreadable),
            hash: chain::from_hex(&self.hash).unwrap_or(unreadable),
        }
    }
}

// SQL is assembled from literals only (`concat!`), never with `format!` (SECURITY.md E1).
macro_rules! columns {
    () => {
        "seq, at_ms, actor, action, subject, details, prev_hash, hash"
    };
}
macro_rules! filtered {
    () => {
        concat!(
            " FROM audit_log WHERE ($1 IS NULL OR action = $1) AND ($2 IS NULL OR actor = $2)",
            " AND ($3 IS NULL OR subject = $3)"
        )
    };
}

/// Filters for listing; `None` matches everything.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub action: Option<String>,
    pub actor: Option<String>,
    /// Exact subject, e.g. `person:12`: the history of one thing.
    pub subject: Option<String>,
}

/// One page of entries, newest first, and the number of matching entries.
pub async fn list(
    conn: &mut Conn,
    filter: &Filter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<StoredEntry>, i64), sqlx::Error> {
    // A NULL parameter disables its filter, which keeps the SQL fixed and fully parameterised.
    let total: i64 = sqlx::query(concat!("SELECT COUNT(*) AS n", filtered!()))
        .bind(filter.action.clone())
        .bind(filter.actor.clone())
        .bind(filter.subject.clone())
        .fetch_one(&mut *conn)
        .await?
        .try_get("n")?;
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        filtered!(),
        " ORDER BY seq DESC LIMIT $4 OFFSET $5"
    ))
    .bind(filter.action.clone())
    .bind(filter.actor.clone())
    .bind(filter.subject.clone())
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?;
    let entries = rows
        .iter()
        .map(StoredEntry::from_row)
        .collect::<Result<_, _>>()?;
    Ok((entries, total))
}

/// Every distinct action, for filter menus.
pub async fn actions(conn: &mut Conn) -> Result<Vec<String>, sqlx::Error> {
    let rows = sqlx::query("SELECT DISTINCT action FROM audit_log ORDER BY action")
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(|r| r.try_get("action")).collect()
}

/// Entries with `from_seq <= seq <= to_seq`, oldest first.
pub async fn range(
    conn: &mut Conn,
    from_seq: i64,
    to_seq: i64,
) -> Result<Vec<StoredEntry>, sqlx::Error> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM audit_log WHERE seq >= $1 AND seq <= $2 ORDER BY seq"
    ))
    .bind(from_seq)
    .bind(to_seq)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(StoredEntry::from_row).collect()
}

/// The recorded head: the newest sequence number and its hash.
pub async fn head(conn: &mut Conn) -> Result<(i64, String), sqlx::Error> {
    let row = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
        .fetch_one(&mut *conn)
        .await?;
    Ok((row.try_get("seq")?, row.try_get("hash")?))
}

/// Verifies the whole chain against the recorded head, streaming rows in sequence order.
pub async fn verify(conn: &mut Conn) -> Result<Result<Verified, ChainBreak>, sqlx::Error> {
    let (head_seq, head_hex) = head(&mut *conn).await?;
    let head_hash: Hash = chain::from_hex(&head_hex).unwrap_or([0xff; 32]);
    let mut verifier = ChainVerifier::from_genesis();
    let mut rows = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM audit_log ORDER BY seq"
    ))
    .fetch(&mut *conn);
    while let Some(row) = rows.try_next().await? {
        if let Err(broken) = verifier.push(&StoredEntry::from_row(&row)?.to_chained()) {
            return Ok(Err(broken));
        }
    }
    Ok(verifier.finish(head_seq, &head_hash))
}

/// Entries about any of `subjects`, oldest first (a request's or a person's access timeline).
pub async fn about(conn: &mut Conn, subjects: &[String]) -> Result<Vec<StoredEntry>, sqlx::Error> {
    let mut entries = Vec::new();
    for batch in subjects.chunks(super::batch::rows_per_statement(1)) {
        // Only placeholders are added to the literal; the subjects are bound.
        let sql = [
            concat!("SELECT ", columns!(), " FROM audit_log WHERE subject IN "),
            &super::batch::values(1, batch.len()),
        ]
        .concat();
        let mut query = sqlx::query(&sql);
        for subject in batch {
            query = query.bind(subject.as_str());
        }
        for row in query.fetch_all(&mut *conn).await? {
            entries.push(StoredEntry::from_row(&row)?);
        }
    }
    entries.sort_by_key(|e| e.seq);
    Ok(entries)
}
