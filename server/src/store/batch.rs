//! Multi-row statements for bulk work (the import). One `INSERT … VALUES (…), (…)` per batch
//! instead of one statement per row: with SQLite every statement is a round trip to its worker
//! thread, and that round trip, not the insert itself, was what made row-at-a-time import slow.
//!
//! Only placeholders (`$n`) are generated here; every value is still bound, never spliced.

use super::db::Conn;
use sqlx::any::AnyRow;

/// Parameters per statement. Far below SQLite's limit (32,766) and PostgreSQL's (65,535) on
/// purpose: sqlx's SQLite driver looks up each parameter's name with
/// `sqlite3_bind_parameter_name`, a walk through the statement's list of names, so binding costs
/// grow with the square of a statement's parameters. At 30,000 parameters binding took a quarter
/// of the import's time; a few hundred keep it negligible while still saving most round trips.
const MAX_PARAMS: usize = 250;

/// How many rows of `columns` values fit in one statement.
pub fn rows_per_statement(columns: usize) -> usize {
    (MAX_PARAMS / columns.max(1)).max(1)
}

/// `($1, $2), ($3, $4), …` for `rows` rows of `columns` values each.
pub fn values(rows: usize, columns: usize) -> String {
    let mut out = String::with_capacity(rows * columns * 6);
    let mut n = 0;
    for row in 0..rows {
        if row > 0 {
            out.push_str(", ");
        }
        out.push('(');
        for column in 0..columns {
            if column > 0 {
                out.push_str(", ");
            }
            n += 1;
            out.push('$');
            out.push_str(&n.to_string());
        }
        out.push(')');
    }
    out
}

/// Runs `head (ids…) tail` for all of `ids`, a statement per [`MAX_PARAMS`] of them, and
/// returns every row (`head` ends with `IN `; `tail` may be empty).
pub async fn fetch_in(
    conn: &mut Conn,
    head: &str,
    ids: &[i64],
    tail: &str,
) -> Result<Vec<AnyRow>, sqlx::Error> {
    let mut rows = Vec::new();
    for batch in ids.chunks(rows_per_statement(1)) {
        let sql = [head, &values(1, batch.len()), tail].concat();
        let mut query = sqlx::query(&sql);
        for id in batch {
            query = query.bind(*id);
        }
        rows.extend(query.fetch_all(&mut *conn).await?);
    }
    Ok(rows)
}

/// [`fetch_in`] for statements that return nothing.
pub async fn execute_in(
    conn: &mut Conn,
    head: &str,
    ids: &[i64],
    tail: &str,
) -> Result<(), sqlx::Error> {
    for batch in ids.chunks(rows_per_statement(1)) {
        let sql = [head, &values(1, batch.len()), tail].concat();
        let mut query = sqlx::query(&sql);
        for id in batch {
            query = query.bind(*id);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_number_every_value_once_in_order() {
        assert_eq!(values(2, 3), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(values(1, 1), "($1)");
        assert_eq!(values(0, 4), "");
    }

    #[test]
    fn batches_stay_under_the_parameter_limit() {
        assert_eq!(rows_per_statement(10) * 10, MAX_PARAMS);
        assert!(rows_per_statement(7) * 7 <= MAX_PARAMS);
        assert_eq!(rows_per_statement(0), MAX_PARAMS);
        assert_eq!(rows_per_statement(100_000), 1);
    }
}
