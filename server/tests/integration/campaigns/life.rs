//! A campaign's whole life: the snapshot of live grants with their reviewers, the assignment mail,
//! each reviewer's queue, refused and accepted decisions (a revocation ends the grant at once),
//! the sign-off that seals the audit chain's head, and the evidence (CSV and report) afterwards.

use super::support::*;
use crate::common::TestApp;
use crate::grants_support::*;
use clearance_server::services::campaigns::SUBJECT_ASSIGNED;
use serde_json::{json, Value};

fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

db_test!(
    a_campaign_runs_from_start_to_signed_off_evidence,
    |app: TestApp| async move {
        let api = Api::new(app);
        let t = Team::new(&api).await;
        let repo = owned_repository(&api, &t.admin, "acme/payments", "standard", &[&t.a]).await;
        let p1 = api.cleared_person(&t.hr, 1).await;
        let p2 = api.cleared_person(&t.hr, 2).await;
        let g1 = api.granted(&t.hr, &[&t.b], p1, repo, "read", 60).await;
        let g2 = api.granted(&t.hr, &[&t.b], p2, repo, "read", 60).await;

        let (due, _) = due_in(30);
        let id = started(&api, &t.admin, "2031-Q2", &due, false, 2).await;

        // The snapshot: one item per live grant, each with what the reviewer needs beside it.
        let all = campaign_items(&api, &t.admin, id, "").await;
        assert_eq!(all.len(), 2, "{all:?}");
        for (grant, person) in [(g1, p1), (g2, p2)] {
            let item = item_of(&all, grant);
            assert_eq!(item["campaign_id"], id, "{item}");
            assert_eq!(item["person_id"], person, "{item}");
            assert_eq!(item["repository_id"], repo, "{item}");
            assert_eq!(item["repository"], "acme/payments", "{item}");
            assert_eq!(item["tier"], "standard", "{item}");
            assert_eq!(item["permission"], "read", "{item}");
            assert_eq!(item["grant_state"], "active", "{item}");
            assert_eq!(
                item["reviewer_id"], t.a.id,
                "the owner who did not approve reviews: {item}"
            );
            assert_eq!(item["reviewer"], t.a.email, "{item}");
            assert_eq!(item["approvers"], json!([t.b.email]), "{item}");
            assert_eq!(item["decision"], Value::Null, "{item}");
            assert_eq!(item["screening"]["band"], "clear", "{item}");
            assert_eq!(item["screening"]["decision"], "cleared", "{item}");
            assert_eq!(item["screening_age_days"], 0, "{item}");
            assert_eq!(item["outlives_screening"], false, "{item}");
            assert_eq!(item["overdue"], false, "{item}");
            assert_eq!(
                item["may_decide"], true,
                "an admin may decide any item: {item}"
            );
        }
        let i1 = item_of(&all, g1)["id"].as_i64().unwrap();
        let i2 = item_of(&all, g2)["id"].as_i64().unwrap();

        let view = campaign_view(&api, &t.admin, id).await;
        assert_eq!(view["campaign"]["quarter"], "2031-Q2", "{view}");
        assert_eq!(view["campaign"]["due_date"], due, "{view}");
        assert_eq!(view["campaign"]["state"], "open", "{view}");
        assert_eq!(view["campaign"]["created_by"], t.admin.email, "{view}");
        assert_eq!(
            view["campaign"]["progress"],
            json!({ "decided": 0, "total": 2 })
        );
        assert_eq!(view["may_sign_off"], false, "{view}");
        assert_eq!(view["head_hash_at_sign_off"], Value::Null, "{view}");
        assert_eq!(view["has_own_items"], false, "the admin has none: {view}");
        assert_eq!(
            audit_action(&api.app, view["first_seq"].as_i64().unwrap()).await,
            "campaign.started"
        );
        assert_eq!(campaign_view(&api, &t.a, id).await["has_own_items"], true);
        assert_eq!(campaign_view(&api, &t.b, id).await["has_own_items"], false);

        // A, and only A, hears of the items.
        assert_eq!(api.queued_mail(&t.a.email, SUBJECT_ASSIGNED).await, 1);
        assert_eq!(api.queued_mail(&t.b.email, SUBJECT_ASSIGNED).await, 0);
        let mail = api.wait_for_mail(&t.a.email, SUBJECT_ASSIGNED).await;
        let body = mail.body();
        assert!(body.contains("2031-Q2"), "{body}");
        assert!(body.contains(&format!("/campaigns/{id}")), "{body}");

        // Each reviewer's own queue.
        let mine = campaign_items(&api, &t.a, id, "mine=true&open=true").await;
        assert_eq!(mine.len(), 2, "{mine:?}");
        assert!(mine.iter().all(|i| i["may_decide"] == true), "{mine:?}");
        assert!(campaign_items(&api, &t.b, id, "mine=true").await.is_empty());
        let seen_by_b = campaign_items(&api, &t.b, id, "").await;
        assert!(
            seen_by_b.iter().all(|i| i["may_decide"] == false),
            "{seen_by_b:?}"
        );

        // B approved the grants and is not their reviewer: refused, nothing recorded.
        let refused = decide_item(&api, &t.b, i1, "certify", "Looks fine to me.").await;
        assert_refused(&refused, 403, "campaign.reviewer");
        assert_eq!(refused.1["kind"], "not_permitted", "{}", refused.1);
        let (status, body) = decide_item(&api, &t.hr, i1, "certify", "Fine.").await;
        assert_eq!(status, 403, "HR does not review access: {body}");
        // A revocation needs a reason; a decision is certify or revoke.
        for reason in ["", "   "] {
            let (status, body) = decide_item(&api, &t.a, i2, "revoke", reason).await;
            assert_eq!(
                (status, body["field"].as_str()),
                (422, Some("reason")),
                "{body}"
            );
        }
        let (status, body) = decide_item(&api, &t.a, i2, "approve", "Yes.").await;
        assert_eq!(
            (status, body["field"].as_str()),
            (422, Some("decision")),
            "{body}"
        );
        assert_eq!(
            campaign_view(&api, &t.admin, id).await["campaign"]["progress"]["decided"],
            0
        );
        assert_eq!(api.audit_count("campaign.item_decided", None).await, 0);

        // A certifies one: the grant stays.
        let certified = decided(
            &api,
            &t.a,
            i1,
            "certify",
            "Still maintains the payment service.",
        )
        .await;
        assert_eq!(certified["decision"], "certify", "{certified}");
        assert_eq!(
            certified["reason"], "Still maintains the payment service.",
            "{certified}"
        );
        assert_eq!(certified["decided_by"], t.a.email, "{certified}");
        assert!(certified["decided_at"].is_string(), "{certified}");
        assert_eq!(certified["may_decide"], false, "{certified}");
        assert_eq!(api.state(&t.admin, g1).await, "active");
        let (status, body) = decide_item(&api, &t.a, i1, "revoke", "Changed my mind.").await;
        assert_eq!(
            (status, body["kind"].as_str()),
            (409, Some("conflict")),
            "a decided item stays decided: {body}"
        );
        let view = campaign_view(&api, &t.admin, id).await;
        assert_eq!(
            view["campaign"]["progress"],
            json!({ "decided": 1, "total": 2 })
        );
        assert_eq!(view["may_sign_off"], false, "{view}");
        assert_refused(
            &api.post_empty(&t.admin, &format!("/campaigns/{id}/sign-off"))
                .await,
            422,
            "campaign.complete",
        );

        // A revokes the other: the grant ends at once.
        let revoked = decided(
            &api,
            &t.a,
            i2,
            "revoke",
            "Left the payments team; no longer needs it.",
        )
        .await;
        assert_eq!(revoked["decision"], "revoke", "{revoked}");
        assert_eq!(revoked["grant_state"], "revoked", "{revoked}");
        assert_eq!(api.state(&t.admin, g2).await, "revoked");
        assert_eq!(api.state(&t.admin, g1).await, "active");
        assert!(campaign_items(&api, &t.a, id, "mine=true&open=true")
            .await
            .is_empty());

        let view = campaign_view(&api, &t.admin, id).await;
        assert_eq!(
            view["campaign"]["progress"],
            json!({ "decided": 2, "total": 2 })
        );
        assert_eq!(view["campaign"]["certified"], 1, "{view}");
        assert_eq!(view["campaign"]["revoked"], 1, "{view}");
        assert_eq!(
            view["reviewers"],
            json!([{ "reviewer_id": t.a.id, "reviewer": t.a.email,
                     "progress": { "decided": 2, "total": 2 } }]),
            "{view}"
        );
        assert_eq!(view["may_sign_off"], true, "{view}");
        assert_eq!(campaign_view(&api, &t.a, id).await["may_sign_off"], false);

        // Sign-off: admins only; the chain's head is sealed into the campaign.
        let (status, body) = api
            .post_empty(&t.a, &format!("/campaigns/{id}/sign-off"))
            .await;
        assert_eq!(status, 403, "{body}");
        let (status, signed) = api
            .post_empty(&t.admin, &format!("/campaigns/{id}/sign-off"))
            .await;
        assert_eq!(status, 200, "{signed}");
        assert_eq!(signed["campaign"]["state"], "signed_off", "{signed}");
        assert_eq!(
            signed["campaign"]["signed_off_by"], t.admin.email,
            "{signed}"
        );
        assert!(signed["campaign"]["signed_off_at"].is_string(), "{signed}");
        assert_eq!(signed["may_sign_off"], false, "{signed}");
        let head = signed["head_hash_at_sign_off"]
            .as_str()
            .unwrap_or_else(|| panic!("no head hash: {signed}"))
            .to_owned();
        assert!(is_sha256_hex(&head), "{head}");
        let last_seq = signed["last_seq"].as_i64().unwrap();
        assert!(last_seq > signed["first_seq"].as_i64().unwrap(), "{signed}");
        assert_eq!(audit_hash(&api.app, last_seq).await, head);
        assert_eq!(
            audit_action(&api.app, last_seq).await,
            "campaign.signed_off"
        );
        let (status, body) = api
            .post_empty(&t.admin, &format!("/campaigns/{id}/sign-off"))
            .await;
        assert_eq!(status, 409, "signed off once: {body}");

        // Read-only afterwards.
        for who in [&t.a, &t.admin] {
            let (status, body) = decide_item(&api, who, i1, "revoke", "Too late.").await;
            assert_eq!(status, 409, "{body}");
        }
        assert_eq!(api.state(&t.admin, g1).await, "active");

        // The evidence: the CSV…
        let (content_type, csv) =
            download(&api, &t.admin, &format!("/campaigns/{id}/export.csv")).await;
        assert!(content_type.starts_with("text/csv"), "{content_type}");
        assert!(csv.starts_with("item_id,grant_id,repository,"), "{csv}");
        let (_, rows) = csv_table(&csv);
        assert_eq!(rows.len(), 2, "{csv}");
        let r1 = csv_row(&rows, i1);
        assert_eq!(r1["grant_id"], g1.to_string());
        assert_eq!(r1["repository"], "acme/payments");
        assert_eq!(r1["decision"], "certify");
        assert_eq!(r1["reason"], "Still maintains the payment service.");
        assert_eq!(r1["decided_by"], t.a.email);
        assert_eq!(r1["reviewer"], t.a.email);
        assert_eq!(r1["approvers"], t.b.email);
        assert_eq!(r1["screening_band"], "clear");
        assert_eq!(r1["screening_decision"], "cleared");
        assert_eq!(r1["outlives_screening"], "false");
        let r2 = csv_row(&rows, i2);
        assert_eq!(r2["grant_id"], g2.to_string());
        assert_eq!(r2["decision"], "revoke");
        // The reason holds a semicolon but no comma or quote: written as it is.
        assert_eq!(r2["reason"], "Left the payments team; no longer needs it.");

        // …and the report, self-contained, with the seal.
        let (content_type, html) =
            download(&api, &t.auditor, &format!("/campaigns/{id}/report.html")).await;
        assert!(content_type.starts_with("text/html"), "{content_type}");
        assert!(html.contains("2031-Q2"), "{html}");
        assert!(
            html.contains(&head),
            "the report shows the head hash: {html}"
        );
        assert!(html.contains("<svg"), "{html}");
        assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
        assert!(
            !html.contains("src=\"http"),
            "nothing loaded from elsewhere"
        );
        assert!(!html.contains("<link"), "no external stylesheet");

        // Downloading is on the record, and does not move the sealed range.
        assert_eq!(api.audit_count("campaign.exported", None).await, 2);
        assert_eq!(api.audit_count("campaign.item_decided", None).await, 2);
        let view = campaign_view(&api, &t.auditor, id).await;
        assert_eq!(view["last_seq"], last_seq, "{view}");
        assert_eq!(view["head_hash_at_sign_off"], head, "{view}");
        let list = api.get(&t.auditor, "/campaigns").await;
        assert_eq!(list["campaigns"][0]["state"], "signed_off", "{list}");
        api.assert_audit_chain_verifies();
    }
);
