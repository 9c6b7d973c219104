//! Access and device rules (INDICATORS.md §2.5, ACC-*): where the company laptop was sent, what
//! runs on it and is plugged into it, and where, how and for how long the account is used.
//!
//! Each rule reads only the profile document and the time passed in, and reports at most one
//! finding per indicator: the first reason becomes the title, and the evidence names every field
//! that triggered it (capped at [`MAX_EVIDENCE`] items, the rest counted). A value that cannot be
//! read (an unparseable date, a missing or impossible coordinate) makes a rule stay silent rather
//! than guess (INDICATORS.md §0 guardrail 1: findings route to a person, they prove nothing alone).
//!
//! Not here: ACC-02 (an address shared with other workers) and ACC-06 (one IP, device or MFA
//! authenticator used by several accounts) compare profiles with each other, so they come from
//! the link index (LINK-05, LINK-07), not from a single profile.

use clearance_app::model::profile::{Device, Login, ProfileDocument};

use super::dates::instant;
use super::{Family, Finding, Input, Severity};

mod addresses;
mod devices;
#[cfg(test)]
mod fixtures;
mod geo;
mod location;
mod logins;
mod repos;

pub use addresses::{ACC_01_FORWARDING_KINDS, ACC_01_LATE_STAGES, ACC_01_MAX_SHIPPING_DISTANCE_KM};
pub use devices::{
    ACC_03_RDP_PORT, ACC_03_RMM_DENY_LIST, ACC_04_IP_KVM_PRODUCTS, ACC_12_UNMANAGED_TYPES,
    ACC_13_SEVERITIES, ACC_13_WINDOW_SECS,
};
pub use location::{
    ACC_05_COUNTRY_WINDOW_SECS, ACC_05_GEO_NOISE_KM, ACC_05_MAX_SPEED_KMH, ACC_09_MAX_MEDIAN_KM,
    ACC_09_MIN_LOGINS, ACC_09_WINDOW_SECS,
};
pub use logins::{ACC_07_MIN_ACTIVE_HOURS, ACC_07_MIN_SESSION_SECS, ACC_08_HIGH_RISK_VPN};
pub use repos::{ACC_10_CLONE_WINDOW_SECS, ACC_10_MAX_CLONED_REPOS};

const HOUR_SECS: i64 = 60 * 60;

/// At most this many pieces of evidence per finding: a reviewer needs examples, not every login.
pub const MAX_EVIDENCE: usize = 16;

/// Runs every single-profile ACC rule.
pub fn evaluate(input: &Input<'_>, out: &mut Vec<Finding>) {
    let profile = input.profile;
    addresses::acc_01_laptop_shipping_address(profile, out);
    devices::acc_03_remote_access_software(profile, out);
    devices::acc_04_ip_kvm_hardware(profile, out);
    location::acc_05_impossible_travel(profile, out);
    logins::acc_07_continuous_sessions(profile, out);
    logins::acc_08_vpn_or_proxy(profile, out);
    location::acc_09_away_from_residence(profile, input.now, out);
    repos::acc_10_repository_exfiltration(profile, out);
    logins::acc_11_unmanaged_session_without_mfa(profile, out);
    devices::acc_12_unmanaged_device(profile, out);
    devices::acc_13_edr_alert_after_delivery(profile, out);
}

/// What one rule found: its reasons (the first is the title) and the evidence behind them.
#[derive(Default)]
struct Case {
    reasons: Vec<String>,
    more_reasons: usize,
    evidence: Vec<(String, String)>,
    more_evidence: usize,
}

impl Case {
    fn reason(&mut self, text: String) {
        if self.reasons.contains(&text) {
            return;
        }
        if self.reasons.len() < MAX_EVIDENCE {
            self.reasons.push(text);
        } else {
            self.more_reasons += 1;
        }
    }

    fn evidence(&mut self, field: String, value: impl Into<String>) {
        let item = (field, value.into());
        if self.evidence.contains(&item) {
            return;
        }
        if self.evidence.len() < MAX_EVIDENCE {
            self.evidence.push(item);
        } else {
            self.more_evidence += 1;
        }
    }

    /// The finding, if there was any reason for one. Evidence beyond the cap is counted under the
    /// collection it came from.
    fn report(
        self,
        indicator: &'static str,
        severity: Severity,
        source: &'static str,
        collection: &'static str,
    ) -> Option<Finding> {
        let first = self.reasons.first()?;
        let title = match self.reasons.len().saturating_sub(1) + self.more_reasons {
            0 => first.clone(),
            1 => format!("{first} (and 1 more reason in the evidence)"),
            others => format!("{first} (and {others} more reasons in the evidence)"),
        };
        let mut finding = Finding::new(indicator, Family::Access, severity, title).source(source);
        for (field, value) in self.evidence {
            finding = finding.evidence(field, value);
        }
        if self.more_evidence > 0 {
            finding = finding.evidence(
                collection,
                format!("{} more not listed", self.more_evidence),
            );
        }
        Some(finding)
    }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers (used by the rule modules)

/// Logins with a readable time, oldest first (ties in document order).
fn timed_logins(profile: &ProfileDocument) -> Vec<(i64, usize, &Login)> {
    let mut logins: Vec<(i64, usize, &Login)> = profile
        .logins
        .iter()
        .enumerate()
        .filter_map(|(i, login)| Some((instant(&login.ts)?, i, login)))
        .collect();
    logins.sort_by_key(|&(at, i, _)| (at, i));
    logins
}

/// How a device is named in a title.
fn device_label(device: &Device, index: usize) -> String {
    if let Some(id) = non_empty(device.device_id.as_deref()) {
        format!("device {id}")
    } else if let Some(serial) = non_empty(device.serial.as_deref()) {
        format!("device with serial {serial}")
    } else {
        format!("device #{}", index + 1)
    }
}

/// The trimmed value, `None` when absent or blank.
fn non_empty(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|text| !text.is_empty())
}

/// The value is one of `options`, ignoring case and surrounding blanks.
fn one_of(value: &str, options: &[&str]) -> bool {
    let value = value.trim();
    options
        .iter()
        .any(|option| value.eq_ignore_ascii_case(option))
}

/// The text contains one of the (lowercase) `needles`, ignoring case.
fn contains_any(text: &str, needles: &[&str]) -> bool {
    let text = text.to_lowercase();
    needles.iter().any(|needle| text.contains(needle))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A duration for a title: minutes under an hour, else hours with one decimal.
fn gap(secs: i64) -> String {
    if secs < HOUR_SECS {
        format!("{} min", secs.max(0) / 60)
    } else {
        format!("{:.1} h", secs as f64 / HOUR_SECS as f64)
    }
}

/// A rounded non-negative number with thousands separators ("1,234"); "?" if not finite.
fn thousands(value: f64) -> String {
    if !value.is_finite() {
        return "?".to_owned();
    }
    let digits = (value.round().max(0.0) as u64).to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::fixtures::run;
    use super::*;

    #[test]
    fn an_empty_profile_gives_no_findings() {
        assert!(run(&ProfileDocument::default()).is_empty());
    }

    #[test]
    fn numbers_in_titles_have_thousands_separators() {
        assert_eq!(thousands(1199.6), "1,200");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(1_234_567.0), "1,234,567");
        assert_eq!(thousands(f64::INFINITY), "?");
    }
}
