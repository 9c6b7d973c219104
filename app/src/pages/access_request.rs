//! One access request through its whole life: what was asked, the reviews, the person's
//! screening, the history, and what the viewer may do with it now.

use crate::api::grants::{
    load_access_request, CancelAccessRequest, ReinstateGrant, ReviewAccess, RevokeGrant,
    SuspendGrant,
};
use crate::components::audit_link::AuditHistoryLink;
use crate::components::feedback::{action_error, page_error};
use crate::model::grants::{AccessRequestPage, AccessRequestView, ReviewView};
use crate::pages::access::{
    approvals, days, review_form, screening_brief, state_badge, tier_badge, timeline_view, when,
};
use crate::pages::users::short_time;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Every form of the page; any of them completing reloads the request.
#[derive(Clone, Copy)]
struct Actions {
    review: ServerAction<ReviewAccess>,
    cancel: ServerAction<CancelAccessRequest>,
    revoke: ServerAction<RevokeGrant>,
    suspend: ServerAction<SuspendGrant>,
    reinstate: ServerAction<ReinstateGrant>,
}

#[component]
pub fn AccessRequestDetail() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let actions = Actions {
        review: ServerAction::new(),
        cancel: ServerAction::new(),
        revoke: ServerAction::new(),
        suspend: ServerAction::new(),
        reinstate: ServerAction::new(),
    };
    let versions = move || {
        actions.review.version().get()
            + actions.cancel.version().get()
            + actions.revoke.version().get()
            + actions.suspend.version().get()
            + actions.reinstate.version().get()
    };
    let data = Resource::new(
        move || (id(), versions()),
        |(id, _)| load_access_request(id),
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => request_view(page, actions).into_any(),
                    Err(err) => page_error(err),
                }
            })}
        </Suspense>
    }
}

fn request_view(page: AccessRequestPage, actions: Actions) -> impl IntoView {
    let AccessRequestPage {
        request,
        screening,
        timeline,
        may_review,
        may_cancel,
        may_revoke,
        may_suspend,
        may_reinstate,
    } = page;
    let id = request.id;
    let title = format!("Access request #{id}");
    let subject = format!("{} on {}", request.person_name, request.repository);
    let person_name = request.person_name.clone();
    let reviews = request.reviews.clone();
    view! {
        <Title text=title.clone()/>
        <div class="page-head">
            <h1>{title.clone()}</h1>
            <span data-testid="request-state">{state_badge(request.state)}</span>
            <AuditHistoryLink subject=format!("access_request:{id}")/>
        </div>
        <p class="hint">{subject.clone()}</p>
        {action_error(actions.review)}
        {action_error(actions.cancel)}
        {action_error(actions.revoke)}
        {action_error(actions.suspend)}
        {action_error(actions.reinstate)}
        {request_facts(request)}
        <section>
            <h2>"Reviews"</h2>
            {reviews_view(reviews)}
        </section>
        {may_review.then(move || view! {
            <section class="card">
                <h2>"Your review"</h2>
                {review_form(actions.review, id)}
            </section>
        })}
        {may_cancel.then(move || view! {
            <section class="card">
                <h2>"Cancel"</h2>
                <p class="hint">"A request still waiting for review can be withdrawn; nobody gets access."</p>
                <ActionForm action=actions.cancel attr:class="inline">
                    <input type="hidden" name="id" value=id/>
                    <button type="submit" class="secondary">"Cancel request"</button>
                </ActionForm>
            </section>
        })}
        {may_suspend.then(|| suspend_form(actions.suspend, id))}
        {may_reinstate.then(|| reinstate_form(actions.reinstate, id))}
        {may_revoke.then(|| revoke_form(actions.revoke, id, subject.clone()))}
        <section>
            <h2>{format!("Screening of {person_name}")}</h2>
            {screening_brief(screening)}
        </section>
        <section>
            <h2>"History"</h2>
            {timeline_view(timeline, false)}
        </section>
    }
}

fn request_facts(request: AccessRequestView) -> impl IntoView {
    let progress = approvals(&request);
    let AccessRequestView {
        person_id,
        person_name,
        login,
        repository_id,
        repository,
        tier,
        permission,
        duration_days,
        justification,
        requested_by,
        requested_at,
        activated_at,
        expires_at,
        ended_at,
        end_reason,
        ..
    } = request;
    view! {
        <dl class="facts">
            <dt>"Person"</dt><dd><a href=format!("/people/{person_id}")>{person_name}</a></dd>
            <dt>"Login"</dt><dd>{login.unwrap_or_else(|| "— (none on the profile)".to_owned())}</dd>
            <dt>"Repository"</dt><dd><a href=format!("/repositories/{repository_id}")>{repository}</a>" "{tier_badge(tier)}</dd>
            <dt>"Permission"</dt><dd>{permission.label()}</dd>
            <dt>"Duration"</dt><dd>{days(duration_days)}</dd>
            <dt>"Justification"</dt><dd>{justification}</dd>
            <dt>"Requested by"</dt><dd>{requested_by}</dd>
            <dt>"Requested"</dt><dd>{short_time(&requested_at)}</dd>
            <dt>"Approvals"</dt><dd data-testid="approvals">{progress}</dd>
            <dt>"Active since"</dt><dd>{when(activated_at.as_deref())}</dd>
            <dt>"Expires"</dt><dd data-testid="expires-at">{when(expires_at.as_deref())}</dd>
            <dt>"Ended"</dt><dd>{when(ended_at.as_deref())}</dd>
            {end_reason.map(|reason| view! { <dt>"Why"</dt><dd>{reason}</dd> })}
        </dl>
    }
}

fn reviews_view(reviews: Vec<ReviewView>) -> AnyView {
    if reviews.is_empty() {
        return view! { <p class="empty">"No review yet."</p> }.into_any();
    }
    view! {
        <ul class="reviews">
            {reviews.into_iter().map(|r| {
                let said = if r.comment.trim().is_empty() { String::new() } else { format!(": {}", r.comment) };
                view! {
                    <li>
                        <strong>{r.decision.label()}</strong>
                        {format!(" by {}, {}{said}", r.reviewer, short_time(&r.at))}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

fn suspend_form(suspend: ServerAction<SuspendGrant>, id: i64) -> impl IntoView {
    view! {
        <section class="card">
            <h2>"Suspend"</h2>
            <p class="hint">"Takes the access away while a risk is looked into; it can be reinstated until it expires."</p>
            <ActionForm action=suspend attr:class="row-form">
                <input type="hidden" name="id" value=id/>
                <label for="suspend-reason">"Reason for suspending"</label>
                <input id="suspend-reason" name="reason" required maxlength="2000"/>
                <button type="submit" class="secondary">"Suspend"</button>
            </ActionForm>
        </section>
    }
}

fn reinstate_form(reinstate: ServerAction<ReinstateGrant>, id: i64) -> impl IntoView {
    view! {
        <section class="card">
            <h2>"Reinstate"</h2>
            <p class="hint">"Gives the suspended access back until its original expiry."</p>
            <ActionForm action=reinstate attr:class="row-form">
                <input type="hidden" name="id" value=id/>
                <label for="reinstate-reason">"Reason for reinstating"</label>
                <input id="reinstate-reason" name="reason" required maxlength="2000"/>
                <button type="submit" class="secondary">"Reinstate"</button>
            </ActionForm>
        </section>
    }
}

/// Revoking cannot be undone, so the box must be ticked first. The box has no name: the browser
/// refuses the form until it is ticked, and it is never sent (the server function takes only
/// the id and the reason).
fn revoke_form(revoke: ServerAction<RevokeGrant>, id: i64, subject: String) -> impl IntoView {
    let confirm = format!(" I confirm: revoke the access of {subject} now");
    view! {
        <section class="card danger-zone">
            <h2>"Revoke"</h2>
            <p class="hint">"Ends the access now. It cannot be undone: granting it again takes a new request."</p>
            <ActionForm action=revoke attr:class="stack">
                <input type="hidden" name="id" value=id/>
                <label for="revoke-reason">"Reason for revoking"</label>
                <input id="revoke-reason" name="reason" required maxlength="2000"/>
                <label class="confirm">
                    <input type="checkbox" required/>
                    {confirm}
                </label>
                <button type="submit" class="danger">"Revoke access"</button>
            </ActionForm>
        </section>
    }
}
