//! Quarterly access reviews ("campaigns"): every campaign with its progress, and for admins the
//! form that starts one. Also the badges the campaign pages and the dashboard share.

use crate::api::campaigns::{list_campaigns, StartCampaign};
use crate::components::charts::ProgressBar;
use crate::components::feedback::{action_error, page_error};
use crate::model::campaigns::{CampaignSummary, CampaignsPage, CAMPAIGN_OPEN, CAMPAIGN_SIGNED_OFF};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Campaigns() -> impl IntoView {
    let start = ServerAction::<StartCampaign>::new();
    let data = Resource::new(move || start.version().get(), |_| list_campaigns());
    view! {
        <Title text="Campaigns"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => campaigns_view(page, start).into_any(),
                    Err(err) => page_error(err),
                }
            })}
        </Suspense>
    }
}

fn campaigns_view(page: CampaignsPage, start: ServerAction<StartCampaign>) -> impl IntoView {
    let CampaignsPage {
        campaigns,
        may_start,
    } = page;
    view! {
        <h1>"Campaigns"</h1>
        <p class="hint">"Each quarter, every live grant is certified or revoked by a security lead, and an admin signs the result off; the signed-off campaign is the evidence an auditor asks for."</p>
        {if campaigns.is_empty() {
            view! { <p class="empty">"No access review has been started yet."</p> }.into_any()
        } else {
            view! {
                <table class="data">
                    <thead><tr><th>"Quarter"</th><th>"Due"</th><th>"State"</th><th>"Progress"</th></tr></thead>
                    <tbody>{campaigns.into_iter().map(campaign_row).collect_view()}</tbody>
                </table>
            }.into_any()
        }}
        {may_start.then(move || start_form(start))}
    }
}

fn campaign_row(campaign: CampaignSummary) -> impl IntoView {
    let CampaignSummary {
        id,
        quarter,
        due_date,
        state,
        progress,
        overdue,
        ..
    } = campaign;
    view! {
        <tr>
            <td><a href=format!("/campaigns/{id}")>{quarter}</a></td>
            <td>{due_date}" "{overdue.then(overdue_badge)}</td>
            <td>{campaign_state_badge(&state)}</td>
            <td><ProgressBar progress=progress/></td>
        </tr>
    }
}

/// The form that starts a campaign; on success the browser goes to the new campaign.
fn start_form(start: ServerAction<StartCampaign>) -> impl IntoView {
    view! {
        <section class="card">
            <h2>"Start a campaign"</h2>
            <p class="hint">"Starting a campaign snapshots every live grant (approved, active or suspended) as one item for a security lead to certify or revoke; grants made later wait for the next campaign."</p>
            {action_error(start)}
            <ActionForm action=start attr:class="stack">
                <label for="campaign-quarter">"Quarter"</label>
                <input id="campaign-quarter" name="quarter" required maxlength="20" placeholder="2026-Q4" autocomplete="off"/>
                <label for="campaign-due">"Due date"</label>
                <input id="campaign-due" name="due_date" type="date" required/>
                // Unticked, the browser sends nothing: the server function reads that as "no".
                <label class="confirm">
                    <input type="checkbox" name="revoke_undecided"/>
                    " Revoke undecided items at the due date"
                </label>
                <button type="submit" class="primary">"Start campaign"</button>
            </ActionForm>
        </section>
    }
}

/// "Open" or "Signed off" as a badge (anything else as it is).
pub fn campaign_state_badge(state: &str) -> impl IntoView {
    let (class, label) = match state {
        CAMPAIGN_OPEN => ("state state-open", "Open".to_owned()),
        CAMPAIGN_SIGNED_OFF => ("state state-signed-off", "Signed off".to_owned()),
        other => ("state", other.replace('_', " ")),
    };
    view! { <span class=class>{label}</span> }
}

/// Past its due date with work left.
pub fn overdue_badge() -> impl IntoView {
    view! { <span class="state overdue">"Overdue"</span> }
}

/// "1 item", "3 items".
pub fn items(n: i64) -> String {
    if n == 1 {
        "1 item".to_owned()
    } else {
        format!("{n} items")
    }
}
