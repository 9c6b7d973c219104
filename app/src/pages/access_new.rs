//! Requesting access, in two steps that work without JavaScript: a GET form names the person,
//! repository, permission and duration (`?person=&repository=&permission=&days=`) and the page
//! shows what the policy says of that; when no rule blocks it, a second form sends the request
//! with a justification.

use crate::api::grants::{load_request_form, preview_access_request, RequestAccess};
use crate::components::feedback::{action_error, page_error, rule_of};
use crate::model::error::AppError;
use crate::model::grants::{
    NewAccessRequest, Permission, PersonOption, PolicyPreview, RequestFormData, ScreeningBrief,
    CLEARED_CHOICES,
};
use crate::pages::access::{days, screening_brief};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

/// Leptos's `Form` adds the submit button's name and value to what it sends even when the button
/// has no name, which a browser would not: without this the address ends in an empty `&=`.
fn drop_nameless_submitter(data: &leptos::web_sys::FormData) {
    data.delete("");
}

/// Days offered until the person picks another number.
const DEFAULT_DAYS: i64 = 30;

/// What the address asks for.
#[derive(Clone, Debug, Default, PartialEq)]
struct Wanted {
    person: Option<i64>,
    repository: Option<i64>,
    permission: Option<String>,
    days: Option<i64>,
}

impl Wanted {
    /// The request to check with the policy, once all four are given.
    fn request(&self) -> Option<NewAccessRequest> {
        Some(NewAccessRequest {
            person_id: self.person?,
            repository_id: self.repository?,
            permission: self.permission.clone()?,
            duration_days: self.days?,
            justification: String::new(),
        })
    }
}

#[component]
pub fn NewAccessRequestPage() -> impl IntoView {
    let query = use_query_map();
    let wanted = move || {
        let read = query.read();
        let get = |k: &str| {
            read.get(k)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        Wanted {
            person: get("person").and_then(|v| v.parse().ok()),
            repository: get("repository").and_then(|v| v.parse().ok()),
            permission: get("permission"),
            days: get("days").and_then(|v| v.parse().ok()),
        }
    };
    let choices = Resource::new(
        move || wanted().person,
        |person| async move {
            match load_request_form(person).await {
                // A person number that does not resolve is named beside the field; the form
                // still offers the repositories.
                Err(err)
                    if person.is_some()
                        && !matches!(&err, AppError::Unauthenticated | AppError::Forbidden) =>
                {
                    load_request_form(None).await.map(|data| (data, Some(err)))
                }
                other => other.map(|data| (data, None)),
            }
        },
    );
    let preview = Resource::new(
        move || wanted().request(),
        |new| async move {
            match new {
                Some(new) => preview_access_request(new).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let request = ServerAction::<RequestAccess>::new();
    view! {
        <Title text="Request access"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let wanted = wanted();
                let (choices, preview) = (choices.await, preview.await);
                match choices {
                    Ok((data, person_error)) => {
                        let outcome = preview.transpose().zip(wanted.request());
                        view! {
                            <h1>"Request access"</h1>
                            <p class="hint">"Choose who needs access to which repository, with which permission and for how long. The policy then says how many security leads must approve and whether any rule stands in the way."</p>
                            {choose_view(data, person_error, &wanted)}
                            {outcome.map(|(outcome, new)| policy_view(outcome, new, request))}
                        }
                        .into_any()
                    }
                    Err(err) => page_error(err),
                }
            })}
        </Suspense>
    }
}

/// Step 1: a GET form, so the choice lives in the address (and survives a reload).
fn choose_view(
    data: RequestFormData,
    person_error: Option<AppError>,
    wanted: &Wanted,
) -> impl IntoView {
    let RequestFormData {
        repositories,
        person,
        cleared,
        more_cleared,
    } = data;
    let nobody_cleared = cleared.is_empty() && wanted.person.is_none();
    let people = person_choices(cleared, wanted.person, person.as_ref())
        .into_iter()
        .map(|(p, selected)| {
            let text = format!("{} (#{})", p.name, p.id);
            view! { <option value=p.id selected=selected>{text}</option> }
        })
        .collect_view();
    let chosen_repository = wanted.repository;
    let chosen_permission = wanted
        .permission
        .clone()
        .unwrap_or_else(|| Permission::Read.as_str().to_owned());
    let days_value = wanted.days.unwrap_or(DEFAULT_DAYS).to_string();
    let no_repositories = repositories.is_empty();
    let options = repositories
        .into_iter()
        .map(|r| {
            let selected = chosen_repository == Some(r.id);
            let text = format!("{} ({})", r.name, r.tier.label());
            view! { <option value=r.id selected=selected>{text}</option> }
        })
        .collect_view();
    let permissions = Permission::ALL
        .iter()
        .map(|p| {
            let selected = chosen_permission == p.as_str();
            view! { <option value=p.as_str() selected=selected>{p.label()}</option> }
        })
        .collect_view();
    let person_view = person.map(|brief| {
        let (id, name) = (brief.person_id, brief.person_name.clone());
        view! {
            <div class="person-brief">
                <h3>"For " <a href=format!("/people/{id}")>{name}</a></h3>
                {screening_brief(brief)}
            </div>
        }
    });
    view! {
        <section class="card">
            <h2>"1. What is needed"</h2>
            <Form
                method="get"
                action="/access/new"
                on_form_data=std::sync::Arc::new(drop_nameless_submitter)
                attr:class="row-form"
            >
                <label for="person">"Person"</label>
                <select id="person" name="person" required>
                    <option value="">"Choose a cleared person"</option>
                    {people}
                </select>
                <label for="repository">"Repository"</label>
                <select id="repository" name="repository" required>
                    <option value="">"Choose a repository"</option>
                    {options}
                </select>
                <label for="permission">"Permission"</label>
                <select id="permission" name="permission">{permissions}</select>
                <label for="days">"Duration in days"</label>
                <input id="days" name="days" type="number" min="1" step="1" required value=days_value/>
                <button type="submit" class="secondary">"Check the policy"</button>
            </Form>
            {person_error.map(|err| {
                let rule = rule_of(&err);
                view! { <p class="form-error" role="alert">{err.to_string()}{rule}</p> }
            })}
            {nobody_cleared.then(|| view! {
                <p class="empty">"No one is cleared yet: access is granted only to people whose screening is cleared. Record the decision on a person's screening page first."</p>
            })}
            {more_cleared.then(|| view! {
                <p class="hint">{format!("The list shows the first {CLEARED_CHOICES} cleared people by name. For anyone else, open their page and choose Access, then Request access.")}</p>
            })}
            {person_view}
            {no_repositories.then(|| view! {
                <p class="empty">"No repositories are registered yet. " <a href="/repositories">"Repositories"</a></p>
            })}
        </section>
    }
}

/// The person choices, each with whether it is selected: the cleared people, and first the
/// person the address names when they are not among them (not cleared: the policy then says so).
fn person_choices(
    cleared: Vec<PersonOption>,
    wanted: Option<i64>,
    named: Option<&ScreeningBrief>,
) -> Vec<(PersonOption, bool)> {
    let listed = wanted.is_some_and(|id| cleared.iter().any(|p| p.id == id));
    let extra = wanted.filter(|_| !listed).map(|id| PersonOption {
        id,
        name: named
            .filter(|brief| brief.person_id == id)
            .map_or_else(|| format!("Person {id}"), |brief| brief.person_name.clone()),
    });
    extra
        .into_iter()
        .chain(cleared)
        .map(|p| {
            let selected = wanted == Some(p.id);
            (p, selected)
        })
        .collect()
}

/// Step 2: what the policy says; when nothing blocks the request, the form that sends it.
fn policy_view(
    outcome: Result<PolicyPreview, AppError>,
    new: NewAccessRequest,
    request: ServerAction<RequestAccess>,
) -> AnyView {
    let preview = match outcome {
        Ok(preview) => preview,
        Err(err) => {
            let rule = rule_of(&err);
            return view! {
                <section class="card">
                    <h2>"2. What the policy says"</h2>
                    <p class="form-error" role="alert">{err.to_string()}{rule}</p>
                </section>
            }
            .into_any();
        }
    };
    let PolicyPreview {
        approvals_required,
        max_duration_days,
        blockers,
        ..
    } = preview;
    let approvals = match approvals_required {
        0 => "No approval required".to_owned(),
        1 => "1 approval required".to_owned(),
        n => format!("{n} approvals required"),
    };
    let allowed = blockers.is_empty();
    let verdict = if allowed {
        view! { <p class="form-ok" role="status">"No rule blocks this request."</p> }.into_any()
    } else {
        view! {
            <p>"These rules block this request:"</p>
            <ul class="blockers">
                {blockers.into_iter().map(|b| view! {
                    <li>{b.message}" (rule " <code>{b.rule}</code> ")"</li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="card">
            <h2>"2. What the policy says"</h2>
            <dl class="facts">
                <dt>"Approvals"</dt><dd>{approvals}</dd>
                <dt>"Maximum duration"</dt><dd>{days(max_duration_days)}</dd>
            </dl>
            {verdict}
        </section>
        {allowed.then(move || send_view(new, request))}
    }
    .into_any()
}

/// The request itself: the choice from the address, and the justification.
fn send_view(new: NewAccessRequest, request: ServerAction<RequestAccess>) -> impl IntoView {
    let NewAccessRequest {
        person_id,
        repository_id,
        permission,
        duration_days,
        ..
    } = new;
    view! {
        <section class="card">
            <h2>"3. Why"</h2>
            <ActionForm action=request attr:class="stack">
                <input type="hidden" name="new[person_id]" value=person_id/>
                <input type="hidden" name="new[repository_id]" value=repository_id/>
                <input type="hidden" name="new[permission]" value=permission/>
                <input type="hidden" name="new[duration_days]" value=duration_days/>
                <label for="justification">"Justification"</label>
                <textarea id="justification" name="new[justification]" rows="4" required maxlength="2000" placeholder="What the person will work on, and why this permission"></textarea>
                <button type="submit" class="primary">"Request access"</button>
            </ActionForm>
            {action_error(request)}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_checked_only_once_all_four_choices_are_made() {
        let mut wanted = Wanted {
            person: Some(7),
            repository: Some(3),
            permission: Some("write".to_owned()),
            days: None,
        };
        assert_eq!(wanted.request(), None);
        wanted.days = Some(30);
        let new = wanted.request();
        assert_eq!(
            new.as_ref().map(|n| (n.person_id, n.duration_days)),
            Some((7, 30))
        );
        assert_eq!(new.map(|n| n.permission), Some("write".to_owned()));
    }

    fn option(id: i64, name: &str) -> PersonOption {
        PersonOption {
            id,
            name: name.to_owned(),
        }
    }

    fn chosen(choices: &[(PersonOption, bool)]) -> Vec<(i64, bool)> {
        choices.iter().map(|(p, s)| (p.id, *s)).collect()
    }

    #[test]
    fn the_named_person_is_selected_and_offered_first_when_not_cleared() {
        let cleared = vec![option(2, "Ada Lovelace"), option(5, "Ben Carter")];
        // Nobody named: the cleared people, none selected.
        let none = person_choices(cleared.clone(), None, None);
        assert_eq!(chosen(&none), [(2, false), (5, false)]);
        // A cleared person named: selected where they are listed.
        let listed = person_choices(cleared.clone(), Some(5), None);
        assert_eq!(chosen(&listed), [(2, false), (5, true)]);
        // Someone not cleared, named from their page: offered first under their name.
        let brief = ScreeningBrief {
            person_id: 9,
            person_name: "Chloe Nguyen".to_owned(),
            ..ScreeningBrief::default()
        };
        let named = person_choices(cleared.clone(), Some(9), Some(&brief));
        assert_eq!(chosen(&named), [(9, true), (2, false), (5, false)]);
        assert_eq!(named[0].0.name, "Chloe Nguyen");
        // A number that resolves to no one: offered as a number (the form names the error).
        let unknown = person_choices(cleared, Some(77), None);
        assert_eq!(unknown[0].0.name, "Person 77");
    }
}
