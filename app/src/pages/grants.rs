//! Every grant (a request that was approved): who holds, or held, access to what and until
//! when, filtered by state, tier, permission and how soon it ends. The filters live in the
//! address, so the dashboard's bars link here (`/grants?state=active&tier=critical`).

use crate::api::grants::list_grants;
use crate::components::feedback::page_error;
use crate::components::pager::Pager;
use crate::model::grants::{
    AccessRequestView, GrantState, GrantsPage, GrantsQuery, Permission, Tier,
};
use crate::pages::access::{state_badge, tier_badge, when};
use crate::query_string;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The "ending within" choices, in days.
const WINDOWS: [i64; 2] = [7, 30];

#[component]
pub fn Grants() -> impl IntoView {
    let params = use_query_map();
    let query = move || {
        let read = params.read();
        let get = |key: &str| {
            read.get(key)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        GrantsQuery {
            person_id: get("person_id").and_then(|v| v.parse().ok()),
            repository_id: get("repository_id").and_then(|v| v.parse().ok()),
            state: get("state"),
            tier: get("tier"),
            permission: get("permission"),
            expires_within_days: get("expires_within_days").and_then(|v| v.parse().ok()),
            // Always a page: an all-empty query would not reach the server function at all.
            page: Some(get("page").and_then(|v| v.parse().ok()).unwrap_or(1)),
        }
    };
    let data = Resource::new(query, list_grants);
    view! {
        <Title text="Grants"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let q = query();
                match data.await {
                    Ok(page) => grants_view(page, q).into_any(),
                    Err(err) => page_error(err),
                }
            })}
        </Suspense>
    }
}

fn grants_view(data: GrantsPage, q: GrantsQuery) -> impl IntoView {
    let GrantsPage { grants, page } = data;
    let window = q.expires_within_days.map(|d| d.to_string());
    let person = q.person_id.map(|id| id.to_string());
    let repository = q.repository_id.map(|id| id.to_string());
    let base_query = query_string::filters(&[
        ("state", &q.state),
        ("tier", &q.tier),
        ("permission", &q.permission),
        ("expires_within_days", &window),
        ("person_id", &person),
        ("repository_id", &repository),
    ]);
    let narrowed = match (q.person_id, q.repository_id) {
        (Some(p), Some(r)) => Some(format!(
            "Only the grants of person #{p} on repository #{r}."
        )),
        (Some(p), None) => Some(format!("Only the grants of person #{p}.")),
        (None, Some(r)) => Some(format!("Only the grants on repository #{r}.")),
        (None, None) => None,
    };
    view! {
        <h1>"Grants"</h1>
        <p class="hint">"Every request that became a grant: who holds, or held, access to which repository, and until when."</p>
        {narrowed.map(|text| view! { <p class="hint">{text}" " <a href="/grants">"Show all grants"</a></p> })}
        {filter_form(&q)}
        {if grants.is_empty() {
            view! { <p class="empty">"No grant matches these filters."</p> }.into_any()
        } else {
            view! {
                <table class="data">
                    <thead><tr><th>"Person"</th><th>"Repository"</th><th>"Permission"</th><th>"State"</th><th>"Expires"</th><th>"Request"</th></tr></thead>
                    <tbody>{grants.into_iter().map(grant_row).collect_view()}</tbody>
                </table>
            }.into_any()
        }}
        <Pager info=page path="/grants" base_query=base_query/>
    }
}

/// A GET form: the filters become the address, with JavaScript or without.
fn filter_form(q: &GrantsQuery) -> impl IntoView {
    let state = q.state.clone().unwrap_or_default();
    let tier = q.tier.clone().unwrap_or_default();
    let permission = q.permission.clone().unwrap_or_default();
    let window = q.expires_within_days;
    let states = GrantState::GRANTS
        .iter()
        .map(|s| view! { <option value=s.as_str() selected=state == s.as_str()>{s.label()}</option> })
        .collect_view();
    // The dashboard also links to requests in other states (`state=pending`): offer the one in
    // the address too, so the form shows what the list shows.
    let other_state =
        (!state.is_empty() && !GrantState::GRANTS.iter().any(|s| s.as_str() == state)).then(|| {
            let label = GrantState::parse(&state)
                .map(|s| s.label().to_owned())
                .unwrap_or_else(|_| state.clone());
            view! { <option value=state.clone() selected=true>{label}</option> }
        });
    let tiers = Tier::ALL
        .iter()
        .map(
            |t| view! { <option value=t.as_str() selected=tier == t.as_str()>{t.label()}</option> },
        )
        .collect_view();
    let permissions = Permission::ALL
        .iter()
        .map(|p| view! { <option value=p.as_str() selected=permission == p.as_str()>{p.label()}</option> })
        .collect_view();
    let windows = WINDOWS
        .iter()
        .map(|&days| {
            view! { <option value=days.to_string() selected=window == Some(days)>{format!("{days} days")}</option> }
        })
        .collect_view();
    view! {
        <form method="get" action="/grants" class="row-form filters">
            // Kept from the address (a person's or a repository's grants), not chosen here.
            {q.person_id.map(|id| view! { <input type="hidden" name="person_id" value=id/> })}
            {q.repository_id.map(|id| view! { <input type="hidden" name="repository_id" value=id/> })}
            <label for="grant-state">"State"</label>
            <select id="grant-state" name="state">
                <option value="" selected=state.is_empty()>"Any grant"</option>
                {states}
                {other_state}
            </select>
            <label for="grant-tier">"Tier"</label>
            <select id="grant-tier" name="tier">
                <option value="" selected=tier.is_empty()>"Any tier"</option>
                {tiers}
            </select>
            <label for="grant-permission">"Permission"</label>
            <select id="grant-permission" name="permission">
                <option value="" selected=permission.is_empty()>"Any permission"</option>
                {permissions}
            </select>
            <label for="grant-ending">"Ending within"</label>
            <select id="grant-ending" name="expires_within_days">
                <option value="" selected=window.is_none()>"Any time"</option>
                {windows}
            </select>
            <button type="submit" class="secondary">"Apply"</button>
            <a href="/grants">"Clear"</a>
        </form>
    }
}

fn grant_row(grant: AccessRequestView) -> impl IntoView {
    let AccessRequestView {
        id,
        state,
        person_id,
        person_name,
        login,
        repository_id,
        repository,
        tier,
        permission,
        expires_at,
        ..
    } = grant;
    view! {
        <tr>
            <td>
                <a href=format!("/people/{person_id}")>{person_name}</a>
                {login.map(|login| view! { " " <code>{login}</code> })}
            </td>
            <td><a href=format!("/repositories/{repository_id}")>{repository}</a>" "{tier_badge(tier)}</td>
            <td>{permission.label()}</td>
            <td>{state_badge(state)}</td>
            <td>{when(expires_at.as_deref())}</td>
            <td><a href=format!("/access/{id}")>{format!("#{id}")}</a></td>
        </tr>
    }
}
