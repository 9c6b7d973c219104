//! The HTTP edge: shared state and the middleware that every request passes through.

pub mod body_limit;
pub mod client_ip;
pub mod render_retry;
pub mod security;
pub mod server_fn_errors;
pub mod session;

use crate::config::Settings;
use crate::services::Services;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub services: Arc<Services>,
    pub settings: Arc<Settings>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
