use crate::api::people::ImportPeople;
use crate::components::feedback::action_error;
use leptos::html::{Select, Textarea};
use leptos::prelude::*;
use leptos_meta::Title;

/// The most the page sends: the server's limit for form posts. Larger files go through the API.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const PAGE_MAX_BYTES: f64 = 1024.0 * 1024.0;

/// Paste profile documents (JSON array or JSON lines) or CSV, or (with JavaScript) pick a file;
/// the rows are checked at once, then imported and screened in the background while the
/// import's page shows the progress, then every refused row with its field and reason.
#[component]
pub fn ImportPeoplePage() -> impl IntoView {
    let import = ServerAction::<ImportPeople>::new();
    let text = NodeRef::<Textarea>::new();
    let format = NodeRef::<Select>::new();
    let note = RwSignal::new(None::<String>);
    view! {
        <Title text="Import people"/>
        <h1>"Import people"</h1>
        <p class="hint">"Paste a JSON array of profile documents, JSON lines, or CSV with a header row (columns in the README; legal_name is required), or choose a file. Up to 1 MiB here; use POST /api/v1/people/import for larger files. The import runs in the background and its page shows the progress; rows are imported in transactions, so a refused row never leaves anything half-written."</p>
        {action_error(import)}
        <ActionForm action=import attr:class="stack">
            <label for="format">"Format"</label>
            <select id="format" name="format" node_ref=format>
                <option value="csv">"CSV"</option>
                <option value="json">"JSON (array or lines)"</option>
            </select>
            // No name: the file is never sent as such; its text goes into the data field below.
            <div class="file-pick js-only">
                <label for="file">"File"</label>
                <input
                    type="file"
                    id="file"
                    accept=".csv,.json,.jsonl,.ndjson,text/csv,application/json"
                    on:change=move |ev| load_file(&ev, text, format, note)
                />
                <p class="hint" role="status">{move || note.get()}</p>
            </div>
            <label for="text">"Data"</label>
            <textarea id="text" name="text" rows="14" required spellcheck="false" node_ref=text></textarea>
            <button type="submit" class="primary" disabled=move || import.pending().get()>
                {move || if import.pending().get() { "Checking the data…" } else { "Import" }}
            </button>
        </ActionForm>
        <p class="hint" role="status">{move || import.pending().get().then_some("Checking every row; the import then starts in the background.")}</p>
    }
}

/// Reads the chosen file into the data field and picks the format from its name.
#[cfg(feature = "hydrate")]
fn load_file(
    ev: &leptos::ev::Event,
    text: NodeRef<Textarea>,
    format: NodeRef<Select>,
    note: RwSignal<Option<String>>,
) {
    let input: web_sys::HtmlInputElement = event_target(ev);
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return;
    };
    let name = file.name();
    if file.size() > PAGE_MAX_BYTES {
        note.set(Some(format!(
            "{name} is larger than 1 MiB, the most this page sends: split it, or import it with POST /api/v1/people/import (see the README)."
        )));
        input.set_value("");
        return;
    }
    let lower = name.to_lowercase();
    let detected = if lower.ends_with(".csv") {
        Some("csv")
    } else if [".json", ".jsonl", ".ndjson"]
        .iter()
        .any(|ext| lower.ends_with(ext))
    {
        Some("json")
    } else {
        None
    };
    if let (Some(detected), Some(select)) = (detected, format.get_untracked()) {
        select.set_value(detected);
    }
    note.set(Some(format!("Reading {name}…")));
    leptos::task::spawn_local(async move {
        let read = wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|value| value.as_string());
        match (read, text.get_untracked()) {
            (Some(content), Some(area)) => {
                area.set_value(&content);
                note.set(Some(format!(
                    "{name} is in the data field below: check the format, then import."
                )));
            }
            _ => note.set(Some(format!("{name} could not be read as text."))),
        }
    });
}

/// Without JavaScript the file field is hidden and never used.
#[cfg(not(feature = "hydrate"))]
fn load_file(
    _ev: &leptos::ev::Event,
    _text: NodeRef<Textarea>,
    _format: NodeRef<Select>,
    _note: RwSignal<Option<String>>,
) {
}
