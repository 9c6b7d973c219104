//! The frame of every page: the header with navigation by role, and the main area.

use crate::api::auth::SignOut;
use crate::model::access::Operation;
use crate::model::user::Actor;
use crate::CurrentUser;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let CurrentUser(me) = expect_context::<CurrentUser>();
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="topbar">
            <a class="brand" href="/">"Clearance"</a>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match me.await {
                        Ok(Some(actor)) => navigation(actor).into_any(),
                        _ => view! { <nav class="nav"><a href="/login">"Sign in"</a></nav> }.into_any(),
                    }
                })}
            </Suspense>
        </header>
        <main id="main" class="content">{children()}</main>
    }
}

fn navigation(actor: Actor) -> impl IntoView {
    let may = |op: Operation| op.permits(Some(actor.role));
    view! {
        <nav class="nav" aria-label="Main">
            <a href="/">"Home"</a>
            {may(Operation::ViewPeople).then(|| view! { <a href="/people">"People"</a> })}
            {may(Operation::ViewAccess).then(|| view! { <a href="/access">"Access"</a> })}
            {may(Operation::ViewAccess).then(|| view! { <a href="/repositories">"Repositories"</a> })}
            // No "Grants" entry, to keep the bar short: the start page and the dashboard link there.
            {may(Operation::ViewCampaigns).then(|| view! { <a href="/campaigns">"Campaigns"</a> })}
            {may(Operation::ViewWatchlists).then(|| view! { <a href="/watchlists">"Watch lists"</a> })}
            {may(Operation::ListUsers).then(|| view! { <a href="/users">"Users"</a> })}
            {may(Operation::ViewAuditLog).then(|| view! { <a href="/audit">"Audit log"</a> })}
            <a href="/account">"Account"</a>
            <span class="who" title=actor.role.label()>{actor.email.clone()} " · " {actor.role.label()}</span>
            <form method="post" action=SignOut::url() class="inline">
                <button type="submit" class="link-button">"Sign out"</button>
            </form>
        </nav>
    }
}
