//! The four-eyes rules: self-review, one review each, deny ends it, distinct approvers, and the
//! person who cleared the screening never approving sensitive access alone.
use super::*;
use crate::grants::policy::RefusalKind;

const REQUESTER: i64 = 1;
const CLEARER: i64 = 9;

fn ctx<'a>(
    tier: Tier,
    required: u8,
    approvers: &'a [i64],
    reviewed: &'a [i64],
) -> ReviewContext<'a> {
    ReviewContext {
        requester: REQUESTER,
        tier,
        required,
        cleared_by: Some(CLEARER),
        approvers,
        reviewed,
    }
}

#[test]
fn the_requester_may_not_review_their_own_request() {
    let c = ctx(Tier::Standard, 1, &[], &[]);
    for decision in [ReviewDecision::Approve, ReviewDecision::Deny] {
        let refusal = outcome(&c, REQUESTER, decision).unwrap_err();
        assert_eq!(refusal.rule, rules::REVIEW_SELF);
        assert_eq!(refusal.kind, RefusalKind::Forbidden);
        assert_eq!(
            refusal.message,
            "You made this request, so you cannot review it: another security lead must."
        );
    }
}

#[test]
fn a_reviewer_reviews_once() {
    let c = ctx(Tier::Critical, 2, &[2], &[2]);
    let refusal = outcome(&c, 2, ReviewDecision::Approve).unwrap_err();
    assert_eq!(refusal.rule, rules::REVIEW_ONCE);
    assert_eq!(refusal.kind, RefusalKind::Conflict);
    let denied_before = ctx(Tier::Critical, 2, &[], &[3]);
    assert_eq!(
        check_reviewer(&denied_before, 3).unwrap_err().rule,
        rules::REVIEW_ONCE
    );
}

#[test]
fn an_approver_missing_from_the_reviewed_list_still_counts_as_a_reviewer() {
    let c = ctx(Tier::Critical, 2, &[2], &[]);
    assert_eq!(check_reviewer(&c, 2).unwrap_err().rule, rules::REVIEW_ONCE);
}

#[test]
fn someone_else_may_review() {
    let c = ctx(Tier::Critical, 2, &[2], &[2]);
    assert_eq!(check_reviewer(&c, 3), Ok(()));
}

#[test]
fn a_deny_ends_the_request_even_after_approvals() {
    let c = ctx(Tier::Critical, 2, &[2], &[2]);
    assert_eq!(
        outcome(&c, 3, ReviewDecision::Deny),
        Ok(ReviewOutcome::Denied)
    );
}

#[test]
fn one_approval_approves_when_one_is_required() {
    let c = ctx(Tier::Standard, 1, &[], &[]);
    assert_eq!(
        outcome(&c, 2, ReviewDecision::Approve),
        Ok(ReviewOutcome::Approved)
    );
}

#[test]
fn two_distinct_approvers_approve_on_critical() {
    let first = ctx(Tier::Critical, 2, &[], &[]);
    assert_eq!(
        outcome(&first, 2, ReviewDecision::Approve),
        Ok(ReviewOutcome::StillPending { approvals: 1 })
    );
    let second = ctx(Tier::Critical, 2, &[2], &[2]);
    assert_eq!(
        outcome(&second, 3, ReviewDecision::Approve),
        Ok(ReviewOutcome::Approved)
    );
}

#[test]
fn the_same_approver_twice_never_counts_as_two() {
    assert!(!approvals_satisfied(&[2, 2], 2, Tier::Standard, None));
    assert!(!approvals_satisfied(&[2, 2, 2], 2, Tier::Critical, None));
    assert!(approvals_satisfied(&[2, 3, 2], 2, Tier::Critical, None));
    assert_eq!(
        waiting_for(&[2, 2], 2, Tier::Standard, None),
        "1 of 2 approvals"
    );
}

#[test]
fn the_clearer_alone_keeps_sensitive_access_pending() {
    let c = ctx(Tier::Sensitive, 1, &[], &[]);
    assert_eq!(
        outcome(&c, CLEARER, ReviewDecision::Approve),
        Ok(ReviewOutcome::StillPending { approvals: 1 })
    );
    assert!(!approvals_satisfied(
        &[CLEARER],
        1,
        Tier::Critical,
        Some(CLEARER)
    ));
    assert_eq!(
        waiting_for(&[CLEARER], 1, Tier::Sensitive, Some(CLEARER)),
        "Approved by the person who cleared the screening only: another security lead must \
         approve."
    );
    let then = ctx(Tier::Sensitive, 1, &[CLEARER], &[CLEARER]);
    assert_eq!(
        outcome(&then, 2, ReviewDecision::Approve),
        Ok(ReviewOutcome::Approved)
    );
}

#[test]
fn the_clearer_with_another_approver_is_enough_on_critical() {
    assert!(approvals_satisfied(
        &[CLEARER, 2],
        2,
        Tier::Critical,
        Some(CLEARER)
    ));
}

#[test]
fn the_clearer_alone_is_fine_on_standard() {
    let c = ctx(Tier::Standard, 1, &[], &[]);
    assert_eq!(
        outcome(&c, CLEARER, ReviewDecision::Approve),
        Ok(ReviewOutcome::Approved)
    );
    assert!(approvals_satisfied(
        &[CLEARER],
        1,
        Tier::Standard,
        Some(CLEARER)
    ));
}

#[test]
fn without_a_clearer_only_the_count_matters() {
    assert!(approvals_satisfied(&[4], 1, Tier::Sensitive, None));
}

#[test]
fn no_approval_is_never_enough() {
    assert!(!approvals_satisfied(&[], 0, Tier::Standard, None));
    assert!(!approvals_satisfied(&[], 1, Tier::Sensitive, None));
    assert_eq!(waiting_for(&[], 0, Tier::Standard, None), "0 of 1 approval");
}

#[test]
fn waiting_for_counts_distinct_approvals() {
    assert_eq!(
        waiting_for(&[], 2, Tier::Critical, None),
        "0 of 2 approvals"
    );
    assert_eq!(
        waiting_for(&[5], 2, Tier::Critical, Some(5)),
        "1 of 2 approvals"
    );
    assert_eq!(
        waiting_for(&[5, 6], 2, Tier::Critical, Some(5)),
        "Nothing: the approvals are sufficient (2 of 2)."
    );
}
