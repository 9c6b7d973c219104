//! Invitations: sending them by mail, revoking, and accepting them (which creates the account).

use super::support::{audit, audit_as, authorize, authorize_actor, blocking, bounded, OrInternal};
use super::users::parse_role;
use super::Services;
use crate::auth::password;
use crate::auth::password_policy::{self, MAX_BYTES};
use crate::clock::{rfc3339, unix_now_ms};
use crate::mail::templates;
use crate::store::db::Conn;
use crate::store::invites::{self, InviteRecord, NewInvite};
use crate::store::{outbox, users};
use clearance_app::model::access::Operation;
use clearance_app::model::email::Email;
use clearance_app::model::error::AppError;
use clearance_app::model::request::RequestContext;
use clearance_app::model::user::{InviteDetails, InviteSummary};
use clearance_app::ports::SessionCookie;
use serde_json::json;
use sha2::{Digest, Sha256};

/// How long an invite link works.
pub const INVITE_TTL_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// Invite tokens are stored only as this digest.
pub fn token_digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

const INVITE_GONE: &str =
    "This invitation link is not valid any more: it was used, revoked or has expired. \
                           Ask an admin to invite you again.";

pub(super) async fn invite_summary(
    conn: &mut Conn,
    invite: InviteRecord,
) -> Result<InviteSummary, sqlx::Error> {
    let invited_by = users::email_of(conn, invite.invited_by)
        .await?
        .unwrap_or_else(|| format!("user:{}", invite.invited_by));
    Ok(InviteSummary {
        id: invite.id,
        email: invite.email,
        role: invite.role,
        invited_by,
        created_at: rfc3339(invite.created_at_ms),
        expires_at: rfc3339(invite.expires_at_ms),
    })
}

impl Services {
    /// An open invite for `token`, or the "gone" answer (404) for anything else.
    async fn open_invite(
        &self,
        req: &RequestContext,
        token: &str,
    ) -> Result<InviteRecord, AppError> {
        bounded("token", token, 100)?;
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        match invites::find_by_token_hash(&mut conn, &token_digest(token))
            .await
            .or_internal(req)?
        {
            Some(invite) if invite.is_open(unix_now_ms()) => Ok(invite),
            _ => Err(AppError::not_found(INVITE_GONE)),
        }
    }

    pub(super) async fn send_invite(
        &self,
        req: &RequestContext,
        email: &str,
        role: &str,
    ) -> Result<InviteSummary, AppError> {
        let actor = authorize_actor(&self.db, req, Operation::InviteUser).await?;
        let email = Email::parse(bounded("email", email, 320)?)
            .map_err(|m| AppError::invalid("email", m))?;
        let role = parse_role(role)?;
        let token = crate::auth::random::url_token();
        let now = unix_now_ms();
        let expires = now + INVITE_TTL_MS;
        let mut tx = self.db.begin().await.or_internal(req)?;
        if users::find_by_email(&mut tx, email.as_str())
            .await
            .or_internal(req)?
            .is_some()
        {
            return Err(AppError::invalid(
                "email",
                "An account with this e-mail address already exists.",
            ));
        }
        // A new invite replaces any earlier one for the same address.
        let replaced = invites::revoke_open_for_email(&mut tx, email.as_str(), now)
            .await
            .or_internal(req)?;
        let digest = token_digest(&token);
        let id = invites::insert(
            &mut tx,
            NewInvite {
                email: email.as_str(),
                role,
                token_hash: &digest,
                invited_by: actor.user_id,
                now_ms: now,
                expires_at_ms: expires,
            },
        )
        .await
        .or_internal(req)?;
        let mail = templates::invite(&req.origin, &token, role, &actor.email, &rfc3339(expires));
        outbox::enqueue(&mut tx, email.as_str(), &mail.subject, &mail.body, now)
            .await
            .or_internal(req)?;
        audit(
            &mut tx,
            req,
            "user.invited",
            &format!("invite:{id}"),
            json!({ "role": role, "replaced_invites": replaced }),
        )
        .await
        .or_internal(req)?;
        let invite = invites::find_by_id(&mut tx, id)
            .await
            .or_internal(req)?
            .ok_or_else(|| AppError::not_found("invite vanished"))?;
        let summary = invite_summary(&mut tx, invite).await.or_internal(req)?;
        tx.commit().await.or_internal(req)?;
        Ok(summary)
    }

    pub(super) async fn revoke_open_invite(
        &self,
        req: &RequestContext,
        invite_id: i64,
    ) -> Result<(), AppError> {
        authorize(&self.db, req, Operation::RevokeInvite).await?;
        let mut tx = self.db.begin().await.or_internal(req)?;
        if !invites::mark_revoked(&mut tx, invite_id, unix_now_ms())
            .await
            .or_internal(req)?
        {
            return Err(AppError::not_found("There is no open invitation with this id; it may have been accepted or revoked already."));
        }
        audit(
            &mut tx,
            req,
            "invite.revoked",
            &format!("invite:{invite_id}"),
            json!({}),
        )
        .await
        .or_internal(req)?;
        tx.commit().await.or_internal(req)
    }

    pub(super) async fn open_invite_details(
        &self,
        req: &RequestContext,
        token: &str,
    ) -> Result<InviteDetails, AppError> {
        authorize(&self.db, req, Operation::ViewInvite).await?;
        let invite = self.open_invite(req, token).await?;
        Ok(InviteDetails {
            email: invite.email,
            role: invite.role,
            expires_at: rfc3339(invite.expires_at_ms),
        })
    }

    pub(super) async fn accept_open_invite(
        &self,
        req: &RequestContext,
        token: &str,
        password: &str,
        confirm: &str,
    ) -> Result<SessionCookie, AppError> {
        authorize(&self.db, req, Operation::AcceptInvite).await?;
        bounded("password", password, MAX_BYTES)?;
        let invite = self.open_invite(req, token).await?;
        if password != confirm {
            return Err(AppError::invalid(
                "confirm_password",
                "The two passwords do not match.",
            ));
        }
        password_policy::check_new_password(password, &invite.email)
            .map_err(|m| AppError::invalid("password", m))?;
        let typed = password.to_owned();
        let hash = blocking(req, move || password::hash_password(&typed))
            .await?
            .or_internal(req)?;
        let now = unix_now_ms();
        let mut tx = self.db.begin().await.or_internal(req)?;
        // The conditional update makes a link single-use even when two tabs submit at once.
        if !invites::mark_accepted(&mut tx, invite.id, now)
            .await
            .or_internal(req)?
        {
            return Err(AppError::not_found(INVITE_GONE));
        }
        if users::find_by_email(&mut tx, &invite.email)
            .await
            .or_internal(req)?
            .is_some()
        {
            return Err(AppError::conflict(
                "An account with this e-mail address already exists; sign in instead.",
            ));
        }
        let user_id = users::insert(&mut tx, &invite.email, invite.role, &hash, now)
            .await
            .or_internal(req)?;
        let who = format!("user:{user_id}");
        audit_as(
            &mut tx,
            req,
            &who,
            "invite.accepted",
            &who,
            json!({ "invite": invite.id, "role": invite.role }),
        )
        .await
        .or_internal(req)?;
        tx.commit().await.or_internal(req)?;
        super::sessions::start_session(&self.keys, &self.cookies, user_id, 0).or_internal(req)
    }
}
