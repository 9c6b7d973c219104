//! Editing a person: the entry form, filled from the stored profile. Saving changes only what
//! the person changed (`PersonForm::apply_to`) and is refused if someone else saved in between.

use crate::api::people::{load_person_draft, load_person_page, UpdatePerson};
use crate::components::feedback::{action_error, page_error};
use crate::components::person_form::{PersonFormSections, Rows, StoredNumbers};
use crate::model::error::AppError;
use crate::model::person::PersonView;
use crate::model::person_form::{edit_person_draft, PersonDraft, PersonForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn EditPerson() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let update = ServerAction::<UpdatePerson>::new();
    // Keyed on the id alone, not on the action: a refused save must not render the form again,
    // which would throw away what was typed.
    let data = Resource::new(id, load_person_page);
    // Refused without JavaScript, the page comes back with the error in its address: show what
    // was typed (the server kept it as a draft) rather than the stored profile.
    let query = use_query_map();
    let refused = move || query.with(|q| q.get("__err").is_some());
    let draft = Resource::new(
        move || (id(), refused()),
        |(id, refused)| async move {
            if refused {
                load_person_draft(edit_person_draft(id))
                    .await
                    .ok()
                    .flatten()
            } else {
                None
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let (page, kept) = (data.await, draft.await);
                match page {
                    Ok(page) if page.may_edit => edit_view(page.person, kept, update).into_any(),
                    Ok(_) => page_error(AppError::Forbidden),
                    Err(err) => page_error(err),
                }
            })}
        </Suspense>
    }
}

fn edit_view(
    person: PersonView,
    kept: Option<PersonDraft>,
    update: ServerAction<UpdatePerson>,
) -> impl IntoView {
    let doc = &person.document;
    let title = format!("Edit {}", doc.identity.legal_name.full);
    let stored = StoredNumbers {
        iban_last4: doc
            .payment_instructions
            .first()
            .and_then(|p| p.account_last4.clone()),
        id_number_last4: doc
            .identity
            .id_documents
            .first()
            .and_then(|d| d.number_last4.clone()),
    };
    let retype = kept.is_some().then(|| view! {
        <p class="hint" role="status">"Your refused changes are kept below; bank and ID numbers are never kept, so enter them again."</p>
    });
    // The version the refused form was filled from, so a save over someone else's is still caught.
    let (initial, version) = match kept {
        Some(draft) => (draft.form, draft.version.unwrap_or(person.version)),
        None => (PersonForm::from_document(doc), person.version),
    };
    let back = format!("/people/{}", person.id);
    view! {
        <Title text=title.clone()/>
        <h1>{title}</h1>
        <p class="hint">{format!("Version {}. ", person.version)}"Bank and ID numbers are shown only by their last four characters; leave them blank to keep the stored ones. Saving stores a new version and screens the person again."</p>
        {action_error(update)}
        {retype}
        <ActionForm action=update attr:class="sections">
            <input type="hidden" name="id" value=person.id/>
            <input type="hidden" name="version" value=version/>
            <PersonFormSections initial=initial rows=Rows::FilledPlusOne stored=stored/>
            <div class="form-actions">
                <button type="submit" class="primary">"Save changes"</button>
                <a href=back>"Cancel"</a>
            </div>
        </ActionForm>
    }
}
