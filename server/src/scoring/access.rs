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

use std::collections::BTreeMap;

use clearance_app::model::profile::{Address, Device, Login, ProfileDocument};

use super::dates::{instant, DAY_SECS};
use super::{Family, Finding, Input, Severity};

const HOUR_SECS: i64 = 60 * 60;

/// At most this many pieces of evidence per finding: a reviewer needs examples, not every login.
pub const MAX_EVIDENCE: usize = 16;

/// ACC-01: a shipping address more than this far from every verified address is elsewhere.
pub const ACC_01_MAX_SHIPPING_DISTANCE_KM: f64 = 50.0;
/// ACC-01: address kinds that forward parcels on (commercial mailbox, freight forwarder).
pub const ACC_01_FORWARDING_KINDS: &[&str] = &["cmra_mailbox", "freight_forwarder"];
/// ACC-01: stages at which a shipping address is supplied "after the offer".
pub const ACC_01_LATE_STAGES: &[&str] = &["offer", "onboarding", "post_hire"];

/// ACC-03: remote-access / RMM products (matched as case-insensitive substrings of the inventory
/// names, so `RealVNC Server` and `AnyDesk 8.0` match).
pub const ACC_03_RMM_DENY_LIST: &[&str] = &[
    "anydesk",
    "teamviewer",
    "chrome remote desktop",
    "rustdesk",
    "splashtop",
    "ammyy",
    "supremo",
    "ultraviewer",
    "vnc",
];
/// ACC-03: the Remote Desktop Protocol port (S1: "port 3389 in the router").
pub const ACC_03_RDP_PORT: u16 = 3389;

/// ACC-04: IP-KVM products, matched as case-insensitive substrings of USB product strings.
pub const ACC_04_IP_KVM_PRODUCTS: &[&str] =
    &["pikvm", "tinypilot", "jetkvm", "ip-kvm", "kvm over ip"];

/// ACC-05: faster than an airliner between two logins is impossible travel.
pub const ACC_05_MAX_SPEED_KMH: f64 = 900.0;
/// ACC-05 **[design]**: IP geolocation is city-level at best; two logins closer than this are not
/// evidence of travel however close in time (a phone and a laptop on different networks).
pub const ACC_05_GEO_NOISE_KM: f64 = 100.0;
/// ACC-05: two or more countries within this window.
pub const ACC_05_COUNTRY_WINDOW_SECS: i64 = DAY_SECS;

/// ACC-07: a session at least this long…
pub const ACC_07_MIN_SESSION_SECS: i64 = 24 * HOUR_SECS;
/// ACC-07: …with activity in at least this many distinct clock hours.
pub const ACC_07_MIN_ACTIVE_HOURS: u32 = 18;

/// ACC-08: the consumer VPN the sources cite again and again (high rather than medium).
pub const ACC_08_HIGH_RISK_VPN: &str = "astrill";

/// ACC-09: the window of logins looked at, ending now.
pub const ACC_09_WINDOW_SECS: i64 = 14 * DAY_SECS;
/// ACC-09: the median login further than this from the home address is elsewhere.
pub const ACC_09_MAX_MEDIAN_KM: f64 = 200.0;
/// ACC-09 **[design]**: fewer located logins than this say nothing about where someone lives.
pub const ACC_09_MIN_LOGINS: usize = 3;

/// ACC-10: more distinct repositories than this cloned within [`ACC_10_CLONE_WINDOW_SECS`].
pub const ACC_10_MAX_CLONED_REPOS: usize = 20;
/// ACC-10: the bulk-cloning window.
pub const ACC_10_CLONE_WINDOW_SECS: i64 = 48 * HOUR_SECS;

/// ACC-12: device types that are not a managed company laptop.
pub const ACC_12_UNMANAGED_TYPES: &[&str] = &["byod", "vdi"];

/// ACC-13: an alert this soon after delivery happened on (or near) first boot.
pub const ACC_13_WINDOW_SECS: i64 = 72 * HOUR_SECS;
/// ACC-13: EDR severities that count.
pub const ACC_13_SEVERITIES: &[&str] = &["high", "critical"];

const LAPTOP_SHIPPING: &str = "laptop_shipping";
const RESIDENTIAL: &str = "residential";
const ID_DOCUMENT: &str = "id_document";

/// Runs every single-profile ACC rule.
pub fn evaluate(input: &Input<'_>, out: &mut Vec<Finding>) {
    let profile = input.profile;
    acc_01_laptop_shipping_address(profile, out);
    acc_03_remote_access_software(profile, out);
    acc_04_ip_kvm_hardware(profile, out);
    acc_05_impossible_travel(profile, out);
    acc_07_continuous_sessions(profile, out);
    acc_08_vpn_or_proxy(profile, out);
    acc_09_away_from_residence(profile, input.now, out);
    acc_10_repository_exfiltration(profile, out);
    acc_11_unmanaged_session_without_mfa(profile, out);
    acc_12_unmanaged_device(profile, out);
    acc_13_edr_alert_after_delivery(profile, out);
}

/// ACC-01 (high): the laptop goes somewhere other than the verified home or ID address: more than
/// 50 km away (or, without coordinates, another city or country), to a mailbox or freight
/// forwarder, or to an address changed or first given after the offer.
fn acc_01_laptop_shipping_address(profile: &ProfileDocument, out: &mut Vec<Finding>) {
    let shipping = addresses_of(profile, &[LAPTOP_SHIPPING]);
    let verified = addresses_of(profile, &[RESIDENTIAL, ID_DOCUMENT]);
    let residential = addresses_of(profile, &[RESIDENTIAL]);
    let mut case = Case::default();

    for &(s, ship) in &shipping {
        if verified.is_empty()
            || !verified
                .iter()
                .all(|&(_, reference)| elsewhere(ship, reference))
        {
            continue;
        }
        let nearest = verified
            .iter()
            .filter_map(|&(r, reference)| {
                let km = haversine_km(address_point(ship)?, address_point(reference)?);
                Some((km, r, reference))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0));
        let (r, reference) = match (nearest, verified.first()) {
            (Some((km, r, reference)), _) => {
                case.reason(format!(
                    "Laptop shipping address is {} km from the verified {}",
                    thousands(km),
                    address_label(reference)
                ));
                (r, reference)
            }
            (None, Some(&(r, reference))) => {
                case.reason(format!(
                    "Laptop shipping address in {} is not the verified {} in {}",
                    place(ship),
                    address_label(reference),
                    place(reference)
                ));
                (r, reference)
            }
            (None, None) => continue,
        };
        case.evidence(format!("addresses[{s}]"), address_summary(ship));
        case.evidence(format!("addresses[{r}]"), address_summary(reference));
    }

    for &(s, ship) in &shipping {
        let Some(kind) = ship.address_kind.as_deref().map(str::trim) else {
            continue;
        };
        if one_of(kind, ACC_01_FORWARDING_KINDS) {
            let what = if kind.eq_ignore_ascii_case("cmra_mailbox") {
                "a commercial mailbox (CMRA)"
            } else {
                "a freight forwarder"
            };
            case.reason(format!(
                "Laptop shipping address is {what}: ship only to the verified home address"
            ));
            case.evidence(format!("addresses[{s}].address_kind"), kind);
        }
    }

    for (k, change) in profile.address_change_log.iter().enumerate() {
        if !is(change.address_type.as_deref(), LAPTOP_SHIPPING) {
            continue;
        }
        case.reason(
            "Laptop shipping address was changed: confirm the new address against the verified ID"
                .to_owned(),
        );
        case.evidence(format!("address_change_log[{k}].at"), change.at.trim());
        if let Some(reason) = non_empty(change.reason.as_deref()) {
            case.evidence(format!("address_change_log[{k}].reason"), reason);
        }
    }

    for &(s, ship) in &shipping {
        let Some(stage) = non_empty(ship.supplied_at_stage.as_deref()) else {
            continue;
        };
        let ship_key = address_key(ship);
        let differs = !residential.is_empty()
            && residential
                .iter()
                .all(|&(_, home)| address_key(home) != ship_key);
        if one_of(stage, ACC_01_LATE_STAGES) && differs {
            case.reason(
                "Laptop shipping address differing from the home address was given after the offer"
                    .to_owned(),
            );
            case.evidence(format!("addresses[{s}].supplied_at_stage"), stage);
            case.evidence(format!("addresses[{s}]"), address_summary(ship));
        }
    }

    out.extend(case.report("ACC-01", Severity::High, "S3; S5; S16", "addresses"));
}

/// ACC-03 (high): remote-access software from the deny-list, or RDP listening, on a device.
fn acc_03_remote_access_software(profile: &ProfileDocument, out: &mut Vec<Finding>) {
    let mut case = Case::default();
    for (d, device) in profile.devices.iter().enumerate() {
        for (t, tool) in device.installed_rmm_tools.iter().enumerate() {
            if contains_any(tool, ACC_03_RMM_DENY_LIST) {
                case.reason(format!(
                    "Remote-access software {} is installed on {}: confirm it is sanctioned or remove it",
                    tool.trim(),
                    device_label(device, d)
                ));
                case.evidence(
                    format!("devices[{d}].installed_rmm_tools[{t}]"),
                    tool.trim(),
                );
            }
        }
        for (p, port) in device.listening_ports.iter().enumerate() {
            if *port == ACC_03_RDP_PORT {
                case.reason(format!(
                    "Remote-desktop port {ACC_03_RDP_PORT} is open on {}: close it and find out who connects",
                    device_label(device, d)
                ));
                case.evidence(
                    format!("devices[{d}].listening_ports[{p}]"),
                    port.to_string(),
                );
            }
        }
    }
    out.extend(case.report("ACC-03", Severity::High, "S1; S3; S8; S11", "devices"));
}

/// ACC-04 (high): an IP-KVM (the laptop operated over the network by someone elsewhere).
fn acc_04_ip_kvm_hardware(profile: &ProfileDocument, out: &mut Vec<Finding>) {
    let mut case = Case::default();
    for (d, device) in profile.devices.iter().enumerate() {
        for (u, usb) in device.usb_devices_seen.iter().enumerate() {
            let Some(product) = non_empty(usb.product.as_deref()) else {
                continue;
            };
            if contains_any(product, ACC_04_IP_KVM_PRODUCTS) {
                case.reason(format!(
                    "IP-KVM hardware ({product}) was plugged into {}: someone may be operating it remotely",
                    device_label(device, d)
                ));
                case.evidence(
                    format!("devices[{d}].usb_devices_seen[{u}].product"),
                    product,
                );
            }
        }
    }
    out.extend(case.report("ACC-04", Severity::High, "S13; S9", "devices"));
}

/// ACC-05 (high): impossible travel between consecutive located logins (> 900 km/h), or two
/// countries within 24 hours; logins through the company's own egress do not count.
fn acc_05_impossible_travel(profile: &ProfileDocument, out: &mut Vec<Finding>) {
    let logins: Vec<(i64, usize, &Login)> = timed_logins(profile)
        .into_iter()
        .filter(|(_, _, login)| login.corporate_egress != Some(true))
        .collect();
    let mut case = Case::default();

    let located: Vec<(i64, usize, Point)> = logins
        .iter()
        .filter_map(|&(at, i, login)| Some((at, i, point(login.lat, login.lon)?)))
        .collect();
    let mut jumps = 0usize;
    let mut first_jump: Option<(f64, i64, f64)> = None;
    for pair in located.windows(2) {
        let [(t0, i0, p0), (t1, i1, p1)] = pair else {
            continue;
        };
        let km = haversine_km(*p0, *p1);
        // Valid points give a finite distance, so plain comparisons are safe here.
        if km <= ACC_05_GEO_NOISE_KM {
            continue;
        }
        let secs = t1.saturating_sub(*t0);
        let speed = if secs > 0 {
            km * HOUR_SECS as f64 / secs as f64
        } else {
            f64::INFINITY
        };
        if speed <= ACC_05_MAX_SPEED_KMH {
            continue;
        }
        jumps += 1;
        if first_jump.is_none() {
            first_jump = Some((km, secs, speed));
        }
        for i in [*i0, *i1] {
            if let Some(login) = profile.logins.get(i) {
                case.evidence(format!("logins[{i}]"), login_summary(login));
            }
        }
    }
    if let Some((km, secs, speed)) = first_jump {
        let when = if secs > 0 {
            format!("within {} ({} km/h)", gap(secs), thousands(speed))
        } else {
            "at the same moment".to_owned()
        };
        case.reason(if jumps == 1 {
            format!(
                "Impossible travel: logins {} km apart {when}; confirm who is signing in",
                thousands(km)
            )
        } else {
            format!(
                "Impossible travel between {jumps} pairs of logins, e.g. {} km apart {when}; confirm who is signing in",
                thousands(km)
            )
        });
    }

    let with_country: Vec<(i64, usize, String)> = logins
        .iter()
        .filter_map(|&(at, i, login)| Some((at, i, code(login.ip_country.as_deref())?)))
        .collect();
    // Two countries within 24 h anywhere implies two time-adjacent logins with different
    // countries within 24 h, so adjacent pairs are enough.
    let mut switches = 0usize;
    let mut first_switch: Option<(&str, &str)> = None;
    for pair in with_country.windows(2) {
        let [(t0, i0, c0), (t1, i1, c1)] = pair else {
            continue;
        };
        if c0 == c1 || t1.saturating_sub(*t0) > ACC_05_COUNTRY_WINDOW_SECS {
            continue;
        }
        switches += 1;
        if first_switch.is_none() {
            first_switch = Some((c0.as_str(), c1.as_str()));
        }
        for (i, country) in [(*i0, c0), (*i1, c1)] {
            if let Some(login) = profile.logins.get(i) {
                case.evidence(format!("logins[{i}].ts"), login.ts.trim());
            }
            case.evidence(format!("logins[{i}].ip_country"), country.as_str());
        }
    }
    if let Some((from, to)) = first_switch {
        case.reason(if switches == 1 {
            format!("Logins from {from} and {to} within 24 hours: confirm who is signing in")
        } else {
            format!(
                "Logins changed country {switches} times within 24 hours of each other, e.g. {from} to {to}: confirm who is signing in"
            )
        });
    }

    out.extend(case.report("ACC-05", Severity::High, "S1; S4", "logins"));
}

/// ACC-07 (medium): a session signed in for a day or more and active through most of it.
fn acc_07_continuous_sessions(profile: &ProfileDocument, out: &mut Vec<Finding>) {
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
fn acc_08_vpn_or_proxy(profile: &ProfileDocument, out: &mut Vec<Finding>) {
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

/// ACC-09 (high): over the last 14 days the median located login is more than 200 km from the
/// home address (the `residential` address's coordinates: the claimed residence has none), or a
/// device checked in from a country other than the claimed residence.
fn acc_09_away_from_residence(profile: &ProfileDocument, now: i64, out: &mut Vec<Finding>) {
    let mut case = Case::default();

    let home = addresses_of(profile, &[RESIDENTIAL])
        .into_iter()
        .find_map(|(r, address)| Some((r, address, address_point(address)?)));
    if let Some((r, address, home_point)) = home {
        let since = now.saturating_sub(ACC_09_WINDOW_SECS);
        let recent: Vec<(usize, f64)> = timed_logins(profile)
            .into_iter()
            .filter(|(at, _, login)| {
                (since..=now).contains(at) && login.corporate_egress != Some(true)
            })
            .filter_map(|(_, i, login)| {
                Some((i, haversine_km(home_point, point(login.lat, login.lon)?)))
            })
            .collect();
        let mut distances: Vec<f64> = recent.iter().map(|&(_, km)| km).collect();
        let far = if recent.len() >= ACC_09_MIN_LOGINS {
            median(&mut distances)
        } else {
            None
        };
        if let Some(km) = far.filter(|km| *km > ACC_09_MAX_MEDIAN_KM) {
            case.reason(format!(
                "Logins over the last 14 days are a median {} km from the home address: ask where the person works from",
                thousands(km)
            ));
            case.evidence(format!("addresses[{r}]"), address_summary(address));
            for (i, km) in recent {
                if let Some(login) = profile.logins.get(i) {
                    case.evidence(
                        format!("logins[{i}]"),
                        format!("{} ({} km from home)", login_summary(login), thousands(km)),
                    );
                }
            }
        }
    }

    if let Some(claimed) = code(profile.identity.claimed_residence.country.as_deref()) {
        for (d, device) in profile.devices.iter().enumerate() {
            for (c, checkin) in device.geolocation_checkins.iter().enumerate() {
                let Some(country) = code(checkin.country.as_deref()) else {
                    continue;
                };
                if country != claimed {
                    case.reason(format!(
                        "{} checked in from {country}, not the claimed residence country {claimed}",
                        capitalised(&device_label(device, d))
                    ));
                    case.evidence(
                        format!("devices[{d}].geolocation_checkins[{c}].country"),
                        country,
                    );
                }
            }
        }
    }

    out.extend(case.report("ACC-09", Severity::High, "S1", "logins"));
}

/// ACC-10 (critical): a push to a remote outside the organisation, or more than 20 distinct
/// repositories cloned within 48 hours.
fn acc_10_repository_exfiltration(profile: &ProfileDocument, out: &mut Vec<Finding>) {
    let mut case = Case::default();

    for (i, event) in profile.repo_events.iter().enumerate() {
        if event.external_remote && event.action.trim().eq_ignore_ascii_case("push") {
            let remote = non_empty(event.remote_url.as_deref()).unwrap_or("an external remote");
            case.reason(format!(
                "Code from {} was pushed to {remote}: check what left the organisation",
                non_empty(Some(event.repo.as_str())).unwrap_or("a repository")
            ));
            case.evidence(format!("repo_events[{i}].repo"), event.repo.trim());
            if let Some(url) = non_empty(event.remote_url.as_deref()) {
                case.evidence(format!("repo_events[{i}].remote_url"), url);
            }
        }
    }

    let mut clones: Vec<(i64, usize, String)> = profile
        .repo_events
        .iter()
        .enumerate()
        .filter(|(_, event)| event.action.trim().eq_ignore_ascii_case("clone"))
        .filter_map(|(i, event)| {
            let repo = non_empty(Some(event.repo.as_str()))?.to_lowercase();
            Some((instant(&event.ts)?, i, repo))
        })
        .collect();
    clones.sort();
    // Sliding window over time: distinct repositories cloned within 48 h of each other.
    let mut in_window: BTreeMap<&str, usize> = BTreeMap::new();
    let mut left = 0usize;
    let mut widest: Option<(usize, usize, usize)> = None;
    for (right, (t_right, _, repo)) in clones.iter().enumerate() {
        *in_window.entry(repo.as_str()).or_insert(0) += 1;
        while let Some((t_left, _, old)) = clones.get(left) {
            if t_right.saturating_sub(*t_left) <= ACC_10_CLONE_WINDOW_SECS {
                break;
            }
            let emptied = match in_window.get_mut(old.as_str()) {
                Some(n) => {
                    *n = n.saturating_sub(1);
                    *n == 0
                }
                None => false,
            };
            if emptied {
                in_window.remove(old.as_str());
            }
            left += 1;
        }
        let distinct = in_window.len();
        if distinct > ACC_10_MAX_CLONED_REPOS && widest.is_none_or(|(most, _, _)| distinct > most) {
            widest = Some((distinct, left, right));
        }
    }
    if let Some((distinct, from, to)) = widest {
        case.reason(format!(
            "{distinct} repositories were cloned within 48 hours: check the assignment and where the code went"
        ));
        for (_, i, _) in clones.get(from..=to).unwrap_or_default() {
            if let Some(event) = profile.repo_events.get(*i) {
                case.evidence(format!("repo_events[{i}].repo"), event.repo.trim());
            }
        }
    }

    out.extend(case.report("ACC-10", Severity::Critical, "S4", "repo_events"));
}

/// ACC-11 (high): once work has started on a managed device, a session from an unmanaged device
/// without fresh MFA (a copied session cookie or token).
fn acc_11_unmanaged_session_without_mfa(profile: &ProfileDocument, out: &mut Vec<Finding>) {
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

/// ACC-12 (medium): work on a personal (BYOD) or VDI-only device, or a device outside MDM.
fn acc_12_unmanaged_device(profile: &ProfileDocument, out: &mut Vec<Finding>) {
    let mut case = Case::default();
    for (d, device) in profile.devices.iter().enumerate() {
        if let Some(kind) = non_empty(device.device_type.as_deref()) {
            if one_of(kind, ACC_12_UNMANAGED_TYPES) {
                let what = if kind.eq_ignore_ascii_case("vdi") {
                    "only a VDI session"
                } else {
                    "a personal (BYOD) device"
                };
                case.reason(format!(
                    "Work is done on {what}, not a managed company laptop: ask why"
                ));
                case.evidence(format!("devices[{d}].type"), kind);
            }
        }
        if device.mdm_enrolled == Some(false) {
            case.reason(format!(
                "{} is not enrolled in device management (MDM): enrol it or find out why not",
                capitalised(&device_label(device, d))
            ));
            case.evidence(format!("devices[{d}].mdm_enrolled"), "false");
        }
    }
    out.extend(case.report("ACC-12", Severity::Medium, "S13", "devices"));
}

/// ACC-13 (critical): a high or critical EDR alert within 72 hours after the device was delivered.
fn acc_13_edr_alert_after_delivery(profile: &ProfileDocument, out: &mut Vec<Finding>) {
    let mut case = Case::default();
    for (d, device) in profile.devices.iter().enumerate() {
        let Some(delivered) = device.delivered_at.as_deref().and_then(instant) else {
            continue;
        };
        for (a, alert) in device.edr_alerts.iter().enumerate() {
            let Some(severity) = non_empty(alert.severity.as_deref()) else {
                continue;
            };
            let Some(at) = alert.at.as_deref().and_then(instant) else {
                continue;
            };
            let after = at.saturating_sub(delivered);
            if !one_of(severity, ACC_13_SEVERITIES) || !(0..=ACC_13_WINDOW_SECS).contains(&after) {
                continue;
            }
            let what = match non_empty(alert.title.as_deref()) {
                Some(title) => format!(" \"{title}\""),
                None => String::new(),
            };
            case.reason(format!(
                "{}-severity EDR alert{what} {} after {} was delivered: isolate it and investigate",
                capitalised(&severity.to_lowercase()),
                gap(after),
                device_label(device, d)
            ));
            if let Some(text) = non_empty(device.delivered_at.as_deref()) {
                case.evidence(format!("devices[{d}].delivered_at"), text);
            }
            case.evidence(format!("devices[{d}].edr_alerts[{a}].severity"), severity);
            if let Some(text) = non_empty(alert.at.as_deref()) {
                case.evidence(format!("devices[{d}].edr_alerts[{a}].at"), text);
            }
            if let Some(title) = non_empty(alert.title.as_deref()) {
                case.evidence(format!("devices[{d}].edr_alerts[{a}].title"), title);
            }
        }
    }
    out.extend(case.report("ACC-13", Severity::Critical, "S16", "devices"));
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

/// A validated coordinate in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Point {
    lat: f64,
    lon: f64,
}

/// Both parts present, finite and in range; (0, 0) is how geolocation services say "unknown".
fn point(lat: Option<f64>, lon: Option<f64>) -> Option<Point> {
    let (lat, lon) = (lat?, lon?);
    let valid = lat.is_finite()
        && lon.is_finite()
        && lat.abs() <= 90.0
        && lon.abs() <= 180.0
        && (lat != 0.0 || lon != 0.0);
    valid.then_some(Point { lat, lon })
}

fn address_point(address: &Address) -> Option<Point> {
    point(address.lat, address.lon)
}

/// Mean Earth radius (IUGG), km.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance in km (haversine).
fn haversine_km(a: Point, b: Point) -> f64 {
    let (lat1, lat2) = (a.lat.to_radians(), b.lat.to_radians());
    let d_lat = (b.lat - a.lat).to_radians();
    let d_lon = (b.lon - a.lon).to_radians();
    let h = (d_lat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (d_lon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().clamp(0.0, 1.0).asin()
}

/// The median of finite values (NaN-safe ordering), `None` when empty.
fn median(values: &mut [f64]) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.is_empty() {
        None
    } else if values.len() % 2 == 1 {
        values.get(mid).copied()
    } else {
        Some((values.get(mid.checked_sub(1)?)? + values.get(mid)?) / 2.0)
    }
}

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

/// The addresses of these types, with their index in the document.
fn addresses_of<'a>(profile: &'a ProfileDocument, types: &[&str]) -> Vec<(usize, &'a Address)> {
    profile
        .addresses
        .iter()
        .enumerate()
        .filter(|(_, address)| one_of(address.address_type.trim(), types))
        .collect()
}

/// ACC-01: lowercase alphanumerics of line 1, line 2, postal code and country.
fn address_key(address: &Address) -> String {
    let mut text = address.line1.clone();
    for part in [
        address.line2.as_deref(),
        address.postal_code.as_deref(),
        address.country.as_deref(),
    ]
    .into_iter()
    .flatten()
    {
        text.push(' ');
        text.push_str(part);
    }
    key(&text)
}

/// ACC-01: `ship` is elsewhere than `reference`: another address (normalised) and more than 50 km
/// away, or, without coordinates for both, in another city or country.
fn elsewhere(ship: &Address, reference: &Address) -> bool {
    if address_key(ship) == address_key(reference) {
        return false;
    }
    match (address_point(ship), address_point(reference)) {
        (Some(a), Some(b)) => haversine_km(a, b) > ACC_01_MAX_SHIPPING_DISTANCE_KM,
        _ => {
            known_and_different(ship.city.as_deref(), reference.city.as_deref())
                || known_and_different(ship.country.as_deref(), reference.country.as_deref())
        }
    }
}

/// Both values known and different after normalisation (an unknown proves nothing).
fn known_and_different(a: Option<&str>, b: Option<&str>) -> bool {
    match (a.map(key), b.map(key)) {
        (Some(a), Some(b)) => !a.is_empty() && !b.is_empty() && a != b,
        _ => false,
    }
}

fn address_label(address: &Address) -> &'static str {
    if address
        .address_type
        .trim()
        .eq_ignore_ascii_case(ID_DOCUMENT)
    {
        "ID-document address"
    } else {
        "home address"
    }
}

fn address_summary(address: &Address) -> String {
    [
        Some(address.line1.as_str()),
        address.line2.as_deref(),
        address.city.as_deref(),
        address.region.as_deref(),
        address.postal_code.as_deref(),
        address.country.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(str::trim)
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(", ")
}

/// City and country for a title.
fn place(address: &Address) -> String {
    let parts: Vec<&str> = [address.city.as_deref(), address.country.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect();
    if parts.is_empty() {
        "an unknown place".to_owned()
    } else {
        parts.join(", ")
    }
}

fn login_summary(login: &Login) -> String {
    let mut text = login.ts.trim().to_owned();
    if let Some(country) = non_empty(login.ip_country.as_deref()) {
        text.push_str(" from ");
        text.push_str(country);
    }
    if let Some(p) = point(login.lat, login.lon) {
        text.push_str(&format!(" at {:.2}, {:.2}", p.lat, p.lon));
    }
    text
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

/// Lowercase alphanumerics only.
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A trimmed, upper-cased country code, `None` when absent or blank.
fn code(value: Option<&str>) -> Option<String> {
    non_empty(value).map(str::to_uppercase)
}

/// The trimmed value, `None` when absent or blank.
fn non_empty(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|text| !text.is_empty())
}

/// The value equals `expected`, ignoring case and surrounding blanks.
fn is(value: Option<&str>, expected: &str) -> bool {
    value.is_some_and(|text| text.trim().eq_ignore_ascii_case(expected))
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

/// "1 login", "3 logins".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
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
    use super::*;
    use clearance_app::model::profile::{
        AddressChange, EdrAlert, GeoCheckin, RepoEvent, UsbDevice,
    };

    const NEW_YORK: (f64, f64) = (40.7128, -74.0060);
    const BROOKLYN: (f64, f64) = (40.6782, -73.9442);
    const CHICAGO: (f64, f64) = (41.8781, -87.6298);
    const LONDON: (f64, f64) = (51.5074, -0.1278);
    const PARIS: (f64, f64) = (48.8566, 2.3522);
    const LAGOS: (f64, f64) = (6.5244, 3.3792);

    fn now() -> i64 {
        instant("2026-11-21T12:00:00Z").unwrap()
    }

    fn run(profile: &ProfileDocument) -> Vec<Finding> {
        let mut out = Vec::new();
        evaluate(
            &Input {
                profile,
                now: now(),
            },
            &mut out,
        );
        out
    }

    fn finding(profile: &ProfileDocument, id: &str) -> Option<Finding> {
        let found: Vec<Finding> = run(profile)
            .into_iter()
            .filter(|f| f.indicator == id)
            .collect();
        assert!(found.len() <= 1, "one finding per indicator: {found:?}");
        found.into_iter().next()
    }

    fn address(kind: &str, line1: &str, city: &str, at: Option<(f64, f64)>) -> Address {
        Address {
            address_type: kind.into(),
            line1: line1.into(),
            city: Some(city.into()),
            postal_code: Some("10001".into()),
            country: Some("US".into()),
            lat: at.map(|p| p.0),
            lon: at.map(|p| p.1),
            ..Default::default()
        }
    }

    fn with_addresses(addresses: Vec<Address>) -> ProfileDocument {
        ProfileDocument {
            addresses,
            ..Default::default()
        }
    }

    fn login(ts: &str) -> Login {
        Login {
            ts: ts.into(),
            ..Default::default()
        }
    }

    fn located(ts: &str, at: (f64, f64)) -> Login {
        Login {
            lat: Some(at.0),
            lon: Some(at.1),
            ..login(ts)
        }
    }

    fn with_logins(logins: Vec<Login>) -> ProfileDocument {
        ProfileDocument {
            logins,
            ..Default::default()
        }
    }

    fn with_device(device: Device) -> ProfileDocument {
        ProfileDocument {
            devices: vec![device],
            ..Default::default()
        }
    }

    fn point_of(at: (f64, f64)) -> Point {
        point(Some(at.0), Some(at.1)).unwrap()
    }

    #[test]
    fn an_empty_profile_gives_no_findings() {
        assert!(run(&ProfileDocument::default()).is_empty());
    }

    #[test]
    fn haversine_puts_london_about_344_km_from_paris() {
        let km = haversine_km(point_of(LONDON), point_of(PARIS));
        assert!((km - 344.0).abs() <= 10.0, "{km}");
        assert_eq!(haversine_km(point_of(PARIS), point_of(PARIS)), 0.0);
        let back = haversine_km(point_of(PARIS), point_of(LONDON));
        assert!((km - back).abs() < 1e-9);
    }

    #[test]
    fn impossible_coordinates_are_not_points() {
        assert_eq!(point(Some(f64::NAN), Some(1.0)), None);
        assert_eq!(point(Some(91.0), Some(1.0)), None);
        assert_eq!(point(Some(0.0), Some(0.0)), None);
        assert_eq!(point(None, Some(1.0)), None);
    }

    #[test]
    fn numbers_in_titles_have_thousands_separators() {
        assert_eq!(thousands(1199.6), "1,200");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(1_234_567.0), "1,234,567");
        assert_eq!(thousands(f64::INFINITY), "?");
    }

    #[test]
    fn the_median_handles_odd_even_and_empty_lists() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&mut Vec::<f64>::new()), None);
    }

    #[test]
    fn nan_coordinates_everywhere_do_not_panic() {
        let mut profile = with_logins(vec![
            located("2026-11-20T10:00:00Z", (f64::NAN, f64::NAN)),
            located("2026-11-20T11:00:00Z", (f64::INFINITY, 1.0)),
            located("not a date", LONDON),
        ]);
        profile.addresses = vec![
            address(
                "residential",
                "1 Main St",
                "New York",
                Some((f64::NAN, 0.0)),
            ),
            address(
                "laptop_shipping",
                "9 Elm St",
                "Chicago",
                Some((f64::NAN, f64::NAN)),
            ),
        ];
        assert!(run(&profile).iter().all(|f| f.indicator != "ACC-05"));
    }

    // ACC-01

    #[test]
    fn acc_01_a_laptop_shipped_to_another_city_is_flagged_with_the_distance() {
        let profile = with_addresses(vec![
            address("residential", "1 Main St", "New York", Some(NEW_YORK)),
            address("laptop_shipping", "9 Elm St", "Chicago", Some(CHICAGO)),
        ]);
        let f = finding(&profile, "ACC-01").unwrap();
        assert_eq!(f.severity, Severity::High);
        assert_eq!(f.family, Family::Access);
        assert!(
            f.title.contains("km from the verified home address"),
            "{}",
            f.title
        );
        assert!(f.title.contains("1,1"), "{}", f.title);
        assert!(f.evidence.iter().any(|e| e.field == "addresses[1]"));
    }

    #[test]
    fn acc_01_without_coordinates_another_city_is_flagged() {
        let profile = with_addresses(vec![
            address("id_document", "1 Main St", "Austin", None),
            address("laptop_shipping", "9 Elm St", "Dover", None),
        ]);
        let f = finding(&profile, "ACC-01").unwrap();
        assert!(f.title.contains("Dover"), "{}", f.title);
        assert!(f.title.contains("ID-document address"), "{}", f.title);
    }

    #[test]
    fn acc_01_the_home_address_written_differently_is_not_flagged() {
        let profile = with_addresses(vec![
            address("residential", "1 Main St.", "New York", Some(NEW_YORK)),
            address("laptop_shipping", "1 MAIN ST", "new york", None),
        ]);
        assert_eq!(finding(&profile, "ACC-01"), None);
    }

    #[test]
    fn acc_01_another_address_within_50_km_is_not_flagged() {
        let profile = with_addresses(vec![
            address("residential", "1 Main St", "New York", Some(NEW_YORK)),
            address("laptop_shipping", "5 Court St", "Brooklyn", Some(BROOKLYN)),
        ]);
        assert_eq!(finding(&profile, "ACC-01"), None);
    }

    #[test]
    fn acc_01_matching_either_verified_address_is_enough() {
        let profile = with_addresses(vec![
            address("id_document", "7 Old Rd", "Chicago", Some(CHICAGO)),
            address("residential", "1 Main St", "New York", Some(NEW_YORK)),
            address("laptop_shipping", "1 Main St", "New York", Some(NEW_YORK)),
        ]);
        assert_eq!(finding(&profile, "ACC-01"), None);
    }

    #[test]
    fn acc_01_a_freight_forwarder_is_flagged() {
        let mut ship = address("laptop_shipping", "1 Main St", "New York", Some(NEW_YORK));
        ship.address_kind = Some("freight_forwarder".into());
        let profile = with_addresses(vec![ship]);
        let f = finding(&profile, "ACC-01").unwrap();
        assert!(f.title.contains("freight forwarder"), "{}", f.title);
        assert!(f
            .evidence
            .iter()
            .any(|e| e.field == "addresses[0].address_kind"));
    }

    #[test]
    fn acc_01_a_changed_shipping_address_is_flagged() {
        let profile = ProfileDocument {
            address_change_log: vec![AddressChange {
                at: "2026-11-02".into(),
                address_type: Some("laptop_shipping".into()),
                reason: Some("staying with a cousin".into()),
            }],
            ..Default::default()
        };
        let f = finding(&profile, "ACC-01").unwrap();
        assert!(f
            .evidence
            .iter()
            .any(|e| e.field == "address_change_log[0].at"));
    }

    #[test]
    fn acc_01_a_change_to_another_address_type_is_not() {
        let profile = ProfileDocument {
            address_change_log: vec![AddressChange {
                at: "2026-11-02".into(),
                address_type: Some("mailing".into()),
                reason: None,
            }],
            ..Default::default()
        };
        assert_eq!(finding(&profile, "ACC-01"), None);
    }

    #[test]
    fn acc_01_a_different_address_given_after_the_offer_is_flagged() {
        let mut ship = address("laptop_shipping", "3 Side St", "New York", Some(BROOKLYN));
        ship.supplied_at_stage = Some("post_hire".into());
        let profile = with_addresses(vec![
            address("residential", "1 Main St", "New York", Some(NEW_YORK)),
            ship,
        ]);
        let f = finding(&profile, "ACC-01").unwrap();
        assert!(f.title.contains("after the offer"), "{}", f.title);
        assert!(f
            .evidence
            .iter()
            .any(|e| e.field == "addresses[1].supplied_at_stage"));
    }

    #[test]
    fn acc_01_the_home_address_given_at_onboarding_is_not() {
        let mut ship = address("laptop_shipping", "1 Main St", "New York", Some(NEW_YORK));
        ship.supplied_at_stage = Some("onboarding".into());
        let profile = with_addresses(vec![
            address("residential", "1 Main St", "New York", Some(NEW_YORK)),
            ship,
        ]);
        assert_eq!(finding(&profile, "ACC-01"), None);
    }

    // ACC-03

    #[test]
    fn acc_03_anydesk_on_the_laptop_is_flagged() {
        let profile = with_device(Device {
            device_id: Some("LT-7".into()),
            installed_rmm_tools: vec!["Slack".into(), "AnyDesk 8.0".into()],
            ..Default::default()
        });
        let f = finding(&profile, "ACC-03").unwrap();
        assert_eq!(f.severity, Severity::High);
        assert!(
            f.title.contains("AnyDesk 8.0") && f.title.contains("LT-7"),
            "{}",
            f.title
        );
        assert_eq!(f.evidence[0].field, "devices[0].installed_rmm_tools[1]");
    }

    #[test]
    fn acc_03_rdp_listening_is_flagged() {
        let profile = with_device(Device {
            listening_ports: vec![22, 3389],
            ..Default::default()
        });
        let f = finding(&profile, "ACC-03").unwrap();
        assert_eq!(f.evidence[0].field, "devices[0].listening_ports[1]");
        assert_eq!(f.evidence[0].value, "3389");
    }

    #[test]
    fn acc_03_an_ordinary_device_is_not() {
        let profile = with_device(Device {
            installed_rmm_tools: vec!["Slack".into(), "Zoom".into()],
            listening_ports: vec![22, 443],
            ..Default::default()
        });
        assert_eq!(finding(&profile, "ACC-03"), None);
    }

    // ACC-04

    #[test]
    fn acc_04_a_pikvm_is_flagged() {
        let profile = with_device(Device {
            usb_devices_seen: vec![UsbDevice {
                product: Some("PiKVM Composite HID".into()),
                ..Default::default()
            }],
            ..Default::default()
        });
        let f = finding(&profile, "ACC-04").unwrap();
        assert_eq!(f.severity, Severity::High);
        assert_eq!(
            f.evidence[0].field,
            "devices[0].usb_devices_seen[0].product"
        );
    }

    #[test]
    fn acc_04_an_ordinary_keyboard_is_not() {
        let profile = with_device(Device {
            usb_devices_seen: vec![UsbDevice {
                product: Some("Logitech USB Keyboard".into()),
                ..Default::default()
            }],
            ..Default::default()
        });
        assert_eq!(finding(&profile, "ACC-04"), None);
    }

    // ACC-05

    #[test]
    fn acc_05_new_york_then_london_an_hour_later_is_impossible_travel() {
        let profile = with_logins(vec![
            located("2026-11-20T11:00:00Z", LONDON),
            located("2026-11-20T10:00:00Z", NEW_YORK),
        ]);
        let f = finding(&profile, "ACC-05").unwrap();
        assert_eq!(f.severity, Severity::High);
        assert!(f.title.starts_with("Impossible travel"), "{}", f.title);
        assert_eq!(f.evidence[0].field, "logins[1]");
        assert_eq!(f.evidence[1].field, "logins[0]");
    }

    #[test]
    fn acc_05_two_countries_within_a_day_are_flagged() {
        let mut first = login("2026-11-20T08:00:00Z");
        first.ip_country = Some("us".into());
        let mut second = login("2026-11-20T11:00:00Z");
        second.ip_country = Some("NL".into());
        let f = finding(&with_logins(vec![first, second]), "ACC-05").unwrap();
        assert!(f.title.contains("US and NL"), "{}", f.title);
        assert!(f
            .evidence
            .iter()
            .any(|e| e.field == "logins[1].ip_country" && e.value == "NL"));
    }

    #[test]
    fn acc_05_logins_from_one_city_are_not() {
        let profile = with_logins(vec![
            located("2026-11-20T10:00:00Z", NEW_YORK),
            located("2026-11-20T10:05:00Z", BROOKLYN),
            located("2026-11-21T10:00:00Z", NEW_YORK),
        ]);
        assert_eq!(finding(&profile, "ACC-05"), None);
    }

    #[test]
    fn acc_05_the_company_egress_and_countries_days_apart_are_not() {
        let mut office = located("2026-11-20T11:00:00Z", LONDON);
        office.corporate_egress = Some(true);
        office.ip_country = Some("GB".into());
        let mut home = located("2026-11-20T10:00:00Z", NEW_YORK);
        home.ip_country = Some("US".into());
        let mut trip = login("2026-11-23T10:00:00Z");
        trip.ip_country = Some("FR".into());
        assert_eq!(
            finding(&with_logins(vec![home, office, trip]), "ACC-05"),
            None
        );
    }

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

    // ACC-09

    fn home_in_new_york(logins: Vec<Login>) -> ProfileDocument {
        let mut profile = with_logins(logins);
        profile.addresses = vec![address(
            "residential",
            "1 Main St",
            "New York",
            Some(NEW_YORK),
        )];
        profile
    }

    #[test]
    fn acc_09_recent_logins_from_another_continent_are_flagged() {
        let profile = home_in_new_york(vec![
            located("2026-11-15T10:00:00Z", LAGOS),
            located("2026-11-16T10:00:00Z", LAGOS),
            located("2026-11-17T10:00:00Z", NEW_YORK),
            located("2026-11-18T10:00:00Z", LAGOS),
        ]);
        let f = finding(&profile, "ACC-09").unwrap();
        assert_eq!(f.severity, Severity::High);
        assert!(f.title.contains("median"), "{}", f.title);
        assert_eq!(f.evidence[0].field, "addresses[0]");
    }

    #[test]
    fn acc_09_logins_near_home_or_older_than_two_weeks_are_not() {
        let profile = home_in_new_york(vec![
            located("2026-10-01T10:00:00Z", LAGOS),
            located("2026-10-02T10:00:00Z", LAGOS),
            located("2026-10-03T10:00:00Z", LAGOS),
            located("2026-11-15T10:00:00Z", NEW_YORK),
            located("2026-11-16T10:00:00Z", BROOKLYN),
            located("2026-11-17T10:00:00Z", LAGOS),
        ]);
        assert_eq!(finding(&profile, "ACC-09"), None);
    }

    #[test]
    fn acc_09_a_check_in_from_another_country_is_flagged() {
        let mut profile = with_device(Device {
            device_id: Some("LT-7".into()),
            geolocation_checkins: vec![
                GeoCheckin {
                    country: Some("US".into()),
                    ..Default::default()
                },
                GeoCheckin {
                    country: Some("cn".into()),
                    ..Default::default()
                },
            ],
            ..Default::default()
        });
        profile.identity.claimed_residence.country = Some("US".into());
        let f = finding(&profile, "ACC-09").unwrap();
        assert!(
            f.title.contains("CN") && f.title.contains("Device LT-7"),
            "{}",
            f.title
        );
        assert_eq!(
            f.evidence[0].field,
            "devices[0].geolocation_checkins[1].country"
        );
    }

    #[test]
    fn acc_09_check_ins_from_the_claimed_country_are_not() {
        let mut profile = with_device(Device {
            geolocation_checkins: vec![GeoCheckin {
                country: Some("us".into()),
                ..Default::default()
            }],
            ..Default::default()
        });
        profile.identity.claimed_residence.country = Some("US".into());
        assert_eq!(finding(&profile, "ACC-09"), None);
    }

    // ACC-10

    fn clones(n: usize, hours_apart: usize) -> Vec<RepoEvent> {
        let start = instant("2026-11-10T00:00:00Z").unwrap();
        (0..n)
            .map(|i| {
                let at = start + (i * hours_apart) as i64 * 3600;
                let ts = time::OffsetDateTime::from_unix_timestamp(at)
                    .unwrap()
                    .format(&time::format_description::well_known::Rfc3339)
                    .unwrap();
                RepoEvent {
                    ts,
                    repo: format!("org/service-{i}"),
                    action: "clone".into(),
                    ..Default::default()
                }
            })
            .collect()
    }

    #[test]
    fn acc_10_a_push_to_a_personal_remote_is_critical() {
        let profile = ProfileDocument {
            repo_events: vec![RepoEvent {
                ts: "2026-11-20T10:00:00Z".into(),
                repo: "org/payments".into(),
                action: "push".into(),
                remote_url: Some("https://github.com/someone/payments".into()),
                external_remote: true,
            }],
            ..Default::default()
        };
        let f = finding(&profile, "ACC-10").unwrap();
        assert_eq!(f.severity, Severity::Critical);
        assert!(
            f.title.contains("github.com/someone/payments"),
            "{}",
            f.title
        );
    }

    #[test]
    fn acc_10_twenty_one_repositories_cloned_in_a_day_are_flagged() {
        let profile = ProfileDocument {
            repo_events: clones(21, 1),
            ..Default::default()
        };
        let f = finding(&profile, "ACC-10").unwrap();
        assert!(f.title.starts_with("21 repositories"), "{}", f.title);
    }

    #[test]
    fn acc_10_twenty_clones_or_clones_spread_over_days_are_not() {
        let twenty = ProfileDocument {
            repo_events: clones(20, 1),
            ..Default::default()
        };
        assert_eq!(finding(&twenty, "ACC-10"), None);
        let spread = ProfileDocument {
            repo_events: clones(30, 6),
            ..Default::default()
        };
        assert_eq!(finding(&spread, "ACC-10"), None);
    }

    #[test]
    fn acc_10_a_push_to_the_organisation_is_not() {
        let profile = ProfileDocument {
            repo_events: vec![RepoEvent {
                ts: "2026-11-20T10:00:00Z".into(),
                repo: "org/payments".into(),
                action: "push".into(),
                remote_url: Some("https://github.com/org/payments".into()),
                external_remote: false,
            }],
            ..Default::default()
        };
        assert_eq!(finding(&profile, "ACC-10"), None);
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

    // ACC-12

    #[test]
    fn acc_12_a_personal_device_is_flagged() {
        let profile = with_device(Device {
            device_type: Some("BYOD".into()),
            ..Default::default()
        });
        let f = finding(&profile, "ACC-12").unwrap();
        assert_eq!(f.severity, Severity::Medium);
        assert_eq!(f.evidence[0].field, "devices[0].type");
    }

    #[test]
    fn acc_12_a_device_outside_mdm_is_flagged() {
        let profile = with_device(Device {
            device_type: Some("corporate".into()),
            mdm_enrolled: Some(false),
            ..Default::default()
        });
        let f = finding(&profile, "ACC-12").unwrap();
        assert_eq!(f.evidence[0].field, "devices[0].mdm_enrolled");
    }

    #[test]
    fn acc_12_an_enrolled_company_laptop_is_not() {
        let profile = with_device(Device {
            device_type: Some("corporate".into()),
            mdm_enrolled: Some(true),
            ..Default::default()
        });
        assert_eq!(finding(&profile, "ACC-12"), None);
    }

    // ACC-13

    fn delivered_with(alert_at: &str, severity: &str) -> ProfileDocument {
        with_device(Device {
            device_id: Some("LT-7".into()),
            delivered_at: Some("2026-11-01T10:00:00Z".into()),
            edr_alerts: vec![EdrAlert {
                at: Some(alert_at.into()),
                severity: Some(severity.into()),
                title: Some("Infostealer detected".into()),
            }],
            ..Default::default()
        })
    }

    #[test]
    fn acc_13_a_high_alert_hours_after_delivery_is_critical() {
        let f = finding(&delivered_with("2026-11-01T15:00:00Z", "High"), "ACC-13").unwrap();
        assert_eq!(f.severity, Severity::Critical);
        assert!(
            f.title.starts_with("High-severity EDR alert"),
            "{}",
            f.title
        );
        assert!(f.title.contains("5.0 h"), "{}", f.title);
    }

    #[test]
    fn acc_13_a_late_or_low_alert_is_not() {
        assert_eq!(
            finding(
                &delivered_with("2026-11-06T15:00:00Z", "critical"),
                "ACC-13"
            ),
            None
        );
        assert_eq!(
            finding(&delivered_with("2026-11-01T15:00:00Z", "low"), "ACC-13"),
            None
        );
        assert_eq!(
            finding(&delivered_with("2026-10-31T15:00:00Z", "high"), "ACC-13"),
            None
        );
    }
}
