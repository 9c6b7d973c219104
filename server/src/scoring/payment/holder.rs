//! Whose account receives the pay (PAY-03): a payout account held by someone other than the
//! worker.

use clearance_app::model::profile::ProfileDocument;

use crate::scoring::names::{similarity, sorted_key};
use crate::scoring::{Finding, Severity};

use super::{finding, text};

/// PAY-03: a holder name at least this similar (token-sort Jaro-Winkler) to a name the worker
/// declared is the worker's own.
pub const PAY_03_MIN_NAME_SIMILARITY: f64 = 0.90;

/// PAY-03 (high): the payout account is held by someone else (not the legal, preferred or a
/// former name, and not the worker's own verified company). Needs the legal name.
pub(super) fn pay_03_holder_is_someone_else(p: &ProfileDocument) -> Vec<Finding> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::payment::fixtures::{ach, get, resident_of, run};
    use clearance_app::model::profile::PaymentInstruction;

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
}
