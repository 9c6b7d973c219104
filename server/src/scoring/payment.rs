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

use clearance_app::model::profile::{PaymentInstruction, ProfileDocument};

use super::dates::{self, DAY_SECS};
use super::names::{similarity, sorted_key};
use super::{Family, Finding, Input, Severity};

/// PAY-02: a payout bank in one of these countries is high unless the worker claims to live in
/// one of them too (ISO 3166-1 alpha-2).
pub const PAY_02_HIGH_RISK_COUNTRIES: &[&str] = &["CN", "RU", "KP"];
/// PAY-03: a holder name at least this similar (token-sort Jaro-Winkler) to a name the worker
/// declared is the worker's own.
pub const PAY_03_MIN_NAME_SIMILARITY: f64 = 0.90;
/// PAY-04: this many payout changes…
pub const PAY_04_MIN_CHANGES: usize = 2;
/// PAY-04: …within this many days are too frequent.
pub const PAY_04_WINDOW_DAYS: i64 = 90;
/// PAY-04: any payout change within this many days after the employment start.
pub const PAY_04_AFTER_START_DAYS: i64 = 30;
/// PAY-06: cross-border fintech platforms (compared case-insensitively with the platform or the
/// method).
pub const PAY_06_PLATFORMS: &[&str] = &["wise", "transferwise", "payoneer"];
/// PAY-08: this many prepayment requests are "repeated".
pub const PAY_08_MIN_REQUESTS: usize = 2;

/// Runs every payment rule on the profile.
pub fn evaluate(input: &Input<'_>, out: &mut Vec<Finding>) {
    let p = input.profile;
    let pay_02 = pay_02_bank_abroad(p);
    let pay_03 = pay_03_holder_is_someone_else(p);
    let routing_flagged = !pay_02.is_empty() || !pay_03.is_empty();

    out.extend(pay_01_crypto_payout(p));
    out.extend(pay_02);
    out.extend(pay_03);
    out.extend(pay_04_payout_changes(p));
    out.extend(pay_06_fintech_platform(p, routing_flagged));
    out.extend(pay_08_prepayment_requests(p));
}

/// PAY-01 (medium): asks to be paid in cryptocurrency.
fn pay_01_crypto_payout(p: &ProfileDocument) -> Vec<Finding> {
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
fn pay_02_bank_abroad(p: &ProfileDocument) -> Vec<Finding> {
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

/// PAY-03 (high): the payout account is held by someone else (not the legal, preferred or a
/// former name, and not the worker's own verified company). Needs the legal name.
fn pay_03_holder_is_someone_else(p: &ProfileDocument) -> Vec<Finding> {
    let name = &p.identity.legal_name;
    if sorted_key(&name.full).is_empty() {
        return Vec::new();
    }
    let declared: Vec<&str> = std::iter::once(name.full.as_str())
        .chain(name.preferred_name.as_deref())
        .chain(name.former_names.iter().map(String::as_str))
        .collect();

    let mut holders: Vec<(usize, &str)> = Vec::new();
    for (i, pi) in p.payment_instructions.iter().enumerate() {
        let Some(holder) = text(pi.account_holder_name.as_deref()) else {
            continue;
        };
        let key = sorted_key(holder);
        if pi.holder_is_own_entity || key.is_empty() {
            continue;
        }
        let own = declared.iter().any(|declared_name| {
            sorted_key(declared_name) == key
                || similarity(holder, declared_name) >= PAY_03_MIN_NAME_SIMILARITY
        });
        if !own {
            holders.push((i, holder));
        }
    }
    let title = match holders.as_slice() {
        [] => return Vec::new(),
        [(_, holder)] => format!(
            "Payout account is held by \"{holder}\", not the worker: \
             ask who holds it and pay only an account in the worker's own name"
        ),
        many => format!(
            "{} payout accounts are held by someone other than the worker: \
             ask who holds them and pay only an account in the worker's own name",
            many.len()
        ),
    };
    let mut evidence: Vec<(String, String)> = holders
        .iter()
        .map(|(i, holder)| {
            (
                format!("payment_instructions[{i}].account_holder_name"),
                (*holder).to_owned(),
            )
        })
        .collect();
    evidence.push(("identity.legal_name.full".to_owned(), name.full.clone()));
    vec![finding(
        "PAY-03",
        Severity::High,
        title,
        evidence,
        "S1; S3; S10",
    )]
}

/// PAY-04 (high): frequent payout changes, a change soon after the start of employment, or a
/// payout that is not the one agreed in the contract.
fn pay_04_payout_changes(p: &ProfileDocument) -> Vec<Finding> {
    let mut changes: Vec<(i64, usize)> = p
        .payment_change_log
        .iter()
        .enumerate()
        .filter_map(|(i, change)| dates::instant(&change.at).map(|at| (at, i)))
        .collect();
    changes.sort_unstable();

    let mut reasons: Vec<String> = Vec::new();
    let mut evidence: Vec<(String, String)> = Vec::new();

    let burst = densest_window(&changes, PAY_04_WINDOW_DAYS * DAY_SECS);
    if burst.len() >= PAY_04_MIN_CHANGES {
        reasons.push(format!(
            "{} changes within {PAY_04_WINDOW_DAYS} days",
            burst.len()
        ));
        for &(_, i) in burst {
            add_unique(&mut evidence, change_evidence(p, i));
        }
    }

    let start_text = p.application.employment_start.as_deref();
    if let Some(start) = start_text.and_then(dates::instant) {
        let soon = changes
            .iter()
            .filter(|(at, _)| *at >= start && *at - start <= PAY_04_AFTER_START_DAYS * DAY_SECS);
        let mut first = true;
        for &(at, i) in soon {
            if first {
                let days = dates::days_between(start, at);
                reasons.push(format!("changed {days} days after the employment start"));
                add_unique(
                    &mut evidence,
                    (
                        "application.employment_start".to_owned(),
                        start_text.unwrap_or("").to_owned(),
                    ),
                );
                first = false;
            }
            add_unique(&mut evidence, change_evidence(p, i));
        }
    }

    let mut off_contract = false;
    for (i, pi) in p.payment_instructions.iter().enumerate() {
        if pi.agreed_in_contract == Some(false) {
            off_contract = true;
            evidence.push((
                format!("payment_instructions[{i}].agreed_in_contract"),
                "false".to_owned(),
            ));
        }
    }
    if off_contract {
        reasons.push("payout is not the one agreed in the contract".to_owned());
    }

    if reasons.is_empty() {
        return Vec::new();
    }
    let title = format!(
        "Payout details changed or differ from the contract ({}): \
         confirm with the worker through a known channel before paying",
        reasons.join("; ")
    );
    vec![finding(
        "PAY-04",
        Severity::High,
        title,
        evidence,
        "S3; S4; S5",
    )]
}

/// PAY-06 (info): payout through a cross-border fintech platform, reported only when PAY-02 or
/// PAY-03 fired for the same profile; the platform alone is nothing.
fn pay_06_fintech_platform(p: &ProfileDocument, routing_flagged: bool) -> Vec<Finding> {
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

/// PAY-08 (medium): repeated prepayment requests, or a hostile reaction to a refusal.
fn pay_08_prepayment_requests(p: &ProfileDocument) -> Vec<Finding> {
    let requests = &p.prepayment_requests;
    let repeated = requests.len() >= PAY_08_MIN_REQUESTS;
    let hostile: Vec<usize> = requests
        .iter()
        .enumerate()
        .filter(|(_, r)| r.hostile_reaction)
        .map(|(i, _)| i)
        .collect();
    if !repeated && hostile.is_empty() {
        return Vec::new();
    }

    let mut evidence = Vec::new();
    if repeated {
        for (i, request) in requests.iter().enumerate() {
            let at = text(request.at.as_deref()).unwrap_or("undated");
            evidence.push((format!("prepayment_requests[{i}].at"), at.to_owned()));
        }
    }
    for i in &hostile {
        evidence.push((
            format!("prepayment_requests[{i}].hostile_reaction"),
            "true".to_owned(),
        ));
    }
    let title = match (repeated, hostile.is_empty()) {
        (true, true) => format!(
            "Asked for prepayment {} times: pay only against delivered work",
            requests.len()
        ),
        (true, false) => format!(
            "Asked for prepayment {} times and reacted with hostility to a refusal: \
             pay only against delivered work",
            requests.len()
        ),
        (false, _) => "Reacted with hostility when a prepayment was refused: \
                       pay only against delivered work"
            .to_owned(),
    };
    vec![finding("PAY-08", Severity::Medium, title, evidence, "S2")]
}

/// A payment finding with its evidence, in the order given.
fn finding(
    indicator: &'static str,
    severity: Severity,
    title: impl Into<String>,
    evidence: Vec<(String, String)>,
    source: &'static str,
) -> Finding {
    evidence.into_iter().fold(
        Finding::new(indicator, Family::Payment, severity, title).source(source),
        |f, (field, value)| f.evidence(field, value),
    )
}

/// Trimmed, non-empty text.
fn text(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
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

/// The longest run of sorted instants that fits within `span` seconds (the earliest such run
/// when several are equally long).
fn densest_window(sorted: &[(i64, usize)], span: i64) -> &[(i64, usize)] {
    let mut best: &[(i64, usize)] = &[];
    for (start, &(first, _)) in sorted.iter().enumerate() {
        let run = sorted
            .iter()
            .skip(start)
            .take_while(|(at, _)| *at - first <= span)
            .count();
        if run > best.len() {
            best = sorted.get(start..start + run).unwrap_or_default();
        }
    }
    best
}

fn change_evidence(p: &ProfileDocument, i: usize) -> (String, String) {
    let at = p
        .payment_change_log
        .get(i)
        .map(|c| c.at.clone())
        .unwrap_or_default();
    (format!("payment_change_log[{i}].at"), at)
}

fn add_unique(evidence: &mut Vec<(String, String)>, item: (String, String)) {
    if !evidence.contains(&item) {
        evidence.push(item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clearance_app::model::profile::{
        CryptoAddress, Identity, LegalName, PaymentChange, Place, PrepaymentRequest,
    };

    const NOW: i64 = 1_790_000_000;

    fn run(p: &ProfileDocument) -> Vec<Finding> {
        let mut out = Vec::new();
        evaluate(
            &Input {
                profile: p,
                now: NOW,
            },
            &mut out,
        );
        out
    }

    fn get<'a>(findings: &'a [Finding], id: &str) -> Option<&'a Finding> {
        findings.iter().find(|f| f.indicator == id)
    }

    /// Ada Lovelace, living in `country`, no payment data yet.
    fn resident_of(country: &str) -> ProfileDocument {
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

    fn ach() -> PaymentInstruction {
        PaymentInstruction {
            method: "ach".into(),
            bank_country: Some("US".into()),
            account_holder_name: Some("Ada Lovelace".into()),
            ..Default::default()
        }
    }

    fn change(at: &str) -> PaymentChange {
        PaymentChange {
            at: at.into(),
            reason: None,
        }
    }

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
    fn pay_03_an_account_held_by_someone_else_is_high() {
        let mut p = resident_of("US");
        p.payment_instructions.push(PaymentInstruction {
            account_holder_name: Some("Kim Chol Su".into()),
            ..ach()
        });
        let found = run(&p);
        let f = get(&found, "PAY-03").unwrap();
        assert_eq!(f.severity, Severity::High);
        assert_eq!(
            f.evidence[0].field,
            "payment_instructions[0].account_holder_name"
        );
        assert_eq!(f.evidence[0].value, "Kim Chol Su");
        assert_eq!(f.evidence[1].field, "identity.legal_name.full");
    }

    #[test]
    fn pay_03_the_workers_own_name_in_another_order_is_not_flagged() {
        let mut p = resident_of("US");
        p.payment_instructions.push(PaymentInstruction {
            account_holder_name: Some("LOVELACE, Ada".into()),
            ..ach()
        });
        assert!(get(&run(&p), "PAY-03").is_none());
    }

    #[test]
    fn pay_03_a_former_name_or_the_workers_own_company_is_not_flagged() {
        let mut p = resident_of("US");
        p.identity
            .legal_name
            .former_names
            .push("Augusta Ada Byron".into());
        p.payment_instructions.push(PaymentInstruction {
            account_holder_name: Some("Byron, Augusta Ada".into()),
            ..ach()
        });
        p.payment_instructions.push(PaymentInstruction {
            account_holder_name: Some("Analytical Engines LLC".into()),
            holder_is_own_entity: true,
            ..ach()
        });
        assert!(get(&run(&p), "PAY-03").is_none());
    }

    #[test]
    fn pay_03_without_a_legal_name_is_not_flagged() {
        let mut p = ProfileDocument::default();
        p.payment_instructions.push(PaymentInstruction {
            account_holder_name: Some("Kim Chol Su".into()),
            ..ach()
        });
        assert!(get(&run(&p), "PAY-03").is_none());
    }

    #[test]
    fn pay_04_two_changes_within_90_days_are_high() {
        let mut p = resident_of("US");
        p.payment_change_log.push(change("2026-03-01"));
        p.payment_change_log.push(change("2026-01-10"));
        let found = run(&p);
        let f = get(&found, "PAY-04").unwrap();
        assert_eq!(f.severity, Severity::High);
        assert!(f.title.contains("2 changes within 90 days"), "{}", f.title);
        // Time order, not log order.
        assert_eq!(f.evidence[0].field, "payment_change_log[1].at");
        assert_eq!(f.evidence[1].field, "payment_change_log[0].at");
    }

    #[test]
    fn pay_04_a_change_right_after_the_start_is_high() {
        let mut p = resident_of("US");
        p.application.employment_start = Some("2026-05-01".into());
        p.payment_change_log.push(change("2026-05-12T09:30:00Z"));
        let found = run(&p);
        let f = get(&found, "PAY-04").unwrap();
        assert!(
            f.title.contains("11 days after the employment start"),
            "{}",
            f.title
        );
    }

    #[test]
    fn pay_04_a_payout_not_agreed_in_the_contract_is_high() {
        let mut p = resident_of("US");
        p.payment_instructions.push(PaymentInstruction {
            agreed_in_contract: Some(false),
            ..ach()
        });
        let found = run(&p);
        let f = get(&found, "PAY-04").unwrap();
        assert_eq!(
            f.evidence[0].field,
            "payment_instructions[0].agreed_in_contract"
        );
    }

    #[test]
    fn pay_04_rare_changes_long_after_the_start_are_not_flagged() {
        let mut p = resident_of("US");
        p.application.employment_start = Some("2024-01-01".into());
        p.payment_change_log.push(change("2025-01-10"));
        p.payment_change_log.push(change("2026-01-10"));
        p.payment_change_log.push(change("not a date"));
        p.payment_instructions.push(PaymentInstruction {
            agreed_in_contract: Some(true),
            ..ach()
        });
        assert!(get(&run(&p), "PAY-04").is_none());
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

    #[test]
    fn pay_08_two_prepayment_requests_are_medium() {
        let mut p = resident_of("US");
        p.prepayment_requests.push(PrepaymentRequest {
            at: Some("2026-02-01".into()),
            ..Default::default()
        });
        p.prepayment_requests.push(PrepaymentRequest::default());
        let found = run(&p);
        let f = get(&found, "PAY-08").unwrap();
        assert_eq!(f.severity, Severity::Medium);
        assert_eq!(f.evidence[1].value, "undated");
    }

    #[test]
    fn pay_08_a_hostile_reaction_to_one_refusal_is_medium() {
        let mut p = resident_of("US");
        p.prepayment_requests.push(PrepaymentRequest {
            outcome: Some("refused".into()),
            hostile_reaction: true,
            ..Default::default()
        });
        let found = run(&p);
        let f = get(&found, "PAY-08").unwrap();
        assert_eq!(
            f.evidence[0].field,
            "prepayment_requests[0].hostile_reaction"
        );
    }

    #[test]
    fn pay_08_a_single_calm_request_is_not_flagged() {
        let mut p = resident_of("US");
        p.prepayment_requests.push(PrepaymentRequest {
            outcome: Some("refused".into()),
            ..Default::default()
        });
        assert!(get(&run(&p), "PAY-08").is_none());
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
