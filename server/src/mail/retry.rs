//! When to try a failed delivery again. Pure.

/// After this many failed attempts a mail is given up (and stays visible with its last error).
pub const MAX_ATTEMPTS: i64 = 8;
const FIRST_DELAY_MS: i64 = 10_000;
const MAX_DELAY_MS: i64 = 60 * 60 * 1000;

/// The time of the next attempt after `attempts` failed ones, or `None` to give up.
/// Exponential: 10 s, 20 s, 40 s, … capped at an hour.
pub fn next_attempt_at(attempts: i64, now_ms: i64) -> Option<i64> {
    if attempts >= MAX_ATTEMPTS {
        return None;
    }
    let exponent = u32::try_from(attempts.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    let delay = FIRST_DELAY_MS
        .saturating_mul(1_i64 << exponent)
        .min(MAX_DELAY_MS);
    Some(now_ms + delay)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_from_ten_seconds() {
        assert_eq!(next_attempt_at(1, 0), Some(10_000));
        assert_eq!(next_attempt_at(2, 0), Some(20_000));
        assert_eq!(next_attempt_at(3, 5), Some(40_005));
    }

    #[test]
    fn delays_are_capped_at_an_hour() {
        assert_eq!(
            next_attempt_at(MAX_ATTEMPTS - 1, 0),
            Some((10_000 << 6).min(MAX_DELAY_MS))
        );
        assert!(next_attempt_at(MAX_ATTEMPTS - 1, 0).unwrap() <= MAX_DELAY_MS);
    }

    #[test]
    fn delivery_is_given_up_after_the_last_attempt() {
        assert_eq!(next_attempt_at(MAX_ATTEMPTS, 0), None);
    }
}
