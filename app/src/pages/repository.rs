//! One repository: its details, who has access now, what waits for review, and its desired
//! state for the provider.

use crate::api::grants::{load_repository, UpdateRepository};
use crate::components::audit_link::AuditHistoryLink;
use crate::components::feedback::{action_error, page_error};
use crate::model::grants::{AccessRequestView, Provider, RepositoryPage, RepositoryView, Tier};
use crate::pages::access::{approvals, state_badge, tier_badge, when};
use crate::pages::repositories::owner_list;
use crate::pages::users::short_time;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn RepositoryDetail() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let update = ServerAction::<UpdateRepository>::new();
    // After a saved change the page shows the repository as it is now.
    let data = Resource::new(
        move || (id(), update.version().get()),
        |(id, _)| load_repository(id),
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => repository_view(page, update).into_any(),
                    Err(err) => page_error(err),
                }
            })}
        </Suspense>
    }
}

fn repository_view(page: RepositoryPage, update: ServerAction<UpdateRepository>) -> impl IntoView {
    let RepositoryPage {
        repository,
        grants,
        pending,
        may_request,
        may_export,
        may_manage,
    } = page;
    let edit = may_manage.then(|| edit_form(&repository, update));
    let RepositoryView {
        id,
        name,
        provider,
        tier,
        description,
        owners,
        live_grants,
        created_at,
    } = repository;
    let desired = format!("/api/v1/repositories/{id}/desired-state");
    let description = if description.trim().is_empty() {
        "—".to_owned()
    } else {
        description
    };
    view! {
        <Title text=name.clone()/>
        <div class="page-head">
            <h1>{name.clone()}</h1>
            {tier_badge(tier)}
            <AuditHistoryLink subject=format!("repository:{id}")/>
            {may_request.then(|| view! {
                <a class="button primary" href=format!("/access/new?repository={id}")>"Request access"</a>
            })}
        </div>
        <dl class="facts">
            <dt>"Provider"</dt><dd>{provider.label()}</dd>
            <dt>"Tier"</dt><dd>{tier.label()}</dd>
            <dt>"Description"</dt><dd>{description}</dd>
            <dt>"Owners"</dt><dd>{owner_list(&owners)}</dd>
            <dt>"Live grants"</dt><dd>{live_grants}</dd>
            <dt>"Registered"</dt><dd>{short_time(&created_at)}</dd>
        </dl>
        {edit}
        // Plain links the router leaves alone (rel="external"): the browser downloads them.
        {may_export.then(move || view! {
            <p class="exports">
                "What the provider should grant: "
                <a href=desired.clone() rel="external">"Desired state (JSON)"</a>
                " · "
                <a href=format!("{desired}?format=csv") rel="external">"Desired state (CSV)"</a>
            </p>
        })}
        <section>
            <h2>"Who has access"</h2>
            {if grants.is_empty() {
                view! { <p class="empty">"Nobody has access to this repository now."</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr><th>"Person"</th><th>"Login"</th><th>"Permission"</th><th>"State"</th><th>"Expires"</th><th>"Request"</th></tr></thead>
                        <tbody>{grants.into_iter().map(grant_row).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <section>
            <h2>"Pending requests"</h2>
            {if pending.is_empty() {
                view! { <p class="empty">"No request waits for review."</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr><th>"Request"</th><th>"Person"</th><th>"Permission"</th><th>"Requested by"</th><th>"Requested"</th><th>"Approvals"</th></tr></thead>
                        <tbody>{pending.into_iter().map(pending_row).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

fn grant_row(grant: AccessRequestView) -> impl IntoView {
    let AccessRequestView {
        id,
        state,
        person_id,
        person_name,
        login,
        permission,
        expires_at,
        ..
    } = grant;
    view! {
        <tr>
            <td><a href=format!("/people/{person_id}")>{person_name}</a></td>
            <td>{login.unwrap_or_else(|| "—".to_owned())}</td>
            <td>{permission.label()}</td>
            <td>{state_badge(state)}</td>
            <td>{when(expires_at.as_deref())}</td>
            <td><a href=format!("/access/{id}")>{format!("#{id}")}</a></td>
        </tr>
    }
}

fn pending_row(request: AccessRequestView) -> impl IntoView {
    let progress = approvals(&request);
    let AccessRequestView {
        id,
        person_id,
        person_name,
        permission,
        requested_by,
        requested_at,
        ..
    } = request;
    view! {
        <tr>
            <td><a href=format!("/access/{id}")>{format!("#{id}")}</a></td>
            <td><a href=format!("/people/{person_id}")>{person_name}</a></td>
            <td>{permission.label()}</td>
            <td>{requested_by}</td>
            <td>{short_time(&requested_at)}</td>
            <td>{progress}</td>
        </tr>
    }
}

/// Provider, tier, description and owners can change; the name cannot (grants and exports name
/// the repository by it).
fn edit_form(repository: &RepositoryView, update: ServerAction<UpdateRepository>) -> impl IntoView {
    let id = repository.id.to_string();
    let (provider, tier) = (repository.provider, repository.tier);
    let description = repository.description.clone();
    let owners = repository
        .owners
        .iter()
        .map(|o| o.email.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <details class="card">
            <summary>"Change provider, tier, description or owners"</summary>
            {action_error(update)}
            <ActionForm action=update attr:class="stack">
                <input type="hidden" name="id" value=id/>
                <label for="edit-provider">"Provider"</label>
                <select id="edit-provider" name="provider">
                    {Provider::ALL.iter().map(|p| view! {
                        <option value=p.as_str() selected=*p == provider>{p.label()}</option>
                    }).collect_view()}
                </select>
                <label for="edit-tier">"Tier"</label>
                <select id="edit-tier" name="tier">
                    {Tier::ALL.iter().map(|t| view! {
                        <option value=t.as_str() selected=*t == tier>{t.label()}</option>
                    }).collect_view()}
                </select>
                <span class="hint">"A new tier applies to requests made from now on; pending requests keep the approvals they were asked with."</span>
                <label for="edit-description">"Description"</label>
                <textarea id="edit-description" name="description" rows="2" maxlength="2000">{description}</textarea>
                <label for="edit-owners">"Owners"</label>
                <input id="edit-owners" name="owners" maxlength="2000" value=owners autocomplete="off"/>
                <span class="hint">"E-mail addresses of the security leads who own it, separated by commas."</span>
                <button type="submit" class="primary">"Save changes"</button>
            </ActionForm>
        </details>
    }
}
