//! Requests to be paid in advance (PAY-08): repeated prepayment requests, or hostility when one
//! is refused.

use clearance_app::model::profile::ProfileDocument;

use crate::scoring::{Finding, Severity};

use super::{finding, text};

/// PAY-08: this many prepayment requests are "repeated".
pub const PAY_08_MIN_REQUESTS: usize = 2;

/// PAY-08 (medium): repeated prepayment requests, or a hostile reaction to a refusal.
pub(super) fn pay_08_prepayment_requests(p: &ProfileDocument) -> Vec<Finding> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::payment::fixtures::{get, resident_of, run};
    use clearance_app::model::profile::PrepaymentRequest;

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
}
