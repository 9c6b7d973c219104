use crate::api::people::ImportPeople;
use crate::components::feedback::action_error;
use crate::components::file_text::FileIntoText;
use crate::components::permitted::PermittedPage;
use crate::model::access::Operation;
use leptos::html::{Select, Textarea};
use leptos::prelude::*;
use leptos_meta::Title;

/// The most the page sends: the server's limit for form posts. Larger files go through the API.
const PAGE_MAX_BYTES: f64 = 1024.0 * 1024.0;

/// Paste profile documents (JSON array or JSON lines) or CSV, or (with JavaScript) pick a file;
/// the rows are checked at once, then imported and screened in the background while the
/// import's page shows the progress, then every refused row with its field and reason. Only the
/// roles that may enter people see the form; the others get "Not allowed" (403).
#[component]
pub fn ImportPeoplePage() -> impl IntoView {
    let import = ServerAction::<ImportPeople>::new();
    let text = NodeRef::<Textarea>::new();
    let format = NodeRef::<Select>::new();
    view! {
        <Title text="Import people"/>
        <PermittedPage operation=Operation::EditPeople>
            <h1>"Import people"</h1>
            <p class="hint">"Paste a JSON array of profile documents, JSON lines, or CSV with a header row (columns in the README; legal_name is required), or choose a file. Up to 1 MiB here; use POST /api/v1/people/import for larger files. The import runs in the background and its page shows the progress; rows are imported in transactions, so a refused row never leaves anything half-written."</p>
            {action_error(import)}
            <ActionForm action=import attr:class="stack">
                <label for="format">"Format"</label>
                <select id="format" name="format" node_ref=format>
                    <option value="csv">"CSV"</option>
                    <option value="json">"JSON (array or lines)"</option>
                </select>
                <FileIntoText
                    id="file"
                    label="File"
                    target=text
                    max_bytes=PAGE_MAX_BYTES
                    accept=".csv,.json,.jsonl,.ndjson,text/csv,application/json"
                    on_chosen=Callback::new(move |name: String| {
                        if let (Some(detected), Some(select)) = (format_of(&name), format.get_untracked()) {
                            select.set_value(detected);
                        }
                    })
                />
                <label for="text">"Data"</label>
                <textarea id="text" name="text" rows="14" required spellcheck="false" node_ref=text></textarea>
                <button type="submit" class="primary" disabled=move || import.pending().get()>
                    {move || if import.pending().get() { "Checking the data…" } else { "Import" }}
                </button>
            </ActionForm>
            <p class="hint" role="status">{move || import.pending().get().then_some("Checking every row; the import then starts in the background.")}</p>
        </PermittedPage>
    }
}

/// The format a file's name says, if it says one.
fn format_of(name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    if lower.ends_with(".csv") {
        Some("csv")
    } else if [".json", ".jsonl", ".ndjson"]
        .iter()
        .any(|ext| lower.ends_with(ext))
    {
        Some("json")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_file_name_picks_the_format() {
        assert_eq!(super::format_of("People.CSV"), Some("csv"));
        assert_eq!(super::format_of("export.ndjson"), Some("json"));
        assert_eq!(super::format_of("notes.txt"), None);
    }
}
