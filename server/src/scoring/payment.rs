//! Payment-routing rules (INDICATORS.md §2.2, PAY-*): where, to whom and how the worker asks to
//! be paid. One function per indicator; `evaluate` runs them in catalogue order.
//!
//! Each indicator reports at most one finding, listing every payment instruction or log entry
//! that triggered it, so three odd accounts weigh as one indicator in the score, not three.
//! Values that cannot be read (an unparseable date, a country that is not an ISO code) prove
//! nothing, so a rule that needs them does not fire.
//!
//! Not implemented here:
//! - PAY-05 (the same payout account used by several workers) is a cross-profile equality join;
//!   the link index reports it (LINK-06).
//! - PAY-07 (on-chain exposure of a crypto payout address) needs a chain-analytics result, and
//!   PAY-09 (salary converted or withdrawn at once) needs payroll-bank feedback; the profile
//!   document carries neither.
//!
//! Guardrail (INDICATORS.md §0): the bank's country is only compared with the worker's own
//! claimed residence; nationality is never read here.

use super::{Family, Finding, Input, Severity};

mod changes;
#[cfg(test)]
mod fixtures;
mod holder;
mod prepayment;
mod routing;

pub use changes::{PAY_04_AFTER_START_DAYS, PAY_04_MIN_CHANGES, PAY_04_WINDOW_DAYS};
pub use holder::PAY_03_MIN_NAME_SIMILARITY;
pub use prepayment::PAY_08_MIN_REQUESTS;
pub use routing::{PAY_02_HIGH_RISK_COUNTRIES, PAY_06_PLATFORMS};

/// Runs every payment rule on the profile.
pub fn evaluate(input: &Input<'_>, out: &mut Vec<Finding>) {
    let p = input.profile;
    let pay_02 = routing::pay_02_bank_abroad(p);
    let pay_03 = holder::pay_03_holder_is_someone_else(p);
    let routing_flagged = !pay_02.is_empty() || !pay_03.is_empty();

    out.extend(routing::pay_01_crypto_payout(p));
    out.extend(pay_02);
    out.extend(pay_03);
    out.extend(changes::pay_04_payout_changes(p));
    out.extend(routing::pay_06_fintech_platform(p, routing_flagged));
    out.extend(prepayment::pay_08_prepayment_requests(p));
}

// ---------------------------------------------------------------------------------------------
// Shared helpers (used by the rule modules)

/// A payment finding with its evidence, in the order given.
fn finding(
    indicator: &'static str,
    severity: Severity,
    title: impl Into<String>,
    evidence: Vec<(String, String)>,
    source: &'static str,
) -> Finding {
    Finding::new(indicator, Family::Payment, severity, title)
        .source(source)
        .with_evidence(evidence)
}

use super::text;

#[cfg(test)]
mod tests {
    use super::fixtures::{ach, resident_of, run};
    use clearance_app::model::profile::{PaymentInstruction, ProfileDocument};

    #[test]
    fn an_empty_profile_has_no_payment_findings() {
        assert!(run(&ProfileDocument::default()).is_empty());
    }

    #[test]
    fn an_ordinary_domestic_payout_has_no_findings() {
        let mut p = resident_of("US");
        p.payment_instructions.push(ach());
        assert!(run(&p).is_empty());
    }

    #[test]
    fn findings_are_the_same_for_the_same_profile() {
        let mut p = resident_of("US");
        p.payment_instructions.push(PaymentInstruction {
            method: "crypto".into(),
            bank_country: Some("RU".into()),
            account_holder_name: Some("Someone Else".into()),
            agreed_in_contract: Some(false),
            ..ach()
        });
        let first = run(&p);
        assert_eq!(first, run(&p));
        let ids: Vec<_> = first.iter().map(|f| f.indicator).collect();
        assert_eq!(ids, ["PAY-01", "PAY-02", "PAY-03", "PAY-04"]);
    }
}
