//! Labelled inputs of the person form, each showing its initial value. Names follow
//! `PersonForm`'s fields (`form[name]`, or `form[name][i]` for row i of a repeatable section), so
//! the form posts as a plain HTML form too.

use leptos::prelude::*;

/// `form[name]`, or `form[name][i]` for a row of a repeatable section.
fn field(name: &str, row: Option<usize>) -> String {
    match row {
        Some(i) => format!("form[{name}][{i}]"),
        None => format!("form[{name}]"),
    }
}

/// The element id, which the label targets: `name`, or `name-i` for a row.
fn element_id(name: &str, row: Option<usize>) -> String {
    match row {
        Some(i) => format!("{name}-{i}"),
        None => name.to_owned(),
    }
}

/// A labelled input showing `value`.
pub fn input(
    label: &'static str,
    name: &'static str,
    kind: &'static str,
    row: Option<usize>,
    hint: &'static str,
    value: String,
) -> impl IntoView {
    let id = element_id(name, row);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id type=kind name=field(name, row) placeholder=hint maxlength="500" value=value/>
        </div>
    }
}

/// A labelled select with `selected` chosen (the first option when it is blank).
pub fn choice(
    label: &'static str,
    name: &'static str,
    row: Option<usize>,
    options: &'static [(&'static str, &'static str)],
    selected: String,
) -> impl IntoView {
    let id = element_id(name, row);
    // A stored value the list does not offer (it came from an import or the API) is offered
    // too, so that saving the form unchanged does not change it.
    let other = (!selected.is_empty() && !options.iter().any(|(value, _)| *value == selected))
        .then(|| selected.clone());
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=field(name, row)>
                {options.iter().map(|(value, text)| view! { <option value=*value selected=selected == *value>{*text}</option> }).collect_view()}
                {other.map(|value| { let text = value.clone(); view! { <option value=value selected=true>{text}</option> } })}
            </select>
        </div>
    }
}

/// An input for a number stored only as a keyed hash: it is always blank, and blank keeps the
/// stored number; `last4` shows which one that is.
pub fn secret_input(
    label: &'static str,
    name: &'static str,
    last4: Option<String>,
) -> impl IntoView {
    let hint = if last4.is_some() {
        "Leave blank to keep it"
    } else {
        "Stored as a keyed hash"
    };
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <input id=name type="text" name=field(name, None) placeholder=hint maxlength="500" autocomplete="off"/>
            {last4.map(|last4| view! { <span class="hint">{format!("On file: ending in {last4}")}</span> })}
        </div>
    }
}
