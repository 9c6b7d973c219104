//! Users and invites.

use crate::model::error::AppError;
use crate::model::user::{InviteDetails, InviteSummary, UsersPage};
use leptos::prelude::*;

#[server(endpoint = "users/list")]
pub async fn list_users(page: u32) -> Result<UsersPage, AppError> {
    let (ports, request) = super::context::current()?;
    ports.users.list(&request, page).await
}

#[server(endpoint = "users/invite")]
pub async fn invite_user(email: String, role: String) -> Result<InviteSummary, AppError> {
    let (ports, request) = super::context::current()?;
    ports.users.invite(&request, &email, &role).await
}

#[server(endpoint = "users/revoke_invite")]
pub async fn revoke_invite(invite_id: i64) -> Result<(), AppError> {
    let (ports, request) = super::context::current()?;
    ports.users.revoke_invite(&request, invite_id).await
}

#[server(endpoint = "users/change_role")]
pub async fn change_role(user_id: i64, role: String) -> Result<(), AppError> {
    let (ports, request) = super::context::current()?;
    ports.users.change_role(&request, user_id, &role).await
}

/// Disabling needs the confirmation box ticked: it signs the person out everywhere at once.
#[server(endpoint = "users/disable")]
pub async fn disable_user(user_id: i64, confirm: Option<String>) -> Result<(), AppError> {
    let (ports, request) = super::context::current()?;
    if confirm.is_none() {
        // Authorise before validating, so a denied caller learns nothing about the form.
        ports.users.list(&request, 1).await?;
        return Err(AppError::invalid(
            "confirm",
            "Tick the box to confirm that this person should lose access now.",
        ));
    }
    ports.users.set_disabled(&request, user_id, true).await
}

#[server(endpoint = "users/enable")]
pub async fn enable_user(user_id: i64) -> Result<(), AppError> {
    let (ports, request) = super::context::current()?;
    ports.users.set_disabled(&request, user_id, false).await
}

#[server(endpoint = "invites/get")]
pub async fn get_invite(token: String) -> Result<InviteDetails, AppError> {
    let (ports, request) = super::context::current()?;
    ports.users.invite_details(&request, &token).await
}

#[server(endpoint = "invites/accept")]
pub async fn accept_invite(
    token: String,
    password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    let (ports, request) = super::context::current()?;
    let cookie = ports
        .users
        .accept_invite(&request, &token, &password, &confirm_password)
        .await?;
    super::context::set_cookie(&cookie);
    leptos_axum::redirect("/");
    Ok(())
}
