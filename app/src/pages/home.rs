use crate::components::feedback::page_error;
use crate::model::access::Operation;
use crate::model::error::AppError;
use crate::CurrentUser;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Home() -> impl IntoView {
    let CurrentUser(me) = expect_context::<CurrentUser>();
    view! {
        <Title text="Home"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(actor)) => {
                        let may = |op: Operation| op.permits(Some(actor.role));
                        view! {
                            <h1>"Welcome"</h1>
                            <p>"Signed in as " <strong>{actor.email.clone()}</strong> " (" {actor.role.label()} ")."</p>
                            <ul class="tiles">
                                {may(Operation::ViewPeople).then(|| view! {
                                    <li><a href="/people"><strong>"People"</strong><span>"Candidates and contractors, screened against the indicator catalogue."</span></a></li>
                                })}
                                {may(Operation::ListUsers).then(|| view! {
                                    <li><a href="/users"><strong>"Users"</strong><span>"Invite people, change roles, disable accounts."</span></a></li>
                                })}
                                {may(Operation::ViewAuditLog).then(|| view! {
                                    <li><a href="/audit"><strong>"Audit log"</strong><span>"Every action, hash-chained and verified."</span></a></li>
                                })}
                                <li><a href="/account"><strong>"Your account"</strong><span>"Change your password."</span></a></li>
                            </ul>
                        }.into_any()
                    }
                    Ok(None) => page_error(AppError::Unauthenticated),
                    Err(err) => page_error(err),
                }
            })}
        </Suspense>
    }
}
