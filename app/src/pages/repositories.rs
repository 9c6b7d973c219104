//! The repository registry: every code repository Clearance grants access to, with its
//! sensitivity tier and owners; admins and security leads register new ones here.

use crate::api::grants::{list_repositories, CreateRepository};
use crate::components::feedback::{action_error, page_error};
use crate::components::pager::Pager;
use crate::model::grants::{OwnerView, Provider, RepositoriesPage, RepositoryView, Tier};
use crate::pages::access::tier_badge;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Repositories() -> impl IntoView {
    let query = use_query_map();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(1)
    };
    let create = ServerAction::<CreateRepository>::new();
    let data = Resource::new(page, list_repositories);
    view! {
        <Title text="Repositories"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(list) => repositories_view(list, create).into_any(),
                    Err(err) => page_error(err),
                }
            })}
        </Suspense>
    }
}

fn repositories_view(
    data: RepositoriesPage,
    create: ServerAction<CreateRepository>,
) -> impl IntoView {
    let RepositoriesPage {
        repositories,
        page,
        may_manage,
    } = data;
    view! {
        <h1>"Repositories"</h1>
        <p class="hint">"The tier decides how many security leads must approve access and for how long it may be granted."</p>
        {if repositories.is_empty() {
            view! { <p class="empty">"No repositories are registered yet."</p> }.into_any()
        } else {
            view! {
                <table class="data">
                    <thead><tr><th>"Name"</th><th>"Provider"</th><th>"Tier"</th><th>"Owners"</th><th>"Live grants"</th></tr></thead>
                    <tbody>{repositories.into_iter().map(repository_row).collect_view()}</tbody>
                </table>
            }.into_any()
        }}
        <Pager info=page path="/repositories" base_query=""/>
        {may_manage.then(move || register_form(create))}
    }
}

fn repository_row(repository: RepositoryView) -> impl IntoView {
    let RepositoryView {
        id,
        name,
        provider,
        tier,
        owners,
        live_grants,
        ..
    } = repository;
    view! {
        <tr>
            <td><a href=format!("/repositories/{id}")>{name}</a></td>
            <td>{provider.label()}</td>
            <td>{tier_badge(tier)}</td>
            <td>{owner_list(&owners)}</td>
            <td>{live_grants}</td>
        </tr>
    }
}

/// The owners' e-mail addresses, or "none".
pub fn owner_list(owners: &[OwnerView]) -> String {
    if owners.is_empty() {
        return "none".to_owned();
    }
    owners
        .iter()
        .map(|o| o.email.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn register_form(create: ServerAction<CreateRepository>) -> impl IntoView {
    view! {
        <section class="card">
            <h2>"Register a repository"</h2>
            {action_error(create)}
            <ActionForm action=create attr:class="stack">
                <label for="repo-name">"Name"</label>
                <input id="repo-name" name="name" required maxlength="200" placeholder="org/repo" autocomplete="off"/>
                <label for="repo-provider">"Provider"</label>
                <select id="repo-provider" name="provider">
                    {Provider::ALL.iter().map(|p| view! { <option value=p.as_str()>{p.label()}</option> }).collect_view()}
                </select>
                <label for="repo-tier">"Tier"</label>
                <select id="repo-tier" name="tier">
                    {Tier::ALL.iter().map(|t| view! { <option value=t.as_str()>{t.label()}</option> }).collect_view()}
                </select>
                <label for="repo-description">"Description"</label>
                <textarea id="repo-description" name="description" rows="2" maxlength="2000"></textarea>
                <label for="repo-owners">"Owners"</label>
                <input id="repo-owners" name="owners" maxlength="2000" placeholder="lead@example.com, other@example.com" autocomplete="off"/>
                <span class="hint">"E-mail addresses of the security leads who own it, separated by commas (optional)."</span>
                <button type="submit" class="primary">"Register repository"</button>
            </ActionForm>
        </section>
    }
}
