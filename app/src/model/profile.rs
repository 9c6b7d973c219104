//! The profile document of a candidate or contractor (INDICATORS.md §3, the "minimum fields for a
//! first release" and what the engine's indicators read). It is what HR enters, what imports and
//! the REST API carry, and what the scoring engine reads.
//!
//! Every field is optional or defaults to empty, and unknown fields are ignored, so documents
//! from other systems import. Dates are ISO 8601 strings (`2026-11-21` or RFC 3339); the engine
//! parses them and ignores what it cannot read. Protected attributes (ethnicity, appearance) have
//! no field at all (INDICATORS.md §0 guardrail 2).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileDocument {
    /// `candidate` or `contractor`.
    pub kind: String,
    pub identity: Identity,
    pub contact: Contact,
    pub addresses: Vec<Address>,
    pub address_change_log: Vec<AddressChange>,
    pub employment: Vec<Employment>,
    pub education: Vec<Education>,
    pub online_presence: OnlinePresence,
    pub resume: Resume,
    /// Perceptual hashes of photos the person supplied (ID-03, LINK-04). Optional and
    /// consent-gated (INDICATORS.md §0 guardrail 3): hashes of the files, never face templates.
    pub photos: Vec<Photo>,
    pub payment_instructions: Vec<PaymentInstruction>,
    pub payment_change_log: Vec<PaymentChange>,
    pub prepayment_requests: Vec<PrepaymentRequest>,
    pub crypto_wallets: Vec<CryptoWallet>,
    pub interview_observations: Vec<InterviewObservation>,
    pub screening: ScreeningFacts,
    pub references: Vec<Reference>,
    pub source_channel: SourceChannel,
    pub application: Application,
    pub devices: Vec<Device>,
    pub logins: Vec<Login>,
    pub activity_events: Vec<ActivityEvent>,
    pub repo_events: Vec<RepoEvent>,
}

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

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    pub emails: Vec<EmailContact>,
    pub phones: Vec<PhoneContact>,
    pub messaging_handles: Vec<MessagingHandle>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EmailContact {
    pub address: String,
    pub display_name: Option<String>,
    /// corporate | free | disposable | agency
    pub domain_type: Option<String>,
    pub first_seen_at: Option<String>,
    /// Names this address is tied to elsewhere (ID-13).
    pub linked_names: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PhoneContact {
    /// E.164, e.g. `+14155550123`.
    pub e164: String,
    pub country: Option<String>,
    /// mobile | landline | voip | unknown
    pub line_type: Option<String>,
    pub carrier: Option<String>,
    /// 0..1: how well the carrier-registered name matches (ID-12).
    pub cnam_match_score: Option<f64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MessagingHandle {
    pub platform: String,
    pub handle: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Address {
    /// residential | mailing | laptop_shipping | id_document | bank_statement
    #[serde(rename = "type")]
    pub address_type: String,
    pub line1: String,
    pub line2: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
    /// residential | commercial | cmra_mailbox | freight_forwarder | coworking | unknown
    pub address_kind: Option<String>,
    /// Declared as shared with family or flatmates (explains a shared address).
    pub household_declared: bool,
    /// application | offer | onboarding | post_hire
    pub supplied_at_stage: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AddressChange {
    pub at: String,
    #[serde(rename = "type")]
    pub address_type: Option<String>,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Employment {
    pub employer_name: String,
    pub employer_domain: Option<String>,
    pub domain_created_at: Option<String>,
    pub title: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub country: Option<String>,
    /// verified | failed | unverified
    pub verification_result: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Education {
    pub institution: String,
    pub country: Option<String>,
    pub degree: Option<String>,
    pub verification_result: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct OnlinePresence {
    pub linkedin: LinkedIn,
    pub github: GitHub,
    pub portfolio_sites: Vec<PortfolioSite>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LinkedIn {
    pub url: Option<String>,
    pub display_name: Option<String>,
    pub created_year: Option<i32>,
    pub positions: Vec<Position>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Position {
    pub employer: String,
    pub start_year: Option<i32>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GitHub {
    pub login: Option<String>,
    pub created_at: Option<String>,
    pub earliest_commit_at: Option<String>,
    pub repos: Vec<GitHubRepo>,
    pub commit_author_names: Vec<String>,
    /// Earlier logins, with the time of each change (ID-11).
    pub login_history: Vec<LoginChange>,
    pub collaborators: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GitHubRepo {
    pub name: String,
    pub is_fork: bool,
    pub is_copy: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoginChange {
    pub login: String,
    pub changed_at: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PortfolioSite {
    pub url: String,
    pub host: Option<String>,
    pub testimonials_verified: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Resume {
    /// SHA-256 of the normalised text (exact copies, LINK-03).
    pub normalized_text_sha256: Option<String>,
    /// 64-bit SimHash as 16 hex digits (near copies, LINK-03).
    pub simhash64: Option<String>,
    /// 64-bit SimHash of the cover letter (BEH-10).
    pub cover_letter_simhash64: Option<String>,
}

/// A photo the person supplied, kept only as its perceptual hash (INDICATORS.md §3 `photos[]`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Photo {
    /// Where it came from, e.g. `resume`, `linkedin`, `github_avatar`, `application`.
    pub source: Option<String>,
    /// 64-bit perceptual hash (DCT pHash) as 16 hex digits.
    pub phash: String,
    pub captured_at: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PaymentInstruction {
    pub valid_from: Option<String>,
    /// ach | wire | sepa | paypal | payoneer | wise | crypto | other
    pub method: String,
    pub platform: Option<String>,
    pub bank_name: Option<String>,
    pub bank_country: Option<String>,
    pub swift_bic: Option<String>,
    /// The IBAN as entered. Input only: replaced by `account_hash`, `account_last4` and
    /// `iban_country` before storing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iban: Option<String>,
    /// Routing and account number as entered (input only, like `iban`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub routing_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_number: Option<String>,
    /// Keyed hash of the IBAN or routing+account (never the number itself).
    pub account_hash: Option<String>,
    pub account_last4: Option<String>,
    /// IBAN country prefix, kept when the IBAN is hashed (PAY-02).
    pub iban_country: Option<String>,
    /// Platform account id or e-mail for PayPal / Payoneer / Wise.
    pub platform_account: Option<String>,
    pub account_holder_name: Option<String>,
    /// The holder is the worker's own verified company.
    pub holder_is_own_entity: bool,
    pub currency: Option<String>,
    pub crypto: Option<CryptoAddress>,
    /// self | agency | other
    pub requested_by: Option<String>,
    pub agreed_in_contract: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CryptoAddress {
    pub chain: String,
    pub asset: Option<String>,
    pub address: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PaymentChange {
    pub at: String,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PrepaymentRequest {
    pub at: Option<String>,
    pub amount: Option<f64>,
    /// granted | refused
    pub outcome: Option<String>,
    pub hostile_reaction: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CryptoWallet {
    pub chain: String,
    pub asset: Option<String>,
    pub address: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InterviewObservation {
    pub round: u32,
    pub at: Option<String>,
    /// video | audio | chat | onsite
    pub mode: Option<String>,
    /// Video was asked for in this round.
    pub video_requested: Option<bool>,
    pub camera_on: Option<bool>,
    pub camera_refusal_reason: Option<String>,
    pub virtual_background: Option<bool>,
    pub display_name: Option<String>,
    pub local_time_visible_consistent: Option<bool>,
    pub liveness_prompts: LivenessPrompts,
    /// true | false | unsure
    pub same_person_as_previous: Option<String>,
    pub reading_suspected: Option<bool>,
    pub location_smalltalk_consistent: Option<bool>,
    /// 64-bit perceptual hash of a snapshot taken in this round, as 16 hex digits (ID-03).
    pub snapshot_phash: Option<String>,
    pub notes: Option<String>,
}

/// Each prompt: pass | fail | declined | not_asked.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LivenessPrompts {
    pub hand_wave: Option<String>,
    pub profile_turn: Option<String>,
    pub window_view: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScreeningFacts {
    /// The role requires a drug test (BEH-03 only applies then).
    pub role_requires_drug_test: bool,
    /// passed | failed | refused | pending
    pub drug_test_status: Option<String>,
    pub in_person_offers: Vec<InPersonOffer>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InPersonOffer {
    pub at: Option<String>,
    pub accepted: Option<bool>,
    pub declined_reason: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reference {
    pub name: String,
    pub relationship: Option<String>,
    pub company: Option<String>,
    pub company_domain: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub verified_via_independent_channel: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SourceChannel {
    /// job_board | referral | staffing_agency | direct_outreach | oss_contribution | bounty | dev_shop
    #[serde(rename = "type")]
    pub channel_type: Option<String>,
    pub agency_name: Option<String>,
    pub referred_by_profile_id: Option<i64>,
    /// The agency attests it verified identity.
    pub agency_vetting_attestation: Option<bool>,
    /// We verified identity ourselves (ID document + liveness), whatever the agency did.
    pub own_identity_verification: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Application {
    pub submitted_at: Option<String>,
    pub offer_at: Option<String>,
    pub employment_start: Option<String>,
    /// Years of experience the candidate claims (ID-04).
    pub claimed_years_experience: Option<f64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Device {
    pub device_id: Option<String>,
    pub serial: Option<String>,
    /// corporate | byod | vdi
    #[serde(rename = "type")]
    pub device_type: Option<String>,
    pub mdm_enrolled: Option<bool>,
    pub delivered_at: Option<String>,
    pub installed_rmm_tools: Vec<String>,
    pub listening_ports: Vec<u16>,
    pub usb_devices_seen: Vec<UsbDevice>,
    pub os_locale: Option<String>,
    pub keyboard_layouts: Vec<String>,
    pub edr_alerts: Vec<EdrAlert>,
    pub geolocation_checkins: Vec<GeoCheckin>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UsbDevice {
    pub vid: Option<String>,
    pub pid: Option<String>,
    pub product: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EdrAlert {
    pub at: Option<String>,
    /// low | medium | high | critical
    pub severity: Option<String>,
    pub title: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GeoCheckin {
    pub at: Option<String>,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Login {
    pub ts: String,
    pub ip: Option<String>,
    pub ip_country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub is_vpn: Option<bool>,
    pub vpn_provider: Option<String>,
    pub is_hosting: Option<bool>,
    pub is_residential_proxy: Option<bool>,
    pub device_id: Option<String>,
    /// The device is company-managed.
    pub managed: Option<bool>,
    pub mfa_device_id: Option<String>,
    /// Fresh MFA was completed for this session.
    pub fresh_mfa: Option<bool>,
    pub accept_language: Option<String>,
    pub session_duration_s: Option<i64>,
    /// Distinct clock hours with activity during the session (ACC-07).
    pub active_hours: Option<u32>,
    /// Egress of the company's own network (excluded from travel checks).
    pub corporate_egress: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActivityEvent {
    pub ts: String,
    /// message | commit | login | meeting
    pub kind: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RepoEvent {
    pub ts: String,
    pub repo: String,
    /// clone | push | fork
    pub action: String,
    pub remote_url: Option<String>,
    pub external_remote: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_are_ignored_and_missing_ones_default() {
        let doc: ProfileDocument = serde_json::from_str(
            r#"{"identity": {"legal_name": {"full": "Ada Lovelace"}, "favourite_colour": "blue"},
                "ats_internal_id": 42}"#,
        )
        .unwrap();
        assert_eq!(doc.identity.legal_name.full, "Ada Lovelace");
        assert!(doc.contact.emails.is_empty());
    }

    #[test]
    fn a_malformed_value_names_its_field() {
        let err = serde_json::from_str::<ProfileDocument>(
            r#"{"application": {"claimed_years_experience": "lots"}}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("invalid type"), "{err}");
    }
}
