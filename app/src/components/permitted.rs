//! Forms that only some roles may send, shown only to them.
//!
//! Every server function checks the role itself (`Operation::permits` on the server); these
//! components spare a person a form whose every submission would be refused. They wait for the
//! signed-in user alone, never for the page's data, so the form is drawn once: a refused
//! submission does not draw it again and keeps what was typed.

use crate::components::feedback::page_error;
use crate::model::access::Operation;
use crate::model::error::AppError;
use crate::CurrentUser;
use leptos::prelude::*;

/// A page that only roles permitted `operation` may use: its content for them; for anyone else
/// what [`page_error`] shows (the sign-in page, or "Not allowed" with status 403).
#[component]
pub fn PermittedPage(operation: Operation, children: ChildrenFn) -> impl IntoView {
    let CurrentUser(me) = expect_context::<CurrentUser>();
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    match me.await {
                        Ok(Some(actor)) if operation.permits(Some(actor.role)) => {
                            children().into_any()
                        }
                        Ok(Some(_)) => page_error(AppError::Forbidden),
                        Ok(None) => page_error(AppError::Unauthenticated),
                        Err(err) => page_error(err),
                    }
                })
            }}
        </Suspense>
    }
}

/// A part of a page (a form) shown only to roles permitted `operation`; nothing for others,
/// whose page says what they may see.
#[component]
pub fn PermittedPart(operation: Operation, children: ChildrenFn) -> impl IntoView {
    let CurrentUser(me) = expect_context::<CurrentUser>();
    view! {
        <Suspense>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    let permitted = me
                        .await
                        .ok()
                        .flatten()
                        .is_some_and(|actor| operation.permits(Some(actor.role)));
                    permitted.then(|| children())
                })
            }}
        </Suspense>
    }
}
