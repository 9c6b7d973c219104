//! Signing in and out, and who is signed in.

use crate::model::error::AppError;
use crate::model::user::Actor;
use leptos::prelude::*;

#[server(endpoint = "who_am_i")]
pub async fn who_am_i() -> Result<Option<Actor>, AppError> {
    let (_, request) = super::context::current()?;
    Ok(request.actor)
}

#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    let (ports, request) = super::context::current()?;
    let cookie = ports.auth.sign_in(&request, &email, &password).await?;
    super::context::set_cookie(&cookie);
    leptos_axum::redirect("/");
    Ok(())
}

#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    let (ports, request) = super::context::current()?;
    let cookie = ports.auth.sign_out(&request).await?;
    super::context::set_cookie(&cookie);
    leptos_axum::redirect("/login");
    Ok(())
}

#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    let (ports, request) = super::context::current()?;
    let cookie = ports
        .auth
        .change_password(
            &request,
            &current_password,
            &new_password,
            &confirm_password,
        )
        .await?;
    super::context::set_cookie(&cookie);
    Ok(())
}
