//! How the person asks to be paid: payment instructions and their changes, prepayment requests and
//! crypto wallets (the PAY-* indicators).

use serde::{Deserialize, Serialize};

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
