//! The repository registry: registering a repository, listing them, one repository's page.

use super::super::support::{audit, authorize, authorize_actor, bounded, OrInternal};
use super::super::Services;
use super::views;
use crate::clock::{rfc3339, unix_now_ms};
use crate::store::access_requests;
use crate::store::repositories::{self, NewRepositoryRow, RepositoryRecord};
use crate::store::users;
use clearance_app::model::access::Operation;
use clearance_app::model::error::AppError;
use clearance_app::model::grants::{
    NewRepository, OwnerView, Provider, RepositoriesPage, RepositoryChanges, RepositoryPage,
    RepositoryView, Tier,
};
use clearance_app::model::page::{PageInfo, DEFAULT_PER_PAGE};
use clearance_app::model::request::RequestContext;
use clearance_app::model::role::Role;
use serde_json::json;
use std::collections::HashMap;

/// `org/name` (GitLab allows nested groups: `group/sub/name`): letters, digits, `.`, `-`, `_`.
fn valid_name(name: &str) -> Result<&str, AppError> {
    let name = name.trim();
    let parts: Vec<&str> = name.split('/').collect();
    let part_ok = |p: &&str| {
        !p.is_empty()
            && p.len() <= 100
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
            && !p.starts_with('.')
    };
    if name.len() > 255 || parts.len() < 2 || !parts.iter().all(part_ok) {
        return Err(AppError::invalid(
            "name",
            "Give the repository as owner/name, e.g. acme/payments (letters, digits, '.', '-', '_').",
        ));
    }
    Ok(name)
}

pub(super) fn repository_view(
    record: RepositoryRecord,
    owners: &HashMap<i64, Vec<OwnerView>>,
) -> Result<RepositoryView, String> {
    Ok(RepositoryView {
        id: record.id,
        provider: Provider::parse(&record.provider)?,
        tier: Tier::parse(&record.tier)?,
        owners: owners.get(&record.id).cloned().unwrap_or_default(),
        name: record.name,
        description: record.description,
        live_grants: record.live_grants,
        created_at: rfc3339(record.created_at_ms),
    })
}

/// The user ids of the named owners: each must be an active security lead.
async fn owner_ids(
    conn: &mut crate::store::db::Conn,
    req: &RequestContext,
    emails: &[String],
) -> Result<Vec<i64>, AppError> {
    if emails.len() > 20 {
        return Err(AppError::invalid("owners", "Name at most 20 owners."));
    }
    let mut ids = Vec::new();
    for email in emails {
        let email = bounded("owners", email.trim(), 254)?;
        let user = users::find_by_email(conn, &email.to_lowercase())
            .await
            .or_internal(req)?
            .filter(|u| !u.is_disabled());
        match user {
            Some(u) if u.role == Role::SecurityLead => {
                if !ids.contains(&u.id) {
                    ids.push(u.id);
                }
            }
            _ => {
                return Err(AppError::invalid(
                    "owners",
                    format!("{email} is not an active security lead: owners must be security leads with an account."),
                ))
            }
        }
    }
    Ok(ids)
}

async fn owners_by_repository(
    conn: &mut crate::store::db::Conn,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<OwnerView>>, sqlx::Error> {
    let mut owners: HashMap<i64, Vec<OwnerView>> = HashMap::new();
    for (repository, user_id, email) in repositories::owners_of(conn, ids).await? {
        owners
            .entry(repository)
            .or_default()
            .push(OwnerView { user_id, email });
    }
    Ok(owners)
}

impl Services {
    pub async fn create_repository(
        &self,
        req: &RequestContext,
        new: NewRepository,
    ) -> Result<RepositoryView, AppError> {
        authorize(&self.db, req, Operation::ManageRepositories).await?;
        let name = valid_name(&new.name)?;
        let provider =
            Provider::parse(&new.provider).map_err(|m| AppError::invalid("provider", m))?;
        let tier = Tier::parse(&new.tier).map_err(|m| AppError::invalid("tier", m))?;
        let description = bounded("description", new.description.trim(), 2000)?;
        let mut tx = self.db.begin().await.or_internal(req)?;
        let owner_ids = owner_ids(&mut tx, req, &new.owners).await?;
        let now = unix_now_ms();
        let row = NewRepositoryRow {
            name,
            provider: provider.as_str(),
            tier: tier.as_str(),
            description,
            created_by: &super::super::support::actor_label(req),
        };
        let id = repositories::insert(&mut tx, &row, now)
            .await
            .or_internal(req)?
            .ok_or_else(|| {
                AppError::conflict(format!(
                    "{name} is already registered: open it from the repositories list."
                ))
            })?;
        repositories::add_owners(&mut tx, id, &owner_ids)
            .await
            .or_internal(req)?;
        audit(
            &mut tx,
            req,
            "repository.created",
            &format!("repository:{id}"),
            json!({ "name": name, "provider": provider.as_str(), "tier": tier.as_str(), "owners": owner_ids }),
        )
        .await
        .or_internal(req)?;
        let record = repositories::find(&mut tx, id)
            .await
            .or_internal(req)?
            .ok_or("the new repository is gone")
            .or_internal(req)?;
        let owners = owners_by_repository(&mut tx, &[id])
            .await
            .or_internal(req)?;
        tx.commit().await.or_internal(req)?;
        repository_view(record, &owners).or_internal(req)
    }

    pub async fn update_repository(
        &self,
        req: &RequestContext,
        id: i64,
        changes: RepositoryChanges,
    ) -> Result<RepositoryView, AppError> {
        authorize(&self.db, req, Operation::ManageRepositories).await?;
        let provider =
            Provider::parse(&changes.provider).map_err(|m| AppError::invalid("provider", m))?;
        let tier = Tier::parse(&changes.tier).map_err(|m| AppError::invalid("tier", m))?;
        let description = bounded("description", changes.description.trim(), 2000)?;
        let mut tx = self.db.begin().await.or_internal(req)?;
        let before = repositories::find(&mut tx, id)
            .await
            .or_internal(req)?
            .ok_or_else(|| AppError::not_found("There is no repository with this id."))?;
        let owner_ids = owner_ids(&mut tx, req, &changes.owners).await?;
        let before_owners: Vec<i64> = owners_by_repository(&mut tx, &[id])
            .await
            .or_internal(req)?
            .remove(&id)
            .unwrap_or_default()
            .into_iter()
            .map(|o| o.user_id)
            .collect();
        repositories::update(&mut tx, id, provider.as_str(), tier.as_str(), description)
            .await
            .or_internal(req)?;
        repositories::set_owners(&mut tx, id, &owner_ids)
            .await
            .or_internal(req)?;
        audit(
            &mut tx,
            req,
            "repository.updated",
            &format!("repository:{id}"),
            json!({
                "name": before.name,
                "before": { "provider": before.provider, "tier": before.tier, "description": before.description, "owners": before_owners },
                "after": { "provider": provider.as_str(), "tier": tier.as_str(), "description": description, "owners": owner_ids },
            }),
        )
        .await
        .or_internal(req)?;
        let record = repositories::find(&mut tx, id)
            .await
            .or_internal(req)?
            .ok_or("the repository is gone")
            .or_internal(req)?;
        let owners = owners_by_repository(&mut tx, &[id])
            .await
            .or_internal(req)?;
        tx.commit().await.or_internal(req)?;
        repository_view(record, &owners).or_internal(req)
    }

    pub async fn list_repositories(
        &self,
        req: &RequestContext,
        page: u32,
    ) -> Result<RepositoriesPage, AppError> {
        authorize(&self.db, req, Operation::ViewAccess).await?;
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let info = PageInfo::new(page, DEFAULT_PER_PAGE, 0);
        let (records, total) =
            repositories::page(&mut conn, i64::from(info.per_page), info.offset())
                .await
                .or_internal(req)?;
        let ids: Vec<i64> = records.iter().map(|r| r.id).collect();
        let owners = owners_by_repository(&mut conn, &ids)
            .await
            .or_internal(req)?;
        let repositories = records
            .into_iter()
            .map(|r| repository_view(r, &owners))
            .collect::<Result<_, _>>()
            .or_internal(req)?;
        let role = req.actor.as_ref().map(|a| a.role);
        Ok(RepositoriesPage {
            repositories,
            page: PageInfo::new(info.page, info.per_page, total),
            may_manage: Operation::ManageRepositories.permits(role),
        })
    }

    pub async fn repository_page(
        &self,
        req: &RequestContext,
        id: i64,
    ) -> Result<RepositoryPage, AppError> {
        let actor = authorize_actor(&self.db, req, Operation::ViewAccess).await?;
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let record = repositories::find(&mut conn, id)
            .await
            .or_internal(req)?
            .ok_or_else(|| AppError::not_found("There is no repository with this id."))?;
        let owners = owners_by_repository(&mut conn, &[id])
            .await
            .or_internal(req)?;
        let live = access_requests::Filter {
            repository_id: Some(id),
            grants_only: true,
            ..Default::default()
        };
        let (granted, _) = access_requests::search(&mut conn, &live, 500, 0)
            .await
            .or_internal(req)?;
        let granted: Vec<_> = granted
            .into_iter()
            .filter(|r| matches!(r.state.as_str(), "approved" | "active" | "suspended"))
            .collect();
        let pending = access_requests::Filter {
            repository_id: Some(id),
            state: Some("pending".into()),
            ..Default::default()
        };
        let (pending, _) = access_requests::search(&mut conn, &pending, 200, 0)
            .await
            .or_internal(req)?;
        let grants = views::request_views(&mut conn, req, granted).await?;
        let pending = views::request_views(&mut conn, req, pending).await?;
        Ok(RepositoryPage {
            repository: repository_view(record, &owners).or_internal(req)?,
            grants,
            pending,
            may_request: Operation::RequestAccess.permits(Some(actor.role)),
            may_export: Operation::ViewAccess.permits(Some(actor.role)),
            may_manage: Operation::ManageRepositories.permits(Some(actor.role)),
        })
    }
}
