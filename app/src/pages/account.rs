use crate::api::auth::ChangePassword;
use crate::components::feedback::{action_done, action_error, page_error};
use crate::model::error::AppError;
use crate::CurrentUser;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Account() -> impl IntoView {
    let CurrentUser(me) = expect_context::<CurrentUser>();
    let change = ServerAction::<ChangePassword>::new();
    view! {
        <Title text="Your account"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(actor)) => view! {
                        <h1>"Your account"</h1>
                        <dl class="facts">
                            <dt>"E-mail address"</dt><dd>{actor.email.clone()}</dd>
                            <dt>"Role"</dt><dd>{actor.role.label()}</dd>
                        </dl>
                        <section class="card narrow">
                            <h2>"Change your password"</h2>
                            <p class="hint">"At least 15 characters. Every other session of yours is signed out."</p>
                            {action_error(change)}
                            {action_done(change, "Your password was changed.")}
                            <ActionForm action=change attr:class="stack">
                                <label for="current_password">"Current password"</label>
                                <input id="current_password" type="password" name="current_password" required autocomplete="current-password"/>
                                <label for="new_password">"New password"</label>
                                <input id="new_password" type="password" name="new_password" required minlength="15" autocomplete="new-password"/>
                                <label for="confirm_password">"New password, again"</label>
                                <input id="confirm_password" type="password" name="confirm_password" required minlength="15" autocomplete="new-password"/>
                                <button type="submit" class="primary">"Change password"</button>
                            </ActionForm>
                        </section>
                    }.into_any(),
                    Ok(None) => page_error(AppError::Unauthenticated),
                    Err(err) => page_error(err),
                }
            })}
        </Suspense>
    }
}
