//! What BEH-08 (referral chains) needs, looked up for a batch of people at once: each referred
//! person's referrer (current band and strong findings) and which of the people they share a
//! link key with were referred by the same person.

use super::support::OrInternal;
use super::Services;
use crate::scoring::behaviour::referrals::{Referral, Referrer};
use crate::scoring::links::LinkHit;
use crate::store::db::Conn;
use crate::store::{referrals, screenings};
use clearance_app::model::error::AppError;
use clearance_app::model::request::RequestContext;
use std::collections::HashMap;

/// A person being screened: id, who they name as referrer, and the link hits found for them.
pub(super) struct Referred<'a> {
    pub id: i64,
    pub referred_by: Option<i64>,
    pub hits: &'a [LinkHit],
}

impl Services {
    /// The referral of every person in `batch` who names a referrer other than themselves.
    pub(super) async fn referrals(
        &self,
        conn: &mut Conn,
        req: &RequestContext,
        batch: &[Referred<'_>],
    ) -> Result<HashMap<i64, Referral>, AppError> {
        let referred: Vec<(&Referred, i64)> = batch
            .iter()
            .filter_map(|p| p.referred_by.filter(|r| *r != p.id).map(|r| (p, r)))
            .collect();
        if referred.is_empty() {
            return Ok(HashMap::new());
        }
        let mut referrer_ids: Vec<i64> = referred.iter().map(|(_, r)| *r).collect();
        referrer_ids.sort_unstable();
        referrer_ids.dedup();
        let bands: HashMap<i64, String> = referrals::referral_facts(conn, &referrer_ids)
            .await
            .or_internal(req)?
            .into_iter()
            .map(|(id, _, band)| (id, band))
            .collect();
        let mut strong: HashMap<i64, Vec<String>> = HashMap::new();
        for (id, indicator) in screenings::strong_indicators_of_latest(conn, &referrer_ids)
            .await
            .or_internal(req)?
        {
            let list = strong.entry(id).or_default();
            if !list.contains(&indicator) {
                list.push(indicator);
            }
        }
        let mut sharing: Vec<i64> = referred
            .iter()
            .flat_map(|(p, _)| p.hits.iter().map(|h| h.other_person_id))
            .collect();
        sharing.sort_unstable();
        sharing.dedup();
        let their_referrer: HashMap<i64, Option<i64>> = referrals::referral_facts(conn, &sharing)
            .await
            .or_internal(req)?
            .into_iter()
            .map(|(id, referred_by, _)| (id, referred_by))
            .collect();

        let mut out = HashMap::new();
        for (person, referrer_id) in referred {
            let referrer = bands.get(&referrer_id).map(|band| Referrer {
                person_id: referrer_id,
                band: band.clone(),
                strong_indicators: strong.get(&referrer_id).cloned().unwrap_or_default(),
            });
            let mut co: Vec<i64> = person
                .hits
                .iter()
                .map(|h| h.other_person_id)
                .filter(|o| *o != person.id && their_referrer.get(o) == Some(&Some(referrer_id)))
                .collect();
            co.sort_unstable();
            co.dedup();
            out.insert(
                person.id,
                Referral {
                    referrer,
                    co_referees_sharing: co,
                },
            );
        }
        Ok(out)
    }
}
