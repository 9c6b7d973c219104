//! What each element of `SDN_ADVANCED.XML` the parser reads means: where its attributes and
//! text go when it opens and closes. Elements are recognised by name and, where a name is
//! reused (`Comment`, `Value`, `Year`), by the element they sit in.

use std::mem;

use super::{ancestor, Collector, Frame, OpenAlias, OpenReference};
use crate::watchlists::entry::collapse_spaces;
use crate::watchlists::error::{snippet, ParseError};
use crate::watchlists::ofac_xml::attributes::Attributes;
use crate::watchlists::ofac_xml::dates::DatePeriod;
use crate::watchlists::ofac_xml::document::{
    Feature, FeatureValue, IdDocument, Measure, Name, Party,
};
use crate::watchlists::ofac_xml::reference::Location;
use crate::watchlists::ofac_xml::{line_at, OFAC_XML_FILE};

impl Collector<'_> {
    /// A start tag; the stack holds its ancestors (not `frame` itself).
    pub(super) fn start(
        &mut self,
        frame: &Frame,
        attributes: &Attributes,
        at: usize,
    ) -> Result<(), ParseError> {
        if self.in_reference_values() {
            self.reference = Some(OpenReference {
                id: attributes.owned("ID").unwrap_or_default(),
                party_type: attributes.owned("PartyTypeID"),
            });
            return Ok(());
        }
        let parent = ancestor(&self.stack, 0);
        match frame.name.as_str() {
            "DistinctParty" => self.start_party(frame, attributes, at)?,
            "Profile" => {
                if let Some(party) = self.party.as_mut() {
                    party.profile_ids.extend(attributes.owned("ID"));
                    if party.sub_type_id.is_none() {
                        party.sub_type_id = attributes.owned("PartySubTypeID");
                    }
                }
            }
            "Identity" => {
                if let Some(party) = self.party.as_mut() {
                    party.identity_ids.extend(attributes.owned("ID"));
                    self.primary_identity = attributes.is_not_false("Primary");
                }
            }
            "Alias" if self.party.is_some() => {
                self.alias = Some(OpenAlias {
                    type_id: attributes.owned("AliasTypeID").unwrap_or_default(),
                    primary: attributes.is_true("Primary"),
                    low_quality: attributes.is_true("LowQuality"),
                });
            }
            "DocumentedName" if self.alias.is_some() => self.name_parts = Some(Vec::new()),
            "Feature" if self.party.is_some() => {
                self.feature = Some(Feature {
                    type_id: attributes.owned("FeatureTypeID").unwrap_or_default(),
                    values: Vec::new(),
                });
            }
            "VersionDetail" => {
                if let (Some(feature), Some(id)) =
                    (self.feature.as_mut(), attributes.owned("DetailReferenceID"))
                {
                    feature.values.push(FeatureValue::DetailReference(id));
                }
            }
            "VersionLocation" => {
                if let (Some(feature), Some(id)) =
                    (self.feature.as_mut(), attributes.owned("LocationID"))
                {
                    feature.values.push(FeatureValue::Location(id));
                }
            }
            "DatePeriod" if self.feature.is_some() => self.date = Some(DatePeriod::default()),
            "Start" | "End" if parent == Some("DatePeriod") => {
                if let Some(date) = self.date.as_mut() {
                    date.approximate |= attributes.is_true("Approximate");
                }
            }
            "Location" if parent == Some("Locations") => {
                let id = attributes.owned("ID").unwrap_or_default();
                self.location = Some((id, Location::default()));
            }
            "LocationCountry" => {
                if let Some((_, location)) = self.location.as_mut() {
                    location.country_id = location
                        .country_id
                        .take()
                        .or_else(|| attributes.owned("CountryID"));
                }
            }
            "LocationPartValue" => {
                self.primary_location_part = attributes.is_not_false("Primary");
            }
            "IDRegDocument" => {
                self.id_document = Some(IdDocument {
                    identity_id: attributes.owned("IdentityID").unwrap_or_default(),
                    type_id: attributes.owned("IDRegDocTypeID").unwrap_or_default(),
                    country_id: attributes.owned("IssuedBy-CountryID"),
                    number: String::new(),
                });
            }
            "SanctionsEntry" => self.entry_profile = attributes.owned("ProfileID"),
            "SanctionsMeasure" => self.measure_type = attributes.owned("SanctionsTypeID"),
            _ => {}
        }
        Ok(())
    }

    fn start_party(
        &mut self,
        frame: &Frame,
        attributes: &Attributes,
        at: usize,
    ) -> Result<(), ParseError> {
        if self.party.is_some() {
            return Err(self.error_in(
                at,
                Some(frame),
                "a DistinctParty inside another: the file is damaged",
            ));
        }
        let Some(raw) = attributes.get("FixedRef") else {
            return Err(self.error_in(
                at,
                Some(frame),
                "a DistinctParty without a FixedRef (its id, the ent_num of sdn.csv): the file \
                 is damaged",
            ));
        };
        let fixed_ref = match raw.parse::<u64>() {
            Ok(n) if n > 0 && raw.bytes().all(|b| b.is_ascii_digit()) => n,
            _ => {
                return Err(self.error_in(
                    at,
                    Some(frame),
                    format!(
                        "FixedRef \"{}\" is not a whole number: the file is damaged",
                        snippet(raw)
                    ),
                ))
            }
        };
        if let Some(&first) = self.fixed_refs.get(&fixed_ref) {
            return Err(self.error_in(
                at,
                Some(frame),
                format!(
                    "repeats FixedRef {fixed_ref} (first on line {}): the file is damaged",
                    line_at(self.bytes, first)
                ),
            ));
        }
        let count = self.document.parties.len() + 1;
        if count > self.limits.max_rows {
            self.limits
                .check_rows(OFAC_XML_FILE, line_at(self.bytes, at), count)?;
        }
        self.fixed_refs.insert(fixed_ref, at);
        self.party = Some(Party::new(fixed_ref, at));
        Ok(())
    }

    /// An end tag; the stack holds the element's ancestors (not `frame` itself).
    pub(super) fn end(&mut self, frame: &Frame) -> Result<(), ParseError> {
        let text = mem::take(&mut self.text);
        let name = frame.name.as_str();
        if self.in_reference_values() {
            if let Some(reference) = self.reference.take() {
                let party_type = reference.party_type.as_deref();
                self.document
                    .tables
                    .insert(name, &reference.id, &text, party_type);
            }
            return Ok(());
        }
        match name {
            "NamePartValue" => {
                let part = collapse_spaces(&text);
                if let Some(parts) = self.name_parts.as_mut().filter(|_| !part.is_empty()) {
                    parts.push(part);
                }
            }
            "DocumentedName" => self.end_name(),
            "Alias" => self.alias = None,
            "VersionDetail" => {
                let value = text.trim();
                if let Some(feature) = self.feature.as_mut().filter(|_| !value.is_empty()) {
                    feature.values.push(FeatureValue::Text(value.to_owned()));
                }
            }
            "Year" | "Month" | "Day" if ancestor(&self.stack, 2) == Some("DatePeriod") => {
                let side = ancestor(&self.stack, 1).unwrap_or_default();
                let bound = ancestor(&self.stack, 0).unwrap_or_default();
                if let Some(date) = self.date.as_mut().and_then(|d| d.bound_mut(side, bound)) {
                    date.set(name, &text);
                }
            }
            "DatePeriod" => {
                if let (Some(feature), Some(date)) = (self.feature.as_mut(), self.date.take()) {
                    feature
                        .values
                        .extend(date.describe().map(FeatureValue::Date));
                }
            }
            "Feature" => {
                if let (Some(party), Some(feature)) = (self.party.as_mut(), self.feature.take()) {
                    party.features.push(feature);
                }
            }
            "DistinctParty" => self.end_party(frame)?,
            "Value"
                if self.primary_location_part
                    && ancestor(&self.stack, 0) == Some("LocationPartValue") =>
            {
                let part = collapse_spaces(&text);
                if let Some((_, location)) = self.location.as_mut().filter(|_| !part.is_empty()) {
                    location.parts.push(part);
                }
            }
            "Location" => {
                if let Some((id, location)) = self.location.take() {
                    self.document.tables.insert_location(id, location);
                }
            }
            "IDRegistrationNo" => {
                if let Some(document) = self.id_document.as_mut() {
                    document.number = collapse_spaces(&text);
                }
            }
            "IDRegDocument" => self.document.id_documents.extend(self.id_document.take()),
            "Comment" if ancestor(&self.stack, 0) == Some("SanctionsMeasure") => {
                self.end_measure_comment(&text);
            }
            "SanctionsMeasure" => self.measure_type = None,
            "SanctionsEntry" => {
                self.entry_profile = None;
                self.measure_type = None;
            }
            _ => {}
        }
        Ok(())
    }

    /// A `DocumentedName` becomes one name of the open party, its parts joined with a space.
    fn end_name(&mut self) {
        let (Some(parts), Some(alias), Some(party)) = (
            self.name_parts.take(),
            self.alias.as_ref(),
            self.party.as_mut(),
        ) else {
            return;
        };
        if parts.is_empty() {
            return;
        }
        party.names.push(Name {
            text: parts.join(" "),
            alias_type_id: alias.type_id.clone(),
            primary: alias.primary,
            primary_identity: self.primary_identity,
            low_quality: alias.low_quality,
        });
    }

    /// A `SanctionsMeasure`'s comment: the programme, if the measure's type says so (resolved
    /// once the reference tables are all read).
    fn end_measure_comment(&mut self, text: &str) {
        let comment = collapse_spaces(text);
        let (Some(profile_id), Some(type_id)) = (&self.entry_profile, &self.measure_type) else {
            return;
        };
        if comment.is_empty() {
            return;
        }
        self.document.measures.push(Measure {
            profile_id: profile_id.clone(),
            type_id: type_id.clone(),
            comment,
        });
    }

    /// A closed `DistinctParty` must have had a name: the matcher has nothing else to show.
    fn end_party(&mut self, frame: &Frame) -> Result<(), ParseError> {
        let Some(party) = self.party.take() else {
            return Ok(());
        };
        if party.names.is_empty() {
            return Err(self.error_in(
                party.offset,
                Some(frame),
                format!(
                    "DistinctParty {} has no name (no DocumentedName with a NamePartValue): the \
                     file is damaged",
                    party.fixed_ref
                ),
            ));
        }
        self.document.parties.push(party);
        Ok(())
    }
}
