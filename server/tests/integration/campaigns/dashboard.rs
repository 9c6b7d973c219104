//! The founders' dashboard: what exists counted by tier, permission, expiry, screening band,
//! open findings and pending age, the open campaign's progress, and every number linking to the
//! list it counts.

use super::support::*;
use crate::common::TestApp;
use crate::grants_support::*;
use serde_json::{json, Value};

/// The (label, count, href) triples of one dashboard chart.
fn counts(dashboard: &Value, chart: &str) -> Vec<(String, i64, String)> {
    dashboard[chart]
        .as_array()
        .unwrap_or_else(|| panic!("no {chart} in {dashboard}"))
        .iter()
        .map(|c| {
            (
                c["label"].as_str().unwrap().to_owned(),
                c["count"].as_i64().unwrap(),
                c["href"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The (label, count) pairs of one dashboard chart.
fn labelled(dashboard: &Value, chart: &str) -> Vec<(String, i64)> {
    counts(dashboard, chart)
        .into_iter()
        .map(|(label, count, _)| (label, count))
        .collect()
}

fn pairs(expected: &[(&str, i64)]) -> Vec<(String, i64)> {
    expected
        .iter()
        .map(|(label, count)| ((*label).to_owned(), *count))
        .collect()
}

db_test!(
    the_dashboard_counts_what_exists_and_links_to_each_list,
    |app: TestApp| async move {
        let api = Api::new(app);
        let t = Team::new(&api).await;
        let c = api.user("security_lead").await;
        let standard = api.repository(&t.admin, "acme/web", "standard").await;
        let critical = api.repository(&t.admin, "acme/vault", "critical").await;
        let p1 = api.cleared_person(&t.hr, 1).await;
        let p2 = api.cleared_person(&t.hr, 2).await;
        let p3 = api.cleared_person(&t.hr, 3).await;
        let g1 = api.granted(&t.hr, &[&t.b], p1, standard, "read", 60).await;
        api.granted(&t.hr, &[&t.b], p2, standard, "write", 60).await;
        api.granted(&t.hr, &[&t.b, &c], p3, critical, "read", 60)
            .await;
        let p4 = api.cleared_person(&t.hr, 4).await;
        let p5 = api.cleared_person(&t.hr, 5).await;
        api.requested(&t.hr, p4, standard, "read", 30).await;
        let old = api.requested(&t.hr, p5, critical, "read", 30).await;
        set_request_ms(&api.app, old, "requested_at_ms", now_ms() - 5 * DAY_MS).await;
        let (_, screening) = api.person_with(&t.hr, high_risk(clean_profile(6))).await;
        assert_eq!(screening["band"], "high", "{screening}");

        for who in [&t.a, &t.hr, &t.auditor] {
            let (status, body) = api.send(who, "GET", "/dashboard", None).await;
            assert_eq!(status, 403, "the dashboard is the founders': {body}");
        }

        let dashboard = api.get(&t.admin, "/dashboard").await;
        assert_eq!(
            labelled(&dashboard, "grants_by_tier"),
            pairs(&[("Standard", 2), ("Sensitive", 0), ("Critical", 1)]),
            "{dashboard}"
        );
        assert_eq!(
            labelled(&dashboard, "grants_by_permission"),
            pairs(&[
                ("Read", 2),
                ("Triage", 0),
                ("Write", 1),
                ("Maintain", 0),
                ("Admin", 0)
            ]),
            "{dashboard}"
        );
        let expiring: Vec<i64> = counts(&dashboard, "expiring").iter().map(|c| c.1).collect();
        assert_eq!(expiring, [0, 0], "every grant runs 60 days: {dashboard}");
        assert_eq!(
            labelled(&dashboard, "people_by_band"),
            pairs(&[("clear", 5), ("review", 0), ("high", 1), ("critical", 0)]),
            "{dashboard}"
        );
        let findings = labelled(&dashboard, "open_findings");
        assert_eq!(findings[0], ("Critical".to_owned(), 0), "{dashboard}");
        assert_eq!(findings[1].0, "High", "{dashboard}");
        assert!(findings[1].1 >= 1, "PAY-02 is open: {dashboard}");
        let pending: Vec<i64> = counts(&dashboard, "pending_by_age")
            .iter()
            .map(|c| c.1)
            .collect();
        assert_eq!(pending, [1, 0, 1], "{dashboard}");
        assert_eq!(dashboard["oldest_pending_days"], 5, "{dashboard}");
        assert_eq!(dashboard["campaign"], Value::Null, "{dashboard}");

        // A grant about to end.
        set_request_ms(&api.app, g1, "expires_at_ms", now_ms() + 3 * DAY_MS).await;
        let (due, _) = due_in(30);
        let id = started(&api, &t.admin, "2031-Q2", &due, false, 3).await;
        let dashboard = api.get(&t.admin, "/dashboard").await;
        assert_eq!(
            labelled(&dashboard, "expiring"),
            pairs(&[("Within 7 days", 1), ("Within 30 days", 1)]),
            "{dashboard}"
        );
        assert_eq!(dashboard["campaign"]["id"], id, "{dashboard}");
        assert_eq!(
            dashboard["campaign"]["progress"],
            json!({ "decided": 0, "total": 3 })
        );

        // Every number links to the list it counts.
        for chart in [
            "grants_by_tier",
            "grants_by_permission",
            "expiring",
            "people_by_band",
            "open_findings",
            "pending_by_age",
        ] {
            for (label, count, href) in counts(&dashboard, chart) {
                assert!(
                    href.starts_with('/') && href.len() > 1,
                    "{chart} {label}: {href:?}"
                );
                let list = api.get(&t.admin, &href).await;
                let total = list["page"]["total"].as_i64().unwrap();
                match chart {
                    // The findings link to the people in that band; pending ages all link to
                    // the pending list.
                    "open_findings" => {}
                    "pending_by_age" => assert_eq!(total, 2, "{href}: {list}"),
                    _ => assert_eq!(total, count, "{chart} {label} ({href}): {list}"),
                }
            }
        }
        let tiers = counts(&dashboard, "grants_by_tier");
        assert!(tiers[2].2.contains("tier=critical"), "{tiers:?}");
    }
);
