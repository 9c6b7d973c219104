//! How the account's sessions look (ACC-07, ACC-08, ACC-11): sessions active around the clock,
//! logins through VPNs, hosting providers or residential proxies, and sessions from unmanaged
//! devices without fresh MFA.

use clearance_app::model::profile::{Login, ProfileDocument};

use crate::scoring::{Finding, Severity};

use super::{contains_any, gap, non_empty, timed_logins, Case, HOUR_SECS};

/// ACC-07: a session at least this long…
pub const ACC_07_MIN_SESSION_SECS: i64 = 24 * HOUR_SECS;
/// ACC-07: …with activity in at least this many distinct clock hours.
pub const ACC_07_MIN_ACTIVE_HOURS: u32 = 18;

/// ACC-08: the consumer VPN the sources cite again and again (high rather than medium).
pub const ACC_08_HIGH_RISK_VPN: &str = "astrill";

/// ACC-07 (medium): a session signed in for a day or more and active through most of it.
pub(super) fn acc_07_continuous_sessions(profile: &ProfileDocument, out: &mut Vec<Finding>) {
    let mut case = Case::default();
    let mut sessions = 0usize;
    let mut first: Option<(i64, u32)> = None;
    for (i, login) in profile.logins.iter().enumerate() {
        let (Some(duration), Some(active)) = (login.session_duration_s, login.active_hours) else {
            continue;
        };
        if duration >= ACC_07_MIN_SESSION_SECS && active >= ACC_07_MIN_ACTIVE_HOURS {
            sessions += 1;
            if first.is_none() {
                first = Some((duration, active));
            }
            case.evidence(
                format!("logins[{i}].session_duration_s"),
                duration.to_string(),
            );
            case.evidence(format!("logins[{i}].active_hours"), active.to_string());
        }
    }
    if let Some((duration, active)) = first {
        case.reason(if sessions == 1 {
            format!(
                "A session stayed signed in for {} with activity in {active} distinct hours: check whether the account is shared",
                gap(duration)
            )
        } else {
            format!(
                "{sessions} sessions stayed signed in for a day or more with activity in {ACC_07_MIN_ACTIVE_HOURS}+ hours: check whether the account is shared"
            )
        });
    }
    out.extend(case.report("ACC-07", Severity::Medium, "S1; S12", "logins"));
}

/// ACC-08: logins through Astrill VPN (high), otherwise through any VPN, hosting provider or
/// residential proxy (medium). One finding, at the higher level that applies.
pub(super) fn acc_08_vpn_or_proxy(profile: &ProfileDocument, out: &mut Vec<Finding>) {
    let outside: Vec<(usize, &Login)> = profile
        .logins
        .iter()
        .enumerate()
        .filter(|(_, login)| login.corporate_egress != Some(true))
        .collect();

    let astrill: Vec<(usize, &str)> = outside
        .iter()
        .filter_map(|&(i, login)| {
            let provider = non_empty(login.vpn_provider.as_deref())?;
            contains_any(provider, &[ACC_08_HIGH_RISK_VPN]).then_some((i, provider))
        })
        .collect();
    if !astrill.is_empty() {
        let mut case = Case::default();
        case.reason(format!(
            "{} came through Astrill VPN: ask why, and where the person really works from",
            count(astrill.len(), "login")
        ));
        for (i, provider) in astrill {
            case.evidence(format!("logins[{i}].vpn_provider"), provider);
        }
        out.extend(case.report("ACC-08", Severity::High, "S13; S11; S17", "logins"));
        return;
    }

    let mut case = Case::default();
    let mut masked = 0usize;
    for &(i, login) in &outside {
        let flags = [
            ("is_vpn", login.is_vpn),
            ("is_hosting", login.is_hosting),
            ("is_residential_proxy", login.is_residential_proxy),
        ];
        let mut hit = false;
        for (field, value) in flags {
            if value == Some(true) {
                hit = true;
                case.evidence(format!("logins[{i}].{field}"), "true");
            }
        }
        if hit {
            masked += 1;
            if let Some(provider) = non_empty(login.vpn_provider.as_deref()) {
                case.evidence(format!("logins[{i}].vpn_provider"), provider);
            }
        }
    }
    if masked > 0 {
        case.reason(format!(
            "{} came through a VPN, hosting provider or residential proxy: ask why",
            count(masked, "login")
        ));
    }
    out.extend(case.report("ACC-08", Severity::Medium, "S13; S11; S17", "logins"));
}

/// ACC-11 (high): once work has started on a managed device, a session from an unmanaged device
/// without fresh MFA (a copied session cookie or token).
pub(super) fn acc_11_unmanaged_session_without_mfa(
    profile: &ProfileDocument,
    out: &mut Vec<Finding>,
) {
    let logins = timed_logins(profile);
    let Some(started) = logins
        .iter()
        .find(|(_, _, login)| login.managed == Some(true))
        .map(|&(at, _, _)| at)
    else {
        return;
    };
    let mut case = Case::default();
    let mut sessions = 0usize;
    for &(at, i, login) in &logins {
        if at <= started || login.managed != Some(false) || login.fresh_mfa == Some(true) {
            continue;
        }
        sessions += 1;
        case.evidence(format!("logins[{i}].ts"), login.ts.trim());
        case.evidence(format!("logins[{i}].managed"), "false");
        let mfa = match login.fresh_mfa {
            Some(value) => value.to_string(),
            None => "not recorded".to_owned(),
        };
        case.evidence(format!("logins[{i}].fresh_mfa"), mfa);
        if let Some(device) = non_empty(login.device_id.as_deref()) {
            case.evidence(format!("logins[{i}].device_id"), device);
        }
    }
    if sessions > 0 {
        case.reason(format!(
            "{} from an unmanaged device without fresh MFA after work began on the company laptop: check for copied session cookies",
            count(sessions, "session")
        ));
    }
    out.extend(case.report("ACC-11", Severity::High, "S4", "logins"));
}

/// "1 login", "3 logins".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::access::fixtures::{finding, login, with_logins};

    // ACC-07

    #[test]
    fn acc_07_a_thirty_hour_busy_session_is_flagged() {
        let mut long = login("2026-11-20T10:00:00Z");
        long.session_duration_s = Some(30 * 3600);
        long.active_hours = Some(20);
        let f = finding(&with_logins(vec![long]), "ACC-07").unwrap();
        assert_eq!(f.severity, Severity::Medium);
        assert_eq!(f.evidence[0].field, "logins[0].session_duration_s");
    }

    #[test]
    fn acc_07_a_long_but_mostly_idle_session_is_not() {
        let mut long = login("2026-11-20T10:00:00Z");
        long.session_duration_s = Some(30 * 3600);
        long.active_hours = Some(8);
        let mut short = login("2026-11-20T10:00:00Z");
        short.session_duration_s = Some(10 * 3600);
        short.active_hours = Some(20);
        assert_eq!(finding(&with_logins(vec![long, short]), "ACC-07"), None);
    }

    // ACC-08

    #[test]
    fn acc_08_astrill_is_high() {
        let mut vpn = login("2026-11-20T10:00:00Z");
        vpn.is_vpn = Some(true);
        let mut astrill = login("2026-11-20T11:00:00Z");
        astrill.vpn_provider = Some("Astrill VPN".into());
        let f = finding(&with_logins(vec![vpn, astrill]), "ACC-08").unwrap();
        assert_eq!(f.severity, Severity::High);
        assert_eq!(f.evidence[0].field, "logins[1].vpn_provider");
    }

    #[test]
    fn acc_08_another_vpn_or_proxy_is_medium() {
        let mut vpn = login("2026-11-20T10:00:00Z");
        vpn.is_vpn = Some(true);
        vpn.vpn_provider = Some("NordVPN".into());
        let mut proxy = login("2026-11-20T11:00:00Z");
        proxy.is_residential_proxy = Some(true);
        let f = finding(&with_logins(vec![vpn, proxy]), "ACC-08").unwrap();
        assert_eq!(f.severity, Severity::Medium);
        assert!(f.title.starts_with("2 logins"), "{}", f.title);
        assert!(f
            .evidence
            .iter()
            .any(|e| e.field == "logins[1].is_residential_proxy"));
    }

    #[test]
    fn acc_08_plain_logins_are_not() {
        let mut plain = login("2026-11-20T10:00:00Z");
        plain.is_vpn = Some(false);
        let mut office = login("2026-11-20T11:00:00Z");
        office.is_vpn = Some(true);
        office.corporate_egress = Some(true);
        assert_eq!(finding(&with_logins(vec![plain, office]), "ACC-08"), None);
    }

    // ACC-11

    fn managed(ts: &str, managed: bool, fresh_mfa: Option<bool>) -> Login {
        Login {
            managed: Some(managed),
            fresh_mfa,
            ..login(ts)
        }
    }

    #[test]
    fn acc_11_an_unmanaged_session_without_mfa_after_onboarding_is_flagged() {
        let profile = with_logins(vec![
            managed("2026-11-01T09:00:00Z", true, Some(true)),
            managed("2026-11-02T09:00:00Z", false, None),
        ]);
        let f = finding(&profile, "ACC-11").unwrap();
        assert_eq!(f.severity, Severity::High);
        assert!(f
            .evidence
            .iter()
            .any(|e| e.field == "logins[1].fresh_mfa" && e.value == "not recorded"));
    }

    #[test]
    fn acc_11_fresh_mfa_or_no_managed_device_yet_is_not() {
        let with_mfa = with_logins(vec![
            managed("2026-11-01T09:00:00Z", true, Some(true)),
            managed("2026-11-02T09:00:00Z", false, Some(true)),
        ]);
        assert_eq!(finding(&with_mfa, "ACC-11"), None);
        let before = with_logins(vec![
            managed("2026-10-30T09:00:00Z", false, Some(false)),
            managed("2026-11-01T09:00:00Z", true, Some(true)),
        ]);
        assert_eq!(finding(&before, "ACC-11"), None);
    }
}
