use crate::api::users::{get_invite, AcceptInvite as AcceptInviteFn};
use crate::components::feedback::{action_error, page_error};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Accepting an invite: the person sets a password and is signed in.
#[component]
pub fn AcceptInvite() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let invite = Resource::new(token, get_invite);
    let accept = ServerAction::<AcceptInviteFn>::new();
    view! {
        <Title text="Accept your invitation"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match invite.await {
                    Ok(details) => view! {
                        <section class="card narrow">
                            <h1>"Welcome to Clearance"</h1>
                            <p>"You were invited as " <strong>{details.role.label()}</strong>
                               " with the address " <strong>{details.email.clone()}</strong> "."</p>
                            <p class="hint">"Choose a password of at least 15 characters; a few unrelated words work well. This link expires at " {details.expires_at.clone()} "."</p>
                            {action_error(accept)}
                            <form method="post" action=AcceptInviteFn::url() class="stack">
                                <input type="hidden" name="token" value=token/>
                                <input type="email" name="username" value=details.email.clone() autocomplete="username" hidden/>
                                <label for="password">"Password"</label>
                                <input id="password" type="password" name="password" required minlength="15" autocomplete="new-password"/>
                                <label for="confirm_password">"Password, again"</label>
                                <input id="confirm_password" type="password" name="confirm_password" required minlength="15" autocomplete="new-password"/>
                                <button type="submit" class="primary">"Set password and sign in"</button>
                            </form>
                        </section>
                    }.into_any(),
                    Err(err) => page_error(err),
                }
            })}
        </Suspense>
    }
}
