//! The due date in the enforcement pass: a campaign that asked for it revokes its undecided items
//! once the due date has passed, exactly once; one that did not leaves them undecided.

use super::support::*;
use crate::common::TestApp;
use crate::grants_support::*;
use serde_json::json;

db_test!(
    undecided_items_are_revoked_at_the_due_date_once_when_the_campaign_asked,
    |app: TestApp| async move {
        let api = Api::new(app);
        let t = Team::new(&api).await;
        let repo = owned_repository(&api, &t.admin, "acme/core", "standard", &[&t.a]).await;
        let mut grants = Vec::new();
        for n in 1..=3 {
            let person = api.cleared_person(&t.hr, n).await;
            grants.push(api.granted(&t.hr, &[&t.b], person, repo, "read", 60).await);
        }
        let (g1, g2, g3) = (grants[0], grants[1], grants[2]);
        let (due, due_ms) = due_in(1);
        let strict = started(&api, &t.admin, "2031-Q3", &due, true, 3).await;
        let lenient = started(&api, &t.admin, "2031-Q4", &due, false, 3).await;
        let t0 = now_ms();
        assert_eq!(
            campaign_view(&api, &t.admin, strict).await["campaign"]["revoke_undecided_at_due"],
            true
        );
        let kept = item_id(&api, &t.a, strict, g1).await;
        decided(&api, &t.a, kept, "certify", "Still on the core team.").await;

        let before = enforce_campaigns(&api.app, t0 + HOUR_MS).await;
        assert_eq!(before.auto_revoked, 0, "not due yet");
        for grant in [g1, g2, g3] {
            assert_eq!(api.state(&t.admin, grant).await, "active");
        }

        let after_due = t0 + 3 * DAY_MS;
        assert!(after_due > due_ms);
        let report = enforce_campaigns(&api.app, after_due).await;
        assert_eq!(report.auto_revoked, 2, "{report:?}");
        assert_eq!(
            report.reminded, 1,
            "A is reminded of the lenient campaign only (nothing is open in the other): {report:?}"
        );
        let again = enforce_campaigns(&api.app, after_due).await;
        assert_eq!(again.auto_revoked, 0, "once: {again:?}");
        let later = enforce_campaigns(&api.app, after_due + 2 * DAY_MS).await;
        assert_eq!(later.auto_revoked, 0, "once: {later:?}");

        assert_eq!(api.state(&t.admin, g1).await, "active");
        assert_eq!(api.state(&t.admin, g2).await, "revoked");
        assert_eq!(api.state(&t.admin, g3).await, "revoked");

        let items = campaign_items(&api, &t.admin, strict, "").await;
        let certified = item_of(&items, g1);
        assert_eq!(certified["decision"], "certify", "untouched: {certified}");
        assert_eq!(certified["decided_by"], t.a.email, "{certified}");
        assert_eq!(
            certified["reason"], "Still on the core team.",
            "{certified}"
        );
        for grant in [g2, g3] {
            let item = item_of(&items, grant);
            assert_eq!(item["decision"], "revoke", "{item}");
            assert_eq!(item["decided_by"], "system", "{item}");
            assert!(
                item["reason"]
                    .as_str()
                    .is_some_and(|r| r.contains("due date")),
                "{item}"
            );
            assert_eq!(item["grant_state"], "revoked", "{item}");
        }
        let view = campaign_view(&api, &t.admin, strict).await;
        assert_eq!(
            view["campaign"]["progress"],
            json!({ "decided": 3, "total": 3 })
        );
        assert_eq!(view["campaign"]["certified"], 1, "{view}");
        assert_eq!(view["campaign"]["revoked"], 2, "{view}");
        assert_eq!(view["may_sign_off"], true, "{view}");

        // The campaign without the flag decided nothing, though its grants changed meanwhile.
        let view = campaign_view(&api, &t.admin, lenient).await;
        assert_eq!(
            view["campaign"]["progress"],
            json!({ "decided": 0, "total": 3 })
        );
        assert_eq!(view["campaign"]["state"], "open", "{view}");
        let items = campaign_items(&api, &t.admin, lenient, "").await;
        assert!(items.iter().all(|i| i["decision"].is_null()), "{items:?}");
        assert_eq!(item_of(&items, g2)["grant_state"], "revoked");
        assert_eq!(item_of(&items, g1)["grant_state"], "active");
        api.assert_audit_chain_verifies();
    }
);
