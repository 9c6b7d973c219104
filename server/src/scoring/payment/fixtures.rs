//! Test fixtures shared by the payment rules' tests: a worker with a residence and a legal name,
//! and an ordinary domestic bank payout.

use clearance_app::model::profile::{
    Identity, LegalName, PaymentInstruction, Place, ProfileDocument,
};

use crate::scoring::Finding;

use super::evaluate;

const NOW: i64 = 1_790_000_000;

pub(super) fn run(p: &ProfileDocument) -> Vec<Finding> {
    crate::scoring::run_family(evaluate, p, NOW)
}

pub(super) fn get<'a>(findings: &'a [Finding], id: &str) -> Option<&'a Finding> {
    findings.iter().find(|f| f.indicator == id)
}

/// Ada Lovelace, living in `country`, no payment data yet.
pub(super) fn resident_of(country: &str) -> ProfileDocument {
    ProfileDocument {
        identity: Identity {
            legal_name: LegalName {
                full: "Ada Lovelace".into(),
                ..Default::default()
            },
            claimed_residence: Place {
                country: Some(country.into()),
                ..Default::default()
            },
            ..Default::default()
        },
        ..Default::default()
    }
}

pub(super) fn ach() -> PaymentInstruction {
    PaymentInstruction {
        method: "ach".into(),
        bank_country: Some("US".into()),
        account_holder_name: Some("Ada Lovelace".into()),
        ..Default::default()
    }
}
