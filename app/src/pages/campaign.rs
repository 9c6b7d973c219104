//! One quarterly access review: its summary and progress, the evidence to download, the
//! sign-off, and its items, each beside what a reviewer needs to certify or revoke it (the items
//! table and its forms are in `pages::campaign_items`).

use crate::api::campaigns::{
    load_campaign, load_campaign_items, DecideCampaignItem, SignOffCampaign,
};
use crate::components::audit_link::AuditHistoryLink;
use crate::components::charts::{ProgressBar, ProgressRing};
use crate::components::feedback::{page_error, rule_of};
use crate::model::campaigns::{
    CampaignItemsPage, CampaignSummary, CampaignView, ItemsQuery, Progress, ReviewerProgress,
};
use crate::pages::campaign_items::{filter_form, items_view, unplaced_error};
use crate::pages::campaigns::{campaign_state_badge, items};
use crate::pages::users::short_time;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The page's forms, and which item the last decision was about (known with JavaScript only: it
/// places an error beside that item's form).
#[derive(Clone, Copy)]
pub struct Actions {
    pub decide: ServerAction<DecideCampaignItem>,
    pub sign_off: ServerAction<SignOffCampaign>,
    pub last_item: RwSignal<Option<i64>>,
}

/// `mine=1`, `open=1` (also `true` / `on`) switch a filter on.
fn is_on(value: &str) -> bool {
    matches!(value.trim(), "1" | "true" | "on")
}

#[component]
pub fn CampaignDetail() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let filters = move || {
        let read = query.read();
        let flag = |key: &str| read.get(key).is_some_and(|v| is_on(&v)).then_some(true);
        ItemsQuery {
            mine: flag("mine"),
            open: flag("open"),
            // Always a page: a query whose every field is empty does not reach the server at all
            // (the encoding drops it), and the server function then misses its argument.
            page: Some(
                read.get("page")
                    .and_then(|p| p.trim().parse().ok())
                    .unwrap_or(1),
            ),
        }
    };
    let actions = Actions {
        decide: ServerAction::new(),
        sign_off: ServerAction::new(),
        last_item: RwSignal::new(None),
    };
    // Runs in the browser only; without JavaScript the error shows above the items instead.
    Effect::new(move |_| {
        if let Some(input) = actions.decide.input().get() {
            actions.last_item.set(Some(input.item_id));
        }
    });
    let versions = move || actions.decide.version().get() + actions.sign_off.version().get();
    let campaign = Resource::new(move || (id(), versions()), |(id, _)| load_campaign(id));
    let items_page = Resource::new(
        move || (id(), filters(), versions()),
        |(id, query, _)| load_campaign_items(id, query),
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let filters = filters();
                match (campaign.await, items_page.await) {
                    (Ok(campaign), Ok(items_page)) => campaign_view(campaign, items_page, filters, actions).into_any(),
                    (Err(err), _) | (_, Err(err)) => page_error(err),
                }
            })}
        </Suspense>
    }
}

fn campaign_view(
    data: CampaignView,
    items_page: CampaignItemsPage,
    filters: ItemsQuery,
    actions: Actions,
) -> impl IntoView {
    let CampaignView {
        campaign,
        reviewers,
        first_seq,
        last_seq,
        head_hash_at_sign_off,
        may_sign_off,
        may_export,
        has_own_items,
    } = data;
    let id = campaign.id;
    let title = format!("Access review {}", campaign.quarter);
    let state = campaign.state.clone();
    let progress = campaign.progress;
    let overdue = campaign.overdue.then(|| {
        let left = items((progress.total - progress.decided).max(0));
        view! {
            <p class="warning">
                {format!("Overdue: the due date has passed and {left} still wait for a decision.")}
            </p>
        }
    });
    view! {
        <Title text=title.clone()/>
        <p><a href="/campaigns">"← All campaigns"</a></p>
        <div class="page-head">
            <h1>{title.clone()}</h1>
            <span data-testid="campaign-state">{campaign_state_badge(&state)}</span>
            <AuditHistoryLink subject=format!("campaign:{id}")/>
        </div>
        {overdue}
        {summary_facts(campaign, first_seq, last_seq, head_hash_at_sign_off)}
        {may_export.then(|| exports(id))}
        <section>
            <h2>"Progress"</h2>
            <div class="progress-overview">
                <ProgressRing progress=progress/>
                <div data-testid="campaign-progress"><ProgressBar progress=progress/></div>
            </div>
            {reviewers_view(reviewers)}
        </section>
        {may_sign_off.then(|| sign_off_form(actions.sign_off, id, progress))}
        <section>
            <h2>"Items"</h2>
            {filter_form(id, &filters, has_own_items)}
            {unplaced_error(actions)}
            {items_view(items_page, &filters, actions)}
        </section>
    }
}

/// Who started it and when, where it stands, and its place in the audit log.
fn summary_facts(
    campaign: CampaignSummary,
    first_seq: i64,
    last_seq: Option<i64>,
    head_hash: Option<String>,
) -> impl IntoView {
    let CampaignSummary {
        due_date,
        revoke_undecided_at_due,
        created_by,
        created_at,
        signed_off_by,
        signed_off_at,
        certified,
        revoked,
        progress,
        ..
    } = campaign;
    let at_due = if revoke_undecided_at_due {
        "Undecided items are revoked"
    } else {
        "Undecided items stay, reported as overdue"
    };
    let signed_off = match (signed_off_by, signed_off_at) {
        (Some(by), Some(at)) => format!("{by}, {}", short_time(&at)),
        (Some(by), None) => by,
        (None, _) => "Not yet".to_owned(),
    };
    let range = match last_seq {
        Some(last) => format!("#{first_seq} to #{last}"),
        None => format!("From #{first_seq}"),
    };
    let undecided = (progress.total - progress.decided).max(0);
    view! {
        <dl class="facts">
            <dt>"Due"</dt><dd data-testid="due-date">{due_date}</dd>
            <dt>"At the due date"</dt><dd>{at_due}</dd>
            <dt>"Started by"</dt><dd>{format!("{created_by}, {}", short_time(&created_at))}</dd>
            <dt>"Signed off by"</dt><dd data-testid="signed-off-by">{signed_off}</dd>
            <dt>"Certified"</dt><dd data-testid="certified">{certified}</dd>
            <dt>"Revoked"</dt><dd data-testid="revoked">{revoked}</dd>
            <dt>"Undecided"</dt><dd data-testid="undecided">{undecided}</dd>
            <dt>"Audit log entries"</dt><dd data-testid="audit-range">{range}</dd>
            {head_hash.map(|hash| view! {
                <dt>"Chain head at sign-off"</dt>
                <dd><code class="hash" data-testid="head-hash">{hash}</code></dd>
            })}
        </dl>
    }
}

/// Plain links the router leaves alone (rel="external"): the browser downloads the CSV and opens
/// the printable report in a new tab.
fn exports(id: i64) -> impl IntoView {
    view! {
        <p class="exports">
            "Evidence: "
            <a href=format!("/api/v1/campaigns/{id}/export.csv") rel="external" download="">"Evidence (CSV)"</a>
            " · "
            <a href=format!("/api/v1/campaigns/{id}/report.html") rel="external noopener" target="_blank">"Printable report"</a>
        </p>
    }
}

fn reviewers_view(reviewers: Vec<ReviewerProgress>) -> AnyView {
    if reviewers.is_empty() {
        return view! { <p class="empty">"Nothing to review: no grant was live when the campaign started."</p> }
            .into_any();
    }
    view! {
        <h3>"By reviewer"</h3>
        <ul class="reviewer-progress">
            {reviewers.into_iter().map(|r| view! {
                <li data-testid="reviewer-progress">
                    <span class="reviewer">{r.reviewer}</span>
                    <ProgressBar progress=r.progress/>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// Signing off cannot be undone, so the box must be ticked first. The box has no name: the
/// browser refuses the form until it is ticked, and it is never sent.
fn sign_off_form(
    sign_off: ServerAction<SignOffCampaign>,
    id: i64,
    progress: Progress,
) -> impl IntoView {
    let left = (progress.total - progress.decided).max(0);
    let error = move || {
        sign_off.value().get().and_then(Result::err).map(|err| {
            let rule = rule_of(&err);
            view! { <p class="form-error" role="alert">{err.to_string()}{rule}</p> }
        })
    };
    view! {
        <section class="card">
            <h2>"Sign off"</h2>
            <p class="hint">"Signing off records the audit chain's head hash with the campaign and makes it read-only: no item can be decided after it."</p>
            {(left > 0).then(|| view! {
                <p class="warning">{format!("{} still wait for a decision.", items(left))}</p>
            })}
            {error}
            <ActionForm action=sign_off attr:class="stack">
                <input type="hidden" name="id" value=id/>
                <label class="confirm">
                    <input type="checkbox" required/>
                    " I confirm: every item was reviewed, and I sign this campaign off"
                </label>
                <button type="submit" class="primary">"Sign off"</button>
            </ActionForm>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_switched_on_by_one_true_or_on() {
        assert!(is_on("1") && is_on("true") && is_on(" on "));
        assert!(!is_on("0") && !is_on("") && !is_on("yes"));
    }
}
