//! Where the account is used from (ACC-05, ACC-09): impossible travel between logins, and
//! logins or device check-ins away from the claimed residence.

use clearance_app::model::profile::{Login, ProfileDocument};

use crate::scoring::dates::DAY_SECS;
use crate::scoring::{Finding, Severity};

use super::addresses::{address_summary, addresses_of, RESIDENTIAL};
use super::geo::{address_point, haversine_km, median, point, Point};
use super::{capitalised, device_label, gap, non_empty, thousands, timed_logins, Case, HOUR_SECS};

/// ACC-05: faster than an airliner between two logins is impossible travel.
pub const ACC_05_MAX_SPEED_KMH: f64 = 900.0;
/// ACC-05 **[design]**: IP geolocation is city-level at best; two logins closer than this are not
/// evidence of travel however close in time (a phone and a laptop on different networks).
pub const ACC_05_GEO_NOISE_KM: f64 = 100.0;
/// ACC-05: two or more countries within this window.
pub const ACC_05_COUNTRY_WINDOW_SECS: i64 = DAY_SECS;

/// ACC-09: the window of logins looked at, ending now.
pub const ACC_09_WINDOW_SECS: i64 = 14 * DAY_SECS;
/// ACC-09: the median login further than this from the home address is elsewhere.
pub const ACC_09_MAX_MEDIAN_KM: f64 = 200.0;
/// ACC-09 **[design]**: fewer located logins than this say nothing about where someone lives.
pub const ACC_09_MIN_LOGINS: usize = 3;

/// ACC-05 (high): impossible travel between consecutive located logins (> 900 km/h), or two
/// countries within 24 hours; logins through the company's own egress do not count.
pub(super) fn acc_05_impossible_travel(profile: &ProfileDocument, out: &mut Vec<Finding>) {
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

/// ACC-09 (high): over the last 14 days the median located login is more than 200 km from the
/// home address (the `residential` address's coordinates: the claimed residence has none), or a
/// device checked in from a country other than the claimed residence.
pub(super) fn acc_09_away_from_residence(
    profile: &ProfileDocument,
    now: i64,
    out: &mut Vec<Finding>,
) {
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

/// A trimmed, upper-cased country code, `None` when absent or blank.
fn code(value: Option<&str>) -> Option<String> {
    non_empty(value).map(str::to_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::access::fixtures::{
        address, finding, located, login, with_device, with_logins, BROOKLYN, LAGOS, LONDON,
        NEW_YORK,
    };
    use clearance_app::model::profile::{Device, GeoCheckin};

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
}
