//! Previous / next links for paginated lists, keeping the list's other query parameters.

use crate::model::page::PageInfo;
use leptos::prelude::*;

/// `base_query` is the query string without `page` (e.g. `action=user.invited&`).
#[component]
pub fn Pager(
    info: PageInfo,
    path: &'static str,
    #[prop(into)] base_query: String,
) -> impl IntoView {
    let link = move |page: u32| format!("{path}?{base_query}page={page}");
    let (prev, next) = (link(info.page.saturating_sub(1)), link(info.page + 1));
    view! {
        <nav class="pager" aria-label="Pages">
            {info.has_previous().then(|| view! { <a href=prev rel="prev">"← Previous"</a> })}
            <span>{format!("Page {} of {} · {} in all", info.page, info.total_pages(), info.total)}</span>
            {info.has_next().then(|| view! { <a href=next rel="next">"Next →"</a> })}
        </nav>
    }
}
