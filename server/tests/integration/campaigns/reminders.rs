//! Reminders in the enforcement pass: reviewers with open items are reminded weekly, then daily
//! from three days before the due date and while overdue; a reviewer with nothing open never is.

use super::support::*;
use crate::common::TestApp;
use crate::grants_support::*;
use clearance_server::services::campaigns::{
    CampaignEnforcement, SUBJECT_ASSIGNED, SUBJECT_REMINDER,
};
use serde_json::Value;

db_test!(
    reviewers_with_open_items_are_reminded_weekly_then_daily,
    |app: TestApp| async move {
        let api = Api::new(app);
        let t = Team::new(&api).await;
        let c = api.user("security_lead").await;
        let repo_a = owned_repository(&api, &t.admin, "acme/a", "standard", &[&t.a]).await;
        let repo_c = owned_repository(&api, &t.admin, "acme/c", "standard", &[&c]).await;
        let p1 = api.cleared_person(&t.hr, 1).await;
        let p2 = api.cleared_person(&t.hr, 2).await;
        let g1 = api.granted(&t.hr, &[&t.b], p1, repo_a, "read", 60).await;
        let g2 = api.granted(&t.hr, &[&t.b], p2, repo_c, "read", 60).await;
        let (due, due_ms) = due_in(30);
        let id = started(&api, &t.admin, "2031-Q2", &due, false, 2).await;
        let t0 = now_ms();

        let all = campaign_items(&api, &t.admin, id, "").await;
        assert_eq!(item_of(&all, g1)["reviewer_id"], t.a.id);
        assert_eq!(item_of(&all, g2)["reviewer_id"], c.id);
        assert_eq!(api.queued_mail(&t.a.email, SUBJECT_ASSIGNED).await, 1);
        assert_eq!(api.queued_mail(&c.email, SUBJECT_ASSIGNED).await, 1);

        // C decides at once and is never reminded.
        let c_item = item_of(&all, g2)["id"].as_i64().unwrap();
        decided(&api, &c, c_item, "certify", "Needed for the release.").await;

        let reminded = |report: CampaignEnforcement| report.reminded;
        assert_eq!(
            reminded(enforce_campaigns(&api.app, t0 + HOUR_MS).await),
            0,
            "the assignment mail was the first word"
        );
        assert_eq!(
            reminded(enforce_campaigns(&api.app, t0 + 7 * DAY_MS).await),
            1,
            "a week after the start"
        );
        assert_eq!(
            reminded(enforce_campaigns(&api.app, t0 + 7 * DAY_MS).await),
            0,
            "the same pass again sends nothing"
        );
        assert_eq!(
            reminded(enforce_campaigns(&api.app, t0 + 13 * DAY_MS).await),
            0,
            "weekly while the due date is far"
        );
        let daily_from = due_ms - 3 * DAY_MS;
        assert!(daily_from > t0 + 14 * DAY_MS);
        assert_eq!(reminded(enforce_campaigns(&api.app, daily_from).await), 1);
        assert_eq!(
            reminded(enforce_campaigns(&api.app, daily_from + 12 * HOUR_MS).await),
            0,
            "at most daily"
        );
        assert_eq!(
            reminded(enforce_campaigns(&api.app, daily_from + DAY_MS).await),
            1,
            "daily in the last three days"
        );
        let overdue = enforce_campaigns(&api.app, due_ms + DAY_MS).await;
        assert_eq!(overdue.reminded, 1, "and daily while overdue");
        assert_eq!(
            overdue.auto_revoked, 0,
            "this campaign did not ask for revocation at the due date"
        );

        assert_eq!(api.queued_mail(&t.a.email, SUBJECT_REMINDER).await, 4);
        assert_eq!(api.queued_mail(&c.email, SUBJECT_REMINDER).await, 0);
        assert_eq!(api.queued_mail(&t.b.email, SUBJECT_REMINDER).await, 0);
        assert_eq!(api.audit_count("campaign.reminded", None).await, 4);
        api.deliver_all_mail().await;
        let mails = api.mails(&t.a.email, SUBJECT_REMINDER);
        assert_eq!(mails.len(), 4, "{mails:?}");
        let body = mails[0].body();
        assert!(body.contains("2031-Q2"), "{body}");
        assert!(body.contains(&due), "{body}");
        assert!(api.mails(&c.email, SUBJECT_REMINDER).is_empty());

        // Reminding changed nothing else.
        assert_eq!(api.state(&t.admin, g1).await, "active");
        let item = item_of(&campaign_items(&api, &t.admin, id, "").await, g1);
        assert_eq!(item["decision"], Value::Null, "{item}");
        api.assert_audit_chain_verifies();
    }
);
