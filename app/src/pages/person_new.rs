use crate::api::people::{load_person_draft, CreatePerson};
use crate::components::feedback::action_error;
use crate::components::permitted::PermittedPage;
use crate::components::person_form::{PersonFormSections, Rows};
use crate::model::access::Operation;
use crate::model::person_form::{PersonForm, NEW_PERSON_DRAFT};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// HR enters a candidate or contractor, section by section. Blank rows are ignored; the server
/// checks every value and names the field it refuses. Refused without JavaScript, the page comes
/// back with the error in its address and shows what was typed again (from the server's draft).
/// Only the roles that may enter people see the form; the others get "Not allowed" (403).
#[component]
pub fn NewPerson() -> impl IntoView {
    let create = ServerAction::<CreatePerson>::new();
    let query = use_query_map();
    // Only a page reached through a refusal looks for a draft. With JavaScript the address does
    // not change on a refusal, so the form is never drawn again and keeps its inputs.
    let refused = move || query.with(|q| q.get("__err").is_some());
    let draft = Resource::new(refused, |refused| async move {
        if refused {
            load_person_draft(NEW_PERSON_DRAFT.to_owned())
                .await
                .ok()
                .flatten()
        } else {
            None
        }
    });
    view! {
        <Title text="Add a person"/>
        <PermittedPage operation=Operation::EditPeople>
            <h1>"Add a person"</h1>
            <p class="hint">"Only the legal name is required. Everything entered is checked against the indicator catalogue as soon as you save; bank and ID numbers are stored only as keyed hashes and their last four characters."</p>
            {action_error(create)}
            <ActionForm action=create attr:class="sections">
                <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                    {move || Suspend::new(async move {
                        let kept = draft.await;
                        let retype = kept.is_some().then(|| view! {
                            <p class="hint" role="status">"What you typed is kept below; bank and ID numbers are never kept, so enter them again."</p>
                        });
                        let initial = kept.map(|d| d.form).unwrap_or_else(PersonForm::default);
                        view! {
                            {retype}
                            <PersonFormSections initial=initial rows=Rows::Default/>
                        }
                    })}
                </Suspense>
                <button type="submit" class="primary">"Save and screen"</button>
            </ActionForm>
        </PermittedPage>
    }
}
