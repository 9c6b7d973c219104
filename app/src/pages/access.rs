//! The access page: requests waiting for the viewer's review, each beside the person's
//! screening, and the viewer's own requests. Also the pieces the other access pages share
//! (badges, the screening brief, the review form, the timeline).

use crate::api::grants::{load_access_overview, ReviewAccess};
use crate::components::feedback::{action_error, page_error};
use crate::model::grants::{
    AccessOverview, AccessRequestView, GrantState, QueueEntry, ScreeningBrief, Tier, TimelineEntry,
};
use crate::pages::users::short_time;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Access() -> impl IntoView {
    let review = ServerAction::<ReviewAccess>::new();
    let data = Resource::new(move || review.version().get(), |_| load_access_overview());
    view! {
        <Title text="Access"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(overview) => overview_view(overview, review).into_any(),
                    Err(err) => page_error(err),
                }
            })}
        </Suspense>
    }
}

fn overview_view(overview: AccessOverview, review: ServerAction<ReviewAccess>) -> impl IntoView {
    let AccessOverview {
        mine,
        to_review,
        may_review,
        may_request,
    } = overview;
    view! {
        <div class="page-head">
            <h1>"Access"</h1>
            {may_request.then(|| view! { <a class="button primary" href="/access/new">"New request"</a> })}
        </div>
        <p class="hint">"Access to a code repository is requested for a person, checked against the policy, approved by security leads, and ends by itself when it expires."</p>
        {may_review.then(move || view! {
            <section>
                <h2>"Waiting for your review"</h2>
                {action_error(review)}
                {if to_review.is_empty() {
                    view! { <p class="empty">"Nothing waits for your review."</p> }.into_any()
                } else {
                    to_review.into_iter().map(|entry| queue_entry(entry, review)).collect_view().into_any()
                }}
            </section>
        })}
        <section>
            <h2>"Your requests"</h2>
            {if mine.is_empty() {
                view! { <p class="empty">"You have not requested access for anyone yet."</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr><th>"Request"</th><th>"Person"</th><th>"Repository"</th><th>"Permission"</th><th>"State"</th><th>"Requested"</th><th>"Expires"</th></tr></thead>
                        <tbody>{mine.into_iter().map(my_request_row).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

fn my_request_row(r: AccessRequestView) -> impl IntoView {
    let AccessRequestView {
        id,
        state,
        person_name,
        repository,
        permission,
        requested_at,
        expires_at,
        ..
    } = r;
    view! {
        <tr>
            <td><a href=format!("/access/{id}")>{format!("#{id}")}</a></td>
            <td>{person_name}</td>
            <td>{repository}</td>
            <td>{permission.label()}</td>
            <td>{state_badge(state)}</td>
            <td>{short_time(&requested_at)}</td>
            <td>{when(expires_at.as_deref())}</td>
        </tr>
    }
}

/// One request in the review queue, beside the person's screening, with the review form.
fn queue_entry(entry: QueueEntry, review: ServerAction<ReviewAccess>) -> impl IntoView {
    let QueueEntry { request, screening } = entry;
    let id = request.id;
    let heading = format!("#{id}: {} → {}", request.person_name, request.repository);
    view! {
        <article class="card queue-entry">
            <h3><a href=format!("/access/{id}")>{heading}</a></h3>
            <div class="side-by-side">
                <div>{request_facts(request)}</div>
                <div>
                    <h4>"Screening"</h4>
                    {screening_brief(screening)}
                </div>
            </div>
            {review_form(review, id)}
        </article>
    }
}

/// What was asked, by whom, and how far the approvals got.
fn request_facts(request: AccessRequestView) -> impl IntoView {
    let progress = approvals(&request);
    let AccessRequestView {
        person_id,
        person_name,
        repository_id,
        repository,
        tier,
        permission,
        duration_days,
        justification,
        requested_by,
        requested_at,
        ..
    } = request;
    view! {
        <dl class="facts">
            <dt>"Person"</dt><dd><a href=format!("/people/{person_id}")>{person_name}</a></dd>
            <dt>"Repository"</dt><dd><a href=format!("/repositories/{repository_id}")>{repository}</a>" "{tier_badge(tier)}</dd>
            <dt>"Permission"</dt><dd>{permission.label()}</dd>
            <dt>"Duration"</dt><dd>{days(duration_days)}</dd>
            <dt>"Justification"</dt><dd>{justification}</dd>
            <dt>"Requested by"</dt><dd>{format!("{requested_by}, {}", short_time(&requested_at))}</dd>
            <dt>"Approvals"</dt><dd>{progress}</dd>
        </dl>
    }
}

/// "1 of 2".
pub fn approvals(request: &AccessRequestView) -> String {
    format!("{} of {}", request.approvals, request.approvals_required)
}

/// "30 days" (or "1 day").
pub fn days(n: i64) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}

/// A time that may not have come yet: the short form, or a dash.
pub fn when(at: Option<&str>) -> String {
    at.map(short_time).unwrap_or_else(|| "—".to_owned())
}

/// The state of a request as a badge ("Pending review", "Active", …).
pub fn state_badge(state: GrantState) -> impl IntoView {
    view! { <span class=format!("state state-{}", state.as_str())>{state.label()}</span> }
}

/// A repository's sensitivity tier as a badge.
pub fn tier_badge(tier: Tier) -> impl IntoView {
    view! { <span class=format!("tier tier-{}", tier.as_str())>{tier.label()}</span> }
}

/// What a reviewer needs to know of the person's screening.
pub fn screening_brief(brief: ScreeningBrief) -> impl IntoView {
    let ScreeningBrief {
        band,
        score,
        decision,
        decided_at,
        valid_until,
        open_serious,
        ..
    } = brief;
    let decision = match (decision, decided_at) {
        (Some(decision), Some(at)) => {
            format!("{} on {}", decision.replace('_', " "), short_time(&at))
        }
        (Some(decision), None) => decision.replace('_', " "),
        (None, _) => "No decision yet".to_owned(),
    };
    let open = if open_serious.is_empty() {
        view! { <span>"none"</span> }.into_any()
    } else {
        open_serious
            .into_iter()
            .map(|indicator| view! { <code>{indicator}</code>" " })
            .collect_view()
            .into_any()
    };
    view! {
        <dl class="facts brief">
            <dt>"Band"</dt><dd><span class=format!("band band-{band}")>{band.clone()}</span></dd>
            <dt>"Score"</dt><dd>{format!("{score} of 100")}</dd>
            <dt>"Decision"</dt><dd>{decision}</dd>
            <dt>"Clearance valid until"</dt><dd>{when(valid_until.as_deref())}</dd>
            <dt>"Open serious findings"</dt><dd>{open}</dd>
        </dl>
    }
}

/// Approve or deny, with a comment. The clicked button sends `decision` (with JavaScript too:
/// `ActionForm` adds the submitter's name and value to the form data).
pub fn review_form(review: ServerAction<ReviewAccess>, id: i64) -> impl IntoView {
    let comment_id = format!("comment-{id}");
    view! {
        <ActionForm action=review attr:class="stack review">
            <input type="hidden" name="id" value=id/>
            <label for=comment_id.clone()>"Comment"</label>
            <textarea id=comment_id name="comment" rows="2" maxlength="2000" placeholder="What you checked, for the record"></textarea>
            <div class="form-actions">
                <button type="submit" class="primary" name="decision" value="approve">"Approve"</button>
                <button type="submit" class="danger" name="decision" value="deny">"Deny"</button>
            </div>
        </ActionForm>
    }
}

/// Words for the audit actions of access requests; anything else shows as it is.
fn action_label(action: &str) -> &str {
    match action {
        "access.requested" => "Requested",
        "access.reviewed" => "Reviewed",
        "access.approved" => "Approved",
        "access.activated" => "Activated",
        "access.denied" => "Denied",
        "access.cancelled" => "Cancelled",
        "access.lapsed" => "Lapsed",
        "access.expired" => "Expired",
        "access.revoked" => "Revoked",
        "access.suspended" => "Suspended",
        "access.reinstated" => "Reinstated",
        other => other,
    }
}

/// The history of one request or of all a person's requests (`with_request`: a column naming
/// the request's repository, linking to it).
pub fn timeline_view(entries: Vec<TimelineEntry>, with_request: bool) -> AnyView {
    if entries.is_empty() {
        return view! { <p class="empty">"Nothing has happened yet."</p> }.into_any();
    }
    view! {
        <table class="data timeline">
            <thead>
                <tr>
                    <th>"When"</th>
                    {with_request.then(|| view! { <th>"Request"</th> })}
                    <th>"Action"</th><th>"By"</th><th>"Detail"</th>
                </tr>
            </thead>
            <tbody>
                {entries.into_iter().map(|entry| timeline_row(entry, with_request)).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

fn timeline_row(entry: TimelineEntry, with_request: bool) -> impl IntoView {
    let TimelineEntry {
        at,
        request_id,
        repository,
        action,
        actor,
        detail,
    } = entry;
    let label = action_label(&action).to_owned();
    let request = with_request.then(move || {
        view! { <td><a href=format!("/access/{request_id}")>{format!("#{request_id} {repository}")}</a></td> }
    });
    view! {
        <tr>
            <td>{short_time(&at)}</td>
            {request}
            <td>{label}" "<code>{action}</code></td>
            <td>{actor}</td>
            <td>{detail}</td>
        </tr>
    }
}
