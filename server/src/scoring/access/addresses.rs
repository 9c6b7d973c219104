//! Where the company laptop is shipped (ACC-01), and the address helpers that ACC-09 (in
//! `location`) uses too.

use clearance_app::model::profile::{Address, ProfileDocument};

use crate::scoring::{Finding, Severity};

use super::geo::{address_point, haversine_km};
use super::{non_empty, one_of, thousands, Case};

/// ACC-01: a shipping address more than this far from every verified address is elsewhere.
pub const ACC_01_MAX_SHIPPING_DISTANCE_KM: f64 = 50.0;
/// ACC-01: address kinds that forward parcels on (commercial mailbox, freight forwarder).
pub const ACC_01_FORWARDING_KINDS: &[&str] = &["cmra_mailbox", "freight_forwarder"];
/// ACC-01: stages at which a shipping address is supplied "after the offer".
pub const ACC_01_LATE_STAGES: &[&str] = &["offer", "onboarding", "post_hire"];

const LAPTOP_SHIPPING: &str = "laptop_shipping";
pub(super) const RESIDENTIAL: &str = "residential";
const ID_DOCUMENT: &str = "id_document";

/// ACC-01 (high): the laptop goes somewhere other than the verified home or ID address: more than
/// 50 km away (or, without coordinates, another city or country), to a mailbox or freight
/// forwarder, or to an address changed or first given after the offer.
pub(super) fn acc_01_laptop_shipping_address(profile: &ProfileDocument, out: &mut Vec<Finding>) {
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

/// The addresses of these types, with their index in the document.
pub(super) fn addresses_of<'a>(
    profile: &'a ProfileDocument,
    types: &[&str],
) -> Vec<(usize, &'a Address)> {
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

pub(super) fn address_summary(address: &Address) -> String {
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

/// Lowercase alphanumerics only.
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The value equals `expected`, ignoring case and surrounding blanks.
fn is(value: Option<&str>, expected: &str) -> bool {
    value.is_some_and(|text| text.trim().eq_ignore_ascii_case(expected))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::access::fixtures::{
        address, finding, with_addresses, BROOKLYN, CHICAGO, NEW_YORK,
    };
    use crate::scoring::Family;
    use clearance_app::model::profile::AddressChange;

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
}
