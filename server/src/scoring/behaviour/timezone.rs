//! When the worker is active (BEH-07): activity mostly in UTC+8 or UTC+9 business hours rather
//! than those of the claimed time zone, and the zone table it reads.
//!
//! Guardrail (INDICATORS.md §0): activity is compared with the worker's own claimed time zone;
//! the rule never fires for someone who claims to live in UTC+8 or UTC+9.

use clearance_app::model::profile::ProfileDocument;

use crate::scoring::dates::{self, DAY_SECS};
use crate::scoring::{Finding, Severity};

use super::{finding, text};

/// BEH-07: at least this many readable activity timestamps are needed.
pub const BEH_07_MIN_EVENTS: usize = 20;
/// BEH-07: business hours start, seconds after local midnight (08:00, inclusive).
pub const BEH_07_BUSINESS_START_SECS: i64 = 8 * 3600;
/// BEH-07: business hours end, seconds after local midnight (19:00, exclusive).
pub const BEH_07_BUSINESS_END_SECS: i64 = 19 * 3600;
/// BEH-07: fires only when less than this share (percent) of activity falls in the claimed
/// zone's business hours…
pub const BEH_07_MAX_CLAIMED_PERCENT: usize = 40;
/// BEH-07: …while at least this share (percent) falls in the business hours of one of
/// [`BEH_07_OTHER_OFFSETS_MIN`].
pub const BEH_07_MIN_OTHER_PERCENT: usize = 60;
/// BEH-07: the zones activity is compared with, in minutes east of UTC (UTC+8, UTC+9). A worker
/// claiming one of these offsets is never flagged.
pub const BEH_07_OTHER_OFFSETS_MIN: &[i64] = &[8 * 60, 9 * 60];
/// BEH-07: standard-time offsets (minutes east of UTC) of common IANA zones. Daylight saving
/// time is ignored (at most one hour of drift for part of the year, which the 40%/60% thresholds
/// absorb); a zone not listed gives no finding.
pub const BEH_07_ZONE_OFFSETS_MIN: &[(&str, i64)] = &[
    ("Pacific/Honolulu", -10 * 60),
    ("America/Anchorage", -9 * 60),
    ("America/Los_Angeles", -8 * 60),
    ("America/Vancouver", -8 * 60),
    ("America/Tijuana", -8 * 60),
    ("America/Denver", -7 * 60),
    ("America/Phoenix", -7 * 60),
    ("America/Edmonton", -7 * 60),
    ("America/Chicago", -6 * 60),
    ("America/Winnipeg", -6 * 60),
    ("America/Mexico_City", -6 * 60),
    ("America/New_York", -5 * 60),
    ("America/Detroit", -5 * 60),
    ("America/Toronto", -5 * 60),
    ("America/Bogota", -5 * 60),
    ("America/Lima", -5 * 60),
    ("America/Halifax", -4 * 60),
    ("America/Sao_Paulo", -3 * 60),
    ("America/Argentina/Buenos_Aires", -3 * 60),
    ("UTC", 0),
    ("Etc/UTC", 0),
    ("Europe/London", 0),
    ("Europe/Dublin", 0),
    ("Europe/Lisbon", 0),
    ("Africa/Lagos", 60),
    ("Europe/Amsterdam", 60),
    ("Europe/Berlin", 60),
    ("Europe/Brussels", 60),
    ("Europe/Madrid", 60),
    ("Europe/Paris", 60),
    ("Europe/Prague", 60),
    ("Europe/Rome", 60),
    ("Europe/Stockholm", 60),
    ("Europe/Vienna", 60),
    ("Europe/Warsaw", 60),
    ("Europe/Zurich", 60),
    ("Africa/Cairo", 2 * 60),
    ("Africa/Johannesburg", 2 * 60),
    ("Europe/Athens", 2 * 60),
    ("Europe/Bucharest", 2 * 60),
    ("Europe/Helsinki", 2 * 60),
    ("Europe/Kiev", 2 * 60),
    ("Europe/Kyiv", 2 * 60),
    ("Asia/Jerusalem", 2 * 60),
    ("Africa/Nairobi", 3 * 60),
    ("Europe/Istanbul", 3 * 60),
    ("Europe/Minsk", 3 * 60),
    ("Europe/Moscow", 3 * 60),
    ("Asia/Dubai", 4 * 60),
    ("Asia/Karachi", 5 * 60),
    ("Asia/Tashkent", 5 * 60),
    ("Asia/Kolkata", 5 * 60 + 30),
    ("Asia/Dhaka", 6 * 60),
    ("Asia/Bangkok", 7 * 60),
    ("Asia/Ho_Chi_Minh", 7 * 60),
    ("Asia/Jakarta", 7 * 60),
    ("Asia/Hong_Kong", 8 * 60),
    ("Asia/Kuala_Lumpur", 8 * 60),
    ("Asia/Manila", 8 * 60),
    ("Asia/Shanghai", 8 * 60),
    ("Asia/Singapore", 8 * 60),
    ("Asia/Taipei", 8 * 60),
    ("Australia/Perth", 8 * 60),
    ("Asia/Seoul", 9 * 60),
    ("Asia/Tokyo", 9 * 60),
    ("Asia/Vladivostok", 10 * 60),
    ("Australia/Brisbane", 10 * 60),
    ("Australia/Melbourne", 10 * 60),
    ("Australia/Sydney", 10 * 60),
    ("Pacific/Auckland", 12 * 60),
];

/// BEH-07 (medium): over at least [`BEH_07_MIN_EVENTS`] events, little activity falls in the
/// claimed zone's business hours while most falls in those of UTC+8 or UTC+9.
pub(super) fn beh_07_activity_in_another_zone(p: &ProfileDocument) -> Vec<Finding> {
    let Some(zone) = text(p.identity.claimed_timezone.as_deref()) else {
        return Vec::new();
    };
    let Some(claimed) = zone_offset_min(zone) else {
        return Vec::new();
    };
    if BEH_07_OTHER_OFFSETS_MIN.contains(&claimed) {
        return Vec::new();
    }
    let events: Vec<i64> = p
        .activity_events
        .iter()
        .filter_map(|e| dates::instant(&e.ts))
        .collect();
    let n = events.len();
    if n < BEH_07_MIN_EVENTS {
        return Vec::new();
    }

    let claimed_inside = inside_business_hours(&events, claimed);
    let mut other: Option<(i64, usize)> = None;
    for &offset in BEH_07_OTHER_OFFSETS_MIN {
        let inside = inside_business_hours(&events, offset);
        if other.is_none_or(|(_, best)| inside > best) {
            other = Some((offset, inside));
        }
    }
    let Some((other_offset, other_inside)) = other else {
        return Vec::new();
    };
    let few_claimed = claimed_inside * 100 < BEH_07_MAX_CLAIMED_PERCENT * n;
    let most_other = other_inside * 100 >= BEH_07_MIN_OTHER_PERCENT * n;
    if !(few_claimed && most_other) {
        return Vec::new();
    }

    let other_zone = utc_offset_label(other_offset);
    let claimed_pct = claimed_inside * 100 / n;
    let other_pct = other_inside * 100 / n;
    let evidence = vec![
        ("identity.claimed_timezone".to_owned(), zone.to_owned()),
        (
            "activity_events".to_owned(),
            format!(
                "{n} events: {claimed_pct}% within 08:00–19:00 {zone}, \
                 {other_pct}% within 08:00–19:00 {other_zone}"
            ),
        ),
    ];
    let title = format!(
        "Activity falls mostly in {other_zone} business hours, not those of the claimed {zone}: \
         ask about working hours and check where the worker is"
    );
    vec![finding(
        "BEH-07",
        Severity::Medium,
        title,
        evidence,
        "S1; S17",
    )]
}

/// The standard-time offset of an IANA zone from [`BEH_07_ZONE_OFFSETS_MIN`].
fn zone_offset_min(zone: &str) -> Option<i64> {
    BEH_07_ZONE_OFFSETS_MIN
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(zone))
        .map(|&(_, offset)| offset)
}

/// How many instants fall within 08:00–19:00 local time at `offset_min` minutes east of UTC.
fn inside_business_hours(instants: &[i64], offset_min: i64) -> usize {
    instants
        .iter()
        .map(|at| (at + offset_min * 60).rem_euclid(DAY_SECS))
        .filter(|secs| (BEH_07_BUSINESS_START_SECS..BEH_07_BUSINESS_END_SECS).contains(secs))
        .count()
}

/// `UTC+8`, `UTC-6`, `UTC+5:30`.
fn utc_offset_label(offset_min: i64) -> String {
    let sign = if offset_min < 0 { '-' } else { '+' };
    let (hours, minutes) = (offset_min.abs() / 60, offset_min.abs() % 60);
    if minutes == 0 {
        format!("UTC{sign}{hours}")
    } else {
        format!("UTC{sign}{hours}:{minutes:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::behaviour::fixtures::{get, run};
    use clearance_app::model::profile::ActivityEvent;

    /// 24 events at 02:00 UTC: 10:00 in UTC+8, 20:00 the evening before in Chicago.
    fn night_shift(zone: &str) -> ProfileDocument {
        let mut p = ProfileDocument::default();
        p.identity.claimed_timezone = Some(zone.into());
        for day in 1..=24 {
            p.activity_events.push(ActivityEvent {
                ts: format!("2026-03-{day:02}T02:00:00Z"),
                kind: Some("commit".into()),
            });
        }
        p
    }

    #[test]
    fn beh_07_a_chicago_claimant_working_utc8_business_hours_is_medium() {
        let found = run(&night_shift("America/Chicago"));
        let f = get(&found, "BEH-07").unwrap();
        assert_eq!(f.severity, Severity::Medium);
        assert!(f.title.contains("UTC+8"), "{}", f.title);
        assert_eq!(f.evidence[0].value, "America/Chicago");
        assert!(
            f.evidence[1].value.starts_with("24 events: 0% "),
            "{}",
            f.evidence[1].value
        );
    }

    #[test]
    fn beh_07_the_same_activity_for_a_shanghai_claimant_is_not_flagged() {
        assert!(run(&night_shift("Asia/Shanghai")).is_empty());
        assert!(run(&night_shift("Asia/Seoul")).is_empty());
    }

    #[test]
    fn beh_07_too_few_events_or_an_unknown_zone_is_not_flagged() {
        let mut few = night_shift("America/Chicago");
        few.activity_events.truncate(BEH_07_MIN_EVENTS - 1);
        assert!(run(&few).is_empty());
        assert!(run(&night_shift("Mars/Olympus_Mons")).is_empty());
    }

    #[test]
    fn beh_07_daytime_activity_in_the_claimed_zone_is_not_flagged() {
        let mut p = night_shift("America/Chicago");
        for event in &mut p.activity_events {
            // 15:00 UTC is 09:00 in Chicago.
            event.ts = event.ts.replace("T02:", "T15:");
        }
        assert!(run(&p).is_empty());
    }
}
