//! A person's access tab: every request and grant they have had, the history of all of them,
//! and the kill switch that takes every access away at once.

use crate::api::grants::{load_person_access, RevokeAllAccess};
use crate::components::feedback::{action_error, page_error};
use crate::model::grants::{AccessRequestView, PersonAccess};
use crate::pages::access::{state_badge, tier_badge, timeline_view, when};
use crate::pages::users::short_time;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PersonAccessTab() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let revoke_all = ServerAction::<RevokeAllAccess>::new();
    let data = Resource::new(
        move || (id(), revoke_all.version().get()),
        |(id, _)| load_person_access(id),
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(access) => access_view(access, revoke_all).into_any(),
                    Err(err) => page_error(err),
                }
            })}
        </Suspense>
    }
}

fn access_view(access: PersonAccess, revoke_all: ServerAction<RevokeAllAccess>) -> impl IntoView {
    let PersonAccess {
        person_id,
        person_name,
        requests,
        timeline,
        may_request,
        may_revoke_all,
    } = access;
    let title = format!("Access of {person_name}");
    // With JavaScript the page stays put and says what happened; without it the page reloads.
    let revoked = move || {
        revoke_all.value().get().and_then(Result::ok).map(|done| {
            let said = format!(
                "Revoked {} grants and cancelled {} pending requests.",
                done.revoked, done.cancelled
            );
            view! { <p class="form-ok" role="status">{said}</p> }
        })
    };
    view! {
        <Title text=title.clone()/>
        <div class="page-head">
            <h1>{title.clone()}</h1>
            {may_request.then(|| view! {
                <a class="button primary" href=format!("/access/new?person={person_id}")>"Request access"</a>
            })}
        </div>
        <p><a href=format!("/people/{person_id}")>{format!("← Back to the screening of {person_name}")}</a></p>
        {action_error(revoke_all)}
        {revoked}
        <section>
            <h2>"Requests and grants"</h2>
            {if requests.is_empty() {
                view! { <p class="empty">"No access was ever requested for this person."</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr><th>"Request"</th><th>"Repository"</th><th>"Permission"</th><th>"State"</th><th>"Requested"</th><th>"Expires"</th></tr></thead>
                        <tbody>{requests.into_iter().map(request_row).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <section>
            <h2>"History"</h2>
            {timeline_view(timeline, true)}
        </section>
        {may_revoke_all.then(|| kill_switch(revoke_all, person_id, person_name.clone()))}
    }
}

fn request_row(request: AccessRequestView) -> impl IntoView {
    let AccessRequestView {
        id,
        state,
        repository_id,
        repository,
        tier,
        permission,
        requested_at,
        expires_at,
        ..
    } = request;
    view! {
        <tr>
            <td><a href=format!("/access/{id}")>{format!("#{id}")}</a></td>
            <td><a href=format!("/repositories/{repository_id}")>{repository}</a>" "{tier_badge(tier)}</td>
            <td>{permission.label()}</td>
            <td>{state_badge(state)}</td>
            <td>{short_time(&requested_at)}</td>
            <td>{when(expires_at.as_deref())}</td>
        </tr>
    }
}

/// Revokes every grant the person holds and cancels their pending requests, in one step, for
/// when something serious comes to light. The box has no name: the browser refuses the form
/// until it is ticked, and it is never sent.
fn kill_switch(
    revoke_all: ServerAction<RevokeAllAccess>,
    person_id: i64,
    person_name: String,
) -> impl IntoView {
    let warning = format!("Revokes every grant {person_name} holds, on every repository, and cancels their pending requests, at once. Every repository's desired state drops them immediately. It cannot be undone.");
    let confirm = format!(" I confirm: {person_name} loses all repository access now");
    view! {
        <section class="card danger-zone">
            <h2>"Kill switch: revoke all access"</h2>
            <p>{warning}</p>
            <ActionForm action=revoke_all attr:class="stack">
                <input type="hidden" name="person_id" value=person_id/>
                <label for="revoke-all-reason">"Reason for revoking all access"</label>
                <input id="revoke-all-reason" name="reason" required maxlength="2000"/>
                <label class="confirm">
                    <input type="checkbox" required/>
                    {confirm}
                </label>
                <button type="submit" class="danger">"Revoke all access"</button>
            </ActionForm>
        </section>
    }
}
