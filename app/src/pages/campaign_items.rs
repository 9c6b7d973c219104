//! The items of one access-review campaign: the filters form, the table (each item beside the
//! person's screening and the grant's history), each item's decision and the form that records
//! one. The campaign page (`pages::campaign`) places them under its summary.

use crate::api::campaigns::DecideCampaignItem;
use crate::components::feedback::rule_of;
use crate::components::pager::Pager;
use crate::model::campaigns::{CampaignItemView, CampaignItemsPage, ItemsQuery, CERTIFY, REVOKE};
use crate::model::grants::{GrantState, ScreeningBrief};
use crate::pages::access::{state_badge, tier_badge, when};
use crate::pages::campaign::Actions;
use crate::pages::campaigns::overdue_badge;
use crate::pages::users::short_time;
use leptos::prelude::*;

/// A GET form, so the filters live in the address (`mine=1`, `open=1`) and work without
/// JavaScript; applying them starts again at the first page.
pub fn filter_form(id: i64, filters: &ItemsQuery, has_own_items: bool) -> impl IntoView {
    let mine = filters.mine == Some(true);
    let open = filters.open == Some(true);
    let here = format!("/campaigns/{id}");
    let filter_action = here.clone();
    view! {
        {(has_own_items && !mine).then(|| view! {
            <p class="hint">"Some items wait for you: tick “Only mine” to see just those."</p>
        })}
        <form method="get" action=filter_action class="row-form filters">
            <label class="confirm"><input type="checkbox" name="mine" value="1" checked=mine/>" Only mine"</label>
            <label class="confirm"><input type="checkbox" name="open" value="1" checked=open/>" Only undecided"</label>
            <button type="submit" class="secondary">"Filter"</button>
            <a href=here>"Clear"</a>
        </form>
    }
}

/// The error of the last decision when it is not known which item it was about (after a round
/// trip without JavaScript).
pub fn unplaced_error(actions: Actions) -> impl IntoView {
    move || {
        if actions.last_item.get().is_some() {
            return None;
        }
        decision_error(actions.decide)
    }
}

fn decision_error(decide: ServerAction<DecideCampaignItem>) -> Option<AnyView> {
    decide.value().get().and_then(Result::err).map(|err| {
        let rule = rule_of(&err);
        view! { <p class="form-error" role="alert">"The decision was not recorded: "{err.to_string()}{rule}</p> }
            .into_any()
    })
}

/// The page of items as a table (each row with its decide form when the viewer may decide), and
/// the pager.
pub fn items_view(
    items_page: CampaignItemsPage,
    filters: &ItemsQuery,
    actions: Actions,
) -> impl IntoView {
    let CampaignItemsPage { items: rows, page } = items_page;
    let base_query = [("mine", filters.mine), ("open", filters.open)]
        .into_iter()
        .filter(|(_, on)| *on == Some(true))
        .map(|(key, _)| format!("{key}=1&"))
        .collect::<String>();
    let table = if rows.is_empty() {
        view! { <p class="empty">"No item matches these filters."</p> }.into_any()
    } else {
        view! {
            <table class="data items">
                <thead><tr><th>"Person"</th><th>"Repository"</th><th>"Grant"</th><th>"Screening"</th><th>"Reviewer"</th><th>"Decision"</th></tr></thead>
                <tbody>{rows.into_iter().map(|item| item_row(item, actions)).collect_view()}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        {table}
        // An empty path: the links are query-only ("?page=2"), so they stay on this campaign.
        <Pager info=page path="" base_query=base_query/>
    }
}

fn item_row(item: CampaignItemView, actions: Actions) -> impl IntoView {
    let CampaignItemView {
        id,
        grant_id,
        grant_state,
        person_id,
        person_name,
        login,
        repository_id,
        repository,
        tier,
        permission,
        granted_at,
        expires_at,
        approvers,
        reviewer,
        decision,
        reason,
        decided_by,
        decided_at,
        screening,
        screening_age_days,
        outlives_screening,
        overdue,
        may_decide,
        ..
    } = item;
    let login = match login {
        Some(login) => view! { <code>{login}</code> }.into_any(),
        None => view! { <span class="hint">"no login"</span> }.into_any(),
    };
    let grant_now = match GrantState::parse(&grant_state) {
        Ok(state) => state_badge(state).into_any(),
        Err(_) => view! { <span class="state">{grant_state}</span> }.into_any(),
    };
    let approvers = if approvers.is_empty() {
        "—".to_owned()
    } else {
        approvers.join(", ")
    };
    let decided = Decided {
        decision,
        reason,
        decided_by,
        decided_at,
        overdue,
    };
    view! {
        <tr data-testid="campaign-item">
            <td>
                <a href=format!("/people/{person_id}")>{person_name}</a>
                <div>{login}</div>
            </td>
            <td>
                <a href=format!("/repositories/{repository_id}")>{repository}</a>" "{tier_badge(tier)}
                <div>{permission.label()}</div>
            </td>
            <td>
                <div><a href=format!("/access/{grant_id}")>{format!("#{grant_id}")}</a>" "{grant_now}</div>
                <div class="hint">{format!("Granted {}", when(granted_at.as_deref()))}</div>
                <div class="hint">{format!("Expires {}", when(expires_at.as_deref()))}</div>
                <div class="hint">{format!("Approved by {approvers}")}</div>
            </td>
            <td>{screening_cell(screening, screening_age_days, outlives_screening)}</td>
            <td>{reviewer}</td>
            <td>
                {decision_cell(decided)}
                {may_decide.then(|| decide_form(actions, id))}
            </td>
        </tr>
    }
}

/// What a reviewer needs to know of the person's screening, and whether the grant outlives it.
fn screening_cell(
    screening: ScreeningBrief,
    age_days: Option<i64>,
    outlives_screening: bool,
) -> impl IntoView {
    let ScreeningBrief {
        band,
        decision,
        open_serious,
        ..
    } = screening;
    let band = if band.trim().is_empty() {
        view! { <span class="hint">"not screened"</span> }.into_any()
    } else {
        view! { <span class=format!("band band-{band}")>{band.clone()}</span> }.into_any()
    };
    let decision = decision
        .map(|d| d.replace('_', " "))
        .unwrap_or_else(|| "no decision".to_owned());
    let open = (!open_serious.is_empty()).then(|| {
        view! {
            <div class="hint">
                "Open findings: "
                {open_serious.into_iter().map(|indicator| view! { <code>{indicator}</code>" " }).collect_view()}
            </div>
        }
    });
    view! {
        {band}
        <div data-testid="screening-decision">{decision}</div>
        {age_days.map(|days| view! { <div class="hint">{days_ago(days)}</div> })}
        {open}
        {outlives_screening.then(|| view! {
            <p class="warning" data-testid="outlives-screening">"⚠ This grant outlives the clearance: screen the person again, or revoke."</p>
        })}
    }
}

/// "today", "1 day ago", "12 days ago".
fn days_ago(days: i64) -> String {
    match days {
        i64::MIN..=0 => "today".to_owned(),
        1 => "1 day ago".to_owned(),
        n => format!("{n} days ago"),
    }
}

/// An item's decision, as far as there is one.
struct Decided {
    decision: Option<String>,
    reason: Option<String>,
    decided_by: Option<String>,
    decided_at: Option<String>,
    overdue: bool,
}

fn decision_cell(decided: Decided) -> AnyView {
    let Decided {
        decision,
        reason,
        decided_by,
        decided_at,
        overdue,
    } = decided;
    let Some(decision) = decision else {
        return view! {
            <span class="decision decision-undecided" data-testid="item-decision">"Undecided"</span>
            " "
            {overdue.then(overdue_badge)}
        }
        .into_any();
    };
    let label = match decision.as_str() {
        CERTIFY => "Certified".to_owned(),
        REVOKE => "Revoked".to_owned(),
        other => other.replace('_', " "),
    };
    let by = match (decided_by, decided_at) {
        (Some(by), Some(at)) => Some(format!("{by}, {}", short_time(&at))),
        (Some(by), None) => Some(by),
        (None, Some(at)) => Some(short_time(&at)),
        (None, None) => None,
    };
    let reason = reason.filter(|r| !r.trim().is_empty());
    view! {
        <span class=format!("decision decision-{decision}") data-testid="item-decision">{label}</span>
        {by.map(|by| view! { <div class="hint">{by}</div> })}
        {reason.map(|reason| view! { <div class="reason">{reason}</div> })}
    }
    .into_any()
}

/// Certify or revoke, with a reason. The clicked button sends `decision` (with JavaScript too:
/// `ActionForm` adds the submitter's name and value to the form data).
fn decide_form(actions: Actions, item_id: i64) -> impl IntoView {
    let reason_id = format!("reason-{item_id}");
    let decide = actions.decide;
    let error = move || {
        if actions.last_item.get() == Some(item_id) {
            decision_error(decide)
        } else {
            None
        }
    };
    view! {
        {error}
        <ActionForm action=decide attr:class="stack decide">
            <input type="hidden" name="item_id" value=item_id/>
            <label for=reason_id.clone()>"Reason"</label>
            <textarea id=reason_id name="reason" rows="2" maxlength="2000" placeholder="What you checked (required to revoke)"></textarea>
            <div class="form-actions">
                <button type="submit" class="primary" name="decision" value=CERTIFY>"Certify"</button>
                <button type="submit" class="danger" name="decision" value=REVOKE>"Revoke"</button>
            </div>
        </ActionForm>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screening_age_reads_in_days() {
        assert_eq!(days_ago(0), "today");
        assert_eq!(days_ago(1), "1 day ago");
        assert_eq!(days_ago(40), "40 days ago");
    }
}
