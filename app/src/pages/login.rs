use crate::api::auth::SignIn;
use crate::components::feedback::action_error;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

/// A plain form (not an `ActionForm`): signing in replaces the session, so a full page load is
/// the honest behaviour with JavaScript on and off alike.
#[component]
pub fn Login() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    view! {
        <Title text="Sign in"/>
        <section class="card narrow">
            <h1>"Sign in"</h1>
            {action_error(action)}
            <form method="post" action=SignIn::url() class="stack">
                <label for="email">"E-mail address"</label>
                <input id="email" type="email" name="email" required autocomplete="username" maxlength="254"/>
                <label for="password">"Password"</label>
                <input id="password" type="password" name="password" required autocomplete="current-password" maxlength="1024"/>
                <button type="submit" class="primary">"Sign in"</button>
            </form>
            <p class="hint">"No account? Ask an admin of your organisation to invite you."</p>
        </section>
    }
}
