use crate::api::people::CreatePerson;
use crate::components::feedback::action_error;
use crate::components::person_form::{PersonFormSections, Rows};
use crate::model::person_form::PersonForm;
use leptos::prelude::*;
use leptos_meta::Title;

/// HR enters a candidate or contractor, section by section. Blank rows are ignored; the server
/// checks every value and names the field it refuses.
#[component]
pub fn NewPerson() -> impl IntoView {
    let create = ServerAction::<CreatePerson>::new();
    view! {
        <Title text="Add a person"/>
        <h1>"Add a person"</h1>
        <p class="hint">"Only the legal name is required. Everything entered is checked against the indicator catalogue as soon as you save; bank and ID numbers are stored only as keyed hashes and their last four characters."</p>
        {action_error(create)}
        <ActionForm action=create attr:class="sections">
            <PersonFormSections initial=PersonForm::default() rows=Rows::Default/>
            <button type="submit" class="primary">"Save and screen"</button>
        </ActionForm>
    }
}
