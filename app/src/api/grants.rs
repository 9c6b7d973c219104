//! Repositories, access requests and grants.

use crate::model::error::AppError;
use crate::model::grants::{
    AccessOverview, AccessRequestPage, GrantsPage, GrantsQuery, NewAccessRequest, PersonAccess,
    PolicyPreview, RepositoriesPage, RepositoryPage, RequestFormData, RevokedAll,
};
use leptos::prelude::*;

#[server(endpoint = "repositories/list")]
pub async fn list_repositories(page: u32) -> Result<RepositoriesPage, AppError> {
    let (ports, request) = super::context::current()?;
    ports.grants.repositories(&request, page).await
}

/// The registration form. `owners`: e-mail addresses of security leads, separated by commas or
/// spaces (may be empty). On success the browser goes to the repository's page.
#[server(endpoint = "repositories/create")]
pub async fn create_repository(
    name: String,
    provider: String,
    tier: String,
    description: String,
    owners: String,
) -> Result<i64, AppError> {
    use crate::model::grants::NewRepository;
    let (ports, request) = super::context::current()?;
    let owners = split_owners(&owners);
    let new = NewRepository {
        name,
        provider,
        tier,
        description,
        owners,
    };
    let created = ports.grants.create_repository(&request, new).await?;
    leptos_axum::redirect(&format!("/repositories/{}", created.id));
    Ok(created.id)
}

/// The edit form on a repository's page; `owners` as in [`create_repository`].
#[server(endpoint = "repositories/update")]
pub async fn update_repository(
    id: i64,
    provider: String,
    tier: String,
    description: String,
    owners: String,
) -> Result<(), AppError> {
    use crate::model::grants::RepositoryChanges;
    let (ports, request) = super::context::current()?;
    let changes = RepositoryChanges {
        provider,
        tier,
        description,
        owners: split_owners(&owners),
    };
    ports
        .grants
        .update_repository(&request, id, changes)
        .await?;
    leptos_axum::redirect(&format!("/repositories/{id}"));
    Ok(())
}

/// E-mail addresses separated by commas or spaces.
#[cfg(feature = "ssr")]
fn split_owners(owners: &str) -> Vec<String> {
    owners
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[server(endpoint = "repositories/page")]
pub async fn load_repository(id: i64) -> Result<RepositoryPage, AppError> {
    let (ports, request) = super::context::current()?;
    ports.grants.repository(&request, id).await
}

#[server(endpoint = "access/form")]
pub async fn load_request_form(person_id: Option<i64>) -> Result<RequestFormData, AppError> {
    let (ports, request) = super::context::current()?;
    ports.grants.request_form(&request, person_id).await
}

/// What the policy says of a request before it is made (the form shows it as the fields change).
#[server(endpoint = "access/preview")]
pub async fn preview_access_request(new: NewAccessRequest) -> Result<PolicyPreview, AppError> {
    let (ports, request) = super::context::current()?;
    ports.grants.preview_request(&request, new).await
}

/// Makes the request; on success the browser goes to its page. The answer is its number.
#[server(endpoint = "access/request")]
pub async fn request_access(new: NewAccessRequest) -> Result<i64, AppError> {
    let (ports, request) = super::context::current()?;
    let created = ports.grants.request_access(&request, new).await?;
    leptos_axum::redirect(&format!("/access/{}", created.id));
    Ok(created.id)
}

#[server(endpoint = "access/overview")]
pub async fn load_access_overview() -> Result<AccessOverview, AppError> {
    let (ports, request) = super::context::current()?;
    ports.grants.access_overview(&request).await
}

#[server(endpoint = "access/page")]
pub async fn load_access_request(id: i64) -> Result<AccessRequestPage, AppError> {
    let (ports, request) = super::context::current()?;
    ports.grants.access_request(&request, id).await
}

/// `decision`: `approve` or `deny`.
#[server(endpoint = "access/review")]
pub async fn review_access(id: i64, decision: String, comment: String) -> Result<(), AppError> {
    let (ports, request) = super::context::current()?;
    ports
        .grants
        .review(&request, id, &decision, &comment)
        .await?;
    leptos_axum::redirect(&format!("/access/{id}"));
    Ok(())
}

#[server(endpoint = "access/cancel")]
pub async fn cancel_access_request(id: i64) -> Result<(), AppError> {
    let (ports, request) = super::context::current()?;
    ports.grants.cancel_request(&request, id).await?;
    leptos_axum::redirect(&format!("/access/{id}"));
    Ok(())
}

#[server(endpoint = "grants/list")]
pub async fn list_grants(query: GrantsQuery) -> Result<GrantsPage, AppError> {
    let (ports, request) = super::context::current()?;
    ports.grants.grants(&request, query).await
}

#[server(endpoint = "grants/revoke")]
pub async fn revoke_grant(id: i64, reason: String) -> Result<(), AppError> {
    let (ports, request) = super::context::current()?;
    ports.grants.revoke_grant(&request, id, &reason).await?;
    leptos_axum::redirect(&format!("/access/{id}"));
    Ok(())
}

#[server(endpoint = "grants/suspend")]
pub async fn suspend_grant(id: i64, reason: String) -> Result<(), AppError> {
    let (ports, request) = super::context::current()?;
    ports.grants.suspend_grant(&request, id, &reason).await?;
    leptos_axum::redirect(&format!("/access/{id}"));
    Ok(())
}

#[server(endpoint = "grants/reinstate")]
pub async fn reinstate_grant(id: i64, reason: String) -> Result<(), AppError> {
    let (ports, request) = super::context::current()?;
    ports.grants.reinstate_grant(&request, id, &reason).await?;
    leptos_axum::redirect(&format!("/access/{id}"));
    Ok(())
}

/// The kill switch on a person's access tab.
#[server(endpoint = "people/revoke-all-access")]
pub async fn revoke_all_access(person_id: i64, reason: String) -> Result<RevokedAll, AppError> {
    let (ports, request) = super::context::current()?;
    let revoked = ports
        .grants
        .revoke_all_access(&request, person_id, &reason)
        .await?;
    leptos_axum::redirect(&format!("/people/{person_id}/access"));
    Ok(revoked)
}

#[server(endpoint = "people/access")]
pub async fn load_person_access(person_id: i64) -> Result<PersonAccess, AppError> {
    let (ports, request) = super::context::current()?;
    ports.grants.person_access(&request, person_id).await
}
