//! Changes to the payout (PAY-04): frequent changes, a change soon after the employment start,
//! or a payout other than the one agreed in the contract.

use clearance_app::model::profile::ProfileDocument;

use crate::scoring::dates::{self, DAY_SECS};
use crate::scoring::{Finding, Severity};

use super::finding;

/// PAY-04: this many payout changes…
pub const PAY_04_MIN_CHANGES: usize = 2;
/// PAY-04: …within this many days are too frequent.
pub const PAY_04_WINDOW_DAYS: i64 = 90;
/// PAY-04: any payout change within this many days after the employment start.
pub const PAY_04_AFTER_START_DAYS: i64 = 30;

/// PAY-04 (high): frequent payout changes, a change soon after the start of employment, or a
/// payout that is not the one agreed in the contract.
pub(super) fn pay_04_payout_changes(p: &ProfileDocument) -> Vec<Finding> {
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
    use crate::scoring::payment::fixtures::{ach, get, resident_of, run};
    use clearance_app::model::profile::{PaymentChange, PaymentInstruction};

    fn change(at: &str) -> PaymentChange {
        PaymentChange {
            at: at.into(),
            reason: None,
        }
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
}
