//! The lookup tables of `SDN_ADVANCED.XML`: `ReferenceValueSets` (`<FeatureType ID="…">Email
//! Address</FeatureType>`, `AliasType`, `PartySubType`, `Country`, …) and `Locations`. Parties
//! point into them by number; OFAC renumbers between publications and public parsers disagree
//! on the numbers (INDICATORS.md §5.3), so every lookup here goes by the table's *text* and no
//! number is ever written in this code.

use std::collections::HashMap;

use crate::watchlists::countries;
use crate::watchlists::entry::{collapse_spaces, EntryKind};

/// The reference tables the parser reads, by element name (`ReferenceValueSets/<X>Values/<X>`).
pub const ALIAS_TYPE: &str = "AliasType";
pub const COUNTRY: &str = "Country";
pub const DETAIL_REFERENCE: &str = "DetailReference";
pub const FEATURE_TYPE: &str = "FeatureType";
pub const ID_REG_DOC_TYPE: &str = "IDRegDocType";
pub const PARTY_SUB_TYPE: &str = "PartySubType";
pub const PARTY_TYPE: &str = "PartyType";
pub const SANCTIONS_TYPE: &str = "SanctionsType";

/// One `Locations/Location`: its country and its primary parts (street, city, …) in file order.
#[derive(Debug, Default)]
pub struct Location {
    pub country_id: Option<String>,
    pub parts: Vec<String>,
}

/// Every reference value and location of one file.
#[derive(Debug, Default)]
pub struct Tables {
    /// Table (element name) → ID → text.
    values: HashMap<String, HashMap<String, String>>,
    /// `PartySubType` ID → its `PartyTypeID` (an individual's sub-type is only "Unknown").
    party_type_of_sub_type: HashMap<String, String>,
    locations: HashMap<String, Location>,
}

impl Tables {
    /// Records `<table ID="id">text</table>` (and a `PartySubType`'s `PartyTypeID`); a repeated
    /// ID keeps its first text.
    pub fn insert(&mut self, table: &str, id: &str, text: &str, party_type: Option<&str>) {
        if id.is_empty() {
            return;
        }
        if let Some(party_type) = party_type.filter(|_| table == PARTY_SUB_TYPE) {
            self.party_type_of_sub_type
                .entry(id.to_owned())
                .or_insert_with(|| party_type.to_owned());
        }
        let text = collapse_spaces(text);
        match self.values.get_mut(table) {
            Some(values) => {
                values.entry(id.to_owned()).or_insert(text);
            }
            None => {
                self.values
                    .insert(table.to_owned(), HashMap::from([(id.to_owned(), text)]));
            }
        }
    }

    /// Records a `Location`; a repeated ID keeps the first.
    pub fn insert_location(&mut self, id: String, location: Location) {
        if !id.is_empty() {
            self.locations.entry(id).or_insert(location);
        }
    }

    /// The text of `id` in `table`, if the file defines it.
    pub fn text(&self, table: &str, id: &str) -> Option<&str> {
        self.values.get(table)?.get(id).map(String::as_str)
    }

    /// Whether `id` in `table` reads `expected` (case, spaces and full stops aside), so
    /// `F.K.A.`, `f.k.a.` and `FKA` are one alias type.
    pub fn is(&self, table: &str, id: &str, expected: &str) -> bool {
        self.text(table, id)
            .is_some_and(|text| letters(text) == letters(expected))
    }

    /// What a profile designates, from its `PartySubTypeID`: the sub-type says Vessel or
    /// Aircraft; otherwise its party type says Individual, and anything else is an organisation.
    pub fn kind(&self, sub_type_id: Option<&str>) -> EntryKind {
        let Some(id) = sub_type_id else {
            return EntryKind::Organization;
        };
        if self.is(PARTY_SUB_TYPE, id, "Vessel") {
            return EntryKind::Vessel;
        }
        if self.is(PARTY_SUB_TYPE, id, "Aircraft") {
            return EntryKind::Aircraft;
        }
        let party_type = self.party_type_of_sub_type.get(id).map(String::as_str);
        if party_type.is_some_and(|t| self.is(PARTY_TYPE, t, "Individual"))
            || self.is(PARTY_SUB_TYPE, id, "Individual")
        {
            return EntryKind::Person;
        }
        EntryKind::Organization
    }

    /// A `Country` ID as an ISO alpha-2 code where derivable, else its name as written.
    pub fn country(&self, id: &str) -> Option<String> {
        self.text(COUNTRY, id)
            .map(countries::normalise)
            .filter(|c| !c.is_empty())
    }

    /// A `DetailReference` naming a country (`Korea, North`), normalised like [`Tables::country`].
    pub fn country_of_detail(&self, id: &str) -> Option<String> {
        self.text(DETAIL_REFERENCE, id)
            .map(countries::normalise)
            .filter(|c| !c.is_empty())
    }

    /// The country of a `Location`, normalised like [`Tables::country`].
    pub fn country_of_location(&self, id: &str) -> Option<String> {
        let country_id = self.locations.get(id)?.country_id.as_deref()?;
        self.country(country_id)
    }

    /// A `Location` as one line like `add.csv` gives it: its parts, then the country name as
    /// written, joined with ", " (`Potonggang District, Pyongyang, Korea, North`).
    pub fn address(&self, id: &str) -> Option<String> {
        let location = self.locations.get(id)?;
        let country = location
            .country_id
            .as_deref()
            .and_then(|c| self.text(COUNTRY, c));
        let parts: Vec<&str> = location
            .parts
            .iter()
            .map(String::as_str)
            .chain(country)
            .filter(|part| !part.is_empty())
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

/// `F.K.A.` → `fka`: the letters and digits, lower-cased.
fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables() -> Tables {
        let mut tables = Tables::default();
        tables.insert(PARTY_TYPE, "1", "Individual", None);
        tables.insert(PARTY_TYPE, "2", "Entity", None);
        tables.insert(PARTY_SUB_TYPE, "3", "Unknown", Some("2"));
        tables.insert(PARTY_SUB_TYPE, "4", "Unknown", Some("1"));
        tables.insert(PARTY_SUB_TYPE, "5", " Vessel ", Some("9"));
        tables.insert(COUNTRY, "70", "Korea, North", None);
        tables.insert(COUNTRY, "71", "Atlantis", None);
        tables.insert(ALIAS_TYPE, "10", "F.K.A.", None);
        tables
    }

    #[test]
    fn kinds_come_from_the_sub_type_then_the_party_type() {
        let tables = tables();
        assert_eq!(tables.kind(Some("4")), EntryKind::Person);
        assert_eq!(tables.kind(Some("3")), EntryKind::Organization);
        assert_eq!(tables.kind(Some("5")), EntryKind::Vessel);
        assert_eq!(tables.kind(Some("404")), EntryKind::Organization);
        assert_eq!(tables.kind(None), EntryKind::Organization);
    }

    #[test]
    fn texts_compare_without_case_or_full_stops() {
        let tables = tables();
        assert!(tables.is(ALIAS_TYPE, "10", "fka"));
        assert!(!tables.is(ALIAS_TYPE, "10", "A.K.A."));
        assert!(!tables.is(ALIAS_TYPE, "11", "F.K.A."));
    }

    #[test]
    fn countries_become_iso_codes_where_known() {
        let mut tables = tables();
        assert_eq!(tables.country("70").as_deref(), Some("KP"));
        assert_eq!(tables.country("71").as_deref(), Some("Atlantis"));
        assert_eq!(tables.country("72"), None);
        tables.insert_location(
            "8".into(),
            Location {
                country_id: Some("70".into()),
                parts: vec!["Pyongyang".into()],
            },
        );
        assert_eq!(tables.country_of_location("8").as_deref(), Some("KP"));
        assert_eq!(
            tables.address("8").as_deref(),
            Some("Pyongyang, Korea, North")
        );
        assert_eq!(tables.address("9"), None);
    }

    #[test]
    fn the_first_definition_of_an_id_wins() {
        let mut tables = tables();
        tables.insert(COUNTRY, "70", "China", None);
        assert_eq!(tables.text(COUNTRY, "70"), Some("Korea, North"));
        tables.insert(COUNTRY, "", "Nowhere", None);
        assert_eq!(tables.text(COUNTRY, ""), None);
    }
}
