//! A person's identity as declared and documented: legal name and its variants, birth, nationality,
//! residence, ID documents and background checks (INDICATORS.md §3).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Identity {
    pub legal_name: LegalName,
    /// The name as each source shows it (resume, linkedin, github_profile, id_document, …).
    pub name_variants: Vec<NameVariant>,
    /// ISO date.
    pub dob: Option<String>,
    /// ISO 3166-1 alpha-2 codes.
    pub nationality: Vec<String>,
    pub claimed_residence: Place,
    /// IANA zone, e.g. `America/Chicago`.
    pub claimed_timezone: Option<String>,
    /// BCP 47 / ISO 639-1 codes, e.g. `en`, `ko`.
    pub languages_claimed: Vec<String>,
    pub id_documents: Vec<IdDocument>,
    pub background_check: BackgroundCheck,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LegalName {
    pub full: String,
    pub given: Option<String>,
    pub family: Option<String>,
    /// A declared preferred or former name: explains a variant (ID-01).
    pub preferred_name: Option<String>,
    pub former_names: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NameVariant {
    pub value: String,
    pub source: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Place {
    pub city: Option<String>,
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
}

/// The identity document types the product offers (`IdDocument::doc_type`).
pub const ID_DOCUMENT_TYPES: [&str; 4] = [
    "passport",
    "national_id",
    "driver_license",
    "residence_permit",
];

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IdDocument {
    /// passport | national_id | driver_license | residence_permit
    #[serde(rename = "type")]
    pub doc_type: String,
    pub issuing_country: Option<String>,
    /// The document number as entered. Input only: the server replaces it with `number_hash`
    /// and `number_last4` before storing anything.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Keyed hash of the number (the number itself is never stored).
    pub number_hash: Option<String>,
    pub number_last4: Option<String>,
    pub expiry: Option<String>,
    /// ICAO 9303 check digits verified (None: no MRZ read).
    pub mrz_valid: Option<bool>,
    pub ocr_name: Option<String>,
    pub ocr_dob: Option<String>,
    /// The verification vendor's verdict, e.g. `pass`, `tamper_suspected`.
    pub vendor_result: Option<String>,
    /// 64-bit perceptual hash of the document photo as 16 hex digits (ID-03, LINK-04).
    pub photo_phash: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackgroundCheck {
    pub vendor: Option<String>,
    /// dob | address_history | ssn_issuance | name | already_employed
    pub identity_conflicts: Vec<String>,
}
