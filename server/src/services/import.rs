//! Importing many people at once. Rows that do not parse or validate are reported with their
//! row number and field; the valid rows go in, in chunks of one transaction each (so a row is
//! never half-written), each screened and linked exactly as if entered by hand.

use super::support::{audit, authorize, OrInternal};
use super::Services;
use crate::profiles::import::Parsed;
use clearance_app::model::access::Operation;
use clearance_app::model::error::AppError;
use clearance_app::model::person::{ImportReport, RowError};
use clearance_app::model::request::RequestContext;
use serde_json::json;

/// Rows per transaction: large enough to amortise the commit, small enough to keep the writer
/// responsive for everyone else.
const CHUNK: usize = 250;

impl Services {
    /// Imports parsed rows; `progress` is called after each committed chunk with (done, total).
    pub async fn import_people(
        &self,
        req: &RequestContext,
        rows: Parsed,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<ImportReport, AppError> {
        authorize(&self.db, req, Operation::EditPeople).await?;
        let mut failed = Vec::new();
        let mut ready = Vec::new();
        for (row, parsed) in rows {
            match parsed.and_then(|doc| {
                self.prepare(doc).map_err(|e| RowError {
                    row,
                    field: e.field().unwrap_or("document").to_owned(),
                    error: e.to_string(),
                })
            }) {
                Ok(prepared) => ready.push(prepared),
                Err(error) => failed.push(error),
            }
        }
        let total = ready.len();
        let mut ids = Vec::with_capacity(total);
        for chunk in ready.chunks(CHUNK) {
            let mut tx = self.db.begin().await.or_internal(req)?;
            for (doc, json) in chunk {
                ids.push(
                    self.insert_person(&mut tx, req, doc, json, "imported")
                        .await?,
                );
            }
            tx.commit().await.or_internal(req)?;
            progress(ids.len(), total);
        }
        let mut tx = self.db.begin().await.or_internal(req)?;
        audit(
            &mut tx,
            req,
            "people.imported",
            "",
            json!({ "imported": ids.len(), "failed": failed.len() }),
        )
        .await
        .or_internal(req)?;
        tx.commit().await.or_internal(req)?;
        Ok(ImportReport {
            imported: ids.len(),
            ids,
            failed,
        })
    }
}
