//! Clearance: what the browser sees, and the contract between browser and server.

pub mod api;
pub mod components;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ports;
pub mod query_string;

use components::layout::Layout;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};
use model::user::Actor;

/// The signed-in person (or nobody), loaded once per page load. Signing in and out reload the page.
#[derive(Clone, Copy)]
pub struct CurrentUser(pub Resource<Result<Option<Actor>, model::error::AppError>>);

/// The HTML document around the app. The CSP nonce is the one leptos_axum generated for this
/// response; the server turns it into the `Content-Security-Policy` header.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    components::csp::announce_nonce();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                // A plain link in the server-rendered shell: nothing to hydrate.
                <link rel="stylesheet" id="leptos" href="/pkg/clearance.css"/>
                <link rel="icon" href="/favicon.ico"/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let me = Resource::new(|| (), |_| api::auth::who_am_i());
    provide_context(CurrentUser(me));
    // Every page renders completely on the server (Async), so pages work with JavaScript off.
    view! {
        <Title formatter=|page: String| format!("{page} · Clearance")/>
        <Router>
            <Layout>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::Home ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=pages::login::Login ssr=SsrMode::Async/>
                    <Route path=path!("/invite/:token") view=pages::invite::AcceptInvite ssr=SsrMode::Async/>
                    <Route path=path!("/account") view=pages::account::Account ssr=SsrMode::Async/>
                    <Route path=path!("/users") view=pages::users::Users ssr=SsrMode::Async/>
                    <Route path=path!("/audit") view=pages::audit::AuditLog ssr=SsrMode::Async/>
                    <Route path=path!("/people") view=pages::people::People ssr=SsrMode::Async/>
                    <Route path=path!("/people/new") view=pages::person_new::NewPerson ssr=SsrMode::Async/>
                    <Route path=path!("/people/import") view=pages::people_import::ImportPeoplePage ssr=SsrMode::Async/>
                    <Route path=path!("/people/import/:id") view=pages::import_job::ImportJob ssr=SsrMode::Async/>
                    <Route path=path!("/people/:id") view=pages::person::Person ssr=SsrMode::Async/>
                    <Route path=path!("/people/:id/edit") view=pages::person_edit::EditPerson ssr=SsrMode::Async/>
                    <Route path=path!("/people/:id/access") view=pages::person_access::PersonAccessTab ssr=SsrMode::Async/>
                    <Route path=path!("/repositories") view=pages::repositories::Repositories ssr=SsrMode::Async/>
                    <Route path=path!("/repositories/:id") view=pages::repository::RepositoryDetail ssr=SsrMode::Async/>
                    <Route path=path!("/access") view=pages::access::Access ssr=SsrMode::Async/>
                    <Route path=path!("/access/new") view=pages::access_new::NewAccessRequestPage ssr=SsrMode::Async/>
                    <Route path=path!("/access/:id") view=pages::access_request::AccessRequestDetail ssr=SsrMode::Async/>
                    <Route path=path!("/grants") view=pages::grants::Grants ssr=SsrMode::Async/>
                    <Route path=path!("/campaigns") view=pages::campaigns::Campaigns ssr=SsrMode::Async/>
                    <Route path=path!("/campaigns/:id") view=pages::campaign::CampaignDetail ssr=SsrMode::Async/>
                    <Route path=path!("/watchlists") view=pages::watchlists::Watchlists ssr=SsrMode::Async/>
                    <Route path=path!("/*any") view=pages::not_found::NotFound ssr=SsrMode::Async/>
                </Routes>
            </Layout>
        </Router>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
    // Reached only when hydration completed (a mismatch panics before this line). The e2e tests
    // wait for this marker; without JavaScript it never appears.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
