//! Importing many people at once. Rows that do not parse or validate are reported with their
//! row number and field; the valid rows go in, in chunks of one transaction each (so a row is
//! never half-written), each screened and linked as if entered by hand, with the same rules,
//! versions, link index and audit entries.
//!
//! The work is done per chunk rather than per row: the chunk's people are inserted first, then
//! the holders of all their link keys are read in one statement (so people in the same chunk
//! see each other), each is screened in memory, and versions, keys, screenings, findings,
//! scores and audit entries go in as multi-row statements. People already stored who share a
//! key with the chunk are re-screened once per chunk, not once per new link.

use super::referrals::Referred;
use super::screening::{fingerprint, label, Rendered};
use super::support::{actor_label, audit, authorize, OrInternal};
use super::Services;
use crate::clock::{unix_now, unix_now_ms};
use crate::profiles::import::Parsed;
use crate::scoring::known::WatchlistLookup;
use crate::scoring::links::{self, LinkHit, LinkKey};
use crate::scoring::{self, score, Finding, Input, Lookups};
use crate::store::audit_log::{self, NewEntry};
use crate::store::db::Conn;
use crate::store::people::{self, NewVersion, PersonFields};
use crate::store::screenings::{self, NewScreening};
use crate::store::{link_index, rescreen_queue};
use clearance_app::model::access::Operation;
use clearance_app::model::error::AppError;
use clearance_app::model::person::{ImportReport, RowError};
use clearance_app::model::profile::ProfileDocument;
use clearance_app::model::request::RequestContext;
use serde_json::json;
use std::collections::{BTreeSet, HashSet};

/// Rows per transaction: large enough to amortise the commit, small enough to keep the writer
/// responsive for everyone else.
const CHUNK: usize = 250;

/// Parsed rows after validation: the prepared documents (with their JSON) ready to store, and
/// the refused rows. Only [`Services::validate_rows`] makes one, so whatever is imported from it
/// went through the same checks as a person entered by hand.
pub(super) struct Validated {
    ready: Vec<(ProfileDocument, String)>,
    failed: Vec<RowError>,
}

impl Validated {
    /// Rows that passed validation: what the import writes.
    pub fn valid(&self) -> usize {
        self.ready.len()
    }

    /// Rows refused, with their row number, field and reason.
    pub fn refused(&self) -> usize {
        self.failed.len()
    }
}

impl Services {
    /// Imports parsed rows; `progress` is called after each committed chunk with (done, total).
    pub async fn import_people(
        &self,
        req: &RequestContext,
        rows: Parsed,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<ImportReport, AppError> {
        authorize(&self.db, req, Operation::EditPeople).await?;
        let rows = self.validate_rows(rows);
        self.import_validated(req, rows, None, progress).await
    }

    /// Validates, protects and serialises every parsed row (no I/O). A row that did not parse,
    /// or whose values are refused, is reported with its row number and field.
    pub(super) fn validate_rows(&self, rows: Parsed) -> Validated {
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
        Validated { ready, failed }
    }

    /// Stores validated rows in chunks of one transaction each, then writes the import's audit
    /// entry; `job` is the background import this is part of, if any. `progress` is called after
    /// each committed chunk with (done, total).
    pub(super) async fn import_validated(
        &self,
        req: &RequestContext,
        rows: Validated,
        job: Option<i64>,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<ImportReport, AppError> {
        authorize(&self.db, req, Operation::EditPeople).await?;
        let Validated { ready, failed } = rows;
        let total = ready.len();
        // People who share keys go in together, so they see each other when first screened and
        // few need screening again at the end.
        let keys: Vec<Vec<LinkKey>> = ready.iter().map(|(doc, _)| links::link_keys(doc)).collect();
        let mut id_of_row: Vec<i64> = vec![0; total];
        let mut done = 0;
        for rows in crate::profiles::chunking::plan(&keys, CHUNK) {
            let chunk: Vec<(&(ProfileDocument, String), &[LinkKey])> = rows
                .iter()
                .map(|row| (&ready[*row], keys[*row].as_slice()))
                .collect();
            let mut tx = self.db.begin().await.or_internal(req)?;
            let stored = self.insert_chunk(&mut tx, req, &chunk).await?;
            tx.commit().await.or_internal(req)?;
            for (row, id) in rows.iter().zip(stored) {
                id_of_row[*row] = id;
            }
            done += rows.len();
            progress(done, total);
        }
        // The report lists ids in the order of the rows.
        let ids = id_of_row;
        self.rescreen_flagged(req, "linked profiles were imported")
            .await?;
        let mut details = json!({ "imported": ids.len(), "failed": failed.len() });
        if let (Some(job), Some(map)) = (job, details.as_object_mut()) {
            map.insert("job".into(), job.into());
        }
        let mut tx = self.db.begin().await.or_internal(req)?;
        audit(&mut tx, req, "people.imported", "", details)
            .await
            .or_internal(req)?;
        tx.commit().await.or_internal(req)?;
        Ok(ImportReport {
            imported: ids.len(),
            ids,
            failed,
        })
    }

    /// Inserts and screens one chunk of prepared people inside `conn`'s transaction.
    async fn insert_chunk(
        &self,
        conn: &mut Conn,
        req: &RequestContext,
        rows: &[(&(ProfileDocument, String), &[LinkKey])],
    ) -> Result<Vec<i64>, AppError> {
        let by = actor_label(req);
        let now_ms = unix_now_ms();
        let documents: Vec<&(ProfileDocument, String)> = rows.iter().map(|(row, _)| *row).collect();
        let chunk = documents.as_slice();
        let keys: Vec<&[LinkKey]> = rows.iter().map(|(_, keys)| *keys).collect();

        // The people first: their ids are what everything else refers to.
        let derived: Vec<(String, String)> = chunk
            .iter()
            .map(|(doc, _)| (links::identity_key(doc), super::people::search_text(doc)))
            .collect();
        let fields: Vec<PersonFields> = chunk
            .iter()
            .zip(&derived)
            .map(|((doc, json), (identity_key, search))| PersonFields {
                kind: &doc.kind,
                full_name: &doc.identity.legal_name.full,
                identity_key,
                search_text: search,
                document: json,
                referred_by: doc.source_channel.referred_by_profile_id,
            })
            .collect();
        let ids = people::insert_many(conn, &fields, &by, now_ms)
            .await
            .or_internal(req)?;
        let changed = serde_json::to_string(&["imported"]).or_internal(req)?;
        let versions: Vec<NewVersion> = ids
            .iter()
            .zip(chunk)
            .map(|(id, (_, json))| NewVersion {
                person_id: *id,
                version: 1,
                document: json,
                changed_fields: &changed,
                changed_by: &by,
                changed_at_ms: now_ms,
            })
            .collect();
        people::insert_versions(conn, &versions)
            .await
            .or_internal(req)?;
        let key_rows: Vec<(i64, &LinkKey)> = ids
            .iter()
            .zip(&keys)
            .flat_map(|(id, own)| own.iter().map(move |k| (*id, k)))
            .collect();
        link_index::insert_link_keys(conn, &key_rows)
            .await
            .or_internal(req)?;

        // Everyone holding any of the chunk's keys, the chunk's own people included.
        let mut wanted: Vec<&LinkKey> = keys.iter().flat_map(|k| k.iter()).collect();
        wanted.sort_by(|a, b| (a.kind, &a.key).cmp(&(b.kind, &b.key)));
        wanted.dedup_by(|a, b| a.kind == b.kind && a.key == b.key);
        let holders = link_index::holders_of(conn, &wanted)
            .await
            .or_internal(req)?;
        let holders = link_index::Holders::index(&holders);

        let in_chunk: HashSet<i64> = ids.iter().copied().collect();
        let mut stored_others = BTreeSet::new();
        let now = unix_now();
        let all_hits: Vec<Vec<LinkHit>> = ids
            .iter()
            .zip(&keys)
            .map(|(id, own)| holders.others(*id, own))
            .collect();
        let referred: Vec<Referred> = ids
            .iter()
            .zip(chunk)
            .zip(&all_hits)
            .map(|((id, (doc, _)), hits)| Referred {
                id: *id,
                referred_by: doc.source_channel.referred_by_profile_id,
                hits,
            })
            .collect();
        let referrals = self.referrals(conn, req, &referred).await?;
        let mut screened = Vec::with_capacity(chunk.len());
        let lists = self.watchlists.current();
        for ((id, (doc, _)), hits) in ids.iter().zip(chunk).zip(&all_hits) {
            stored_others.extend(
                hits.iter()
                    .map(|h| h.other_person_id)
                    .filter(|o| !in_chunk.contains(o)),
            );
            let known = lists.hits(doc);
            let result = scoring::screen_with(
                &Input { profile: doc, now },
                Lookups {
                    links: hits,
                    watchlist: &known,
                    referral: referrals.get(id),
                },
            );
            // A new person has no dismissals: every finding counts.
            let (score, band) = score::score(&result.findings);
            screened.push((
                *id,
                result.rules_version,
                i64::from(score),
                label(&band),
                result.findings,
            ));
        }
        let new_screenings: Vec<NewScreening> = screened
            .iter()
            .map(|(id, rules_version, score, band, _)| NewScreening {
                person_id: *id,
                person_version: 1,
                rules_version,
                score: *score,
                band,
                reason: "imported",
            })
            .collect();
        let screening_ids = screenings::insert_many(conn, &new_screenings, now_ms)
            .await
            .or_internal(req)?;
        let screened: Vec<(i64, i64, i64, String, Vec<Finding>)> = screened
            .into_iter()
            .map(|(id, _, score, band, findings)| {
                let screening_id = screening_ids
                    .get(&id)
                    .copied()
                    .ok_or("a new screening's id was not returned")?;
                Ok((id, screening_id, score, band, findings))
            })
            .collect::<Result<_, &str>>()
            .or_internal(req)?;
        let rendered = screened
            .iter()
            .map(|(_, _, _, _, findings)| {
                findings
                    .iter()
                    .map(|f| Ok((Rendered::of(f)?, fingerprint(f))))
                    .collect::<Result<Vec<_>, serde_json::Error>>()
            })
            .collect::<Result<Vec<_>, _>>()
            .or_internal(req)?;
        let finding_rows: Vec<_> = screened
            .iter()
            .zip(&rendered)
            .flat_map(|((id, screening_id, _, _, findings), rendered)| {
                findings
                    .iter()
                    .zip(rendered)
                    .map(move |(f, (r, print))| (*screening_id, *id, r.row(f, print)))
            })
            .collect();
        screenings::insert_findings(conn, &finding_rows)
            .await
            .or_internal(req)?;
        let scores: Vec<(i64, i64, &str)> = screened
            .iter()
            .map(|(id, _, score, band, _)| (*id, *score, band.as_str()))
            .collect();
        people::set_scores(conn, &scores).await.or_internal(req)?;

        // One entry per person, as entering them by hand would write.
        let subjects: Vec<String> = ids.iter().map(|id| format!("person:{id}")).collect();
        let entries: Vec<NewEntry> = chunk
            .iter()
            .zip(&subjects)
            .map(|((doc, _), subject)| NewEntry {
                actor: &by,
                action: "person.created",
                subject,
                details: super::support::with_request(
                    req,
                    json!({ "kind": doc.kind, "origin": "imported" }),
                ),
            })
            .collect();
        audit_log::append_many(conn, &entries, now_ms)
            .await
            .or_internal(req)?;

        // Re-screened once, at the end of the import, however many chunks link to them.
        let stored_others: Vec<i64> = stored_others.into_iter().collect();
        rescreen_queue::mark_rescreen_pending(conn, &stored_others)
            .await
            .or_internal(req)?;
        Ok(ids)
    }

    /// Re-screens everyone flagged by [`rescreen_queue::mark_rescreen_pending`], in batches of one
    /// transaction each, and clears their flags.
    pub(super) async fn rescreen_flagged(
        &self,
        req: &RequestContext,
        reason: &str,
    ) -> Result<usize, AppError> {
        let (mut after, mut done) = (0, 0);
        loop {
            let mut tx = self.db.begin().await.or_internal(req)?;
            let ids = rescreen_queue::rescreen_pending(&mut tx, after, CHUNK as i64)
                .await
                .or_internal(req)?;
            let Some(last) = ids.last().copied() else {
                tx.commit().await.or_internal(req)?;
                return Ok(done);
            };
            self.rescreen_many(&mut tx, req, &ids, reason).await?;
            rescreen_queue::clear_rescreen_pending(&mut tx, &ids)
                .await
                .or_internal(req)?;
            tx.commit().await.or_internal(req)?;
            done += ids.len();
            after = last;
        }
    }
}
