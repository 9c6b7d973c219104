//! The rules of a quarterly access-review campaign. Pure: no I/O; time is passed in.
//!
//! A campaign snapshots every live grant into an item, gives each item a reviewer, reminds
//! reviewers until they decide, and flags grants that outlive the screening that justified them.
//! The choices here are what an auditor asks about ("why did Alice review her own approval?"),
//! so they live in one place with their reasons beside them.

use time::{Date, OffsetDateTime};

/// Milliseconds in a day.
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// How far ahead a due date may lie: a campaign is for one quarter, and a due date a year or
/// more out is almost always a typo for this year's date.
const MAX_DAYS_AHEAD: i64 = 366;

/// From this long before the due time on, reminders go out daily instead of weekly.
const DAILY_REMINDERS_FROM_MS: i64 = 3 * DAY_MS;

/// The earliest year a quarter may name (the product did not exist before it).
const FIRST_YEAR: i32 = 2000;

const QUARTER_HINT: &str = "Write the quarter as YYYY-Qn, e.g. 2026-Q4.";
const DUE_DATE_HINT: &str = "Write the due date as YYYY-MM-DD, e.g. 2026-12-31.";

/// `2026-Q4` → (2026, 4). Errors are sentences a person can act on ("Write the quarter as
/// YYYY-Qn, e.g. 2026-Q4.").
///
/// Surrounding spaces and a lower-case `q` are accepted (people type `2026-q4`); the caller
/// stores the canonical `YYYY-Qn` built from the result, so both spellings name one quarter.
pub fn parse_quarter(text: &str) -> Result<(i32, u8), String> {
    let text = text.trim();
    let Some((year, quarter)) = text.split_once('-') else {
        return Err(QUARTER_HINT.to_owned());
    };
    let Some(quarter) = quarter
        .strip_prefix('Q')
        .or_else(|| quarter.strip_prefix('q'))
    else {
        return Err(QUARTER_HINT.to_owned());
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if year.len() != 4 || !all_digits(year) || quarter.len() != 1 || !all_digits(quarter) {
        return Err(QUARTER_HINT.to_owned());
    }
    let (Ok(year), Ok(quarter)) = (year.parse::<i32>(), quarter.parse::<u8>()) else {
        return Err(QUARTER_HINT.to_owned());
    };
    if !(1..=4).contains(&quarter) {
        return Err(format!(
            "A year has four quarters, Q1 to Q4; Q{quarter} is not one of them. {QUARTER_HINT}"
        ));
    }
    if year < FIRST_YEAR {
        return Err(format!(
            "The year {year} is too far in the past for an access review. {QUARTER_HINT}"
        ));
    }
    Ok((year, quarter))
}

/// `YYYY-MM-DD` → the last millisecond of that day in UTC. Refused (with a sentence) when not a
/// date, before today (the day of now_ms), or more than 366 days after now.
///
/// "More than 366 days after now" is counted in calendar days from today's date, so any day up
/// to and including the same date next year (or the day after, across a leap day) is accepted.
/// Today is allowed: a campaign started in the morning can be due that evening.
pub fn parse_due_date(text: &str, now_ms: i64) -> Result<i64, String> {
    let text = text.trim();
    let date = parse_day(text).ok_or_else(|| {
        if text.is_empty() {
            format!("The due date is missing. {DUE_DATE_HINT}")
        } else {
            format!("{text:?} is not a date in the calendar. {DUE_DATE_HINT}")
        }
    })?;
    let day = date
        .midnight()
        .assume_utc()
        .unix_timestamp()
        .div_euclid(DAY_MS / 1000);
    let today = now_ms.div_euclid(DAY_MS);
    if day < today {
        return Err(format!(
            "The due date {text} has already passed; choose today or a later day."
        ));
    }
    if day - today > MAX_DAYS_AHEAD {
        return Err(format!(
            "The due date {text} is more than {MAX_DAYS_AHEAD} days away; a review is due within \
             a year, so choose an earlier day."
        ));
    }
    Ok((day + 1) * DAY_MS - 1)
}

/// Exactly `YYYY-MM-DD` (ten characters, no sign, no time), and a real calendar day.
fn parse_day(text: &str) -> Option<Date> {
    let shape_ok = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return None;
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(text, &format).ok()
}

/// `YYYY-MM-DD` of a due time (for display and CSV). Empty for an instant outside the calendar
/// `time` can represent (only a corrupted row could hold one).
pub fn due_date_text(due_ms: i64) -> String {
    let Ok(at) = OffsetDateTime::from_unix_timestamp(due_ms.div_euclid(1000)) else {
        return String::new();
    };
    let date = at.date();
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// A security lead who could review an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub user_id: i64,
    pub owns_repository: bool,
    pub approved_grant: bool,
}

impl Candidate {
    /// Lower is better. An owner knows whether the person still needs the code; someone who did
    /// not approve the grant is not marking their own homework. Knowledge beats independence
    /// (an owner who approved still beats a stranger who did not), and a non-owner who approved
    /// is the last resort.
    fn rank(&self) -> u8 {
        match (self.owns_repository, self.approved_grant) {
            (true, false) => 0,
            (true, true) => 1,
            (false, false) => 2,
            (false, true) => 3,
        }
    }
}

/// What the assignment needs to know of one item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemToAssign {
    /// Users who own the repository.
    pub owners: Vec<i64>,
    /// Users who approved the grant.
    pub approvers: Vec<i64>,
}

/// Assigns a reviewer to every item, in order, from `leads` (active security leads' user ids):
/// prefer an owner of the repository who did not approve the grant, then an owner who did, then
/// a non-owner who did not approve, then anyone; ties go to the lead with the fewest items
/// assigned so far in this campaign, then the lowest id. `None` only when `leads` is empty.
/// Owners that are not in `leads` (disabled, or no longer security leads) are ignored.
///
/// Deterministic (same input, same output), so a campaign's assignment can be re-derived when an
/// auditor asks why someone got an item.
pub fn assign_reviewers(items: &[ItemToAssign], leads: &[i64]) -> Vec<Option<i64>> {
    let mut pool = leads.to_vec();
    pool.sort_unstable();
    pool.dedup();
    let mut load = vec![0usize; pool.len()];
    items
        .iter()
        .map(|item| {
            let best = pool
                .iter()
                .enumerate()
                .min_by_key(|&(i, &user_id)| {
                    let candidate = Candidate {
                        user_id,
                        owns_repository: item.owners.contains(&user_id),
                        approved_grant: item.approvers.contains(&user_id),
                    };
                    (candidate.rank(), load[i], user_id)
                })
                .map(|(i, &user_id)| (i, user_id));
            best.map(|(i, user_id)| {
                load[i] += 1;
                user_id
            })
        })
        .collect()
}

/// Whether a reviewer with open items should get a reminder now: daily (>= 1 day since the last)
/// from 3 days before the due time on (and while overdue), weekly (>= 7 days since the last)
/// before that. `last_sent_ms` None = never reminded (due now).
///
/// Weekly early on so a reminder is a nudge rather than noise; daily at the end because an
/// undecided item at the due date is what fails an audit.
pub fn reminder_due(now_ms: i64, due_ms: i64, last_sent_ms: Option<i64>) -> bool {
    let Some(last) = last_sent_ms else {
        return true;
    };
    let interval = if now_ms >= due_ms.saturating_sub(DAILY_REMINDERS_FROM_MS) {
        DAY_MS
    } else {
        7 * DAY_MS
    };
    now_ms.saturating_sub(last) >= interval
}

/// The grant ends after the clearance stops counting, or has no end, or there is no valid
/// clearance.
///
/// Such a grant will outlive the screening that justified it, so the reviewer sees a flag and
/// should either shorten the grant or have the person screened again.
pub fn outlives_screening(expires_at_ms: Option<i64>, valid_until_ms: Option<i64>) -> bool {
    match (expires_at_ms, valid_until_ms) {
        (_, None) | (None, Some(_)) => true,
        (Some(expires), Some(valid_until)) => expires > valid_until,
    }
}

/// Whole days since the decision (None without one; never negative).
///
/// A decision stamped slightly in the future (clock skew between instances) counts as today.
pub fn screening_age_days(decided_at_ms: Option<i64>, now_ms: i64) -> Option<i64> {
    decided_at_ms.map(|decided| now_ms.saturating_sub(decided).max(0) / DAY_MS)
}

#[cfg(test)]
mod tests;
