//! Starting a campaign is validated (quarter, due date, one per quarter), each role does only its
//! part (admins start and sign off, reviewers decide, auditors read and take the evidence), and
//! live grants need an active security lead to review them.

use super::support::*;
use crate::common::TestApp;
use crate::grants_support::*;
use clearance_server::services::campaigns::SUBJECT_ASSIGNED;
use serde_json::json;

db_test!(
    campaigns_are_validated_and_each_role_does_only_its_part,
    |app: TestApp| async move {
        let api = Api::new(app);
        let t = Team::new(&api).await;
        let repo = owned_repository(&api, &t.admin, "acme/docs", "standard", &[&t.a]).await;
        let p1 = api.cleared_person(&t.hr, 1).await;
        let g1 = api.granted(&t.hr, &[&t.b], p1, repo, "read", 60).await;
        let (due, _) = due_in(30);

        for quarter in [
            "2031-Q5", "2031-Q0", "Q2-2031", "2031Q2", "31-Q2", "2031-Q12", "1999-Q1", "",
        ] {
            let (status, body) = start(&api, &t.admin, quarter, &due, false).await;
            assert_eq!(
                (status, body["field"].as_str()),
                (422, Some("quarter")),
                "{quarter:?}: {body}"
            );
        }
        let (yesterday, _) = due_in(-1);
        let (too_far, _) = due_in(400);
        for due_date in [
            yesterday.as_str(),
            too_far.as_str(),
            "2031-02-30",
            "31-12-2031",
            "tomorrow",
            "",
        ] {
            let (status, body) = start(&api, &t.admin, "2031-Q2", due_date, false).await;
            assert_eq!(
                (status, body["field"].as_str()),
                (422, Some("due_date")),
                "{due_date:?}: {body}"
            );
        }
        for who in [&t.hr, &t.auditor, &t.a] {
            let (status, body) = start(&api, who, "2031-Q2", &due, false).await;
            assert_eq!(status, 403, "only admins start campaigns: {body}");
        }
        let (status, body) = api.send(&t.hr, "GET", "/campaigns", None).await;
        assert_eq!(status, 403, "HR does not see campaigns: {body}");
        let list = api.get(&t.auditor, "/campaigns").await;
        assert_eq!(list["campaigns"], json!([]), "nothing refused was created");
        assert_eq!(list["may_start"], false);
        assert_eq!(api.get(&t.admin, "/campaigns").await["may_start"], true);

        // Due today is fine; one campaign per quarter, however it is spelled.
        let (today, _) = due_in(0);
        let id = started(&api, &t.admin, "2031-Q2", &today, false, 1).await;
        for quarter in ["2031-Q2", " 2031-q2 "] {
            let (status, body) = start(&api, &t.admin, quarter, &due, false).await;
            assert_eq!(
                (status, body["kind"].as_str()),
                (409, Some("conflict")),
                "{quarter:?}: {body}"
            );
        }
        let list = api.get(&t.admin, "/campaigns").await;
        assert_eq!(list["campaigns"].as_array().unwrap().len(), 1, "{list}");
        assert_eq!(list["campaigns"][0]["quarter"], "2031-Q2");
        assert_eq!(list["campaigns"][0]["due_date"], today);
        assert_eq!(list["campaigns"][0]["revoke_undecided_at_due"], false);

        // Not before every item is decided.
        let refused = api
            .post_empty(&t.admin, &format!("/campaigns/{id}/sign-off"))
            .await;
        assert_refused(&refused, 422, "campaign.complete");
        assert_eq!(refused.1["kind"], "policy", "{}", refused.1);
        assert_eq!(
            campaign_view(&api, &t.admin, id).await["campaign"]["state"],
            "open"
        );

        // The auditor reads and takes the evidence, but decides nothing.
        let view = campaign_view(&api, &t.auditor, id).await;
        assert_eq!(view["may_sign_off"], false, "{view}");
        assert_eq!(view["may_export"], true, "{view}");
        assert_eq!(view["has_own_items"], false, "{view}");
        let items = campaign_items(&api, &t.auditor, id, "").await;
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["may_decide"], false, "{}", items[0]);
        let item = items[0]["id"].as_i64().unwrap();
        let (content_type, csv) =
            download(&api, &t.auditor, &format!("/campaigns/{id}/export.csv")).await;
        assert!(content_type.starts_with("text/csv"), "{content_type}");
        assert_eq!(csv_table(&csv).1.len(), 1, "{csv}");
        let (content_type, _) =
            download(&api, &t.auditor, &format!("/campaigns/{id}/report.html")).await;
        assert!(content_type.starts_with("text/html"), "{content_type}");
        let (content_type, _) = download(&api, &t.auditor, "/audit-log/export").await;
        assert!(
            content_type.starts_with("application/x-ndjson"),
            "{content_type}"
        );
        let (status, body) = decide_item(&api, &t.auditor, item, "certify", "Fine.").await;
        assert_eq!(
            (status, body["kind"].as_str()),
            (403, Some("forbidden")),
            "{body}"
        );
        let (status, body) = api
            .post_empty(&t.auditor, &format!("/campaigns/{id}/sign-off"))
            .await;
        assert_eq!(status, 403, "{body}");

        // Security leads review but do not take evidence away; HR sees none of it.
        let view = campaign_view(&api, &t.b, id).await;
        assert_eq!(view["may_export"], false, "{view}");
        for path in [
            format!("/campaigns/{id}/export.csv"),
            format!("/campaigns/{id}/report.html"),
            "/audit-log/export".to_owned(),
            "/dashboard".to_owned(),
        ] {
            let (status, _, body) = api.get_text(&t.b, &path).await;
            assert_eq!(status, 403, "{path}: {body}");
        }
        for path in [
            format!("/campaigns/{id}"),
            format!("/campaigns/{id}/items"),
            format!("/campaigns/{id}/export.csv"),
            format!("/campaigns/{id}/report.html"),
            "/audit-log/export".to_owned(),
        ] {
            let (status, _, body) = api.get_text(&t.hr, &path).await;
            assert_eq!(status, 403, "{path}: {body}");
        }

        // Unknown ids.
        let (status, _) = api.send(&t.admin, "GET", "/campaigns/999999", None).await;
        assert_eq!(status, 404);
        let (status, _) = api
            .send(&t.admin, "GET", "/campaigns/999999/items", None)
            .await;
        assert_eq!(status, 404);
        let (status, _) = decide_item(&api, &t.admin, 999_999, "certify", "x").await;
        assert_eq!(status, 404);
        let (status, _) = api.post_empty(&t.admin, "/campaigns/999999/sign-off").await;
        assert_eq!(status, 404);

        // An admin may decide any item; then the campaign can be signed off.
        let certified = decided(&api, &t.admin, item, "certify", "Checked with the team.").await;
        assert_eq!(certified["decided_by"], t.admin.email, "{certified}");
        assert_eq!(api.state(&t.admin, g1).await, "active");
        assert_eq!(
            campaign_view(&api, &t.admin, id).await["may_sign_off"],
            true
        );
        let (status, signed) = api
            .post_empty(&t.admin, &format!("/campaigns/{id}/sign-off"))
            .await;
        assert_eq!(status, 200, "{signed}");
        assert_eq!(signed["campaign"]["state"], "signed_off", "{signed}");
        api.assert_audit_chain_verifies();
    }
);

db_test!(
    live_grants_need_an_active_security_lead_to_review_them,
    |app: TestApp| async move {
        let api = Api::new(app);
        let t = Team::new(&api).await;
        let repo = api.repository(&t.admin, "acme/api", "standard").await;
        let p1 = api.cleared_person(&t.hr, 1).await;
        let g1 = api.granted(&t.hr, &[&t.b], p1, repo, "read", 60).await;
        let (due, _) = due_in(30);

        // Every security lead leaves.
        let (admin, _) = api.app.signed_in("admin").await;
        for lead in [&t.a, &t.b] {
            let id = lead.id.to_string();
            let (status, body) = api
                .app
                .call(
                    &admin,
                    "/api/users/disable",
                    &[("user_id", id.as_str()), ("confirm", "yes")],
                )
                .await;
            assert_eq!(status, 200, "{body}");
        }
        let refused = start(&api, &t.admin, "2031-Q2", &due, false).await;
        assert_refused(&refused, 422, "campaign.reviewers");
        assert_eq!(
            api.get(&t.admin, "/campaigns").await["campaigns"],
            json!([]),
            "nothing was created"
        );

        // A new lead, who neither owns the repository nor approved the grant, gets the item.
        let c = api.user("security_lead").await;
        let id = started(&api, &t.admin, "2031-Q2", &due, false, 1).await;
        let item = item_of(&campaign_items(&api, &t.admin, id, "").await, g1);
        assert_eq!(item["reviewer_id"], c.id, "{item}");
        assert_eq!(item["approvers"], json!([t.b.email]), "{item}");
        assert_eq!(api.queued_mail(&c.email, SUBJECT_ASSIGNED).await, 1);
    }
);
