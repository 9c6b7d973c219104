use crate::api::people::ImportPeople;
use crate::components::feedback::action_error;
use crate::model::person::ImportReport;
use leptos::prelude::*;
use leptos_meta::Title;

/// Paste profile documents (JSON array or JSON lines) or CSV; every valid row is imported and
/// screened, every refused row is listed with its field and reason.
#[component]
pub fn ImportPeoplePage() -> impl IntoView {
    let import = ServerAction::<ImportPeople>::new();
    view! {
        <Title text="Import people"/>
        <h1>"Import people"</h1>
        <p class="hint">"Paste a JSON array of profile documents, JSON lines, or CSV with a header row (columns in the README; legal_name is required). Up to 1 MiB here; use POST /api/v1/people/import for larger files. Rows are imported in transactions, so a refused row never leaves anything half-written."</p>
        {action_error(import)}
        <ActionForm action=import attr:class="stack">
            <label for="format">"Format"</label>
            <select id="format" name="format">
                <option value="csv">"CSV"</option>
                <option value="json">"JSON (array or lines)"</option>
            </select>
            <label for="text">"Data"</label>
            <textarea id="text" name="text" rows="14" required spellcheck="false"></textarea>
            <button type="submit" class="primary" disabled=move || import.pending().get()>
                {move || if import.pending().get() { "Importing and screening…" } else { "Import" }}
            </button>
        </ActionForm>
        <p class="hint" role="status">{move || import.pending().get().then_some("Importing: every row is validated, stored and screened. Large imports take a while.")}</p>
        {move || import.value().get().and_then(Result::ok).map(report_view)}
    }
}

fn report_view(report: ImportReport) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{format!("Imported {} · refused {}", report.imported, report.failed.len())}</h2>
            {(!report.ids.is_empty()).then(|| view! { <p><a href="/people?sort=updated">"See the imported people"</a></p> })}
            {(!report.failed.is_empty()).then(|| view! {
                <table class="data">
                    <thead><tr><th>"Row"</th><th>"Field"</th><th>"Problem"</th></tr></thead>
                    <tbody>{report.failed.into_iter().map(|f| view! {
                        <tr><td>{f.row}</td><td><code>{f.field}</code></td><td>{f.error}</td></tr>
                    }).collect_view()}</tbody>
                </table>
            })}
        </section>
    }
}
