//! How to reach the person and where they live: e-mails, phones, messaging handles, addresses and
//! their changes.

use serde::{Deserialize, Serialize};

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
