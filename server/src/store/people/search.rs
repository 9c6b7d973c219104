//! The people list: search, filters (including the watch-list review queue), sort and pages.

use super::{from_row, PersonRecord};
use crate::store::db::Conn;
use sqlx::Row;

/// Filters of the list; `None` matches all.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Lower-cased fragment of name, e-mail or phone, matched anywhere.
    pub text: Option<String>,
    pub status: Option<String>,
    pub band: Option<String>,
    pub kind: Option<String>,
    pub matches: Option<MatchFilter>,
}

/// The people whose latest screening has a watch-list match (a KNOWN-* finding) in this state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchFilter {
    /// Neither confirmed as true nor dismissed as false.
    ToReview,
    /// Confirmed as true.
    Confirmed,
}

impl MatchFilter {
    fn code(self) -> &'static str {
        match self {
            MatchFilter::ToReview => "to_review",
            MatchFilter::Confirmed => "confirmed",
        }
    }
}

/// How the list is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    Updated,
    Name,
    Score,
}

// The watch-list filter ($5) reads the KNOWN-* findings once, through their partial index
// (migration 0011), rather than every person's latest screening: matches are few.
macro_rules! filtered {
    () => {
        " FROM people WHERE ($1 IS NULL OR search_text LIKE $1 ESCAPE '!') AND ($2 IS NULL OR status = $2)
            AND ($3 IS NULL OR band = $3) AND ($4 IS NULL OR kind = $4)
            AND ($5 IS NULL OR people.id IN (
                SELECT f.person_id FROM findings f
                WHERE f.indicator LIKE 'KNOWN-%'
                  AND f.screening_id = (SELECT MAX(s.id) FROM screenings s WHERE s.person_id = f.person_id)
                  AND CASE WHEN $5 = 'confirmed'
                      THEN EXISTS (SELECT 1 FROM match_confirmations c
                                   WHERE c.person_id = f.person_id AND c.fingerprint = f.fingerprint)
                      ELSE NOT EXISTS (SELECT 1 FROM match_confirmations c
                                       WHERE c.person_id = f.person_id AND c.fingerprint = f.fingerprint)
                       AND NOT EXISTS (SELECT 1 FROM finding_dismissals d
                                       WHERE d.person_id = f.person_id AND d.fingerprint = f.fingerprint)
                      END))"
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
        .bind(filter.matches.map(MatchFilter::code))
        .fetch_one(&mut *conn)
        .await?
        .try_get("n")?;
    let sql = match sort {
        Sort::Updated => concat!(
            "SELECT ",
            columns!(),
            filtered!(),
            " ORDER BY updated_at_ms DESC, id DESC LIMIT $6 OFFSET $7"
        ),
        Sort::Name => concat!(
            "SELECT ",
            columns!(),
            filtered!(),
            " ORDER BY full_name, id LIMIT $6 OFFSET $7"
        ),
        Sort::Score => concat!(
            "SELECT ",
            columns!(),
            filtered!(),
            " ORDER BY score DESC, id DESC LIMIT $6 OFFSET $7"
        ),
    };
    let rows = sqlx::query(sql)
        .bind(pattern)
        .bind(filter.status.clone())
        .bind(filter.band.clone())
        .bind(filter.kind.clone())
        .bind(filter.matches.map(MatchFilter::code))
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut *conn)
        .await?;
    let people = rows.iter().map(from_row).collect::<Result<_, _>>()?;
    Ok((people, total))
}
