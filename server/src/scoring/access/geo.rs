//! Coordinates and distances shared by the address and location rules (ACC-01, ACC-05,
//! ACC-09): validated points, great-circle distance and the median.

use clearance_app::model::profile::Address;

/// A validated coordinate in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Point {
    pub(super) lat: f64,
    pub(super) lon: f64,
}

/// Both parts present, finite and in range; (0, 0) is how geolocation services say "unknown".
pub(super) fn point(lat: Option<f64>, lon: Option<f64>) -> Option<Point> {
    let (lat, lon) = (lat?, lon?);
    let valid = lat.is_finite()
        && lon.is_finite()
        && lat.abs() <= 90.0
        && lon.abs() <= 180.0
        && (lat != 0.0 || lon != 0.0);
    valid.then_some(Point { lat, lon })
}

pub(super) fn address_point(address: &Address) -> Option<Point> {
    point(address.lat, address.lon)
}

/// Mean Earth radius (IUGG), km.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Great-circle distance in km (haversine).
pub(super) fn haversine_km(a: Point, b: Point) -> f64 {
    let (lat1, lat2) = (a.lat.to_radians(), b.lat.to_radians());
    let d_lat = (b.lat - a.lat).to_radians();
    let d_lon = (b.lon - a.lon).to_radians();
    let h = (d_lat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (d_lon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().clamp(0.0, 1.0).asin()
}

/// The median of finite values (NaN-safe ordering), `None` when empty.
pub(super) fn median(values: &mut [f64]) -> Option<f64> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::access::fixtures::{address, located, run, with_logins, LONDON, PARIS};

    fn point_of(at: (f64, f64)) -> Point {
        point(Some(at.0), Some(at.1)).unwrap()
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
}
