//! Screening stored people again: one person after their own change, many after an import or a
//! rules change. The work is done for a batch at once (one read per table for the whole batch,
//! one link lookup for all their keys, multi-row writes), and a screening is stored only for
//! people whose result differs from their latest one.

use super::referrals::Referred;
use super::screening::{fingerprint, label, Rendered};
use super::support::OrInternal;
use super::Services;
use crate::clock::{unix_now, unix_now_ms};
use crate::scoring::known::WatchlistLookup;
use crate::scoring::links::{self, LinkHit, LinkKey};
use crate::scoring::{self, score, Finding, Input, Lookups};
use crate::store::db::Conn;
use crate::store::link_index::{self, Holders};
use crate::store::screenings::{self, NewScreening};
use crate::store::{people, referrals};
use clearance_app::model::error::AppError;
use clearance_app::model::profile::ProfileDocument;
use clearance_app::model::request::RequestContext;
use std::collections::{BTreeSet, HashMap};

/// People per batch: large enough to amortise the statements, small enough to keep a
/// transaction short.
const BATCH: usize = 250;

/// A person whose new screening differs from their latest one, before it is stored.
struct Changed {
    person_id: i64,
    person_version: i64,
    rules_version: &'static str,
    score: i64,
    band: String,
    findings: Vec<Finding>,
    prints: Vec<String>,
}

impl Services {
    /// Screens a person again inside `conn`'s transaction and stores the result when it differs
    /// from the latest one. Returns the ids of the other people it is linked to.
    pub(super) async fn rescreen(
        &self,
        conn: &mut Conn,
        req: &RequestContext,
        person_id: i64,
        reason: &str,
    ) -> Result<Vec<i64>, AppError> {
        if people::find(conn, person_id)
            .await
            .or_internal(req)?
            .is_none()
        {
            return Err(AppError::not_found("There is no person with this id."));
        }
        self.rescreen_many(conn, req, &[person_id], reason).await
    }

    /// [`Self::rescreen`] for many people (missing ids are skipped). Returns everyone they are
    /// linked to, without themselves, in id order.
    pub(super) async fn rescreen_many(
        &self,
        conn: &mut Conn,
        req: &RequestContext,
        person_ids: &[i64],
        reason: &str,
    ) -> Result<Vec<i64>, AppError> {
        let mut linked = BTreeSet::new();
        for batch in person_ids.chunks(BATCH) {
            linked.extend(self.rescreen_batch(conn, req, batch, reason).await?);
        }
        for id in person_ids {
            linked.remove(id);
        }
        Ok(linked.into_iter().collect())
    }

    async fn rescreen_batch(
        &self,
        conn: &mut Conn,
        req: &RequestContext,
        ids: &[i64],
        reason: &str,
    ) -> Result<BTreeSet<i64>, AppError> {
        let records = people::find_many(conn, ids).await.or_internal(req)?;
        let mut people_keys = Vec::with_capacity(records.len());
        for record in records {
            let doc: ProfileDocument = serde_json::from_str(&record.document).or_internal(req)?;
            let keys = links::link_keys(&doc);
            people_keys.push((record, doc, keys));
        }
        let mut wanted: Vec<&LinkKey> = people_keys.iter().flat_map(|(_, _, k)| k).collect();
        wanted.sort_by(|a, b| (a.kind, &a.key).cmp(&(b.kind, &b.key)));
        wanted.dedup_by(|a, b| a.kind == b.kind && a.key == b.key);
        let holders = link_index::holders_of(conn, &wanted)
            .await
            .or_internal(req)?;
        let holders = Holders::index(&holders);

        let found: Vec<i64> = people_keys.iter().map(|(r, _, _)| r.id).collect();
        let mut dismissed: HashMap<i64, BTreeSet<String>> = HashMap::new();
        for (person, print) in screenings::dismissed_of_many(conn, &found)
            .await
            .or_internal(req)?
        {
            dismissed.entry(person).or_default().insert(print);
        }
        let latest: HashMap<i64, screenings::ScreeningRow> = screenings::latest_many(conn, &found)
            .await
            .or_internal(req)?
            .into_iter()
            .map(|s| (s.person_id, s))
            .collect();
        let latest_ids: Vec<i64> = latest.values().map(|s| s.id).collect();
        let mut latest_prints: HashMap<i64, BTreeSet<String>> = HashMap::new();
        for (screening, print) in screenings::fingerprints_of_many(conn, &latest_ids)
            .await
            .or_internal(req)?
        {
            latest_prints.entry(screening).or_default().insert(print);
        }

        let all_hits: Vec<Vec<LinkHit>> = people_keys
            .iter()
            .map(|(record, _, keys)| holders.others(record.id, keys))
            .collect();
        let referred: Vec<Referred> = people_keys
            .iter()
            .zip(&all_hits)
            .map(|((record, doc, _), hits)| Referred {
                id: record.id,
                referred_by: doc.source_channel.referred_by_profile_id,
                hits,
            })
            .collect();
        let referrals = self.referrals(conn, req, &referred).await?;

        let (now, now_ms) = (unix_now(), unix_now_ms());
        let no_prints = BTreeSet::new();
        let lists = self.watchlists.current();
        let mut linked = BTreeSet::new();
        let mut changed: Vec<Changed> = Vec::new();
        for ((record, doc, _), hits) in people_keys.iter().zip(&all_hits) {
            linked.extend(hits.iter().map(|h| h.other_person_id));
            let known = lists.hits(doc);
            let result = scoring::screen_with(
                &Input { profile: doc, now },
                Lookups {
                    links: hits,
                    watchlist: &known,
                    referral: referrals.get(&record.id),
                },
            );
            let prints: Vec<String> = result.findings.iter().map(fingerprint).collect();
            let dismissed = dismissed.get(&record.id).unwrap_or(&no_prints);
            let open: Vec<Finding> = result
                .findings
                .iter()
                .zip(&prints)
                .filter(|(_, p)| !dismissed.contains(*p))
                .map(|(f, _)| f.clone())
                .collect();
            let (score, band) = score::score(&open);
            let (score, band) = (i64::from(score), label(&band));
            let unchanged = latest.get(&record.id).is_some_and(|l| {
                l.person_version == record.version
                    && l.rules_version == result.rules_version
                    && l.score == score
                    && l.band == band
                    && *latest_prints.get(&l.id).unwrap_or(&no_prints)
                        == prints.iter().cloned().collect::<BTreeSet<_>>()
            });
            if unchanged {
                continue;
            }
            changed.push(Changed {
                person_id: record.id,
                person_version: record.version,
                rules_version: result.rules_version,
                score,
                band,
                findings: result.findings,
                prints,
            });
        }

        let new_screenings: Vec<NewScreening> = changed
            .iter()
            .map(|c| NewScreening {
                person_id: c.person_id,
                person_version: c.person_version,
                rules_version: c.rules_version,
                score: c.score,
                band: &c.band,
                reason,
            })
            .collect();
        let screening_ids = screenings::insert_many(conn, &new_screenings, now_ms)
            .await
            .or_internal(req)?;
        let mut stored = Vec::with_capacity(changed.len());
        let mut scores = Vec::with_capacity(changed.len());
        for c in changed {
            let screening_id = screening_ids
                .get(&c.person_id)
                .copied()
                .ok_or("a new screening's id was not returned")
                .or_internal(req)?;
            scores.push((c.person_id, c.score, c.band));
            stored.push((c.person_id, screening_id, c.findings, c.prints));
        }

        let rendered = stored
            .iter()
            .map(|(_, _, findings, _)| findings.iter().map(Rendered::of).collect())
            .collect::<Result<Vec<Vec<Rendered>>, _>>()
            .or_internal(req)?;
        let rows: Vec<_> = stored
            .iter()
            .zip(&rendered)
            .flat_map(|((person, screening, findings, prints), rendered)| {
                findings
                    .iter()
                    .zip(rendered)
                    .zip(prints)
                    .map(move |((f, r), p)| (*screening, *person, r.row(f, p)))
            })
            .collect();
        screenings::insert_findings(conn, &rows)
            .await
            .or_internal(req)?;
        let scores: Vec<(i64, i64, &str)> = scores
            .iter()
            .map(|(id, s, b)| (*id, *s, b.as_str()))
            .collect();
        people::set_scores(conn, &scores).await.or_internal(req)?;
        // A person who became high or critical risk loses repository access at once.
        self.suspend_on_risk(conn, req, &scores).await?;
        // Whoever these people referred reads their screening (BEH-08): screen them again too.
        let changed: Vec<i64> = stored.iter().map(|(person, ..)| *person).collect();
        linked.extend(
            referrals::referees_of(conn, &changed)
                .await
                .or_internal(req)?,
        );
        Ok(linked)
    }
}
