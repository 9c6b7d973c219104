//! Reading the ISO 8601 dates of profile documents. Unreadable dates are `None`: a rule that
//! needs one then does not fire (it cannot prove anything), rather than failing the screening.

use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

pub const DAY_SECS: i64 = 24 * 60 * 60;

/// Unix seconds of an RFC 3339 instant or of midnight UTC of a `YYYY-MM-DD` date.
pub fn instant(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Ok(at) = OffsetDateTime::parse(text, &Rfc3339) {
        return Some(at.unix_timestamp());
    }
    let day = text.get(..10)?;
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(day, &format)
        .ok()
        .map(|d| d.midnight().assume_utc().unix_timestamp())
}

/// Whole days from `earlier` to `later` (negative when reversed).
pub fn days_between(earlier: i64, later: i64) -> i64 {
    (later - earlier).div_euclid(DAY_SECS)
}

/// The UTC hour (0–23) of an instant.
pub fn utc_hour(unix: i64) -> u8 {
    u8::try_from(unix.rem_euclid(DAY_SECS) / 3600).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_instants_are_read() {
        assert_eq!(instant("1970-01-02"), Some(DAY_SECS));
        assert_eq!(instant("1970-01-01T01:00:00Z"), Some(3600));
        assert_eq!(instant("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(instant("2026-11-21T10:00:00"), instant("2026-11-21"));
        assert_eq!(instant("yesterday"), None);
        assert_eq!(instant("2026-13-01"), None);
    }

    #[test]
    fn day_counts_and_hours() {
        assert_eq!(days_between(0, 3 * DAY_SECS + 5), 3);
        assert_eq!(days_between(DAY_SECS, 0), -1);
        assert_eq!(utc_hour(3600 * 25), 1);
    }
}
