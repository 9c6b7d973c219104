//! Persistence of screenings, their findings and dismissals.

use super::db::Conn;
use sqlx::Row;

#[derive(Clone, Debug)]
pub struct ScreeningRow {
    pub id: i64,
    pub person_id: i64,
    pub person_version: i64,
    pub rules_version: String,
    pub score: i64,
    pub band: String,
    pub reason: String,
    pub created_at_ms: i64,
}

#[derive(Clone, Debug)]
pub struct FindingRow {
    pub id: i64,
    pub screening_id: i64,
    pub person_id: i64,
    pub indicator: String,
    pub family: String,
    pub severity: String,
    pub title: String,
    /// JSON array of {field, value}.
    pub evidence: String,
    /// JSON array of person ids.
    pub related: String,
    pub source: String,
    pub fingerprint: String,
}

#[derive(Clone, Debug)]
pub struct DismissalRow {
    pub fingerprint: String,
    pub reason: String,
    pub dismissed_by: String,
    pub dismissed_at_ms: i64,
}

pub struct NewScreening<'a> {
    pub person_id: i64,
    pub person_version: i64,
    pub rules_version: &'a str,
    pub score: i64,
    pub band: &'a str,
    pub reason: &'a str,
}

pub async fn insert(
    conn: &mut Conn,
    s: &NewScreening<'_>,
    now_ms: i64,
) -> Result<i64, sqlx::Error> {
    let ids = insert_many(conn, std::slice::from_ref(s), now_ms).await?;
    ids.get(&s.person_id)
        .copied()
        .ok_or_else(|| sqlx::Error::Protocol("the new screening's id was not returned".into()))
}

/// Stores screenings of distinct people in few statements; returns each person's new screening
/// id (keyed by person, since `RETURNING` promises no order).
pub async fn insert_many(
    conn: &mut Conn,
    rows: &[NewScreening<'_>],
    now_ms: i64,
) -> Result<std::collections::HashMap<i64, i64>, sqlx::Error> {
    const COLUMNS: usize = 7;
    let mut ids = std::collections::HashMap::with_capacity(rows.len());
    for batch in rows.chunks(super::batch::rows_per_statement(COLUMNS)) {
        let sql = [
            "INSERT INTO screenings (person_id, person_version, rules_version, score, band, reason, created_at_ms) VALUES ",
            &super::batch::values(batch.len(), COLUMNS),
            " RETURNING id, person_id",
        ]
        .concat();
        let mut query = sqlx::query(&sql);
        for s in batch {
            query = query
                .bind(s.person_id)
                .bind(s.person_version)
                .bind(s.rules_version)
                .bind(s.score)
                .bind(s.band)
                .bind(s.reason)
                .bind(now_ms);
        }
        for row in query.fetch_all(&mut *conn).await? {
            ids.insert(row.try_get("person_id")?, row.try_get("id")?);
        }
    }
    Ok(ids)
}

pub struct NewFinding<'a> {
    pub indicator: &'a str,
    pub family: &'a str,
    pub severity: &'a str,
    pub title: &'a str,
    pub evidence: &'a str,
    pub related: &'a str,
    pub source: &'a str,
    pub fingerprint: &'a str,
}

/// Stores many findings in few statements (the import). Each row is (screening id, person id,
/// finding).
pub async fn insert_findings(
    conn: &mut Conn,
    rows: &[(i64, i64, NewFinding<'_>)],
) -> Result<(), sqlx::Error> {
    const COLUMNS: usize = 10;
    for batch in rows.chunks(super::batch::rows_per_statement(COLUMNS)) {
        let sql = [
            "INSERT INTO findings (screening_id, person_id, indicator, family, severity, title, evidence, related, source, fingerprint) VALUES ",
            &super::batch::values(batch.len(), COLUMNS),
        ]
        .concat();
        let mut query = sqlx::query(&sql);
        for (screening_id, person_id, f) in batch {
            query = query
                .bind(*screening_id)
                .bind(*person_id)
                .bind(f.indicator)
                .bind(f.family)
                .bind(f.severity)
                .bind(f.title)
                .bind(f.evidence)
                .bind(f.related)
                .bind(f.source)
                .bind(f.fingerprint);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

macro_rules! screening_columns {
    () => {
        "id, person_id, person_version, rules_version, score, band, reason, created_at_ms"
    };
}

fn screening_from(row: &sqlx::any::AnyRow) -> Result<ScreeningRow, sqlx::Error> {
    Ok(ScreeningRow {
        id: row.try_get("id")?,
        person_id: row.try_get("person_id")?,
        person_version: row.try_get("person_version")?,
        rules_version: row.try_get("rules_version")?,
        score: row.try_get("score")?,
        band: row.try_get("band")?,
        reason: row.try_get("reason")?,
        created_at_ms: row.try_get("created_at_ms")?,
    })
}

/// A person's screenings, newest first.
pub async fn history(conn: &mut Conn, person_id: i64) -> Result<Vec<ScreeningRow>, sqlx::Error> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        screening_columns!(),
        " FROM screenings WHERE person_id = $1 ORDER BY id DESC LIMIT 100"
    ))
    .bind(person_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(screening_from).collect()
}

pub async fn latest(conn: &mut Conn, person_id: i64) -> Result<Option<ScreeningRow>, sqlx::Error> {
    let row = sqlx::query(concat!(
        "SELECT ",
        screening_columns!(),
        " FROM screenings WHERE person_id = $1 ORDER BY id DESC LIMIT 1"
    ))
    .bind(person_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(screening_from).transpose()
}

macro_rules! finding_columns {
    () => {
        "id, screening_id, person_id, indicator, family, severity, title, evidence, related, source, fingerprint"
    };
}

fn finding_from(row: &sqlx::any::AnyRow) -> Result<FindingRow, sqlx::Error> {
    Ok(FindingRow {
        id: row.try_get("id")?,
        screening_id: row.try_get("screening_id")?,
        person_id: row.try_get("person_id")?,
        indicator: row.try_get("indicator")?,
        family: row.try_get("family")?,
        severity: row.try_get("severity")?,
        title: row.try_get("title")?,
        evidence: row.try_get("evidence")?,
        related: row.try_get("related")?,
        source: row.try_get("source")?,
        fingerprint: row.try_get("fingerprint")?,
    })
}

pub async fn findings_of(
    conn: &mut Conn,
    screening_id: i64,
) -> Result<Vec<FindingRow>, sqlx::Error> {
    let rows = sqlx::query(concat!(
        "SELECT ",
        finding_columns!(),
        " FROM findings WHERE screening_id = $1 ORDER BY id"
    ))
    .bind(screening_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(finding_from).collect()
}

pub async fn finding(conn: &mut Conn, id: i64) -> Result<Option<FindingRow>, sqlx::Error> {
    let row = sqlx::query(concat!(
        "SELECT ",
        finding_columns!(),
        " FROM findings WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(finding_from).transpose()
}

/// The latest screening of each of `person_ids` that has one.
pub async fn latest_many(
    conn: &mut Conn,
    person_ids: &[i64],
) -> Result<Vec<ScreeningRow>, sqlx::Error> {
    let rows = super::batch::fetch_in(
        conn,
        concat!(
            "SELECT ",
            screening_columns!(),
            " FROM screenings WHERE id IN (SELECT MAX(id) FROM screenings WHERE person_id IN "
        ),
        person_ids,
        " GROUP BY person_id)",
    )
    .await?;
    rows.iter().map(screening_from).collect()
}

/// (person id, indicator) of the high and critical findings of the latest screenings of
/// `person_ids`.
pub async fn strong_indicators_of_latest(
    conn: &mut Conn,
    person_ids: &[i64],
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let rows = super::batch::fetch_in(
        conn,
        "SELECT f.person_id, f.indicator FROM findings f WHERE f.severity IN ('high', 'critical')
         AND f.screening_id IN (SELECT MAX(id) FROM screenings WHERE person_id IN ",
        person_ids,
        " GROUP BY person_id) ORDER BY f.person_id, f.indicator",
    )
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("person_id")?, row.try_get("indicator")?)))
        .collect()
}

/// (screening id, fingerprint) of every finding of `screening_ids`.
pub async fn fingerprints_of_many(
    conn: &mut Conn,
    screening_ids: &[i64],
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let rows = super::batch::fetch_in(
        conn,
        "SELECT screening_id, fingerprint FROM findings WHERE screening_id IN ",
        screening_ids,
        "",
    )
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("screening_id")?, row.try_get("fingerprint")?)))
        .collect()
}

/// (person id, fingerprint) of every dismissal of `person_ids`.
pub async fn dismissed_of_many(
    conn: &mut Conn,
    person_ids: &[i64],
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let rows = super::batch::fetch_in(
        conn,
        "SELECT person_id, fingerprint FROM finding_dismissals WHERE person_id IN ",
        person_ids,
        "",
    )
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("person_id")?, row.try_get("fingerprint")?)))
        .collect()
}

pub async fn dismissals(conn: &mut Conn, person_id: i64) -> Result<Vec<DismissalRow>, sqlx::Error> {
    let rows = sqlx::query("SELECT fingerprint, reason, dismissed_by, dismissed_at_ms FROM finding_dismissals WHERE person_id = $1")
        .bind(person_id)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(DismissalRow {
                fingerprint: r.try_get("fingerprint")?,
                reason: r.try_get("reason")?,
                dismissed_by: r.try_get("dismissed_by")?,
                dismissed_at_ms: r.try_get("dismissed_at_ms")?,
            })
        })
        .collect()
}

/// Records a dismissal; false when this finding (same evidence) was dismissed already.
pub async fn insert_dismissal(
    conn: &mut Conn,
    person_id: i64,
    fingerprint: &str,
    indicator: &str,
    reason: &str,
    by: &str,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "INSERT INTO finding_dismissals (person_id, fingerprint, indicator, reason, dismissed_by, dismissed_at_ms)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(person_id)
    .bind(fingerprint)
    .bind(indicator)
    .bind(reason)
    .bind(by)
    .bind(now_ms)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected() == 1)
}
