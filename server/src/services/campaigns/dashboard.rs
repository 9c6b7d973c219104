//! The founders' dashboard: the numbers that say whether access is under control, each linking to
//! the list it counts.

use super::super::support::{authorize_actor, OrInternal};
use super::super::Services;
use super::reads::summary;
use crate::clock::unix_now_ms;
use crate::grants::policy::DAY_MS;
use crate::store::{campaigns, dashboard};
use clearance_app::model::access::Operation;
use clearance_app::model::campaigns::{Count, Dashboard, CAMPAIGN_OPEN};
use clearance_app::model::error::AppError;
use clearance_app::model::grants::{Permission, Tier};
use clearance_app::model::person::BANDS;
use clearance_app::model::request::RequestContext;

/// Counts in a fixed order of labels (zeros included, so a chart always shows every bar).
fn ordered(
    found: &[(String, i64)],
    order: &[(&str, &str)],
    href: impl Fn(&str) -> String,
) -> Vec<Count> {
    order
        .iter()
        .map(|(id, label)| Count {
            label: (*label).to_owned(),
            count: found
                .iter()
                .find(|(l, _)| l == id)
                .map(|(_, n)| *n)
                .unwrap_or(0),
            href: href(id),
        })
        .collect()
}

/// Pending requests by how long they have waited: under a day, 1–3 days, over 3 days.
fn pending_buckets(requested_at: &[i64], now_ms: i64) -> Vec<Count> {
    let mut buckets = [0i64; 3];
    for at in requested_at {
        let age = now_ms - at;
        let slot = if age < DAY_MS {
            0
        } else if age < 3 * DAY_MS {
            1
        } else {
            2
        };
        buckets[slot] += 1;
    }
    ["Under a day", "1 to 3 days", "Over 3 days"]
        .iter()
        .zip(buckets)
        .map(|(label, count)| Count {
            label: (*label).to_owned(),
            count,
            href: "/grants?state=pending".into(),
        })
        .collect()
}

impl Services {
    pub async fn dashboard(&self, req: &RequestContext) -> Result<Dashboard, AppError> {
        authorize_actor(&self.db, req, Operation::ViewDashboard).await?;
        let now = unix_now_ms();
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let tiers: Vec<(&str, &str)> = Tier::ALL.iter().map(|t| (t.as_str(), t.label())).collect();
        let permissions: Vec<(&str, &str)> = Permission::ALL
            .iter()
            .map(|p| (p.as_str(), p.label()))
            .collect();
        let bands: Vec<(&str, &str)> = BANDS.iter().map(|b| (*b, *b)).collect();
        let by_tier = dashboard::active_by_tier(&mut conn)
            .await
            .or_internal(req)?;
        let by_permission = dashboard::active_by_permission(&mut conn)
            .await
            .or_internal(req)?;
        let mut expiring = Vec::new();
        for days in [7, 30] {
            expiring.push(Count {
                label: format!("Within {days} days"),
                count: dashboard::active_ending_by(&mut conn, now + days * DAY_MS)
                    .await
                    .or_internal(req)?,
                href: format!("/grants?expires_within_days={days}"),
            });
        }
        let people = dashboard::people_by_band(&mut conn)
            .await
            .or_internal(req)?;
        let findings = dashboard::open_serious_findings(&mut conn)
            .await
            .or_internal(req)?;
        let pending = dashboard::pending_requested_at(&mut conn)
            .await
            .or_internal(req)?;
        let all = campaigns::list(&mut conn).await.or_internal(req)?;
        let campaign = all
            .iter()
            .find(|c| c.state == CAMPAIGN_OPEN)
            .or(all.first())
            .map(|c| summary(c, now));
        Ok(Dashboard {
            grants_by_tier: ordered(&by_tier, &tiers, |t| {
                format!("/grants?state=active&tier={t}")
            }),
            grants_by_permission: ordered(&by_permission, &permissions, |p| {
                format!("/grants?state=active&permission={p}")
            }),
            expiring,
            people_by_band: ordered(&people, &bands, |b| format!("/people?band={b}")),
            // The people list filters by band, and an open critical (high) finding is what puts
            // a person in the critical (high) band.
            open_findings: ordered(
                &findings,
                &[("critical", "Critical"), ("high", "High")],
                |s| format!("/people?band={s}"),
            ),
            oldest_pending_days: pending.first().map(|at| (now - at) / DAY_MS),
            pending_by_age: pending_buckets(&pending, now),
            campaign,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_keep_the_order_and_show_zeros() {
        let found = vec![("critical".to_owned(), 2), ("standard".to_owned(), 5)];
        let order = [
            ("standard", "Standard"),
            ("sensitive", "Sensitive"),
            ("critical", "Critical"),
        ];
        let counts = ordered(&found, &order, |t| format!("/x?tier={t}"));
        let got: Vec<(&str, i64)> = counts.iter().map(|c| (c.label.as_str(), c.count)).collect();
        assert_eq!(got, [("Standard", 5), ("Sensitive", 0), ("Critical", 2)]);
        assert_eq!(counts[2].href, "/x?tier=critical");
    }

    #[test]
    fn pending_requests_fall_into_age_buckets_at_day_boundaries() {
        let now = 100 * DAY_MS;
        let at = [
            now - 1,
            now - DAY_MS,
            now - 3 * DAY_MS + 1,
            now - 3 * DAY_MS,
        ];
        let counts: Vec<i64> = pending_buckets(&at, now).iter().map(|c| c.count).collect();
        assert_eq!(counts, [1, 2, 1]);
    }
}
