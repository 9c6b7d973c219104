//! Sign-in throttling (SECURITY.md A6), decided before any password hashing. Pure: the store
//! keeps one [`Window`] per key (`account:<email>` and `ip:<address>`) in the database, so every
//! instance behind a load balancer sees the same counts.

/// A fixed window of failed attempts, opened by the first failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub failures: i64,
    pub started_ms: i64,
}

/// How many failures a key may have within how long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    pub max_failures: i64,
    pub window_ms: i64,
}

/// Per account: a guessing attack on one person stops after 5 tries for 15 minutes
/// (far below ASVS 4 2.2.1's ceiling of 100 failures per hour).
pub const PER_ACCOUNT: Limit = Limit {
    max_failures: 5,
    window_ms: 15 * 60 * 1000,
};
/// Per client address: spraying many accounts from one place stops after 30 failures.
pub const PER_CLIENT: Limit = Limit {
    max_failures: 30,
    window_ms: 15 * 60 * 1000,
};

/// Whether an attempt may go ahead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// Refuse with 429 and `Retry-After` in whole seconds (at least 1).
    Block {
        retry_after_secs: i64,
    },
}

/// Decides on an attempt for a key with this window (none: no recent failures).
pub fn decide(window: Option<Window>, limit: Limit, now_ms: i64) -> Decision {
    match window {
        Some(w) if w.failures >= limit.max_failures && now_ms < w.started_ms + limit.window_ms => {
            let remaining_ms = w.started_ms + limit.window_ms - now_ms;
            Decision::Block {
                retry_after_secs: ((remaining_ms + 999) / 1000).max(1),
            }
        }
        _ => Decision::Allow,
    }
}

/// The window after one more failure: counted in the open window, or a new one once it closed.
pub fn after_failure(window: Option<Window>, limit: Limit, now_ms: i64) -> Window {
    match window {
        Some(w) if now_ms < w.started_ms + limit.window_ms => Window {
            failures: w.failures + 1,
            ..w
        },
        _ => Window {
            failures: 1,
            started_ms: now_ms,
        },
    }
}

/// The stricter of two decisions (the longer wait wins).
pub fn stricter(a: Decision, b: Decision) -> Decision {
    match (a, b) {
        (
            Decision::Block {
                retry_after_secs: x,
            },
            Decision::Block {
                retry_after_secs: y,
            },
        ) => Decision::Block {
            retry_after_secs: x.max(y),
        },
        (Decision::Block { .. }, _) => a,
        (_, Decision::Block { .. }) => b,
        _ => Decision::Allow,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_000_000;
    const LIMIT: Limit = Limit {
        max_failures: 3,
        window_ms: 60_000,
    };

    fn fail_n(n: i64, at: i64) -> Option<Window> {
        (0..n).fold(None, |w, i| Some(after_failure(w, LIMIT, at + i)))
    }

    #[test]
    fn attempts_are_allowed_until_the_limit_is_reached() {
        assert_eq!(decide(None, LIMIT, T0), Decision::Allow);
        assert_eq!(decide(fail_n(2, T0), LIMIT, T0 + 10), Decision::Allow);
    }

    #[test]
    fn the_limit_blocks_until_the_window_closes_with_the_remaining_seconds() {
        let w = fail_n(3, T0);
        assert_eq!(
            decide(w, LIMIT, T0 + 10_000),
            Decision::Block {
                retry_after_secs: 50
            }
        );
        assert_eq!(
            decide(w, LIMIT, T0 + 59_999),
            Decision::Block {
                retry_after_secs: 1
            }
        );
        assert_eq!(decide(w, LIMIT, T0 + 60_000), Decision::Allow);
    }

    #[test]
    fn a_failure_after_the_window_starts_a_new_one() {
        let w = after_failure(fail_n(3, T0), LIMIT, T0 + 61_000);
        assert_eq!(
            w,
            Window {
                failures: 1,
                started_ms: T0 + 61_000
            }
        );
    }

    #[test]
    fn the_longer_block_wins() {
        let short = Decision::Block {
            retry_after_secs: 5,
        };
        let long = Decision::Block {
            retry_after_secs: 50,
        };
        assert_eq!(stricter(short, long), long);
        assert_eq!(stricter(Decision::Allow, short), short);
        assert_eq!(stricter(Decision::Allow, Decision::Allow), Decision::Allow);
    }
}
