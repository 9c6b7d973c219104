//! `screening.cleared`, `screening.open_findings` and `screening.fresh`, each where it fires and
//! where it does not.
use super::*;

// screening.cleared

#[test]
fn a_cleared_decision_passes() {
    assert_eq!(check_cleared(&cleared_at(may_first())), Ok(()));
}

#[test]
fn no_decision_is_refused_and_says_who_must_record_one() {
    let refusal = check_cleared(&ScreeningFacts::default()).unwrap_err();
    assert_eq!(refusal.rule, rules::SCREENING_CLEARED);
    assert_eq!(refusal.kind, RefusalKind::Policy);
    assert_eq!(
        refusal.message,
        "The screening has no decision yet: an HR user must record the decision \"cleared\" first."
    );
}

#[test]
fn a_rejected_or_needs_info_decision_is_refused_and_named() {
    let refusal = check_cleared(&decided("rejected")).unwrap_err();
    assert_eq!(refusal.rule, rules::SCREENING_CLEARED);
    assert_eq!(
        refusal.message,
        "The latest screening decision is \"rejected\": access needs the decision \"cleared\"."
    );
    let refusal = check_cleared(&decided("needs_info")).unwrap_err();
    assert!(refusal.message.contains("\"needs_info\""), "{refusal}");
}

// screening.open_findings

#[test]
fn no_open_serious_finding_passes() {
    assert_eq!(check_no_open_serious(&cleared_at(may_first())), Ok(()));
}

#[test]
fn open_serious_findings_are_refused_and_listed() {
    let mut s = cleared_at(may_first());
    s.open_serious = vec!["KNOWN-01".into(), "PAY-03".into()];
    let refusal = check_no_open_serious(&s).unwrap_err();
    assert_eq!(refusal.rule, rules::SCREENING_OPEN_FINDINGS);
    assert_eq!(refusal.kind, RefusalKind::Policy);
    assert_eq!(
        refusal.message,
        "Findings KNOWN-01, PAY-03 are high or critical and not dismissed: resolve or dismiss \
         them, then record a new decision."
    );
}

#[test]
fn one_open_serious_finding_is_named_in_the_singular() {
    let mut s = cleared_at(may_first());
    s.open_serious = vec!["ID-02".into()];
    let refusal = check_no_open_serious(&s).unwrap_err();
    assert!(
        refusal
            .message
            .starts_with("Finding ID-02 is high or critical"),
        "{refusal}"
    );
}

// screening.fresh

#[test]
fn a_clearance_one_millisecond_short_of_ninety_days_is_fresh() {
    let s = cleared_at(may_first());
    let now = may_first() + 90 * DAY_MS - 1;
    assert_eq!(check_fresh(&s, now, &settings()), Ok(()));
}

#[test]
fn a_clearance_exactly_ninety_days_old_is_stale() {
    let s = cleared_at(may_first());
    let refusal = check_fresh(&s, may_first() + 90 * DAY_MS, &settings()).unwrap_err();
    assert_eq!(refusal.rule, rules::SCREENING_FRESH);
    assert_eq!(refusal.kind, RefusalKind::Policy);
    assert_eq!(
        refusal.message,
        "The clearance dates from 2026-05-01, more than 90 days ago: screen the person again and \
         record a new decision."
    );
}

#[test]
fn freshness_follows_the_configured_age() {
    let s = cleared_at(may_first());
    let short = PolicySettings {
        max_screening_age_days: 30,
        ..settings()
    };
    let now = may_first() + 45 * DAY_MS;
    assert_eq!(check_fresh(&s, now, &settings()), Ok(()));
    let refusal = check_fresh(&s, now, &short).unwrap_err();
    assert!(refusal.message.contains("more than 30 days"), "{refusal}");
}

#[test]
fn freshness_leaves_other_decisions_to_the_cleared_rule() {
    let s = decided("rejected");
    assert_eq!(
        check_fresh(&s, may_first() + 400 * DAY_MS, &settings()),
        Ok(())
    );
    assert_eq!(
        check_fresh(&ScreeningFacts::default(), 0, &settings()),
        Ok(())
    );
}

#[test]
fn a_clearance_without_a_date_is_not_fresh() {
    let s = ScreeningFacts {
        decided_at_ms: None,
        ..cleared_at(0)
    };
    assert_eq!(
        rule_of(check_fresh(&s, may_first(), &settings())),
        rules::SCREENING_FRESH
    );
}
