//! What the access pages and the API read: a request with its history, the viewer's requests
//! and review queue, the grants list, a person's access, a repository's desired state.

use super::super::support::{authorize_actor, OrInternal};
use super::super::Services;
use super::{facts, views};
use crate::clock::{rfc3339, unix_now_ms};
use crate::store::access_requests::{self, Filter};
use crate::store::{people, repositories};
use clearance_app::model::access::Operation;
use clearance_app::model::error::AppError;
use clearance_app::model::grants::{
    AccessOverview, AccessRequestPage, DesiredGrant, DesiredState, GrantState, GrantsPage,
    GrantsQuery, Permission, PersonAccess, PersonOption, Provider, QueueEntry, RepositoryOption,
    RequestFormData, Tier, CLEARED_CHOICES,
};
use clearance_app::model::page::{PageInfo, DEFAULT_PER_PAGE};
use clearance_app::model::request::RequestContext;
use clearance_app::model::role::Role;
use std::collections::BTreeMap;

impl Services {
    pub async fn access_request_page(
        &self,
        req: &RequestContext,
        id: i64,
    ) -> Result<AccessRequestPage, AppError> {
        let actor = authorize_actor(&self.db, req, Operation::ViewAccess).await?;
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let record = access_requests::find(&mut conn, id)
            .await
            .or_internal(req)?
            .ok_or_else(|| AppError::not_found("There is no access request with this id."))?;
        let requested_by = record.requested_by;
        let entry = (record.id, record.repository.clone());
        let person = facts::load(&mut conn, req, record.person_id, &self.grant_policy).await?;
        let request = views::request_view(&mut conn, req, record).await?;
        let timeline = views::timeline(&mut conn, req, &[entry]).await?;
        let role = Some(actor.role);
        let reviewed_by_me = request.reviews.iter().any(|r| r.reviewer == actor.email);
        let state = request.state;
        let manager = Operation::RevokeAccess.permits(role);
        Ok(AccessRequestPage {
            may_review: Operation::ReviewAccess.permits(role)
                && state == GrantState::Pending
                && requested_by != actor.user_id
                && !reviewed_by_me,
            may_cancel: state == GrantState::Pending
                && Operation::RequestAccess.permits(role)
                && (requested_by == actor.user_id
                    || matches!(actor.role, Role::Admin | Role::SecurityLead)),
            may_revoke: manager
                && matches!(
                    state,
                    GrantState::Approved | GrantState::Active | GrantState::Suspended
                ),
            may_suspend: manager && matches!(state, GrantState::Approved | GrantState::Active),
            may_reinstate: manager && state == GrantState::Suspended,
            request,
            screening: person.brief,
            timeline,
        })
    }

    pub async fn access_overview(&self, req: &RequestContext) -> Result<AccessOverview, AppError> {
        let actor = authorize_actor(&self.db, req, Operation::ViewAccess).await?;
        let role = Some(actor.role);
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let mine = Filter {
            requested_by: Some(actor.user_id),
            ..Default::default()
        };
        let (mine, _) = access_requests::search(&mut conn, &mine, 100, 0)
            .await
            .or_internal(req)?;
        let mine = views::request_views(&mut conn, req, mine).await?;
        let may_review = Operation::ReviewAccess.permits(role);
        let mut to_review = Vec::new();
        if may_review {
            let waiting = access_requests::awaiting_review_by(&mut conn, actor.user_id, 100)
                .await
                .or_internal(req)?;
            for request in views::request_views(&mut conn, req, waiting).await? {
                let person =
                    facts::load(&mut conn, req, request.person_id, &self.grant_policy).await?;
                to_review.push(QueueEntry {
                    request,
                    screening: person.brief,
                });
            }
        }
        Ok(AccessOverview {
            mine,
            to_review,
            may_review,
            may_request: Operation::RequestAccess.permits(role),
        })
    }

    pub async fn list_grants(
        &self,
        req: &RequestContext,
        query: GrantsQuery,
    ) -> Result<GrantsPage, AppError> {
        authorize_actor(&self.db, req, Operation::ViewAccess).await?;
        let state = match query.state.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) => Some(
                GrantState::parse(s)
                    .map_err(|m| AppError::invalid("state", m))?
                    .as_str()
                    .to_owned(),
            ),
        };
        let blank = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let tier = blank(&query.tier)
            .map(|t| Tier::parse(&t).map(|t| t.as_str().to_owned()))
            .transpose()
            .map_err(|m| AppError::invalid("tier", m))?;
        let permission = blank(&query.permission)
            .map(|p| Permission::parse(&p).map(|p| p.as_str().to_owned()))
            .transpose()
            .map_err(|m| AppError::invalid("permission", m))?;
        let expires_by_ms = match query.expires_within_days {
            None => None,
            Some(days @ 1..=3650) => Some(unix_now_ms() + days * crate::grants::policy::DAY_MS),
            Some(_) => {
                return Err(AppError::invalid(
                    "expires_within_days",
                    "Give a number of days from 1 to 3650.",
                ))
            }
        };
        let info = PageInfo::new(query.page.unwrap_or(1), DEFAULT_PER_PAGE, 0);
        let filter = Filter {
            person_id: query.person_id,
            repository_id: query.repository_id,
            requested_by: None,
            // A state names itself; without one, only requests that became grants.
            grants_only: state.is_none(),
            state,
            tier,
            permission,
            expires_by_ms,
        };
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let (records, total) =
            access_requests::search(&mut conn, &filter, i64::from(info.per_page), info.offset())
                .await
                .or_internal(req)?;
        Ok(GrantsPage {
            grants: views::request_views(&mut conn, req, records).await?,
            page: PageInfo::new(info.page, info.per_page, total),
        })
    }

    pub async fn person_access(
        &self,
        req: &RequestContext,
        person_id: i64,
    ) -> Result<PersonAccess, AppError> {
        let actor = authorize_actor(&self.db, req, Operation::ViewAccess).await?;
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let person = facts::load(&mut conn, req, person_id, &self.grant_policy).await?;
        let filter = Filter {
            person_id: Some(person_id),
            ..Default::default()
        };
        let (records, _) = access_requests::search(&mut conn, &filter, 500, 0)
            .await
            .or_internal(req)?;
        let entries: Vec<(i64, String)> = records
            .iter()
            .map(|r| (r.id, r.repository.clone()))
            .collect();
        let requests = views::request_views(&mut conn, req, records).await?;
        let timeline = views::timeline(&mut conn, req, &entries).await?;
        let role = Some(actor.role);
        Ok(PersonAccess {
            person_id,
            person_name: person.person.full_name,
            requests,
            timeline,
            may_request: Operation::RequestAccess.permits(role),
            may_revoke_all: Operation::RevokeAccess.permits(role),
        })
    }

    /// Every active grant of the repository, one line per login: the strongest permission and
    /// the latest end when a person holds several (an extension overlapping its original).
    pub async fn desired_state(
        &self,
        req: &RequestContext,
        repository_id: i64,
    ) -> Result<DesiredState, AppError> {
        authorize_actor(&self.db, req, Operation::ViewAccess).await?;
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let repository = repositories::find(&mut conn, repository_id)
            .await
            .or_internal(req)?
            .ok_or_else(|| AppError::not_found("There is no repository with this id."))?;
        let active = access_requests::active_of_repository(&mut conn, repository_id)
            .await
            .or_internal(req)?;
        let people: Vec<i64> = active.iter().map(|r| r.person_id).collect();
        let logins = views::logins_of(&mut conn, &people)
            .await
            .or_internal(req)?;
        let mut by_login: BTreeMap<String, DesiredGrant> = BTreeMap::new();
        let mut without_login = Vec::new();
        for record in &active {
            let parsed = views::parsed(record).or_internal(req)?;
            let expires = record.expires_at_ms.unwrap_or_default();
            let Some(login) = logins.get(&record.person_id) else {
                if !without_login.contains(&record.person_id) {
                    without_login.push(record.person_id);
                }
                continue;
            };
            let grant = DesiredGrant {
                login: login.clone(),
                person_id: record.person_id,
                permission: parsed.permission,
                expires_at: rfc3339(expires),
            };
            by_login
                .entry(login.to_lowercase())
                .and_modify(|held| {
                    if grant.permission > held.permission {
                        held.permission = grant.permission;
                    }
                    if grant.expires_at > held.expires_at {
                        held.expires_at = grant.expires_at.clone();
                    }
                })
                .or_insert(grant);
        }
        Ok(DesiredState {
            provider: Provider::parse(&repository.provider).or_internal(req)?,
            repository: repository.name,
            generated_at: rfc3339(unix_now_ms()),
            grants: by_login.into_values().collect(),
            without_login,
        })
    }

    pub async fn request_form(
        &self,
        req: &RequestContext,
        person_id: Option<i64>,
    ) -> Result<RequestFormData, AppError> {
        authorize_actor(&self.db, req, Operation::RequestAccess).await?;
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let repositories = repositories::options(&mut conn)
            .await
            .or_internal(req)?
            .into_iter()
            .map(|(id, name, tier)| {
                Ok(RepositoryOption {
                    id,
                    name,
                    tier: Tier::parse(&tier)?,
                })
            })
            .collect::<Result<Vec<_>, String>>()
            .or_internal(req)?;
        let person = match person_id {
            Some(id) => match facts::load(&mut conn, req, id, &self.grant_policy).await {
                Ok(person) => Some(person.brief),
                Err(AppError::NotFound { .. }) => None,
                Err(other) => return Err(other),
            },
            None => None,
        };
        // One more than is offered, to know whether there are more.
        let mut cleared: Vec<PersonOption> =
            people::named_with_status(&mut conn, "cleared", CLEARED_CHOICES as i64 + 1)
                .await
                .or_internal(req)?
                .into_iter()
                .map(|(id, name)| PersonOption { id, name })
                .collect();
        let more_cleared = cleared.len() > CLEARED_CHOICES;
        cleared.truncate(CLEARED_CHOICES);
        Ok(RequestFormData {
            repositories,
            person,
            cleared,
            more_cleared,
        })
    }
}

/// The CSV form of a desired state: `repository,login,permission,expires_at`, one line per grant.
pub fn desired_state_csv(state: &DesiredState) -> String {
    // Logins and repository names are restricted to characters that need no quoting, but a
    // field is quoted anyway if it ever holds a comma, a quote or a line break; a leading
    // formula character is defused for spreadsheets (SECURITY.md E5).
    fn field(value: &str) -> String {
        let value = if value.starts_with(['=', '+', '-', '@']) {
            format!("'{value}")
        } else {
            value.to_owned()
        };
        if value.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", value.replace('"', "\"\""))
        } else {
            value
        }
    }
    let mut out = String::from("repository,login,permission,expires_at\n");
    for grant in &state.grants {
        out.push_str(&format!(
            "{},{},{},{}\n",
            field(&state.repository),
            field(&grant.login),
            grant.permission.as_str(),
            grant.expires_at
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clearance_app::model::grants::Permission;

    #[test]
    fn the_csv_has_the_documented_header_and_defuses_formulas() {
        let state = DesiredState {
            repository: "acme/payments".into(),
            provider: Provider::Github,
            generated_at: "2026-11-21T00:00:00Z".into(),
            grants: vec![
                DesiredGrant {
                    login: "octo-cat".into(),
                    person_id: 1,
                    permission: Permission::Write,
                    expires_at: "2026-12-21T00:00:00Z".into(),
                },
                DesiredGrant {
                    login: "=cmd,x".into(),
                    person_id: 2,
                    permission: Permission::Read,
                    expires_at: "2026-12-01T00:00:00Z".into(),
                },
            ],
            without_login: vec![],
        };
        let csv = desired_state_csv(&state);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "repository,login,permission,expires_at");
        assert_eq!(
            lines[1],
            "acme/payments,octo-cat,write,2026-12-21T00:00:00Z"
        );
        assert_eq!(
            lines[2],
            "acme/payments,\"'=cmd,x\",read,2026-12-01T00:00:00Z"
        );
    }
}
