//! Who may review an access request, and when its approvals are enough. Pure: no I/O, no clock.
//!
//! Four-eyes rules: the person who asked never reviews their own request; each reviewer decides
//! once; a single deny ends the request; and on sensitive and critical repositories the person who
//! cleared the screening may not be the only one to approve, so that no single person both vouches
//! for someone and lets them into sensitive code.

use super::policy::{rules, Refusal};
use clearance_app::model::grants::{ReviewDecision, Tier};

/// What a review is judged against.
#[derive(Clone, Debug)]
pub struct ReviewContext<'a> {
    /// The user who made the request.
    pub requester: i64,
    pub tier: Tier,
    /// `approvals_required` at request time (a later policy change does not move the goalposts).
    pub required: u8,
    /// The user who recorded the `cleared` decision.
    pub cleared_by: Option<i64>,
    /// Users who approved so far.
    pub approvers: &'a [i64],
    /// Users who reviewed so far (approve or deny).
    pub reviewed: &'a [i64],
}

/// What one more review does to a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewOutcome {
    /// Any deny ends the request.
    Denied,
    /// Recorded; `approvals` distinct approvals so far, more needed.
    StillPending { approvals: u8 },
    /// The approvals are now sufficient.
    Approved,
}

/// `review.self` and `review.once`: may this user review this request at all?
pub fn check_reviewer(ctx: &ReviewContext, reviewer: i64) -> Result<(), Refusal> {
    if reviewer == ctx.requester {
        return Err(Refusal::forbidden(
            rules::REVIEW_SELF,
            "You made this request, so you cannot review it: another security lead must.".into(),
        ));
    }
    // An approver is a reviewer even if the caller's lists disagree.
    if ctx.reviewed.contains(&reviewer) || ctx.approvers.contains(&reviewer) {
        return Err(Refusal::conflict(
            rules::REVIEW_ONCE,
            "You have already reviewed this request: each reviewer decides once, so another \
             security lead must add the next review."
                .into(),
        ));
    }
    Ok(())
}

/// What `reviewer` deciding `decision` does to the request, or why they may not review it.
pub fn outcome(
    ctx: &ReviewContext,
    reviewer: i64,
    decision: ReviewDecision,
) -> Result<ReviewOutcome, Refusal> {
    check_reviewer(ctx, reviewer)?;
    if decision == ReviewDecision::Deny {
        return Ok(ReviewOutcome::Denied);
    }
    let mut approvers = ctx.approvers.to_vec();
    approvers.push(reviewer);
    if approvals_satisfied(&approvers, ctx.required, ctx.tier, ctx.cleared_by) {
        Ok(ReviewOutcome::Approved)
    } else {
        Ok(ReviewOutcome::StillPending {
            approvals: count(&distinct(&approvers)),
        })
    }
}

/// Are these approvals enough? At least `required` distinct approvers (and always at least one,
/// whatever `required` says), and on sensitive or critical repositories at least one approver who
/// is not the person who cleared the screening. Duplicates count once.
pub fn approvals_satisfied(
    approvers: &[i64],
    required: u8,
    tier: Tier,
    cleared_by: Option<i64>,
) -> bool {
    let approvers = distinct(approvers);
    approvers.len() >= usize::from(required.max(1)) && !clearer_alone(&approvers, tier, cleared_by)
}

/// Why a request with these approvals is still pending, in words (for the UI): e.g. "1 of 2
/// approvals" or "Approved by the person who cleared the screening only: another security lead
/// must approve."
pub fn waiting_for(approvers: &[i64], required: u8, tier: Tier, cleared_by: Option<i64>) -> String {
    let approvers = distinct(approvers);
    let required = required.max(1);
    let noun = if required == 1 {
        "approval"
    } else {
        "approvals"
    };
    let have = count(&approvers);
    if have < required {
        format!("{have} of {required} {noun}")
    } else if clearer_alone(&approvers, tier, cleared_by) {
        "Approved by the person who cleared the screening only: another security lead must \
         approve."
            .into()
    } else {
        format!("Nothing: the approvals are sufficient ({have} of {required}).")
    }
}

/// `review.clearer_not_sole_approver`: on sensitive and critical repositories, everyone who
/// approved is the person who cleared the screening.
fn clearer_alone(distinct_approvers: &[i64], tier: Tier, cleared_by: Option<i64>) -> bool {
    match cleared_by {
        Some(clearer) if tier >= Tier::Sensitive => {
            distinct_approvers.iter().all(|a| *a == clearer)
        }
        _ => false,
    }
}

fn distinct(ids: &[i64]) -> Vec<i64> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids
}

fn count(ids: &[i64]) -> u8 {
    u8::try_from(ids.len()).unwrap_or(u8::MAX)
}

#[cfg(test)]
mod tests;
