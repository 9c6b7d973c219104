//! Test fixtures shared by the access rules' tests: places, and builders for profiles with
//! addresses, logins or a device.

use clearance_app::model::profile::{Address, Device, Login, ProfileDocument};

use crate::scoring::dates::instant;
use crate::scoring::Finding;

use super::evaluate;

pub(super) const NEW_YORK: (f64, f64) = (40.7128, -74.0060);
pub(super) const BROOKLYN: (f64, f64) = (40.6782, -73.9442);
pub(super) const CHICAGO: (f64, f64) = (41.8781, -87.6298);
pub(super) const LONDON: (f64, f64) = (51.5074, -0.1278);
pub(super) const PARIS: (f64, f64) = (48.8566, 2.3522);
pub(super) const LAGOS: (f64, f64) = (6.5244, 3.3792);

fn now() -> i64 {
    instant("2026-11-21T12:00:00Z").unwrap()
}

pub(super) fn run(profile: &ProfileDocument) -> Vec<Finding> {
    crate::scoring::run_family(evaluate, profile, now())
}

pub(super) fn finding(profile: &ProfileDocument, id: &str) -> Option<Finding> {
    let found: Vec<Finding> = run(profile)
        .into_iter()
        .filter(|f| f.indicator == id)
        .collect();
    assert!(found.len() <= 1, "one finding per indicator: {found:?}");
    found.into_iter().next()
}

pub(super) fn address(kind: &str, line1: &str, city: &str, at: Option<(f64, f64)>) -> Address {
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

pub(super) fn with_addresses(addresses: Vec<Address>) -> ProfileDocument {
    ProfileDocument {
        addresses,
        ..Default::default()
    }
}

pub(super) fn login(ts: &str) -> Login {
    Login {
        ts: ts.into(),
        ..Default::default()
    }
}

pub(super) fn located(ts: &str, at: (f64, f64)) -> Login {
    Login {
        lat: Some(at.0),
        lon: Some(at.1),
        ..login(ts)
    }
}

pub(super) fn with_logins(logins: Vec<Login>) -> ProfileDocument {
    ProfileDocument {
        logins,
        ..Default::default()
    }
}

pub(super) fn with_device(device: Device) -> ProfileDocument {
    ProfileDocument {
        devices: vec![device],
        ..Default::default()
    }
}
