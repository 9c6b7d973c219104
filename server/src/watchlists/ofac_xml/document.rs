//! What one pass over `SDN_ADVANCED.XML` collects before anything is resolved: parties still
//! holding reference IDs, and the sections that point at parties from elsewhere in the file
//! (`IDRegDocuments` by Identity ID, `SanctionsEntries` by Profile ID). Resolving only once
//! the whole file is read lets those sections, and the reference tables, come in any order.

use super::reference::Tables;

/// Everything read from one file.
#[derive(Debug, Default)]
pub struct Document {
    pub tables: Tables,
    /// In file order.
    pub parties: Vec<Party>,
    pub id_documents: Vec<IdDocument>,
    pub measures: Vec<Measure>,
}

/// One `DistinctParty`.
#[derive(Debug)]
pub struct Party {
    /// `FixedRef`, the same number as `ent_num` in `sdn.csv`.
    pub fixed_ref: u64,
    /// Byte offset of its start tag, for errors found once it is closed.
    pub offset: usize,
    pub profile_ids: Vec<String>,
    pub identity_ids: Vec<String>,
    /// The first profile's `PartySubTypeID`.
    pub sub_type_id: Option<String>,
    /// Every `DocumentedName` of every alias, in file order; never blank.
    pub names: Vec<Name>,
    pub features: Vec<Feature>,
}

impl Party {
    pub fn new(fixed_ref: u64, offset: usize) -> Party {
        Party {
            fixed_ref,
            offset,
            profile_ids: Vec::new(),
            identity_ids: Vec::new(),
            sub_type_id: None,
            names: Vec::new(),
            features: Vec::new(),
        }
    }
}

/// One `DocumentedName`: its `NamePartValue`s joined with a space, and its alias's attributes.
#[derive(Debug)]
pub struct Name {
    pub text: String,
    pub alias_type_id: String,
    /// `Alias Primary="true"`.
    pub primary: bool,
    /// The alias belongs to the `Identity Primary="true"` (or to an identity that does not say).
    pub primary_identity: bool,
    /// `Alias LowQuality="true"`: OFAC's weak a.k.a.
    pub low_quality: bool,
}

/// One `Feature`: its type and the values of its versions.
#[derive(Debug)]
pub struct Feature {
    pub type_id: String,
    pub values: Vec<FeatureValue>,
}

/// A value of a feature version, still pointing into the reference tables where the file does.
#[derive(Debug)]
pub enum FeatureValue {
    /// `<VersionDetail>text</VersionDetail>`.
    Text(String),
    /// `<VersionDetail DetailReferenceID="…"/>`.
    DetailReference(String),
    /// `<VersionLocation LocationID="…"/>`.
    Location(String),
    /// A `DatePeriod`, already written as `sdn.csv` would (`12 Apr 1988`).
    Date(String),
}

/// One `IDRegDocument`.
#[derive(Debug, Default)]
pub struct IdDocument {
    pub identity_id: String,
    pub type_id: String,
    /// `IssuedBy-CountryID`.
    pub country_id: Option<String>,
    /// `IDRegistrationNo`.
    pub number: String,
}

/// One `SanctionsMeasure` of a `SanctionsEntry`.
#[derive(Debug)]
pub struct Measure {
    pub profile_id: String,
    pub type_id: String,
    /// Its `Comment`: the programme (`DPRK3`) when the type is `Program`.
    pub comment: String,
}
