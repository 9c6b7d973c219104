//! Collected parties to [`Entry`] values, once the whole file (every reference table, location,
//! identity document and sanctions entry) has been read. Each fact is stored the way
//! `ofac_csv` stores it from the Remarks, so the same party reads the same from either file:
//! `12 Apr 1988`, `KP`, `Passport 745310001 (KP)`, an `ETH` wallet as written.
//!
//! A reference ID the tables do not define (a `FeatureTypeID`, an `IDRegDocTypeID`) drops that
//! one fact, not the file: OFAC adds feature types, and an entry without one fact is still
//! worth screening against.

use std::collections::HashMap;
use std::mem;

use super::document::{Document, Feature, FeatureValue, Name, Party};
use super::reference::{self, Tables};
use crate::watchlists::countries;
use crate::watchlists::entry::{push_unique, AliasKind, Entry};

/// Feature types whose text starts with this carry a wallet; the rest of the text is the ticker.
const DIGITAL_CURRENCY: &str = "Digital Currency Address - ";

/// Entries in file order.
pub fn entries(source: &str, document: Document) -> Vec<Entry> {
    let Document {
        tables,
        parties,
        id_documents,
        measures,
    } = document;
    let mut by_identity: HashMap<String, usize> = HashMap::new();
    let mut by_profile: HashMap<String, usize> = HashMap::new();
    let mut entries = Vec::with_capacity(parties.len());
    for mut party in parties {
        let index = entries.len();
        for id in mem::take(&mut party.identity_ids) {
            by_identity.entry(id).or_insert(index);
        }
        for id in mem::take(&mut party.profile_ids) {
            by_profile.entry(id).or_insert(index);
        }
        entries.push(entry(source, &party, &tables));
    }

    for id_document in id_documents {
        let Some(kind) = tables.text(reference::ID_REG_DOC_TYPE, &id_document.type_id) else {
            continue;
        };
        if let Some(entry) = by_identity
            .get(&id_document.identity_id)
            .and_then(|&i| entries.get_mut(i))
        {
            let country = id_document
                .country_id
                .as_deref()
                .and_then(|id| tables.country(id));
            entry.add_id_number(kind, &id_document.number, country);
        }
    }

    for measure in measures {
        if !tables.is(reference::SANCTIONS_TYPE, &measure.type_id, "Program") {
            continue;
        }
        if let Some(entry) = by_profile
            .get(&measure.profile_id)
            .and_then(|&i| entries.get_mut(i))
        {
            push_unique(&mut entry.programs, &measure.comment);
        }
    }
    entries
}

/// Vessel facts that only make sense together: `sdn.csv` gives the call sign as an identifier
/// whose country is the flag.
#[derive(Debug, Default)]
struct Vessel {
    call_signs: Vec<String>,
    flag: Option<String>,
}

fn entry(source: &str, party: &Party, tables: &Tables) -> Entry {
    let primary = primary_name(&party.names);
    let name = party.names.get(primary).map_or("", |n| n.text.as_str());
    let kind = tables.kind(party.sub_type_id.as_deref());
    let mut entry = Entry::new(source, party.fixed_ref.to_string(), kind, name);
    for (i, alias) in party.names.iter().enumerate() {
        if i != primary {
            entry.add_alias(&alias.text, alias_kind(alias, tables));
        }
    }
    let mut vessel = Vessel::default();
    for feature in &party.features {
        apply(&mut entry, feature, tables, &mut vessel);
    }
    for call_sign in &vessel.call_signs {
        entry.add_id_number("Call Sign", call_sign, vessel.flag.clone());
    }
    entry
}

/// The primary alias of the primary identity; failing that any primary alias; failing that the
/// first name.
fn primary_name(names: &[Name]) -> usize {
    names
        .iter()
        .position(|n| n.primary && n.primary_identity)
        .or_else(|| names.iter().position(|n| n.primary))
        .unwrap_or(0)
}

/// OFAC's low-quality a.k.a.s are weak (as their `a.k.a. '…'` in Remarks is); F.K.A. is a
/// former name; A.K.A. and N.K.A. are strong.
fn alias_kind(name: &Name, tables: &Tables) -> AliasKind {
    if name.low_quality {
        AliasKind::Weak
    } else if tables.is(reference::ALIAS_TYPE, &name.alias_type_id, "F.K.A.") {
        AliasKind::Former
    } else {
        AliasKind::Strong
    }
}

/// Adds one feature's values to the entry, by the text of its feature type.
fn apply(entry: &mut Entry, feature: &Feature, tables: &Tables, vessel: &mut Vessel) {
    let Some(feature_type) = tables.text(reference::FEATURE_TYPE, &feature.type_id) else {
        return;
    };
    if let Some(ticker) = ticker(feature_type) {
        for address in texts(feature) {
            entry.add_wallet(Some(ticker), address);
        }
        return;
    }
    match feature_type.to_ascii_lowercase().as_str() {
        "email address" => texts(feature).for_each(|email| push_unique(&mut entry.emails, email)),
        "website" => texts(feature).for_each(|site| push_unique(&mut entry.websites, site)),
        "phone number" => texts(feature).for_each(|phone| push_unique(&mut entry.phones, phone)),
        "birthdate" => {
            for value in &feature.values {
                if let FeatureValue::Date(date) | FeatureValue::Text(date) = value {
                    push_unique(&mut entry.birth_dates, date);
                }
            }
        }
        "nationality country" | "citizenship country" => {
            for country in country_values(feature, tables) {
                push_unique(&mut entry.nationalities, &country);
            }
        }
        "location" => {
            let addresses = feature.values.iter().filter_map(|value| match value {
                FeatureValue::Location(id) => tables.address(id),
                _ => None,
            });
            for address in addresses {
                push_unique(&mut entry.addresses, &address);
            }
        }
        "vessel call sign" => vessel.call_signs.extend(texts(feature).map(str::to_owned)),
        "vessel flag" if vessel.flag.is_none() => {
            vessel.flag = country_values(feature, tables).next();
        }
        _ => {}
    }
}

/// `Digital Currency Address - ETH` → `ETH`.
fn ticker(feature_type: &str) -> Option<&str> {
    let head = feature_type.get(..DIGITAL_CURRENCY.len())?;
    if !head.eq_ignore_ascii_case(DIGITAL_CURRENCY) {
        return None;
    }
    let ticker = feature_type.get(DIGITAL_CURRENCY.len()..)?.trim();
    (!ticker.is_empty()).then_some(ticker)
}

/// The feature's free-text values.
fn texts(feature: &Feature) -> impl Iterator<Item = &str> {
    feature.values.iter().filter_map(|value| match value {
        FeatureValue::Text(text) => Some(text.as_str()),
        _ => None,
    })
}

/// The feature's values read as countries, however the file points at them: a country name as
/// text, a `DetailReference`, or a `Location` with a `LocationCountry`.
fn country_values<'a>(
    feature: &'a Feature,
    tables: &'a Tables,
) -> impl Iterator<Item = String> + 'a {
    feature.values.iter().filter_map(|value| match value {
        FeatureValue::Text(name) => Some(countries::normalise(name)).filter(|c| !c.is_empty()),
        FeatureValue::DetailReference(id) => tables.country_of_detail(id),
        FeatureValue::Location(id) => tables.country_of_location(id),
        FeatureValue::Date(_) => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tickers_come_from_the_feature_type_text() {
        assert_eq!(ticker("Digital Currency Address - ETH"), Some("ETH"));
        assert_eq!(ticker("digital currency address - usdt"), Some("usdt"));
        assert_eq!(ticker("Digital Currency Address - "), None);
        assert_eq!(ticker("Email Address"), None);
        assert_eq!(ticker("Digital"), None);
    }

    #[test]
    fn the_primary_name_prefers_the_primary_identity() {
        let name = |text: &str, primary: bool, primary_identity: bool| Name {
            text: text.into(),
            alias_type_id: String::new(),
            primary,
            primary_identity,
            low_quality: false,
        };
        let names = [
            name("other identity", true, false),
            name("an aka", false, true),
            name("the name", true, true),
        ];
        assert_eq!(primary_name(&names), 2);
        assert_eq!(primary_name(&names[..2]), 0);
        assert_eq!(primary_name(&names[1..2]), 0);
        assert_eq!(primary_name(&[]), 0);
    }
}
