//! Where and how the pay goes (PAY-01, PAY-02, PAY-06): cryptocurrency payouts, a payout bank
//! in another country than the claimed residence, and cross-border fintech platforms on an
//! account already flagged.
//!
//! Guardrail (INDICATORS.md §0): the bank's country is only compared with the worker's own
//! claimed residence; nationality is never read here.

use clearance_app::model::profile::{PaymentInstruction, ProfileDocument};

use crate::scoring::{Finding, Severity};

use super::{finding, text};

/// PAY-02: a payout bank in one of these countries is high unless the worker claims to live in
/// one of them too (ISO 3166-1 alpha-2).
pub const PAY_02_HIGH_RISK_COUNTRIES: &[&str] = &["CN", "RU", "KP"];

/// PAY-06: cross-border fintech platforms (compared case-insensitively with the platform or the
/// method).
pub const PAY_06_PLATFORMS: &[&str] = &["wise", "transferwise", "payoneer"];

/// PAY-01 (medium): asks to be paid in cryptocurrency.
pub(super) fn pay_01_crypto_payout(p: &ProfileDocument) -> Vec<Finding> {
    let mut evidence = Vec::new();
    for (i, pi) in p.payment_instructions.iter().enumerate() {
        if pi.method.trim().eq_ignore_ascii_case("crypto") {
            evidence.push((
                format!("payment_instructions[{i}].method"),
                pi.method.clone(),
            ));
        }
        if let Some(crypto) = &pi.crypto {
            let asset = crypto.asset.as_deref().unwrap_or("unknown asset");
            let (chain, address) = (&crypto.chain, &crypto.address);
            let value = format!("{asset} on {chain} to {address}");
            evidence.push((format!("payment_instructions[{i}].crypto"), value));
        }
    }
    if evidence.is_empty() {
        return Vec::new();
    }
    vec![finding(
        "PAY-01",
        Severity::Medium,
        "Asks to be paid in cryptocurrency: agree a bank payout in the worker's own name instead",
        evidence,
        "S1; S17",
    )]
}

/// PAY-02 (medium, high for CN/RU/KP): the payout bank is in another country than the claimed
/// residence. Needs the residence.
pub(super) fn pay_02_bank_abroad(p: &ProfileDocument) -> Vec<Finding> {
    let residence = p
        .identity
        .claimed_residence
        .country
        .as_deref()
        .and_then(country_code);
    let Some(residence) = residence else {
        return Vec::new();
    };
    let residence_high_risk = is_high_risk(&residence);

    let mut worst: Option<(Severity, String)> = None;
    let mut evidence = Vec::new();
    for (i, pi) in p.payment_instructions.iter().enumerate() {
        let Some((field, shown, code)) = bank_country(pi) else {
            continue;
        };
        if code == residence {
            continue;
        }
        let severity = if is_high_risk(&code) && !residence_high_risk {
            Severity::High
        } else {
            Severity::Medium
        };
        if worst.as_ref().is_none_or(|(s, _)| severity > *s) {
            worst = Some((severity, code));
        }
        evidence.push((format!("payment_instructions[{i}].{field}"), shown));
    }
    let Some((severity, country)) = worst else {
        return Vec::new();
    };
    evidence.push((
        "identity.claimed_residence.country".to_owned(),
        residence.clone(),
    ));
    let title = format!(
        "Payout bank in {country} while the worker claims to live in {residence}: \
         confirm the account is the worker's own before paying"
    );
    vec![finding("PAY-02", severity, title, evidence, "S1; S7; S8")]
}

/// PAY-06 (info): payout through a cross-border fintech platform, reported only when PAY-02 or
/// PAY-03 fired for the same profile; the platform alone is nothing.
pub(super) fn pay_06_fintech_platform(p: &ProfileDocument, routing_flagged: bool) -> Vec<Finding> {
    if !routing_flagged {
        return Vec::new();
    }
    let mut evidence = Vec::new();
    let mut platforms: Vec<&str> = Vec::new();
    for (i, pi) in p.payment_instructions.iter().enumerate() {
        let platform = text(pi.platform.as_deref()).filter(|v| is_fintech(v));
        let method = text(Some(pi.method.as_str())).filter(|v| is_fintech(v));
        let (field, value) = match (platform, method) {
            (Some(platform), _) => ("platform", platform),
            (None, Some(method)) => ("method", method),
            (None, None) => continue,
        };
        platforms.push(value);
        evidence.push((
            format!("payment_instructions[{i}].{field}"),
            value.to_owned(),
        ));
        if let Some(requested_by) = text(pi.requested_by.as_deref()) {
            let field = format!("payment_instructions[{i}].requested_by");
            evidence.push((field, requested_by.to_owned()));
        }
    }
    let Some(platform) = platforms.first() else {
        return Vec::new();
    };
    let title = format!(
        "Payout through {platform} to an account already flagged for its country or holder: \
         ask who set the account up"
    );
    vec![finding("PAY-06", Severity::Info, title, evidence, "S13")]
}

/// An ISO 3166-1 alpha-2 code, upper-cased; anything else is unreadable.
fn country_code(value: &str) -> Option<String> {
    let code = value.trim();
    (code.len() == 2 && code.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| code.to_ascii_uppercase())
}

fn is_high_risk(code: &str) -> bool {
    PAY_02_HIGH_RISK_COUNTRIES.contains(&code)
}

fn is_fintech(name: &str) -> bool {
    PAY_06_PLATFORMS
        .iter()
        .any(|p| name.eq_ignore_ascii_case(p))
}

/// The payout bank's country (PAY-02): `bank_country`, else the IBAN's country prefix, else
/// characters 5–6 of the SWIFT/BIC. Returns the field it came from, the value to show and the
/// upper-case ISO code.
fn bank_country(pi: &PaymentInstruction) -> Option<(&'static str, String, String)> {
    if let Some(code) = pi.bank_country.as_deref().and_then(country_code) {
        return Some(("bank_country", code.clone(), code));
    }
    let iban = pi
        .iban_country
        .as_deref()
        .map(str::trim)
        .and_then(|v| v.get(..2));
    if let Some(code) = iban.and_then(country_code) {
        return Some(("iban_country", code.clone(), code));
    }
    let bic = pi.swift_bic.as_deref()?.trim();
    if bic.len() < 6 {
        return None;
    }
    let code = bic.get(4..6).and_then(country_code)?;
    Some(("swift_bic", format!("{bic} (country {code})"), code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::payment::fixtures::{ach, get, resident_of, run};
    use crate::scoring::Family;
    use clearance_app::model::profile::CryptoAddress;

    #[test]
    fn pay_01_a_crypto_payout_is_medium() {
        let mut p = resident_of("US");
        p.payment_instructions.push(PaymentInstruction {
            method: "Crypto".into(),
            ..ach()
        });
        let found = run(&p);
        let f = get(&found, "PAY-01").unwrap();
        assert_eq!(f.severity, Severity::Medium);
        assert_eq!(f.family, Family::Payment);
        assert_eq!(f.evidence[0].field, "payment_instructions[0].method");
    }

    #[test]
    fn pay_01_a_crypto_address_counts_whatever_the_method() {
        let mut p = resident_of("US");
        p.payment_instructions.push(ach());
        p.payment_instructions.push(PaymentInstruction {
            method: "other".into(),
            crypto: Some(CryptoAddress {
                chain: "tron".into(),
                asset: Some("USDT".into()),
                address: "TXYZ".into(),
            }),
            ..ach()
        });
        let found = run(&p);
        let f = get(&found, "PAY-01").unwrap();
        assert_eq!(f.evidence[0].field, "payment_instructions[1].crypto");
        assert_eq!(f.evidence[0].value, "USDT on tron to TXYZ");
    }

    #[test]
    fn pay_01_a_bank_transfer_is_not_flagged() {
        let mut p = resident_of("US");
        p.payment_instructions.push(ach());
        assert!(get(&run(&p), "PAY-01").is_none());
    }

    #[test]
    fn pay_02_a_chinese_bank_for_a_us_resident_is_high() {
        let mut p = resident_of("US");
        p.payment_instructions.push(ach());
        p.payment_instructions.push(PaymentInstruction {
            bank_country: Some("cn".into()),
            ..ach()
        });
        let found = run(&p);
        let f = get(&found, "PAY-02").unwrap();
        assert_eq!(f.severity, Severity::High);
        assert!(f.title.contains("CN"), "{}", f.title);
        assert_eq!(f.evidence[0].field, "payment_instructions[1].bank_country");
        assert_eq!(f.evidence[1].field, "identity.claimed_residence.country");
    }

    #[test]
    fn pay_02_a_bank_in_another_country_is_medium() {
        let mut p = resident_of("US");
        p.payment_instructions.push(PaymentInstruction {
            bank_country: None,
            iban_country: Some("DE".into()),
            ..ach()
        });
        let found = run(&p);
        let f = get(&found, "PAY-02").unwrap();
        assert_eq!(f.severity, Severity::Medium);
        assert_eq!(f.evidence[0].field, "payment_instructions[0].iban_country");
    }

    #[test]
    fn pay_02_the_country_is_read_from_the_bic_when_nothing_else_says() {
        let mut p = resident_of("US");
        p.payment_instructions.push(PaymentInstruction {
            bank_country: None,
            swift_bic: Some("ICBKCNBJ".into()),
            ..ach()
        });
        let found = run(&p);
        let f = get(&found, "PAY-02").unwrap();
        assert_eq!(f.severity, Severity::High);
        assert_eq!(f.evidence[0].field, "payment_instructions[0].swift_bic");
    }

    #[test]
    fn pay_02_a_chinese_bank_for_a_resident_of_china_is_not_flagged() {
        let mut p = resident_of("CN");
        p.payment_instructions.push(PaymentInstruction {
            bank_country: Some("CN".into()),
            ..ach()
        });
        assert!(get(&run(&p), "PAY-02").is_none());
    }

    #[test]
    fn pay_02_a_domestic_bank_is_not_flagged() {
        let mut p = resident_of("us");
        p.payment_instructions.push(ach());
        assert!(get(&run(&p), "PAY-02").is_none());
    }

    #[test]
    fn pay_02_an_unknown_residence_or_unreadable_bic_is_not_flagged() {
        let mut p = ProfileDocument::default();
        p.payment_instructions.push(PaymentInstruction {
            bank_country: Some("CN".into()),
            ..ach()
        });
        assert!(get(&run(&p), "PAY-02").is_none());

        let mut p = resident_of("US");
        p.payment_instructions.push(PaymentInstruction {
            bank_country: None,
            swift_bic: Some("ICB".into()),
            ..ach()
        });
        assert!(get(&run(&p), "PAY-02").is_none());
    }

    #[test]
    fn pay_06_wise_alone_is_not_flagged() {
        let mut p = resident_of("US");
        p.payment_instructions.push(PaymentInstruction {
            method: "wise".into(),
            platform: Some("Wise".into()),
            ..ach()
        });
        assert!(run(&p).is_empty());
    }

    #[test]
    fn pay_06_payoneer_with_a_foreign_bank_is_info() {
        let mut p = resident_of("US");
        p.payment_instructions.push(PaymentInstruction {
            method: "payoneer".into(),
            bank_country: Some("HK".into()),
            requested_by: Some("agency".into()),
            ..ach()
        });
        let found = run(&p);
        let f = get(&found, "PAY-06").unwrap();
        assert_eq!(f.severity, Severity::Info);
        assert_eq!(f.evidence[0].field, "payment_instructions[0].method");
        assert_eq!(f.evidence[1].field, "payment_instructions[0].requested_by");
        assert_eq!(get(&found, "PAY-02").unwrap().severity, Severity::Medium);
    }
}
