//! The enforcement pass, run with the clock the test chooses: expiry at the exact end, lapsing of
//! unreviewed requests, reminders 7 days and 1 day before an end, the daily digest, two passes at
//! once, and suspension when a profile change makes the screening high risk.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::grants_support::*;
use clearance_app::model::request::RequestContext;
use clearance_server::services::grants::{
    EnforcementReport, SUBJECT_DIGEST, SUBJECT_REMINDER_1D, SUBJECT_REMINDER_7D, SUBJECT_SUSPENDED,
};
use clearance_server::services::Services;
use common::TestApp;
use serde_json::json;
use std::sync::Arc;

/// Two enforcement passes started together, each on its own task.
async fn enforce_twice_at_once(api: &Api, at_ms: i64) -> (EnforcementReport, EnforcementReport) {
    let pass = move |services: Arc<Services>| {
        tokio::spawn(async move {
            services
                .enforce_grants(&RequestContext::internal("test"), at_ms)
                .await
        })
    };
    let (a, b) = tokio::join!(
        pass(api.app.services.clone()),
        pass(api.app.services.clone())
    );
    (
        a.unwrap().expect("the first pass failed"),
        b.unwrap().expect("the second pass failed"),
    )
}

fn only_expired(n: usize) -> EnforcementReport {
    EnforcementReport {
        expired: n,
        ..Default::default()
    }
}

db_test!(
    a_grant_expires_exactly_at_its_end_and_a_second_pass_changes_nothing,
    |app: TestApp| async move {
        let api = Api::new(app);
        let hr = api.user("hr").await;
        let lead = api.user("security_lead").await;
        let admin = api.user("admin").await;
        let repository = api.repository(&admin, "acme/docs", "standard").await;
        let first = api.cleared_person(&hr, 1).await;
        let second = api.cleared_person(&hr, 2).await;
        let third = api.cleared_person(&hr, 3).await;

        let grant = api
            .granted(&hr, &[&lead], first, repository, "read", 30)
            .await;
        let suspended = api
            .granted(&hr, &[&lead], second, repository, "read", 30)
            .await;
        let (status, _) = api.change(&admin, suspended, "suspend", "Checking.").await;
        assert_eq!(status, 200);
        let longer = api
            .granted(&hr, &[&lead], third, repository, "read", 60)
            .await;
        let end = api.request_ms(grant, "expires_at_ms").await;
        let suspended_end = api.request_ms(suspended, "expires_at_ms").await;
        assert!(suspended_end > end, "approved later, so it ends later");

        let report = api.enforce(end - 1).await;
        assert_eq!((report.expired, report.lapsed), (0, 0), "{report:?}");
        assert_eq!(
            api.state(&hr, grant).await,
            "active",
            "not a millisecond early"
        );

        assert_eq!(api.enforce(end).await, only_expired(1));
        let view = api.request_page(&hr, grant).await["request"].clone();
        assert_eq!(view["state"], "expired", "{view}");
        assert!(
            view["ended_at"].is_string() && view["end_reason"].is_string(),
            "{view}"
        );
        assert_eq!(api.state(&hr, suspended).await, "suspended");
        assert_eq!(api.state(&hr, longer).await, "active");

        assert_eq!(
            api.enforce(end).await,
            EnforcementReport::default(),
            "a second pass at the same time finds nothing to do"
        );
        assert_eq!(api.audit_count("access.expired", Some(grant)).await, 1);
        assert_eq!(api.audit_count("access.expired", None).await, 1);

        // A suspended grant ends at its end too.
        assert_eq!(api.enforce(suspended_end + DAY_MS).await.expired, 1);
        assert_eq!(api.state(&hr, suspended).await, "expired");
        let (status, body) = api.change(&admin, suspended, "reinstate", "Back.").await;
        assert_eq!(status, 409, "an expired grant is not reinstated: {body}");
        let (status, _) = api.change(&admin, grant, "revoke", "Too late.").await;
        assert_eq!(status, 409, "an expired grant is not revoked");

        assert_eq!(api.grant_ids(&hr, "state=expired").await, {
            let mut ids = vec![grant, suspended];
            ids.sort_unstable();
            ids
        });
        let desired = api
            .get(&hr, &format!("/repositories/{repository}/desired-state"))
            .await;
        let longer_end = api.request_page(&hr, longer).await["request"]["expires_at"].clone();
        assert_eq!(
            desired["grants"],
            json!([{ "login": login_of(3), "person_id": third, "permission": "read",
                     "expires_at": longer_end }]),
            "{desired}"
        );
        api.assert_audit_chain_verifies();
    }
);

db_test!(
    an_unreviewed_request_lapses_seven_days_after_it_was_made,
    |app: TestApp| async move {
        let api = Api::new(app);
        let hr = api.user("hr").await;
        let lead = api.user("security_lead").await;
        let other_lead = api.user("security_lead").await;
        let admin = api.user("admin").await;
        let critical = api.repository(&admin, "acme/vault", "critical").await;
        let standard = api.repository(&admin, "acme/docs", "standard").await;
        let first = api.cleared_person(&hr, 1).await;
        let second = api.cleared_person(&hr, 2).await;

        // Half-approved still lapses: one approval of two is no decision.
        let half = api.requested(&hr, first, critical, "read", 30).await;
        assert_eq!(api.approve(&lead, half).await["state"], "pending");
        let untouched = api.requested(&hr, second, standard, "read", 30).await;
        let requested = api.request_ms(half, "requested_at_ms").await;
        let lapses = api.request_ms(half, "lapses_at_ms").await;
        assert_eq!(lapses, requested + 7 * DAY_MS);
        let later = api.request_ms(untouched, "lapses_at_ms").await;
        assert!(later > lapses, "requested later, so it lapses later");

        assert_eq!(api.enforce(lapses - 1).await.lapsed, 0);
        assert_eq!(
            api.state(&hr, half).await,
            "pending",
            "not a millisecond early"
        );
        let report = api.enforce(lapses).await;
        assert_eq!((report.lapsed, report.expired), (1, 0), "{report:?}");
        assert_eq!(api.state(&hr, half).await, "lapsed");
        assert_eq!(api.state(&hr, untouched).await, "pending");
        assert_eq!(api.enforce(lapses).await.lapsed, 0, "once");
        assert_eq!(api.enforce(later).await.lapsed, 1);
        assert_eq!(api.state(&hr, untouched).await, "lapsed");

        let view = api.request_page(&hr, half).await["request"].clone();
        assert!(
            view["end_reason"].as_str().unwrap().contains("7 days"),
            "{view}"
        );
        let (status, _) = api.review(&other_lead, half, "approve", "Late.").await;
        assert_eq!(status, 409, "a lapsed request cannot be approved");
        let (status, _) = api
            .post_empty(&hr, &format!("/access-requests/{untouched}/cancel"))
            .await;
        assert_eq!(status, 409, "nor cancelled");
        assert_eq!(api.audit_count("access.lapsed", Some(half)).await, 1);
        assert!(
            api.grant_ids(&hr, "").await.is_empty(),
            "lapsed requests are no grants"
        );
        // It no longer stands in the way of asking again.
        api.requested(&hr, first, critical, "read", 30).await;
    }
);

db_test!(
    reminders_go_once_to_the_requester_and_the_approvers_seven_days_and_one_day_before_the_end,
    |app: TestApp| async move {
        let api = Api::new(app);
        let hr = api.user("hr").await;
        let other_hr = api.user("hr").await;
        let first = api.user("security_lead").await;
        let second = api.user("security_lead").await;
        let bystander = api.user("security_lead").await;
        let admin = api.user("admin").await;
        let repository = api.repository(&admin, "acme/vault", "critical").await;
        let person = api.cleared_person(&hr, 1).await;
        let other = api.cleared_person(&hr, 2).await;

        let grant = api
            .granted(&hr, &[&first, &second], person, repository, "read", 30)
            .await;
        // Suspended access is not reminded of.
        let paused = api
            .granted(&other_hr, &[&first, &second], other, repository, "read", 30)
            .await;
        let (status, _) = api.change(&admin, paused, "suspend", "Checking.").await;
        assert_eq!(status, 200);
        let end = api.request_ms(grant, "expires_at_ms").await;

        assert_eq!(api.enforce(end - 8 * DAY_MS).await.reminded, 0, "too early");
        assert_eq!(api.enforce(end - 5 * DAY_MS).await.reminded, 1);
        assert_eq!(api.enforce(end - 4 * DAY_MS).await.reminded, 0, "once");
        assert_eq!(api.enforce(end - 12 * HOUR_MS).await.reminded, 1);
        assert_eq!(api.enforce(end - 6 * HOUR_MS).await.reminded, 0, "once");
        assert_eq!(api.audit_count("access.reminded", Some(grant)).await, 2);
        assert_eq!(api.audit_count("access.reminded", Some(paused)).await, 0);

        let involved = [&hr, &first, &second];
        for who in involved {
            for subject in [SUBJECT_REMINDER_7D, SUBJECT_REMINDER_1D] {
                assert_eq!(
                    api.queued_mail(&who.email, subject).await,
                    1,
                    "{subject} to {}",
                    who.email
                );
            }
        }
        for who in [&bystander, &other_hr, &admin] {
            for subject in [SUBJECT_REMINDER_7D, SUBJECT_REMINDER_1D] {
                assert_eq!(
                    api.queued_mail(&who.email, subject).await,
                    0,
                    "{}",
                    who.email
                );
            }
        }

        api.deliver_all_mail().await;
        for who in involved {
            for subject in [SUBJECT_REMINDER_7D, SUBJECT_REMINDER_1D] {
                let received = api.mails(&who.email, subject);
                assert_eq!(received.len(), 1, "{subject} to {}", who.email);
                let body = received[0].body();
                assert!(
                    body.contains("acme/vault") && body.contains(&format!("/access/{grant}")),
                    "{body}"
                );
            }
        }
        assert!(api.mails(&bystander.email, SUBJECT_REMINDER_7D).is_empty());
        assert!(api.mails(&other_hr.email, SUBJECT_REMINDER_1D).is_empty());
    }
);

db_test!(
    the_digest_goes_once_a_day_to_each_security_lead_only_while_requests_wait,
    |app: TestApp| async move {
        let api = Api::new(app);
        let hr = api.user("hr").await;
        let first = api.user("security_lead").await;
        let second = api.user("security_lead").await;
        let admin = api.user("admin").await;
        let repository = api.repository(&admin, "acme/docs", "standard").await;
        let person = api.cleared_person(&hr, 1).await;
        // Noon (UTC) today: every pass below falls on the day it is meant to.
        let noon = now_ms() / DAY_MS * DAY_MS + 12 * HOUR_MS;

        assert_eq!(api.enforce(noon).await.digests, 0, "nothing waits");
        let id = api.requested(&hr, person, repository, "read", 30).await;
        assert_eq!(
            api.enforce(noon + HOUR_MS).await.digests,
            2,
            "one per security lead"
        );
        assert_eq!(
            api.enforce(noon + 2 * HOUR_MS).await.digests,
            0,
            "once a day"
        );
        assert_eq!(
            api.enforce(noon + DAY_MS).await.digests,
            2,
            "the next day, again"
        );
        assert_eq!(api.enforce(noon + DAY_MS + HOUR_MS).await.digests, 0);
        let (status, _) = api
            .post_empty(&hr, &format!("/access-requests/{id}/cancel"))
            .await;
        assert_eq!(status, 200);
        assert_eq!(
            api.enforce(noon + 2 * DAY_MS).await.digests,
            0,
            "nothing waits any more"
        );

        for lead in [&first, &second] {
            assert_eq!(api.queued_mail(&lead.email, SUBJECT_DIGEST).await, 2);
        }
        assert_eq!(api.queued_mail(&hr.email, SUBJECT_DIGEST).await, 0);
        assert_eq!(api.queued_mail(&admin.email, SUBJECT_DIGEST).await, 0);
        api.deliver_all_mail().await;
        for lead in [&first, &second] {
            let received = api.mails(&lead.email, SUBJECT_DIGEST);
            assert_eq!(received.len(), 2, "{}", lead.email);
            assert!(
                received[0].body().contains(&format!("#{id}")),
                "{}",
                received[0].body()
            );
        }
    }
);

db_test!(
    two_passes_at_once_expire_and_remind_each_grant_exactly_once,
    |app: TestApp| async move {
        let api = Api::new(app);
        let hr = api.user("hr").await;
        let lead = api.user("security_lead").await;
        let admin = api.user("admin").await;
        let repository = api.repository(&admin, "acme/docs", "standard").await;
        let mut grants = Vec::new();
        for n in 1..=4 {
            let person = api.cleared_person(&hr, n).await;
            grants.push(
                api.granted(&hr, &[&lead], person, repository, "read", 30)
                    .await,
            );
        }
        let mut ends = Vec::new();
        for grant in &grants {
            ends.push(api.request_ms(*grant, "expires_at_ms").await);
        }
        let (first_end, last_end) = (*ends.iter().min().unwrap(), *ends.iter().max().unwrap());
        assert!(last_end - first_end < HOUR_MS);

        let (a, b) = enforce_twice_at_once(&api, first_end - 12 * HOUR_MS).await;
        assert_eq!(a.reminded + b.reminded, grants.len(), "{a:?} {b:?}");
        let (a, b) = enforce_twice_at_once(&api, last_end).await;
        assert_eq!(a.expired + b.expired, grants.len(), "{a:?} {b:?}");
        let (a, b) = enforce_twice_at_once(&api, last_end).await;
        assert_eq!(
            (a.expired + b.expired, a.reminded + b.reminded),
            (0, 0),
            "{a:?} {b:?}"
        );

        assert_eq!(
            api.audit_count("access.expired", None).await,
            grants.len() as i64
        );
        assert_eq!(
            api.audit_count("access.reminded", None).await,
            grants.len() as i64
        );
        for grant in &grants {
            assert_eq!(api.audit_count("access.expired", Some(*grant)).await, 1);
            assert_eq!(api.state(&hr, *grant).await, "expired");
        }
        assert_eq!(
            api.queued_mail(&hr.email, SUBJECT_REMINDER_1D).await,
            grants.len() as i64,
            "one reminder per grant"
        );
        api.assert_audit_chain_verifies();
    }
);

db_test!(
    a_profile_change_to_high_risk_suspends_active_grants_and_tells_the_security_leads,
    |app: TestApp| async move {
        let api = Api::new(app);
        let hr = api.user("hr").await;
        let first = api.user("security_lead").await;
        let second = api.user("security_lead").await;
        let admin = api.user("admin").await;
        let docs = api.repository(&admin, "acme/docs", "standard").await;
        let web = api.repository(&admin, "acme/web", "standard").await;
        let infra = api.repository(&admin, "acme/infra", "critical").await;
        let person = api.cleared_person(&hr, 1).await;
        let bystander = api.cleared_person(&hr, 2).await;
        let read = api.granted(&hr, &[&first], person, docs, "read", 30).await;
        let write = api.granted(&hr, &[&second], person, web, "write", 30).await;
        let pending = api.requested(&hr, person, infra, "read", 30).await;
        let untouched = api
            .granted(&hr, &[&first], bystander, docs, "read", 30)
            .await;

        // An edit that keeps the screening clear changes nothing.
        let mut harmless = clean_profile(1);
        harmless["identity"]["languages_claimed"] = json!(["en"]);
        api.update_profile(&hr, person, harmless).await;
        assert_eq!(api.band(&hr, person).await, "clear");
        assert_eq!(api.state(&hr, read).await, "active");

        // Paid into someone else's account abroad: high risk, access suspended at once.
        api.update_profile(&hr, person, high_risk(clean_profile(1)))
            .await;
        assert_eq!(api.band(&hr, person).await, "high");
        for grant in [read, write] {
            let view = api.request_page(&hr, grant).await["request"].clone();
            assert_eq!(view["state"], "suspended", "{view}");
            assert!(
                view["end_reason"].as_str().unwrap().contains("high"),
                "{view}"
            );
            assert_eq!(api.audit_count("access.suspended", Some(grant)).await, 1);
        }
        assert_eq!(
            api.state(&hr, pending).await,
            "pending",
            "only grants are suspended"
        );
        assert_eq!(
            api.state(&hr, untouched).await,
            "active",
            "only this person's"
        );
        let desired = api
            .get(&hr, &format!("/repositories/{docs}/desired-state"))
            .await;
        assert_eq!(desired["grants"][0]["person_id"], bystander, "{desired}");
        assert_eq!(desired["grants"].as_array().unwrap().len(), 1, "{desired}");

        for lead in [&first, &second] {
            let mail = api.wait_for_mail(&lead.email, SUBJECT_SUSPENDED).await;
            let body = mail.body();
            assert!(
                body.contains(&format!("#{read}")) && body.contains(&format!("#{write}")),
                "{body}"
            );
        }
        api.deliver_all_mail().await;
        for lead in [&first, &second] {
            assert_eq!(
                api.mails(&lead.email, SUBJECT_SUSPENDED).len(),
                1,
                "one mail"
            );
        }
        assert!(api.mails(&hr.email, SUBJECT_SUSPENDED).is_empty());

        // While the screening is high, nothing brings access back or grants more.
        assert_refused(
            &api.change(&admin, read, "reinstate", "Looks fine to me.")
                .await,
            422,
            "screening.open_findings",
        );
        assert_eq!(api.state(&hr, read).await, "suspended");
        // A first approval of two is only recorded; the one that would activate is refused.
        assert_eq!(api.approve(&first, pending).await["state"], "pending");
        assert_refused(
            &api.review(&second, pending, "approve", "Fine.").await,
            422,
            "screening.open_findings",
        );
        let page = api.request_page(&hr, pending).await;
        assert_eq!(
            (&page["request"]["state"], &page["request"]["approvals"]),
            (&serde_json::json!("pending"), &serde_json::json!(1)),
            "{page}"
        );
        assert_refused(
            &api.request(&hr, person, web, "read", 30).await,
            422,
            "screening.open_findings",
        );

        // Once the profile is clear again, a security lead may reinstate.
        api.update_profile(&hr, person, clean_profile(1)).await;
        assert_eq!(api.band(&hr, person).await, "clear");
        let (status, view) = api
            .change(&admin, read, "reinstate", "Payout corrected.")
            .await;
        assert_eq!(
            (status, view["state"].as_str()),
            (200, Some("active")),
            "{view}"
        );
        assert_eq!(
            api.state(&hr, write).await,
            "suspended",
            "each grant on its own"
        );
        api.assert_audit_chain_verifies();
    }
);
