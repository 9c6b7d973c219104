//! The outcome of an import: how many people went in, and every refused row with its field and
//! reason.

use crate::model::person::RowError;
use leptos::prelude::*;

pub fn report_view(imported: usize, failed: Vec<RowError>) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{format!("Imported {imported} · refused {}", failed.len())}</h2>
            {(imported > 0).then(|| view! { <p><a href="/people?sort=updated">"See the imported people"</a></p> })}
            {(!failed.is_empty()).then(|| view! {
                <table class="data">
                    <thead><tr><th>"Row"</th><th>"Field"</th><th>"Problem"</th></tr></thead>
                    <tbody>{failed.into_iter().map(|f| view! {
                        <tr><td>{f.row}</td><td><code>{f.field}</code></td><td>{f.error}</td></tr>
                    }).collect_view()}</tbody>
                </table>
            })}
        </section>
    }
}
