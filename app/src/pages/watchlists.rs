//! Watch lists: the active version of every list, every imported version with its counts and
//! content hash, the re-screening progress after a switch, and (for admins and security leads)
//! the form that imports a new version.

use crate::api::watchlists::{list_watchlists, ImportWatchlist};
use crate::components::feedback::{action_error, page_error};
use crate::components::file_text::{mib, FileIntoText};
use crate::components::pager::Pager;
use crate::components::permitted::PermittedPart;
use crate::model::access::Operation;
use crate::model::person::MATCH_QUEUE;
use crate::model::watchlists::{ListVersionView, WatchlistsPage, FORMATS, PAGE_UPLOAD_MAX_BYTES};
use crate::pages::users::short_time;
use leptos::html::Textarea;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use std::time::Duration;

/// How often the page asks again while a re-screening runs (with JavaScript).
const POLL_EVERY: Duration = Duration::from_millis(1000);

/// Without JavaScript the page reloads itself while a re-screening runs.
const RELOAD_WITHOUT_JS: &str = r#"<meta http-equiv="refresh" content="3">"#;

#[component]
pub fn Watchlists() -> impl IntoView {
    let query = use_query_map();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(1)
    };
    let import = ServerAction::<ImportWatchlist>::new();
    let (tick, set_tick) = signal(0u32);
    let data = Resource::new(
        move || (page(), import.version().get(), tick.get()),
        |(page, _, _)| list_watchlists(Some(page)),
    );
    // In the browser only: while a pass runs, ask again in a moment.
    Effect::new(move || {
        let running = matches!(data.get(), Some(Ok(ref p)) if rescreening(p));
        if running {
            let next = move || set_tick.update(|t| *t = t.wrapping_add(1));
            if let Ok(handle) = set_timeout_with_handle(next, POLL_EVERY) {
                on_cleanup(move || handle.clear());
            }
        }
    });
    view! {
        <Title text="Watch lists"/>
        <div class="page-head">
            <h1>"Watch lists"</h1>
            <PermittedPart operation=Operation::DismissFinding>
                <a class="button secondary" href=MATCH_QUEUE>"Matches to review"</a>
            </PermittedPart>
        </div>
        <p class="hint">"Every profile is screened against the active version of each list (KNOWN-01 to KNOWN-07): names with fuzzy matching, wallets, e-mail addresses, phones and domains exactly, ID-document and bank-account numbers by their keyed hashes. Importing a version makes it active once it is complete and screens everyone again."</p>
        <Transition fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(lists) => lists_view(lists, import).into_any(),
                    Err(err) => page_error(err),
                }
            })}
        </Transition>
    }
}

fn rescreening(page: &WatchlistsPage) -> bool {
    page.active.iter().any(|v| !v.rescreen.finished)
}

fn lists_view(page: WatchlistsPage, import: ServerAction<ImportWatchlist>) -> impl IntoView {
    let running = rescreening(&page);
    let WatchlistsPage {
        active,
        versions,
        page: info,
        may_import,
    } = page;
    let sources: Vec<String> = active.iter().map(|v| v.source.clone()).collect();
    view! {
        {running.then(|| view! { <noscript inner_html=RELOAD_WITHOUT_JS></noscript> })}
        <section class="card">
            <h2>"Active lists"</h2>
            {if active.is_empty() {
                view! { <p class="empty">"No list has been imported yet: screenings have no KNOWN-* findings until one is."</p> }.into_any()
            } else {
                view! {
                    <table class="data" id="active-lists">
                        <thead><tr><th>"List"</th><th>"Version"</th><th>"Entries"</th><th>"Imported"</th><th>"Re-screening"</th></tr></thead>
                        <tbody>{active.into_iter().map(active_row).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
        {may_import.then(|| import_form(import, sources))}
        <h2>"All versions"</h2>
        {if versions.is_empty() {
            view! { <p class="empty">"No versions yet."</p> }.into_any()
        } else {
            view! {
                <table class="data" id="list-versions">
                    <thead><tr><th>"Version"</th><th>"List"</th><th>"Format"</th><th>"Entries"</th><th>"Names"</th><th>"Identifiers"</th><th>"Imported"</th><th>"By"</th><th>"SHA-256"</th><th>"State"</th></tr></thead>
                    <tbody>{versions.into_iter().map(version_row).collect_view()}</tbody>
                </table>
                <Pager info=info path="/watchlists" base_query=""/>
            }.into_any()
        }}
    }
}

fn active_row(v: ListVersionView) -> impl IntoView {
    let (done, total) = (v.rescreen.done.min(v.rescreen.total), v.rescreen.total);
    let (status, text) = if v.rescreen.finished {
        ("finished", format!("Finished · {}", profiles(total)))
    } else {
        ("running", format!("{done} of {}", profiles(total)))
    };
    let (value, max) = if v.rescreen.finished || total == 0 {
        (1, 1)
    } else {
        (done, total)
    };
    view! {
        <tr>
            <td><code>{v.source}</code></td>
            <td>{v.id}</td>
            <td>{v.entry_count}</td>
            <td>{short_time(&v.imported_at)}</td>
            <td data-rescreen=status>
                <progress value=value max=max aria-hidden="true"></progress>
                " "<span class="progress-text">{text}</span>
            </td>
        </tr>
    }
}

/// "1 profile screened", "3 profiles screened".
fn profiles(n: i64) -> String {
    if n == 1 {
        "1 profile screened".to_owned()
    } else {
        format!("{n} profiles screened")
    }
}

fn version_row(v: ListVersionView) -> impl IntoView {
    let short_hash = v.content_sha256.chars().take(12).collect::<String>();
    let state = if v.active {
        view! { <span class="state state-active">"Active"</span> }.into_any()
    } else {
        view! { <span class="state">"Superseded"</span> }.into_any()
    };
    view! {
        <tr>
            <td>{v.id}</td>
            <td><code>{v.source}</code></td>
            <td>{v.format}</td>
            <td>{v.entry_count}</td>
            <td>{v.name_count}</td>
            <td>{v.identifier_count}</td>
            <td>{short_time(&v.imported_at)}</td>
            <td>{v.imported_by}</td>
            <td><code title=v.content_sha256.clone()>{short_hash}</code></td>
            <td>{state}</td>
        </tr>
    }
}

/// A list file's field: (with JavaScript) a picker that loads a file, and the text, pasted or
/// loaded.
fn list_file(
    (id, picker): (&'static str, &'static str),
    name: &'static str,
    label: &'static str,
    rows: u32,
) -> impl IntoView {
    let text = NodeRef::<Textarea>::new();
    let max = PAGE_UPLOAD_MAX_BYTES as f64;
    view! {
        <FileIntoText id=picker label=label target=text max_bytes=max accept=".csv,.xml,.json,.jsonl,text/csv,text/xml,application/json"/>
        <label for=id>{label}" (text)"</label>
        <textarea id=id name=name rows=rows required=id == "list-first" spellcheck="false" node_ref=text></textarea>
    }
}

/// `sources`: the ids of the lists in use, offered for the id (a new version of a list keeps its
/// id; a new id starts another list, screened beside the others).
fn import_form(import: ServerAction<ImportWatchlist>, sources: Vec<String>) -> impl IntoView {
    // With lists in use, the id starts blank: the usual import is a new version of one of them,
    // and a prefilled id unlike theirs would start a parallel list.
    let (default_id, in_use) = if sources.is_empty() {
        ("us_ofac_sdn", String::new())
    } else {
        (
            "",
            format!(
                " A new version of a list keeps its id; another id starts another list, screened beside the others. In use: {}.",
                sources.join(", ")
            ),
        )
    };
    let options = sources
        .iter()
        .map(|source| view! { <option value=source.clone()></option> })
        .collect_view();
    let limit = format!(
        "Up to {} in all through this page; larger lists (OpenSanctions exports) go through POST /api/v1/watchlists/{{source}}/versions or the server's watchlist import command (README).",
        mib(PAGE_UPLOAD_MAX_BYTES as f64)
    );
    view! {
        <section class="card">
            <h2>"Import a version"</h2>
            <p class="hint">"Choose the files (with JavaScript) or paste their contents. The files are checked whole first: a malformed file is refused with its line number and the active version stays. "{limit}</p>
            {action_error(import)}
            <ActionForm action=import attr:class="stack">
                <label for="list-source">"List id"</label>
                <input id="list-source" name="source" required maxlength="40" pattern="[a-z][a-z0-9_]{1,39}" value=default_id placeholder="e.g. us_ofac_sdn" autocomplete="off" list="list-sources"/>
                <datalist id="list-sources">{options}</datalist>
                <p class="hint">"Lower-case letters, digits and underscores, e.g. us_ofac_sdn, opensanctions, incidents. On a custom list, identifiers raise KNOWN-07 (critical), or KNOWN-06 (medium) when the list id contains “community”; names raise KNOWN-05 (high)."{in_use}</p>
                <label for="list-format">"Format"</label>
                <select id="list-format" name="format">
                    {FORMATS.iter().map(|(value, label)| view! { <option value=*value>{*label}</option> }).collect_view()}
                </select>
                {list_file(("list-first", "list-first-file"), "first", "sdn.csv, or the one file of the other formats", 6)}
                <details>
                    <summary>"The rest of the OFAC set"</summary>
                    {list_file(("list-alt", "list-alt-file"), "alt", "alt.csv", 4)}
                    {list_file(("list-add", "list-add-file"), "add", "add.csv", 4)}
                    {list_file(("list-comments", "list-comments-file"), "comments", "sdn_comments.csv", 4)}
                </details>
                <label class="confirm">
                    <input type="checkbox" name="allow_shrink" value="on"/>
                    " Accept a much smaller list"
                </label>
                <p class="hint">"A version with fewer than half the entries of the active one (of 20 or more) is refused unless this is ticked: a file cut short at a line break reads like a valid list, and would drop every match on the entries it lost."</p>
                <button type="submit" class="primary">"Import"</button>
            </ActionForm>
        </section>
    }
}
