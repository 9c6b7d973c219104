//! Quarters, due dates, reviewer assignment, the reminder schedule and screening flags.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use super::*;
use time::macros::datetime;

fn ms(at: OffsetDateTime) -> i64 {
    i64::try_from(at.unix_timestamp_nanos() / 1_000_000).unwrap()
}

const HOUR: i64 = 60 * 60 * 1000;

// ---- quarters ----

#[test]
fn a_well_written_quarter_is_read() {
    assert_eq!(parse_quarter("2026-Q4"), Ok((2026, 4)));
    assert_eq!(parse_quarter("2027-Q1"), Ok((2027, 1)));
    assert_eq!(parse_quarter("  2026-Q2 "), Ok((2026, 2)));
}

#[test]
fn a_lower_case_q_is_accepted_and_means_the_same_quarter() {
    assert_eq!(parse_quarter("2026-q3"), parse_quarter("2026-Q3"));
    assert_eq!(parse_quarter("2026-q3"), Ok((2026, 3)));
}

#[test]
fn quarters_outside_one_to_four_are_refused_with_a_sentence() {
    for text in ["2026-Q0", "2026-Q5", "2026-Q9"] {
        let err = parse_quarter(text).unwrap_err();
        assert!(err.contains("Q1 to Q4"), "{text}: {err}");
        assert!(err.ends_with('.'), "{text}: {err}");
    }
}

#[test]
fn badly_written_quarters_say_how_to_write_one() {
    for text in [
        "",
        "26-Q1",
        "2026",
        "2026Q1",
        "2026-4",
        "2026-Q",
        "2026-Q10",
        "Q4-2026",
        "2026-Q4x",
        "+026-Q1",
        "2026 -Q1",
        "2026-Q-1",
        "２０２６-Q1",
    ] {
        assert_eq!(
            parse_quarter(text),
            Err("Write the quarter as YYYY-Qn, e.g. 2026-Q4.".to_owned()),
            "{text:?}"
        );
    }
}

#[test]
fn an_implausibly_old_year_is_refused() {
    let err = parse_quarter("1026-Q1").unwrap_err();
    assert!(err.contains("1026"), "{err}");
    assert_eq!(parse_quarter("2000-Q1"), Ok((2000, 1)));
}

// ---- due dates ----

#[test]
fn a_due_date_ends_at_the_last_millisecond_of_its_day_in_utc() {
    let now = ms(datetime!(2026-10-01 09:30 UTC));
    let due = parse_due_date("2026-12-31", now).unwrap();
    assert_eq!(due, ms(datetime!(2026-12-31 23:59:59.999 UTC)));
    assert_eq!(due + 1, ms(datetime!(2027-01-01 00:00 UTC)));
}

#[test]
fn today_is_a_valid_due_date_even_late_in_the_day() {
    let now = ms(datetime!(2026-10-01 23:59:59 UTC));
    assert_eq!(
        parse_due_date("2026-10-01", now),
        Ok(ms(datetime!(2026-10-01 23:59:59.999 UTC)))
    );
}

#[test]
fn a_due_date_in_the_past_is_refused() {
    let now = ms(datetime!(2026-10-01 00:00:00.001 UTC));
    let err = parse_due_date("2026-09-30", now).unwrap_err();
    assert!(err.contains("already passed"), "{err}");
    assert!(parse_due_date("2025-12-31", now).is_err());
}

#[test]
fn a_due_date_more_than_366_days_ahead_is_refused() {
    let now = ms(datetime!(2026-10-01 12:00 UTC));
    // No leap day lies between: 2027-10-01 is 365 days on, 2027-10-02 is 366.
    assert!(parse_due_date("2027-10-02", now).is_ok());
    let err = parse_due_date("2027-10-03", now).unwrap_err();
    assert!(err.contains("366 days"), "{err}");
    assert!(parse_due_date("2036-01-01", now).is_err());
}

#[test]
fn a_leap_day_is_a_date_only_in_a_leap_year() {
    let now = ms(datetime!(2028-01-15 08:00 UTC));
    assert_eq!(
        parse_due_date("2028-02-29", now),
        Ok(ms(datetime!(2028-03-01 00:00 UTC)) - 1)
    );
    let now = ms(datetime!(2027-01-15 08:00 UTC));
    let err = parse_due_date("2027-02-29", now).unwrap_err();
    assert!(err.contains("not a date"), "{err}");
}

#[test]
fn malformed_due_dates_say_how_to_write_one() {
    let now = ms(datetime!(2026-10-01 12:00 UTC));
    for text in [
        "31/12/2026",
        "2026-12-1",
        "2026-1-01",
        "20261231",
        "2026-13-01",
        "2026-12-32",
        "tomorrow",
        "2026-12-31T00:00",
        "+2026-12-31",
        "2026-12-3x",
    ] {
        let err = parse_due_date(text, now).unwrap_err();
        assert!(err.contains("YYYY-MM-DD"), "{text:?}: {err}");
    }
    let err = parse_due_date("  ", now).unwrap_err();
    assert!(err.contains("missing"), "{err}");
}

#[test]
fn surrounding_spaces_are_forgiven() {
    let now = ms(datetime!(2026-10-01 12:00 UTC));
    assert_eq!(
        parse_due_date(" 2026-12-31 ", now),
        parse_due_date("2026-12-31", now)
    );
}

#[test]
fn due_date_text_round_trips_a_parsed_due_date() {
    let now = ms(datetime!(2026-10-01 12:00 UTC));
    for text in ["2026-10-01", "2026-12-31", "2027-02-28"] {
        assert_eq!(due_date_text(parse_due_date(text, now).unwrap()), text);
    }
    assert_eq!(due_date_text(0), "1970-01-01");
    assert_eq!(due_date_text(-1), "1969-12-31");
    assert_eq!(due_date_text(i64::MAX), "");
}

// ---- assignment ----

fn item(owners: &[i64], approvers: &[i64]) -> ItemToAssign {
    ItemToAssign {
        owners: owners.to_vec(),
        approvers: approvers.to_vec(),
    }
}

#[test]
fn an_owner_who_did_not_approve_is_preferred() {
    // 1: owner who approved; 2: owner who did not; 3: non-owner who did not approve.
    let items = [item(&[1, 2], &[1])];
    assert_eq!(assign_reviewers(&items, &[1, 2, 3]), vec![Some(2)]);
}

#[test]
fn an_owner_who_approved_beats_a_non_owner() {
    let items = [item(&[1], &[1])];
    assert_eq!(assign_reviewers(&items, &[1, 2, 3]), vec![Some(1)]);
}

#[test]
fn without_owners_a_lead_who_did_not_approve_is_preferred() {
    let items = [item(&[], &[1, 2])];
    assert_eq!(assign_reviewers(&items, &[1, 2, 3]), vec![Some(3)]);
}

#[test]
fn when_every_lead_approved_one_of_them_still_reviews() {
    let items = [item(&[], &[2, 1])];
    assert_eq!(assign_reviewers(&items, &[2, 1]), vec![Some(1)]);
}

#[test]
fn preference_beats_load() {
    // Lead 5 owns every repository and approved none: they get all items despite the load.
    let items: Vec<_> = (0..4).map(|_| item(&[5], &[])).collect();
    assert_eq!(assign_reviewers(&items, &[1, 5]), vec![Some(5); 4]);
}

#[test]
fn ties_go_to_the_least_loaded_lead_then_the_lowest_id() {
    let items: Vec<_> = (0..5).map(|_| item(&[], &[])).collect();
    assert_eq!(
        assign_reviewers(&items, &[30, 10, 20]),
        vec![Some(10), Some(20), Some(30), Some(10), Some(20)]
    );
}

#[test]
fn many_items_are_shared_evenly_between_eligible_owners() {
    let items: Vec<_> = (0..10).map(|_| item(&[7, 8], &[])).collect();
    let assigned = assign_reviewers(&items, &[1, 7, 8, 9]);
    let count = |id| assigned.iter().filter(|a| **a == Some(id)).count();
    assert_eq!((count(7), count(8)), (5, 5));
    assert_eq!(count(1) + count(9), 0);
}

#[test]
fn load_counts_across_the_whole_campaign() {
    // Lead 1 takes the owned item first; the unowned items then go to 2 before 1 gets another.
    let items = [item(&[1], &[]), item(&[], &[]), item(&[], &[])];
    assert_eq!(
        assign_reviewers(&items, &[1, 2]),
        vec![Some(1), Some(2), Some(1)]
    );
}

#[test]
fn owners_who_are_not_active_leads_are_ignored() {
    // 4 owns the repository but is disabled (not among the leads).
    let items = [item(&[4], &[]), item(&[4, 2], &[2])];
    assert_eq!(assign_reviewers(&items, &[1, 2, 3]), vec![Some(1), Some(2)]);
}

#[test]
fn duplicate_leads_do_not_skew_the_load() {
    let items: Vec<_> = (0..4).map(|_| item(&[], &[])).collect();
    assert_eq!(
        assign_reviewers(&items, &[1, 1, 2]),
        vec![Some(1), Some(2), Some(1), Some(2)]
    );
}

#[test]
fn without_leads_no_item_gets_a_reviewer() {
    let items = [item(&[1], &[]), item(&[], &[])];
    assert_eq!(assign_reviewers(&items, &[]), vec![None, None]);
    assert!(assign_reviewers(&[], &[1]).is_empty());
}

// ---- reminders ----

#[test]
fn a_reviewer_never_reminded_is_reminded_now() {
    let now = ms(datetime!(2026-10-01 12:00 UTC));
    assert!(reminder_due(now, now + 60 * DAY_MS, None));
    assert!(reminder_due(now, now - DAY_MS, None));
}

#[test]
fn far_from_the_due_date_reminders_are_weekly() {
    let due = ms(datetime!(2026-12-31 23:59:59.999 UTC));
    let last = due - 30 * DAY_MS;
    assert!(!reminder_due(last + DAY_MS, due, Some(last)));
    // 6.9 days: not yet.
    assert!(!reminder_due(last + 69 * DAY_MS / 10, due, Some(last)));
    assert!(!reminder_due(last + 7 * DAY_MS - 1, due, Some(last)));
    assert!(reminder_due(last + 7 * DAY_MS, due, Some(last)));
}

#[test]
fn from_three_days_before_the_due_time_reminders_are_daily() {
    let due = ms(datetime!(2026-12-31 23:59:59.999 UTC));
    let last = due - 5 * DAY_MS;
    // One millisecond before the switch: still weekly, so two days is not enough.
    assert!(!reminder_due(due - 3 * DAY_MS - 1, due, Some(last)));
    // At the switch: daily, and two days have passed.
    assert!(reminder_due(due - 3 * DAY_MS, due, Some(last)));
    // Daily means a day, not less.
    let last = due - 2 * DAY_MS;
    assert!(!reminder_due(last + DAY_MS - 1, due, Some(last)));
    assert!(reminder_due(last + DAY_MS, due, Some(last)));
}

#[test]
fn overdue_reviewers_are_reminded_daily() {
    let due = ms(datetime!(2026-12-31 23:59:59.999 UTC));
    let last = due + 10 * DAY_MS;
    assert!(!reminder_due(last + 23 * HOUR, due, Some(last)));
    assert!(reminder_due(last + 24 * HOUR, due, Some(last)));
}

#[test]
fn a_reminder_stamped_in_the_future_does_not_trigger_another() {
    let due = ms(datetime!(2026-12-31 23:59:59.999 UTC));
    let now = due - DAY_MS;
    assert!(!reminder_due(now, due, Some(now + HOUR)));
}

// ---- screening ----

#[test]
fn a_grant_outlives_a_clearance_that_ends_first() {
    assert!(outlives_screening(Some(2_000), Some(1_000)));
    assert!(!outlives_screening(Some(1_000), Some(1_000)));
    assert!(!outlives_screening(Some(999), Some(1_000)));
}

#[test]
fn an_open_ended_grant_or_a_missing_clearance_outlives_the_screening() {
    assert!(outlives_screening(None, Some(1_000)));
    assert!(outlives_screening(Some(1_000), None));
    assert!(outlives_screening(None, None));
}

#[test]
fn screening_age_is_whole_days_and_never_negative() {
    let now = ms(datetime!(2026-10-10 12:00 UTC));
    assert_eq!(screening_age_days(None, now), None);
    assert_eq!(screening_age_days(Some(now), now), Some(0));
    assert_eq!(screening_age_days(Some(now - DAY_MS + 1), now), Some(0));
    assert_eq!(screening_age_days(Some(now - DAY_MS), now), Some(1));
    assert_eq!(
        screening_age_days(Some(now - 400 * DAY_MS - HOUR), now),
        Some(400)
    );
    assert_eq!(screening_age_days(Some(now + 5 * DAY_MS), now), Some(0));
}
