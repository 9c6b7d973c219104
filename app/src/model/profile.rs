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

mod activity;
mod contact;
mod hiring;
mod history;
mod identity;
mod payment;

pub use activity::*;
pub use contact::*;
pub use hiring::*;
pub use history::*;
pub use identity::*;
pub use payment::*;

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
