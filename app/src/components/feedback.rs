//! Showing errors and outcomes.

use crate::model::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::Redirect;

/// The error of the last submission of a form, if any (also after a no-JS round trip).
pub fn action_error<S>(action: ServerAction<S>) -> impl IntoView
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    move || {
        action.value().get().and_then(Result::err).map(|err| {
            let rule = rule_of(&err);
            view! { <p class="form-error" role="alert">{err.to_string()}{rule}</p> }
        })
    }
}

/// " (rule `screening.cleared`)" after the message of a refusal by a policy rule, so the person
/// can look the rule up; nothing for other errors.
pub fn rule_of(err: &AppError) -> Option<impl IntoView> {
    match err {
        AppError::Policy { rule, .. } | AppError::NotPermitted { rule, .. } => {
            let rule = rule.clone();
            Some(view! { " (rule " <code>{rule}</code> ")" })
        }
        _ => None,
    }
}

/// A short confirmation after a form succeeded (with JavaScript on; without it the page reloads
/// and shows the new state).
pub fn action_done<S>(action: ServerAction<S>, message: &'static str) -> impl IntoView
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    move || {
        matches!(action.value().get(), Some(Ok(_)))
            .then(|| view! { <p class="form-ok" role="status">{message}</p> })
    }
}

/// What a page shows when its data cannot be loaded: sign-in, not allowed, not found, or the
/// message with the request id. Sets the HTTP status during server rendering.
pub fn page_error(err: AppError) -> AnyView {
    set_status(err.status());
    match err {
        AppError::Unauthenticated => view! { <Redirect path="/login"/> }.into_any(),
        AppError::Forbidden => view! {
            <section class="notice">
                <h1>"Not allowed"</h1>
                <p>"Your role does not allow you to see this page. Ask an admin if you need access."</p>
                <p><a href="/">"Back to the start page"</a></p>
            </section>
        }
        .into_any(),
        refused @ (AppError::Policy { .. } | AppError::NotPermitted { .. }) => {
            let rule = rule_of(&refused);
            view! {
                <section class="notice">
                    <h1>"Not allowed here"</h1>
                    <p role="alert">{refused.to_string()}{rule}</p>
                    <p><a href="/">"Back to the start page"</a></p>
                </section>
            }
            .into_any()
        }
        other => view! {
            <section class="notice">
                <h1>"This page could not be shown"</h1>
                <p role="alert">{other.to_string()}</p>
                <p><a href="/">"Back to the start page"</a></p>
            </section>
        }
        .into_any(),
    }
}

/// Sets the status of the server-rendered response (no effect in the browser).
pub fn set_status(_status: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(code)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(_status),
    ) {
        options.set_status(code);
    }
}
