use crate::api::audit::load_audit_page;
use crate::components::feedback::page_error;
use crate::components::pager::Pager;
use crate::model::access::Operation;
use crate::model::audit::{AuditEntryView, AuditPage, ChainStatus};
use crate::model::role::Role;
use crate::pages::users::short_time;
use crate::query_string::{self, encode};
use crate::CurrentUser;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The audit log: filters, pages, and the verification of the whole chain.
#[component]
pub fn AuditLog() -> impl IntoView {
    let query = use_query_map();
    let param = move |name: &str| query.read().get(name).filter(|v| !v.trim().is_empty());
    let filters = move || {
        let page = param("page")
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(1);
        Filters {
            action: param("action"),
            actor: param("actor"),
            subject: param("subject"),
            page,
        }
    };
    let data = Resource::new(filters, |f| {
        load_audit_page(f.action, f.actor, f.subject, f.page)
    });
    let CurrentUser(me) = expect_context::<CurrentUser>();
    view! {
        <Title text="Audit log"/>
        <h1>"Audit log"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let wanted = filters();
                let role = me.await.ok().flatten().map(|a| a.role);
                match data.await {
                    Ok(page) => audit_view(page, wanted, role).into_any(),
                    Err(err) => page_error(err),
                }
            })}
        </Suspense>
    }
}

/// What the address asks for.
#[derive(Clone, Debug, Default, PartialEq)]
struct Filters {
    action: Option<String>,
    actor: Option<String>,
    subject: Option<String>,
    page: u32,
}

/// The most entries one export file holds (the REST route refuses larger ranges).
const MAX_EXPORT_ENTRIES: i64 = 100_000;

/// A plain HTML form, not the router's: the browser itself asks the REST route for the file and
/// downloads it, staying on this page. It defaults to the newest entries one file can hold (the
/// whole chain, until it grows past that).
fn export_form(entries: Option<i64>) -> impl IntoView {
    let from = entries
        .map(|n| (n - MAX_EXPORT_ENTRIES + 1).max(1))
        .unwrap_or(1)
        .to_string();
    let to = entries.map(|n| n.to_string()).unwrap_or_default();
    view! {
        <section class="card">
            <h2>"Export a range"</h2>
            <form method="get" action="/api/v1/audit-log/export" class="row-form">
                <label for="from_seq">"From entry"</label>
                <input id="from_seq" name="from_seq" type="number" min="1" step="1" required value=from/>
                <label for="to_seq">"To entry"</label>
                <input id="to_seq" name="to_seq" type="number" min="1" step="1" required value=to/>
                <button type="submit" class="secondary">"Download"</button>
            </form>
            <p class="hint">
                "At most 100,000 entries per file. Each entry carries its hashes, so the file can be checked offline, without this server's database: "
                <code>"server verify-audit-export FILE"</code>
                " (see the README)."
            </p>
        </section>
    }
}

fn audit_view(data: AuditPage, wanted: Filters, role: Option<Role>) -> impl IntoView {
    let may_export = Operation::ExportEvidence.permits(role);
    let Filters {
        action,
        actor,
        subject,
        ..
    } = wanted;
    let AuditPage {
        entries,
        page,
        chain,
        actions,
    } = data;
    let entries_in_chain = match &chain {
        ChainStatus::Intact { entries, .. } => Some(*entries),
        ChainStatus::Broken { .. } => None,
    };
    let chain_view = match chain {
        ChainStatus::Intact { entries, head_hash } => view! {
            <p class="chain ok" role="status">
                "✔ Chain verified: " {entries} " entries, none altered, removed or reordered. Head hash "
                <code>{head_hash}</code>
            </p>
        }.into_any(),
        ChainStatus::Broken { seq, reason } => view! {
            <p class="chain broken" role="alert">
                "✖ Chain broken at entry " {seq} ": " {reason} ". Treat entries from there on as untrustworthy and investigate."
            </p>
        }.into_any(),
    };
    let base_query = query_string::filters(&[
        ("action", &action),
        ("actor", &actor),
        ("subject", &subject),
    ]);
    let selected_action = action.clone().unwrap_or_default();
    view! {
        {chain_view}
        {may_export.then(|| export_form(entries_in_chain))}
        <form method="get" action="/audit" class="row-form filters">
            <label for="action">"Action"</label>
            <select id="action" name="action">
                <option value="">"Any action"</option>
                {actions.into_iter().map(|a| {
                    let selected = a == selected_action;
                    view! { <option value=a.clone() selected=selected>{a.clone()}</option> }
                }).collect_view()}
            </select>
            <label for="actor">"Actor"</label>
            <input id="actor" name="actor" placeholder="user:1, cli, system" value=actor.clone().unwrap_or_default()/>
            <label for="subject">"Subject"</label>
            <input id="subject" name="subject" placeholder="person:12" value=subject.clone().unwrap_or_default()/>
            <button type="submit" class="secondary">"Filter"</button>
            <a href="/audit">"Clear"</a>
        </form>
        {subject.as_deref().and_then(|s| page_of_subject(s, role)).map(|(href, label)| view! {
            <p class="hint">"The history of one subject. " <a href=href>{label}</a></p>
        })}
        {if entries.is_empty() {
            view! { <p class="empty">"No entries match these filters."</p> }.into_any()
        } else {
            view! {
                <table class="data audit">
                    <thead><tr><th>"#"</th><th>"When"</th><th>"Actor"</th><th>"Action"</th><th>"Subject"</th><th>"Details"</th></tr></thead>
                    <tbody>{entries.into_iter().map(entry_row).collect_view()}</tbody>
                </table>
            }.into_any()
        }}
        <Pager info=page path="/audit" base_query=base_query/>
    }
}

fn entry_row(entry: AuditEntryView) -> impl IntoView {
    let actor_href = format!("/audit?actor={}", encode(&entry.actor));
    let actor = match entry.actor_email {
        Some(email) => format!("{email} ({})", entry.actor),
        None => entry.actor,
    };
    // An entry without a subject (a refused request) has nothing to follow.
    let subject = (!entry.subject.is_empty()).then(|| {
        let href = format!("/audit?subject={}", encode(&entry.subject));
        view! { <a href=href title="Every entry about this subject">{entry.subject}</a> }
    });
    view! {
        <tr>
            <td>{entry.seq}</td>
            <td>{short_time(&entry.at)}</td>
            <td><a href=actor_href title="Every entry by this actor">{actor}</a></td>
            <td><code>{entry.action}</code></td>
            <td>{subject}</td>
            <td>{details_view(&entry.details)}</td>
        </tr>
    }
}

/// An entry's details as one line per field, or as written when they are not a JSON object (the
/// export keeps the exact text; this is for reading).
fn details_view(details: &str) -> AnyView {
    match detail_fields(details) {
        Some(fields) if !fields.is_empty() => view! {
            <ul class="details">
                {fields.into_iter().map(|(key, value)| view! {
                    <li><span class="key">{key}</span> " " <code>{value}</code></li>
                }).collect_view()}
            </ul>
        }
        .into_any(),
        Some(_) => view! { <span class="hint">"—"</span> }.into_any(),
        None => view! { <code class="details">{details.to_owned()}</code> }.into_any(),
    }
}

/// A JSON object's fields by name, strings without their quotes, anything else as compact JSON.
fn detail_fields(details: &str) -> Option<Vec<(String, String)>> {
    let serde_json::Value::Object(map) = serde_json::from_str(details).ok()? else {
        return None;
    };
    Some(
        map.into_iter()
            .map(|(key, value)| {
                let value = match value {
                    serde_json::Value::String(text) => text,
                    other => other.to_string(),
                };
                (key, value)
            })
            .collect(),
    )
}

/// The page that shows a subject of the log, where it has one: `person:12` is `/people/12`.
fn page_of_subject(subject: &str, viewer: Option<Role>) -> Option<(String, String)> {
    let (kind, id) = subject.split_once(':')?;
    let n = id.parse::<i64>().ok();
    let item =
        |path: &str, noun: &str| n.map(|n| (format!("{path}{n}"), format!("Open {noun} {n}")));
    let list = |href: &str, label: &str| Some((href.to_owned(), label.to_owned()));
    // Each page with what it needs of its viewer: no link where the page would refuse them (an
    // auditor reads the log, but an import's page is for the people who import).
    let (page, needs) = match kind {
        "person" => (item("/people/", "person"), Operation::ViewPeople),
        "access_request" => (item("/access/", "access request"), Operation::ViewAccess),
        "repository" => (item("/repositories/", "repository"), Operation::ViewAccess),
        "campaign" => (item("/campaigns/", "campaign"), Operation::ViewCampaigns),
        "import" => (item("/people/import/", "import"), Operation::EditPeople),
        // Subjects without a page of their own lead to the page that lists them.
        "watchlist" if !id.is_empty() => (
            list("/watchlists", "Open the watch lists"),
            Operation::ViewWatchlists,
        ),
        "grant" => (
            n.and(list("/grants", "Open the grants")),
            Operation::ViewAccess,
        ),
        "user" | "invite" => (
            n.and(list("/users", "Open the users")),
            Operation::ListUsers,
        ),
        _ => return None,
    };
    page.filter(|_| needs.permits(viewer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subject_leads_to_its_page_where_it_has_one() {
        let page = |s: &str| page_of_subject(s, Some(Role::Admin)).map(|(href, _)| href);
        assert_eq!(page("person:12").as_deref(), Some("/people/12"));
        assert_eq!(page("access_request:3").as_deref(), Some("/access/3"));
        assert_eq!(page("repository:4").as_deref(), Some("/repositories/4"));
        assert_eq!(page("campaign:1").as_deref(), Some("/campaigns/1"));
        assert_eq!(page("import:7").as_deref(), Some("/people/import/7"));
        assert_eq!(
            page("watchlist:us_ofac_sdn").as_deref(),
            Some("/watchlists")
        );
        // No page of their own: the page that lists them.
        assert_eq!(page("grant:2").as_deref(), Some("/grants"));
        assert_eq!(page("user:1").as_deref(), Some("/users"));
        assert_eq!(page("invite:5").as_deref(), Some("/users"));
        // Not an id, or an unknown kind: no link rather than a broken one.
        for none in [
            "grant:x",
            "user:",
            "session:5",
            "person:abc",
            "person",
            "",
            "watchlist:",
        ] {
            assert_eq!(page(none), None, "{none}");
        }
    }

    #[test]
    fn an_auditor_gets_no_link_to_a_page_that_would_refuse_them() {
        let as_auditor = |s: &str| page_of_subject(s, Some(Role::Auditor)).map(|(href, _)| href);
        assert_eq!(as_auditor("person:12").as_deref(), Some("/people/12"));
        assert_eq!(as_auditor("campaign:1").as_deref(), Some("/campaigns/1"));
        assert_eq!(as_auditor("import:7"), None, "imports are for importers");
        assert_eq!(as_auditor("grant:2").as_deref(), Some("/grants"));
        assert_eq!(as_auditor("user:1"), None, "the users page is for admins");
        let as_hr = |s: &str| page_of_subject(s, Some(Role::Hr)).map(|(href, _)| href);
        assert_eq!(as_hr("invite:5"), None);
        assert_eq!(page_of_subject("person:12", None), None, "signed out");
    }

    #[test]
    fn details_read_as_fields_and_anything_else_as_written() {
        let fields = detail_fields(r#"{"role":"admin","count":3,"ids":[1,2],"note":null}"#);
        let expected = [
            ("count", "3"),
            ("ids", "[1,2]"),
            ("note", "null"),
            ("role", "admin"),
        ];
        assert_eq!(
            fields,
            Some(
                expected
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect()
            )
        );
        assert_eq!(detail_fields("{}"), Some(Vec::new()));
        assert_eq!(detail_fields("[1,2]"), None, "not an object");
        assert_eq!(detail_fields("{broken"), None);
    }
}
