//! Inviting people, accepting invites, changing roles, disabling accounts.

use super::support::{audit, authorize, blocking, OrInternal};
use super::Services;
use crate::auth::password;
use crate::auth::password_policy;
use crate::clock::{rfc3339, unix_now_ms};
use crate::store::db::Conn;
use crate::store::invites;
use crate::store::users;
use async_trait::async_trait;
use clearance_app::model::access::Operation;
use clearance_app::model::email::Email;
use clearance_app::model::error::AppError;
use clearance_app::model::page::{PageInfo, DEFAULT_PER_PAGE};
use clearance_app::model::request::RequestContext;
use clearance_app::model::role::Role;
use clearance_app::model::user::{InviteDetails, InviteSummary, UserSummary, UsersPage};
use clearance_app::ports::{SessionCookie, UsersPort};
use serde_json::json;

pub(super) fn parse_role(role: &str) -> Result<Role, AppError> {
    Role::parse(role).map_err(|m| AppError::invalid("role", m))
}

impl Services {
    /// A change to someone else's account: they must exist, not be the actor, and the last
    /// active admin must stay an active admin.
    async fn other_user_for_change(
        &self,
        conn: &mut Conn,
        req: &RequestContext,
        user_id: i64,
        removes_admin: bool,
    ) -> Result<users::UserRecord, AppError> {
        let actor_id = req.actor.as_ref().map(|a| a.user_id);
        if actor_id == Some(user_id) {
            return Err(AppError::conflict(
                "You cannot change your own role or disable your own account; ask another admin.",
            ));
        }
        let user = users::find_by_id(conn, user_id)
            .await
            .or_internal(req)?
            .ok_or_else(|| AppError::not_found("There is no user with this id."))?;
        if removes_admin
            && user.role == Role::Admin
            && !user.is_disabled()
            && users::count_active_admins(conn).await.or_internal(req)? <= 1
        {
            return Err(AppError::conflict(
                "This is the last active admin; make someone else an admin first.",
            ));
        }
        Ok(user)
    }
}

#[async_trait]
impl UsersPort for Services {
    async fn invite(
        &self,
        req: &RequestContext,
        email: &str,
        role: &str,
    ) -> Result<InviteSummary, AppError> {
        self.send_invite(req, email, role).await
    }

    async fn revoke_invite(&self, req: &RequestContext, invite_id: i64) -> Result<(), AppError> {
        self.revoke_open_invite(req, invite_id).await
    }

    async fn invite_details(
        &self,
        req: &RequestContext,
        token: &str,
    ) -> Result<InviteDetails, AppError> {
        self.open_invite_details(req, token).await
    }

    async fn accept_invite(
        &self,
        req: &RequestContext,
        token: &str,
        password: &str,
        confirm: &str,
    ) -> Result<SessionCookie, AppError> {
        self.accept_open_invite(req, token, password, confirm).await
    }

    async fn list(&self, req: &RequestContext, page: u32) -> Result<UsersPage, AppError> {
        authorize(&self.db, req, Operation::ListUsers).await?;
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let wanted = PageInfo::new(page, DEFAULT_PER_PAGE, 0);
        let (rows, total) = users::list(&mut conn, i64::from(wanted.per_page), wanted.offset())
            .await
            .or_internal(req)?;
        let users = rows
            .into_iter()
            .map(|u| UserSummary {
                id: u.id,
                disabled: u.is_disabled(),
                email: u.email,
                role: u.role,
                created_at: rfc3339(u.created_at_ms),
            })
            .collect();
        let mut open_invites = Vec::new();
        for invite in invites::list_open(&mut conn, unix_now_ms())
            .await
            .or_internal(req)?
        {
            open_invites.push(
                super::invites::invite_summary(&mut conn, invite)
                    .await
                    .or_internal(req)?,
            );
        }
        Ok(UsersPage {
            users,
            page: PageInfo::new(page, DEFAULT_PER_PAGE, total),
            open_invites,
        })
    }

    async fn change_role(
        &self,
        req: &RequestContext,
        user_id: i64,
        role: &str,
    ) -> Result<(), AppError> {
        authorize(&self.db, req, Operation::ChangeUserRole).await?;
        let role = parse_role(role)?;
        let mut tx = self.db.begin().await.or_internal(req)?;
        let user = self
            .other_user_for_change(&mut tx, req, user_id, role != Role::Admin)
            .await?;
        if user.role == role {
            return Ok(());
        }
        users::set_role(&mut tx, user.id, role)
            .await
            .or_internal(req)?;
        audit(
            &mut tx,
            req,
            "user.role_changed",
            &format!("user:{}", user.id),
            json!({ "from": user.role, "to": role }),
        )
        .await
        .or_internal(req)?;
        tx.commit().await.or_internal(req)
    }

    async fn set_disabled(
        &self,
        req: &RequestContext,
        user_id: i64,
        disabled: bool,
    ) -> Result<(), AppError> {
        let op = if disabled {
            Operation::DisableUser
        } else {
            Operation::EnableUser
        };
        authorize(&self.db, req, op).await?;
        let mut tx = self.db.begin().await.or_internal(req)?;
        let user = self
            .other_user_for_change(&mut tx, req, user_id, disabled)
            .await?;
        if user.is_disabled() == disabled {
            return Ok(());
        }
        let at = disabled.then(unix_now_ms);
        users::set_disabled(&mut tx, user.id, at)
            .await
            .or_internal(req)?;
        let action = if disabled {
            "user.disabled"
        } else {
            "user.enabled"
        };
        audit(
            &mut tx,
            req,
            action,
            &format!("user:{}", user.id),
            json!({}),
        )
        .await
        .or_internal(req)?;
        tx.commit().await.or_internal(req)
    }
}

impl Services {
    /// Creates an account directly (the `create-user` command: whoever runs it already has the
    /// database, so no role check; the audit log records the actor as `cli`).
    pub async fn create_user(
        &self,
        req: &RequestContext,
        email: &str,
        role: &str,
        password: &str,
    ) -> Result<i64, AppError> {
        let email = Email::parse(email).map_err(|m| AppError::invalid("email", m))?;
        let role = parse_role(role)?;
        password_policy::check_new_password(password, email.as_str())
            .map_err(|m| AppError::invalid("password", m))?;
        let typed = password.to_owned();
        let hash = blocking(req, move || password::hash_password(&typed))
            .await?
            .or_internal(req)?;
        let mut tx = self.db.begin().await.or_internal(req)?;
        if users::find_by_email(&mut tx, email.as_str())
            .await
            .or_internal(req)?
            .is_some()
        {
            return Err(AppError::conflict(format!(
                "An account for {email} already exists."
            )));
        }
        let id = users::insert(&mut tx, email.as_str(), role, &hash, unix_now_ms())
            .await
            .or_internal(req)?;
        audit(
            &mut tx,
            req,
            "user.created",
            &format!("user:{id}"),
            json!({ "role": role }),
        )
        .await
        .or_internal(req)?;
        tx.commit().await.or_internal(req)?;
        Ok(id)
    }
}
