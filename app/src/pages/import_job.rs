use crate::api::people::import_status;
use crate::components::feedback::page_error;
use crate::components::import_report::report_view;
use crate::model::person::{ImportJobView, IMPORT_FAILED, IMPORT_FINISHED};
use crate::pages::users::short_time;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use std::time::Duration;

/// How often the page asks for the progress while the import runs (with JavaScript).
const POLL_EVERY: Duration = Duration::from_millis(500);

/// Without JavaScript the page reloads itself while the import runs. Inside `<noscript>`, so a
/// browser that runs the page's script (and polls instead) never sees it as a tag.
const RELOAD_WITHOUT_JS: &str = r#"<meta http-equiv="refresh" content="2">"#;

/// An import running in the background: a progress bar with "Imported N of M rows", then the
/// report (every refused row with its field and reason), or why it stopped.
#[component]
pub fn ImportJob() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let (tick, set_tick) = signal(0u32);
    let job = Resource::new(move || (id(), tick.get()), |(id, _)| import_status(id));
    // Effects run only in the browser: while the import runs, ask again in a moment. Each answer
    // schedules the next question; leaving the page (or a new answer) cancels a pending one.
    Effect::new(move || {
        let running = matches!(job.get(), Some(Ok(view)) if view.is_running());
        if running {
            let next = move || set_tick.update(|t| *t = t.wrapping_add(1));
            if let Ok(handle) = set_timeout_with_handle(next, POLL_EVERY) {
                on_cleanup(move || handle.clear());
            }
        }
    });
    view! {
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match job.await {
                    Ok(view) => job_view(view).into_any(),
                    Err(err) => page_error(err),
                }
            })}
        </Transition>
    }
}

fn job_view(job: ImportJobView) -> impl IntoView {
    let running = job.is_running();
    let finished = job.status == IMPORT_FINISHED;
    let heading = match job.status.as_str() {
        IMPORT_FINISHED => "Import finished",
        IMPORT_FAILED => "Import stopped",
        _ => "Importing people",
    };
    // A finished import fills the bar even when no row was valid.
    let max = job.total.max(1);
    let value = if finished { max } else { job.done.min(max) };
    let refused = job.rows.saturating_sub(job.total);
    let summary = format!(
        "{} data, {} rows: {} valid, {refused} refused · started {}",
        job.format.to_uppercase(),
        job.rows,
        job.total,
        short_time(&job.started_at)
    );
    let outcome = match job.status.as_str() {
        IMPORT_FINISHED => report_view(job.imported, job.failed).into_any(),
        IMPORT_FAILED => view! {
            <p class="form-error" role="alert">{job.error.unwrap_or_default()}</p>
        }
        .into_any(),
        _ => view! {
            <p class="hint">"Every valid row is stored and screened, 250 at a time, and this page follows along; refused rows are listed when the import ends. You may leave the page and come back: the import carries on."</p>
        }
        .into_any(),
    };
    view! {
        <Title text=heading/>
        {running.then(|| view! { <noscript inner_html=RELOAD_WITHOUT_JS></noscript> })}
        <h1>{heading}</h1>
        <section class="card import-progress">
            <progress value=value max=max aria-label="Import progress">{format!("{} of {}", job.done, job.total)}</progress>
            <p role="status">{format!("Imported {} of {} rows", job.done, job.total)}</p>
            <p class="hint">{summary}</p>
        </section>
        {outcome}
        {(!running).then(|| view! { <p><a href="/people/import">"Import more people"</a></p> })}
    }
}
