//! `duration.range` and `duration.screening_validity` at their boundaries, and the validity they
//! measure against.
use super::*;

// duration.range

#[test]
fn a_duration_of_exactly_the_maximum_passes_and_one_day_more_does_not() {
    for p in Permission::ALL {
        for t in Tier::ALL {
            let max = max_duration_days(*p, *t);
            assert_eq!(check_duration(&ask(*p, *t, max)), Ok(()), "{p} on {t}");
            assert_eq!(check_duration(&ask(*p, *t, 1)), Ok(()), "{p} on {t}");
            assert_eq!(
                rule_of(check_duration(&ask(*p, *t, max + 1))),
                rules::DURATION_RANGE,
                "{p} on {t}"
            );
        }
    }
}

#[test]
fn a_too_long_duration_names_the_limit_for_the_permission_and_tier() {
    let refusal = check_duration(&ask(Permission::Write, Tier::Critical, 46)).unwrap_err();
    assert_eq!(refusal.kind, RefusalKind::Policy);
    assert_eq!(
        refusal.message,
        "Write access to a critical repository lasts at most 45 days; ask for 1 to 45."
    );
    let refusal = check_duration(&ask(Permission::Write, Tier::Standard, 91)).unwrap_err();
    assert!(refusal.message.contains("at most 90 days"), "{refusal}");
}

#[test]
fn a_duration_of_zero_or_less_is_out_of_range() {
    for days in [0, -1, i64::MIN] {
        let refusal = check_duration(&ask(Permission::Read, Tier::Standard, days)).unwrap_err();
        assert_eq!(refusal.rule, rules::DURATION_RANGE, "{days}");
        assert_eq!(
            refusal.message,
            "Access lasts at least 1 day; ask for 1 to 180."
        );
    }
}

// duration.screening_validity

#[test]
fn a_grant_ending_exactly_when_the_clearance_stops_counting_is_allowed() {
    let s = cleared_at(may_first());
    let now = may_first() + 60 * DAY_MS;
    let r = ask(Permission::Read, Tier::Standard, 30);
    assert_eq!(check_within_validity(&r, &s, now, &settings()), Ok(()));
    let later = now + 1;
    let refusal = check_within_validity(&r, &s, later, &settings()).unwrap_err();
    assert_eq!(refusal.rule, rules::DURATION_SCREENING_VALIDITY);
    assert_eq!(refusal.kind, RefusalKind::Policy);
    assert_eq!(
        refusal.message,
        "The clearance counts until 2026-07-30: ask for at most 29 days, or screen the person \
         again and record a new decision."
    );
}

#[test]
fn the_days_still_possible_never_exceed_the_duration_limit() {
    let s = cleared_at(may_first());
    let generous = PolicySettings {
        max_screening_age_days: 365,
        ..settings()
    };
    let r = ask(Permission::Admin, Tier::Critical, 400);
    let refusal = check_within_validity(&r, &s, may_first(), &generous).unwrap_err();
    assert!(refusal.message.contains("at most 15 days"), "{refusal}");
}

#[test]
fn less_than_a_day_of_validity_left_asks_for_a_new_screening() {
    let s = cleared_at(may_first());
    let now = may_first() + 90 * DAY_MS - 1000;
    let r = ask(Permission::Read, Tier::Standard, 1);
    let refusal = check_within_validity(&r, &s, now, &settings()).unwrap_err();
    assert!(refusal.message.contains("less than a day"), "{refusal}");
}

#[test]
fn validity_is_not_checked_without_a_clearance() {
    let r = ask(Permission::Read, Tier::Standard, 180);
    let now = may_first() + 400 * DAY_MS;
    assert_eq!(
        check_within_validity(&r, &decided("rejected"), now, &settings()),
        Ok(())
    );
    assert_eq!(
        check_within_validity(&r, &ScreeningFacts::default(), now, &settings()),
        Ok(())
    );
}

#[test]
fn valid_until_is_the_decision_plus_the_age_only_when_cleared() {
    assert_eq!(
        valid_until_ms(&cleared_at(may_first()), &settings()),
        Some(may_first() + 90 * DAY_MS)
    );
    assert_eq!(valid_until_ms(&decided("rejected"), &settings()), None);
    assert_eq!(
        valid_until_ms(&ScreeningFacts::default(), &settings()),
        None
    );
    let undated = ScreeningFacts {
        decided_at_ms: None,
        ..cleared_at(0)
    };
    assert_eq!(valid_until_ms(&undated, &settings()), None);
}
