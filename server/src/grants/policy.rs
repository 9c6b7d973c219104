//! Who may be granted what, for how long, and how many approvals it takes. Pure: no I/O, no clock.
//!
//! Access to code follows from a screening: only a person whose latest screening decision is
//! `cleared`, with no serious finding left open, and cleared recently enough, may be granted
//! access. Stronger permissions and more sensitive repositories ask for more approvals and last
//! less long, so that the riskiest access is the most often looked at again. Every rule that says
//! no is a [`Refusal`] with a stable id (see [`rules`]) and a sentence naming what would satisfy it.

use clearance_app::model::error::AppError;
use clearance_app::model::grants::{Permission, Tier};
use std::fmt;

/// One day in milliseconds.
pub const DAY_MS: i64 = 86_400_000;

/// Stable rule ids (they appear in API errors and the README).
pub mod rules {
    /// The latest screening decision must be `cleared`.
    pub const SCREENING_CLEARED: &str = "screening.cleared";
    /// No undismissed high or critical finding on the latest screening.
    pub const SCREENING_OPEN_FINDINGS: &str = "screening.open_findings";
    /// The clearance was recorded less than the configured maximum age ago.
    pub const SCREENING_FRESH: &str = "screening.fresh";
    /// The duration is 1 to the maximum for the permission and tier.
    pub const DURATION_RANGE: &str = "duration.range";
    /// The grant must end before the clearance stops counting.
    pub const DURATION_SCREENING_VALIDITY: &str = "duration.screening_validity";
    /// A requester never reviews their own request.
    pub const REVIEW_SELF: &str = "review.self";
    /// One review per reviewer per request.
    pub const REVIEW_ONCE: &str = "review.once";
    /// On sensitive and critical repositories, the person who cleared the screening is not the
    /// only approver.
    pub const REVIEW_CLEARER: &str = "review.clearer_not_sole_approver";
    /// The transition is not allowed from the request's current state.
    pub const STATE: &str = "state";
}

/// How a refusal reaches the edge: which HTTP meaning it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefusalKind {
    /// A policy rule blocks it (422).
    Policy,
    /// This person may not do this to this item (403).
    Forbidden,
    /// It conflicts with what already happened (409).
    Conflict,
}

/// A rule that says no, and what would satisfy it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// One of [`rules`].
    pub rule: &'static str,
    pub kind: RefusalKind,
    /// A sentence a person can act on.
    pub message: String,
}

impl Refusal {
    pub(crate) fn policy(rule: &'static str, message: String) -> Self {
        Refusal {
            rule,
            kind: RefusalKind::Policy,
            message,
        }
    }

    pub(crate) fn forbidden(rule: &'static str, message: String) -> Self {
        Refusal {
            rule,
            kind: RefusalKind::Forbidden,
            message,
        }
    }

    pub(crate) fn conflict(rule: &'static str, message: String) -> Self {
        Refusal {
            rule,
            kind: RefusalKind::Conflict,
            message,
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Refusal {}

impl From<Refusal> for AppError {
    fn from(refusal: Refusal) -> Self {
        match refusal.kind {
            RefusalKind::Policy => AppError::policy(refusal.rule, refusal.message),
            RefusalKind::Forbidden => AppError::not_permitted(refusal.rule, refusal.message),
            // `AppError::Conflict` carries no rule: the message says what happened.
            RefusalKind::Conflict => AppError::conflict(refusal.message),
        }
    }
}

/// The knobs of the policy an administrator may turn (from the server's settings).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PolicySettings {
    /// How long a `cleared` decision counts, in days.
    pub max_screening_age_days: i64,
    /// How long a request may wait for review before it lapses, in days.
    pub pending_ttl_days: i64,
}

impl Default for PolicySettings {
    /// A quarter for a clearance (the audit campaigns are quarterly), a week for a review.
    fn default() -> Self {
        PolicySettings {
            max_screening_age_days: 90,
            pending_ttl_days: 7,
        }
    }
}

/// What the policy needs to know of the person's screening.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScreeningFacts {
    /// The latest screening decision: `cleared`, `rejected` or `needs_info`; `None` before any.
    pub decision: Option<String>,
    /// When the latest decision was recorded.
    pub decided_at_ms: Option<i64>,
    /// The user who recorded the latest decision.
    pub decided_by: Option<i64>,
    /// Indicator ids (e.g. `KNOWN-01`) of undismissed high or critical findings of the latest
    /// screening.
    pub open_serious: Vec<String>,
}

/// What is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestFacts {
    pub permission: Permission,
    pub tier: Tier,
    pub duration_days: i64,
}

/// The stable id of the one decision that lets access be granted.
const CLEARED: &str = "cleared";

fn is_cleared(s: &ScreeningFacts) -> bool {
    s.decision.as_deref().map(str::trim) == Some(CLEARED)
}

/// How many distinct approvals a request needs: two eyes where a mistake would do real harm
/// (maintain or admin anywhere, write or above on sensitive code, anything on critical code).
pub fn approvals_required(permission: Permission, tier: Tier) -> u8 {
    let strong = permission >= Permission::Maintain;
    let writes_sensitive = permission >= Permission::Write && tier >= Tier::Sensitive;
    if tier == Tier::Critical || strong || writes_sensitive {
        2
    } else {
        1
    }
}

/// The longest a grant may last: the more it allows, the sooner it is asked for again; critical
/// repositories halve every limit.
pub fn max_duration_days(permission: Permission, tier: Tier) -> i64 {
    let days = match permission {
        Permission::Read | Permission::Triage => 180,
        Permission::Write => 90,
        Permission::Maintain | Permission::Admin => 30,
    };
    if tier == Tier::Critical {
        days / 2
    } else {
        days
    }
}

/// Until when a clearance counts: the decision plus the maximum age, only for `cleared`.
pub fn valid_until_ms(s: &ScreeningFacts, settings: &PolicySettings) -> Option<i64> {
    if !is_cleared(s) {
        return None;
    }
    let decided = s.decided_at_ms?;
    Some(decided.saturating_add(days_ms(settings.max_screening_age_days)))
}

/// `screening.cleared`: the latest decision must be `cleared`.
pub fn check_cleared(s: &ScreeningFacts) -> Result<(), Refusal> {
    match s.decision.as_deref().map(str::trim) {
        Some(CLEARED) => Ok(()),
        None => Err(Refusal::policy(
            rules::SCREENING_CLEARED,
            "The screening has no decision yet: an HR user must record the decision \"cleared\" \
             first."
                .into(),
        )),
        Some(other) => Err(Refusal::policy(
            rules::SCREENING_CLEARED,
            format!(
                "The latest screening decision is \"{other}\": access needs the decision \
                 \"cleared\"."
            ),
        )),
    }
}

/// `screening.open_findings`: no high or critical finding of the latest screening left open.
pub fn check_no_open_serious(s: &ScreeningFacts) -> Result<(), Refusal> {
    let message = match s.open_serious.as_slice() {
        [] => return Ok(()),
        [one] => format!(
            "Finding {one} is high or critical and not dismissed: resolve or dismiss it, then \
             record a new decision."
        ),
        many => format!(
            "Findings {} are high or critical and not dismissed: resolve or dismiss them, then \
             record a new decision.",
            many.join(", ")
        ),
    };
    Err(Refusal::policy(rules::SCREENING_OPEN_FINDINGS, message))
}

/// `screening.fresh`: a clearance counts for less than the maximum age; at exactly the maximum
/// age it no longer does. A decision other than `cleared` is `screening.cleared`'s to report.
pub fn check_fresh(
    s: &ScreeningFacts,
    now_ms: i64,
    settings: &PolicySettings,
) -> Result<(), Refusal> {
    if !is_cleared(s) {
        return Ok(());
    }
    let (Some(decided), Some(until)) = (s.decided_at_ms, valid_until_ms(s, settings)) else {
        // A clearance without a date cannot be shown to be recent.
        return Err(Refusal::policy(
            rules::SCREENING_FRESH,
            "The clearance has no date: record the decision \"cleared\" again.".into(),
        ));
    };
    if now_ms < until {
        return Ok(());
    }
    Err(Refusal::policy(
        rules::SCREENING_FRESH,
        format!(
            "The clearance dates from {}, more than {} days ago: screen the person again and \
             record a new decision.",
            day(decided),
            settings.max_screening_age_days
        ),
    ))
}

/// `duration.range`: from 1 day to the maximum for the permission and tier.
pub fn check_duration(r: &RequestFacts) -> Result<(), Refusal> {
    let max = max_duration_days(r.permission, r.tier);
    if (1..=max).contains(&r.duration_days) {
        return Ok(());
    }
    let message = if r.duration_days < 1 {
        format!("Access lasts at least 1 day; ask for 1 to {max}.")
    } else {
        format!(
            "{} access to a {} repository lasts at most {max} days; ask for 1 to {max}.",
            r.permission.label(),
            r.tier.as_str()
        )
    };
    Err(Refusal::policy(rules::DURATION_RANGE, message))
}

/// `duration.screening_validity`: the grant ends no later than the clearance stops counting
/// (ending exactly then is fine). Without a clearance there is nothing to compare with:
/// `screening.cleared` reports that.
pub fn check_within_validity(
    r: &RequestFacts,
    s: &ScreeningFacts,
    now_ms: i64,
    settings: &PolicySettings,
) -> Result<(), Refusal> {
    let Some(until) = valid_until_ms(s, settings) else {
        return Ok(());
    };
    if now_ms.saturating_add(days_ms(r.duration_days)) <= until {
        return Ok(());
    }
    let possible = until
        .saturating_sub(now_ms)
        .div_euclid(DAY_MS)
        .min(max_duration_days(r.permission, r.tier));
    let message = if possible >= 1 {
        format!(
            "The clearance counts until {}: ask for at most {possible} days, or screen the person \
             again and record a new decision.",
            day(until)
        )
    } else {
        format!(
            "The clearance counts until {}, less than a day from now: screen the person again \
             and record a new decision.",
            day(until)
        )
    };
    Err(Refusal::policy(rules::DURATION_SCREENING_VALIDITY, message))
}

/// The screening rules alone (cleared, no open serious finding, fresh): re-checked at approval and
/// reinstatement time, since the screening may have changed while the request waited.
pub fn check_eligible(
    s: &ScreeningFacts,
    now_ms: i64,
    settings: &PolicySettings,
) -> Result<(), Refusal> {
    check_cleared(s)?;
    check_no_open_serious(s)?;
    check_fresh(s, now_ms, settings)
}

/// Every rule that blocks this request, in the order of the checks above (for the form's
/// preview; creating a request refuses with the first).
pub fn blockers(
    r: &RequestFacts,
    s: &ScreeningFacts,
    now_ms: i64,
    settings: &PolicySettings,
) -> Vec<Refusal> {
    [
        check_cleared(s),
        check_no_open_serious(s),
        check_fresh(s, now_ms, settings),
        check_duration(r),
        check_within_validity(r, s, now_ms, settings),
    ]
    .into_iter()
    .filter_map(Result::err)
    .collect()
}

/// When a grant approved now ends: the requested duration, never past the clearance's validity
/// (the screening may have aged while the request waited for review).
pub fn expires_at_ms(
    now_ms: i64,
    duration_days: i64,
    s: &ScreeningFacts,
    settings: &PolicySettings,
) -> i64 {
    let asked = now_ms.saturating_add(days_ms(duration_days));
    match valid_until_ms(s, settings) {
        Some(until) => asked.min(until),
        None => asked,
    }
}

/// When a request nobody reviewed lapses.
pub fn lapses_at_ms(requested_at_ms: i64, settings: &PolicySettings) -> i64 {
    requested_at_ms.saturating_add(days_ms(settings.pending_ttl_days))
}

/// Days in milliseconds, saturating: absurd inputs must not overflow into the past.
fn days_ms(days: i64) -> i64 {
    days.saturating_mul(DAY_MS)
}

/// `YYYY-MM-DD` (UTC) of an instant, for messages; the raw milliseconds when out of range.
fn day(ms: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)) {
        Ok(at) => {
            let date = at.date();
            format!(
                "{:04}-{:02}-{:02}",
                date.year(),
                u8::from(date.month()),
                date.day()
            )
        }
        Err(_) => ms.to_string(),
    }
}

#[cfg(test)]
mod tests;
