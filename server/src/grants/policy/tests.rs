//! Every policy rule fires where it should and only there, at its boundaries.
use super::*;
use time::macros::datetime;

mod duration;
mod screening;

const ALL_PAIRS: usize = 15;

/// Milliseconds of an instant written as a literal.
fn ms(at: time::OffsetDateTime) -> i64 {
    at.unix_timestamp() * 1000
}

fn may_first() -> i64 {
    ms(datetime!(2026-05-01 0:00 UTC))
}

fn cleared_at(at_ms: i64) -> ScreeningFacts {
    ScreeningFacts {
        decision: Some("cleared".into()),
        decided_at_ms: Some(at_ms),
        decided_by: Some(7),
        open_serious: vec![],
    }
}

fn decided(decision: &str) -> ScreeningFacts {
    ScreeningFacts {
        decision: Some(decision.into()),
        ..cleared_at(may_first())
    }
}

fn ask(permission: Permission, tier: Tier, duration_days: i64) -> RequestFacts {
    RequestFacts {
        permission,
        tier,
        duration_days,
    }
}

fn settings() -> PolicySettings {
    PolicySettings::default()
}

fn rule_of<T>(result: Result<T, Refusal>) -> &'static str {
    match result {
        Ok(_) => "ok",
        Err(refusal) => refusal.rule,
    }
}

// Tables.

#[test]
fn approvals_required_covers_every_permission_and_tier() {
    use Permission::*;
    use Tier::*;
    let table = [
        (Read, Standard, 1),
        (Triage, Standard, 1),
        (Write, Standard, 1),
        (Maintain, Standard, 2),
        (Admin, Standard, 2),
        (Read, Sensitive, 1),
        (Triage, Sensitive, 1),
        (Write, Sensitive, 2),
        (Maintain, Sensitive, 2),
        (Admin, Sensitive, 2),
        (Read, Critical, 2),
        (Triage, Critical, 2),
        (Write, Critical, 2),
        (Maintain, Critical, 2),
        (Admin, Critical, 2),
    ];
    assert_eq!(table.len(), ALL_PAIRS);
    assert_eq!(table.len(), Permission::ALL.len() * Tier::ALL.len());
    for (permission, tier, want) in table {
        assert_eq!(
            approvals_required(permission, tier),
            want,
            "{permission} on {tier}"
        );
    }
}

#[test]
fn max_duration_covers_every_permission_and_tier_and_critical_halves_it() {
    use Permission::*;
    use Tier::*;
    let table = [
        (Read, Standard, 180),
        (Triage, Standard, 180),
        (Write, Standard, 90),
        (Maintain, Standard, 30),
        (Admin, Standard, 30),
        (Read, Sensitive, 180),
        (Triage, Sensitive, 180),
        (Write, Sensitive, 90),
        (Maintain, Sensitive, 30),
        (Admin, Sensitive, 30),
        (Read, Critical, 90),
        (Triage, Critical, 90),
        (Write, Critical, 45),
        (Maintain, Critical, 15),
        (Admin, Critical, 15),
    ];
    assert_eq!(table.len(), ALL_PAIRS);
    for (permission, tier, want) in table {
        assert_eq!(
            max_duration_days(permission, tier),
            want,
            "{permission} on {tier}"
        );
    }
    for p in Permission::ALL {
        assert_eq!(
            max_duration_days(*p, Critical) * 2,
            max_duration_days(*p, Standard)
        );
    }
}

#[test]
fn default_settings_are_ninety_days_and_a_week() {
    assert_eq!(
        settings(),
        PolicySettings {
            max_screening_age_days: 90,
            pending_ttl_days: 7
        }
    );
}

// Together.

#[test]
fn eligibility_reports_the_first_screening_rule_that_fails() {
    let stale = may_first() + 200 * DAY_MS;
    let mut s = decided("rejected");
    s.open_serious = vec!["KNOWN-01".into()];
    assert_eq!(
        rule_of(check_eligible(&s, stale, &settings())),
        rules::SCREENING_CLEARED
    );
    s.decision = Some("cleared".into());
    assert_eq!(
        rule_of(check_eligible(&s, stale, &settings())),
        rules::SCREENING_OPEN_FINDINGS
    );
    s.open_serious.clear();
    assert_eq!(
        rule_of(check_eligible(&s, stale, &settings())),
        rules::SCREENING_FRESH
    );
    assert_eq!(check_eligible(&s, may_first(), &settings()), Ok(()));
}

#[test]
fn a_sound_request_has_no_blockers() {
    let s = cleared_at(may_first());
    let r = ask(Permission::Write, Tier::Sensitive, 30);
    assert!(blockers(&r, &s, may_first() + DAY_MS, &settings()).is_empty());
}

#[test]
fn blockers_list_every_rule_that_fails_in_order() {
    let mut s = cleared_at(may_first());
    s.open_serious = vec!["PAY-03".into()];
    let r = ask(Permission::Maintain, Tier::Critical, 16);
    let now = may_first() + 90 * DAY_MS;
    let found: Vec<&str> = blockers(&r, &s, now, &settings())
        .iter()
        .map(|b| b.rule)
        .collect();
    assert_eq!(
        found,
        [
            rules::SCREENING_OPEN_FINDINGS,
            rules::SCREENING_FRESH,
            rules::DURATION_RANGE,
            rules::DURATION_SCREENING_VALIDITY,
        ]
    );
    let none_yet = blockers(&r, &ScreeningFacts::default(), now, &settings());
    let found: Vec<&str> = none_yet.iter().map(|b| b.rule).collect();
    assert_eq!(found, [rules::SCREENING_CLEARED, rules::DURATION_RANGE]);
}

#[test]
fn a_grant_expires_after_its_duration_but_never_after_the_clearance() {
    let s = cleared_at(may_first());
    let now = may_first() + 10 * DAY_MS;
    assert_eq!(expires_at_ms(now, 30, &s, &settings()), now + 30 * DAY_MS);
    assert_eq!(
        expires_at_ms(now, 180, &s, &settings()),
        may_first() + 90 * DAY_MS
    );
    assert_eq!(
        expires_at_ms(now, 180, &decided("rejected"), &settings()),
        now + 180 * DAY_MS
    );
    assert_eq!(
        expires_at_ms(
            i64::MAX - 1,
            i64::MAX,
            &ScreeningFacts::default(),
            &settings()
        ),
        i64::MAX
    );
}

#[test]
fn a_pending_request_lapses_after_the_configured_days() {
    assert_eq!(
        lapses_at_ms(may_first(), &settings()),
        may_first() + 7 * DAY_MS
    );
    let fortnight = PolicySettings {
        pending_ttl_days: 14,
        ..settings()
    };
    assert_eq!(lapses_at_ms(0, &fortnight), 14 * DAY_MS);
}

// At the edge.

#[test]
fn refusals_become_the_app_error_of_their_kind() {
    let policy = check_cleared(&ScreeningFacts::default()).unwrap_err();
    let message = policy.message.clone();
    let error = AppError::from(policy);
    assert_eq!(error.status(), 422);
    assert_eq!(error, AppError::policy(rules::SCREENING_CLEARED, message));

    let forbidden = Refusal::forbidden(rules::REVIEW_SELF, "no".into());
    assert_eq!(
        AppError::from(forbidden),
        AppError::not_permitted(rules::REVIEW_SELF, "no")
    );
    let conflict = Refusal::conflict(rules::STATE, "already".into());
    let error = AppError::from(conflict);
    assert_eq!(error.status(), 409);
    assert_eq!(error, AppError::conflict("already"));
}

#[test]
fn a_refusal_displays_as_its_message() {
    let refusal = check_cleared(&decided("rejected")).unwrap_err();
    assert_eq!(refusal.to_string(), refusal.message);
}

#[test]
fn dates_in_messages_are_utc_days_and_never_panic() {
    assert_eq!(day(0), "1970-01-01");
    assert_eq!(day(-1), "1969-12-31");
    assert_eq!(day(ms(datetime!(2026-07-30 23:59:59 UTC))), "2026-07-30");
    assert_eq!(day(i64::MAX), i64::MAX.to_string());
    assert_eq!(day(i64::MIN), i64::MIN.to_string());
}
