use crate::api::people::list_people;
use crate::components::feedback::page_error;
use crate::components::pager::Pager;
use crate::model::access::Operation;
use crate::model::person::{PeoplePage, PeopleQuery, BANDS, MATCH_FILTERS, STATUSES};
use crate::pages::users::short_time;
use crate::CurrentUser;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The people list: search by name, e-mail or phone; filter by status, band, kind and watch-list
/// match (to review, confirmed); sort; pages.
#[component]
pub fn People() -> impl IntoView {
    let params = use_query_map();
    let query = move || {
        let read = params.read();
        let get = |k: &str| read.get(k).filter(|v| !v.trim().is_empty());
        PeopleQuery {
            q: get("q"),
            status: get("status"),
            band: get("band"),
            kind: get("kind"),
            watchlist: get("watchlist"),
            sort: get("sort"),
            page: get("page").and_then(|p| p.parse().ok()),
        }
    };
    let data = Resource::new(query, list_people);
    let CurrentUser(me) = expect_context::<CurrentUser>();
    view! {
        <Title text="People"/>
        <div class="page-head">
            <h1>"People"</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let may_add = me.await.ok().flatten().is_some_and(|a| Operation::EditPeople.permits(Some(a.role)));
                    may_add.then(|| view! {
                        <a class="button secondary" href="/people/import">"Import"</a>
                        <a class="button primary" href="/people/new">"Add a person"</a>
                    })
                })}
            </Suspense>
        </div>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let q = query();
                match data.await {
                    Ok(page) => people_view(page, q).into_any(),
                    Err(err) => page_error(err),
                }
            })}
        </Suspense>
    }
}

fn select(
    name: &'static str,
    label: &'static str,
    options: &[&'static str],
    selected: Option<String>,
) -> impl IntoView {
    let selected = selected.unwrap_or_default();
    view! {
        <label for=name>{label}</label>
        <select id=name name=name>
            <option value="">"Any"</option>
            {options.iter().map(|o| view! { <option value=*o selected=selected == *o>{o.replace('_', " ")}</option> }).collect_view()}
        </select>
    }
}

fn people_view(data: PeoplePage, q: PeopleQuery) -> impl IntoView {
    let base_query = crate::query_string::filters(&[
        ("q", &q.q),
        ("status", &q.status),
        ("band", &q.band),
        ("kind", &q.kind),
        ("watchlist", &q.watchlist),
        ("sort", &q.sort),
    ]);
    let sort = q.sort.clone().unwrap_or_default();
    let empty = empty_message(&q);
    view! {
        <form method="get" action="/people" class="row-form filters">
            <label for="q">"Search"</label>
            <input id="q" name="q" type="search" placeholder="Name, e-mail or phone" value=q.q.clone().unwrap_or_default() maxlength="200"/>
            {select("status", "Status", &STATUSES, q.status.clone())}
            {select("band", "Band", &BANDS, q.band.clone())}
            {select("kind", "Kind", &["candidate", "contractor"], q.kind.clone())}
            {select("watchlist", "Watch-list match", &MATCH_FILTERS, q.watchlist.clone())}
            <label for="sort">"Sort"</label>
            <select id="sort" name="sort">
                <option value="updated" selected=sort.is_empty() || sort == "updated">"Recently changed"</option>
                <option value="score" selected=sort == "score">"Highest score"</option>
                <option value="name" selected=sort == "name">"Name"</option>
            </select>
            <button type="submit" class="secondary">"Apply"</button>
            <a href="/people">"Clear"</a>
        </form>
        {if data.people.is_empty() {
            view! { <p class="empty">{empty}</p> }.into_any()
        } else {
            view! {
                <table class="data">
                    <thead><tr><th>"Name"</th><th>"Kind"</th><th>"Status"</th><th>"Band"</th><th>"Score"</th><th>"Changed"</th></tr></thead>
                    <tbody>
                        {data.people.into_iter().map(|p| view! {
                            <tr>
                                <td><a href=format!("/people/{}", p.id)>{p.full_name}</a></td>
                                <td>{p.kind}</td>
                                <td>{p.status}</td>
                                <td><span class=format!("band band-{}", p.band)>{p.band.clone()}</span></td>
                                <td>{p.score}</td>
                                <td>{short_time(&p.updated_at)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        <Pager info=data.page path="/people" base_query=base_query/>
    }
}

/// What an empty list says: the review queue (only the watch-list filter set) has its own words.
fn empty_message(q: &PeopleQuery) -> &'static str {
    let queue_only = q.q.is_none() && q.status.is_none() && q.band.is_none() && q.kind.is_none();
    match q.watchlist.as_deref() {
        Some("to_review") if queue_only => "No watch-list match waits for review.",
        Some("confirmed") if queue_only => "No watch-list match has been confirmed.",
        _ => "Nobody matches. Add a person, or clear the filters.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_review_queue_says_when_it_is_empty_and_other_filters_keep_the_general_message() {
        let queue = |state: &str| PeopleQuery {
            watchlist: Some(state.to_owned()),
            ..PeopleQuery::default()
        };
        assert_eq!(
            empty_message(&queue("to_review")),
            "No watch-list match waits for review."
        );
        assert_eq!(
            empty_message(&queue("confirmed")),
            "No watch-list match has been confirmed."
        );
        let narrowed = PeopleQuery {
            band: Some("critical".to_owned()),
            ..queue("to_review")
        };
        assert!(empty_message(&narrowed).starts_with("Nobody matches"));
        assert!(empty_message(&PeopleQuery::default()).starts_with("Nobody matches"));
    }
}
