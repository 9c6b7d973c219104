//! Signing in, signing out, changing one's password.

use super::support::{audit, audit_as, authorize, authorize_actor, blocking, bounded, OrInternal};
use super::Services;
use crate::auth::password::{self, Verdict};
use crate::auth::password_policy::{self, MAX_BYTES};
use crate::auth::throttle::{self, Decision};
use crate::store::{throttle as throttle_store, users};
use async_trait::async_trait;
use clearance_app::model::access::Operation;
use clearance_app::model::email::Email;
use clearance_app::model::error::AppError;
use clearance_app::model::request::RequestContext;
use clearance_app::ports::{AuthPort, SessionCookie};
use serde_json::json;

fn account_key(email: &str) -> String {
    format!("account:{email}")
}

fn client_key(req: &RequestContext) -> Option<String> {
    req.client_ip.as_ref().map(|ip| format!("ip:{ip}"))
}

impl Services {
    /// Checks credentials and returns the user id and token version. Shared by the browser and
    /// the REST API, which issue different kinds of token.
    pub async fn check_credentials(
        &self,
        req: &RequestContext,
        email: &str,
        password: &str,
    ) -> Result<(i64, i64), AppError> {
        authorize(&self.db, req, Operation::SignIn).await?;
        // Limits before any hashing (A4, A6).
        bounded("password", password, MAX_BYTES)?;
        let email = Email::parse(bounded("email", email, 320)?)
            .map_err(|m| AppError::invalid("email", m))?;
        let now_ms = crate::clock::unix_now_ms();
        let account = account_key(email.as_str());
        let client = client_key(req);
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let mut decision = throttle::decide(
            throttle_store::get(&mut conn, &account)
                .await
                .or_internal(req)?,
            throttle::PER_ACCOUNT,
            now_ms,
        );
        if let Some(client) = &client {
            let by_client = throttle::decide(
                throttle_store::get(&mut conn, client)
                    .await
                    .or_internal(req)?,
                throttle::PER_CLIENT,
                now_ms,
            );
            decision = throttle::stricter(decision, by_client);
        }
        if let Decision::Block { retry_after_secs } = decision {
            tracing::warn!(request_id = %req.request_id, "sign-in throttled");
            return Err(AppError::TooManyRequests { retry_after_secs });
        }
        let user = users::find_by_email(&mut conn, email.as_str())
            .await
            .or_internal(req)?;
        drop(conn);

        // Every path runs exactly one Argon2 verification, so the answer takes the same time
        // whether or not the account exists (A5).
        let typed = password.to_owned();
        let stored = user.as_ref().map(|u| u.password_hash.clone());
        let verdict = blocking(req, move || match stored {
            Some(hash) => password::verify_password(&hash, &typed),
            None => {
                password::verify_against_dummy(&typed);
                Verdict::Mismatch
            }
        })
        .await?;

        let success = match (&user, &verdict) {
            (Some(u), Verdict::Match { .. }) if !u.is_disabled() => Some(u),
            _ => None,
        };
        let Some(user) = success else {
            let reason = match (&user, &verdict) {
                (None, _) => "unknown_account",
                (Some(_), Verdict::Refused(why)) => {
                    tracing::error!(request_id = %req.request_id, reason = %why, "security: stored password hash refused");
                    "stored_hash_refused"
                }
                (Some(u), Verdict::Match { .. }) if u.is_disabled() => "account_disabled",
                _ => "wrong_password",
            };
            let mut tx = self.db.begin().await.or_internal(req)?;
            let window = throttle_store::get(&mut tx, &account)
                .await
                .or_internal(req)?;
            throttle_store::put(
                &mut tx,
                &account,
                throttle::after_failure(window, throttle::PER_ACCOUNT, now_ms),
            )
            .await
            .or_internal(req)?;
            if let Some(client) = &client {
                let window = throttle_store::get(&mut tx, client)
                    .await
                    .or_internal(req)?;
                throttle_store::put(
                    &mut tx,
                    client,
                    throttle::after_failure(window, throttle::PER_CLIENT, now_ms),
                )
                .await
                .or_internal(req)?;
            }
            let subject = user
                .as_ref()
                .map(|u| format!("user:{}", u.id))
                .unwrap_or_default();
            audit(
                &mut tx,
                req,
                "auth.sign_in_failed",
                &subject,
                json!({ "reason": reason }),
            )
            .await
            .or_internal(req)?;
            tx.commit().await.or_internal(req)?;
            return Err(AppError::InvalidCredentials);
        };

        // A2: upgrade a hash made with weaker parameters while the password is at hand.
        let rehash = if matches!(verdict, Verdict::Match { needs_rehash: true }) {
            let typed = password.to_owned();
            blocking(req, move || password::hash_password(&typed))
                .await?
                .ok()
        } else {
            None
        };
        let mut tx = self.db.begin().await.or_internal(req)?;
        throttle_store::clear(&mut tx, &account)
            .await
            .or_internal(req)?;
        if let Some(hash) = &rehash {
            users::set_password_hash(&mut tx, user.id, hash, false)
                .await
                .or_internal(req)?;
        }
        let who = format!("user:{}", user.id);
        audit_as(
            &mut tx,
            req,
            &who,
            "auth.signed_in",
            &who,
            json!({ "rehashed": rehash.is_some() }),
        )
        .await
        .or_internal(req)?;
        tx.commit().await.or_internal(req)?;
        Ok((user.id, user.token_version))
    }
}

#[async_trait]
impl AuthPort for Services {
    async fn sign_in(
        &self,
        req: &RequestContext,
        email: &str,
        password: &str,
    ) -> Result<SessionCookie, AppError> {
        let (user_id, version) = self.check_credentials(req, email, password).await?;
        super::sessions::start_session(&self.keys, &self.cookies, user_id, version).or_internal(req)
    }

    async fn sign_out(&self, req: &RequestContext) -> Result<SessionCookie, AppError> {
        let actor = authorize_actor(&self.db, req, Operation::SignOut).await?;
        let mut tx = self.db.begin().await.or_internal(req)?;
        // Ends this session and any other of the same user (B5).
        users::bump_token_version(&mut tx, actor.user_id)
            .await
            .or_internal(req)?;
        audit(
            &mut tx,
            req,
            "auth.signed_out",
            &format!("user:{}", actor.user_id),
            json!({}),
        )
        .await
        .or_internal(req)?;
        tx.commit().await.or_internal(req)?;
        Ok(self.cookies.clear())
    }

    async fn change_password(
        &self,
        req: &RequestContext,
        current: &str,
        new: &str,
        confirm: &str,
    ) -> Result<SessionCookie, AppError> {
        let actor = authorize_actor(&self.db, req, Operation::ChangeOwnPassword).await?;
        bounded("current_password", current, MAX_BYTES)?;
        bounded("new_password", new, MAX_BYTES)?;
        if new != confirm {
            return Err(AppError::invalid(
                "confirm_password",
                "The two new passwords do not match.",
            ));
        }
        password_policy::check_new_password(new, &actor.email)
            .map_err(|m| AppError::invalid("new_password", m))?;
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let user = users::find_by_id(&mut conn, actor.user_id)
            .await
            .or_internal(req)?
            .ok_or(AppError::Unauthenticated)?;
        drop(conn);
        let (stored, typed, fresh) = (
            user.password_hash.clone(),
            current.to_owned(),
            new.to_owned(),
        );
        let (verdict, new_hash) = blocking(req, move || {
            let verdict = password::verify_password(&stored, &typed);
            let hash =
                matches!(verdict, Verdict::Match { .. }).then(|| password::hash_password(&fresh));
            (verdict, hash)
        })
        .await?;
        if !matches!(verdict, Verdict::Match { .. }) {
            return Err(AppError::invalid(
                "current_password",
                "Your current password is not correct.",
            ));
        }
        let new_hash = new_hash
            .ok_or(AppError::Unauthenticated)?
            .or_internal(req)?;
        let mut tx = self.db.begin().await.or_internal(req)?;
        users::set_password_hash(&mut tx, user.id, &new_hash, true)
            .await
            .or_internal(req)?;
        let version = users::find_by_id(&mut tx, user.id)
            .await
            .or_internal(req)?
            .map(|u| u.token_version)
            .unwrap_or_default();
        audit(
            &mut tx,
            req,
            "auth.password_changed",
            &format!("user:{}", user.id),
            json!({}),
        )
        .await
        .or_internal(req)?;
        tx.commit().await.or_internal(req)?;
        super::sessions::start_session(&self.keys, &self.cookies, user.id, version).or_internal(req)
    }
}
