use crate::api::people::{load_person_page, ConfirmMatch, DismissFinding, RecordDecision};
use crate::components::audit_link::AuditHistoryLink;
use crate::components::feedback::{action_done, action_error, page_error};
use crate::components::network::Network;
use crate::model::person::{DismissalView, FindingView, PersonPage, ScreeningView};
use crate::pages::users::short_time;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Family display order and names (INDICATORS.md §2).
const FAMILIES: [(&str, &str); 6] = [
    ("known", "Watch lists"),
    ("identity", "Identity consistency"),
    ("payment", "Payment routing"),
    ("behaviour", "Behaviour and interviews"),
    ("access", "Access and devices"),
    ("link", "Links to other profiles"),
];

/// A person's screening: score and band, findings with evidence, links, history, decisions.
#[component]
pub fn Person() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let decide = ServerAction::<RecordDecision>::new();
    let verdicts = Verdicts {
        dismiss: ServerAction::<DismissFinding>::new(),
        confirm: ServerAction::<ConfirmMatch>::new(),
    };
    let data = Resource::new(
        move || {
            (
                id(),
                decide.version().get()
                    + verdicts.dismiss.version().get()
                    + verdicts.confirm.version().get(),
            )
        },
        |(id, _)| load_person_page(id),
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => person_view(page, decide, verdicts).into_any(),
                    Err(err) => page_error(err),
                }
            })}
        </Suspense>
    }
}

fn person_view(
    page: PersonPage,
    decide: ServerAction<RecordDecision>,
    verdicts: Verdicts,
) -> impl IntoView {
    let PersonPage {
        person,
        screening,
        history,
        decisions,
        linked,
        may_decide,
        may_dismiss,
        may_edit,
    } = page;
    let name = person.document.identity.legal_name.full.clone();
    let edit = format!("/people/{}/edit", person.id);
    let access = format!("/people/{}/access", person.id);
    let (band, score) = (person.band.clone(), person.score);
    view! {
        <Title text=name.clone()/>
        <div class="page-head">
            <h1>{name.clone()}</h1>
            <span class=format!("band band-{band}")>{band.clone()}</span>
            <a class="button secondary" href=access>"Access"</a>
            <AuditHistoryLink subject=format!("person:{}", person.id)/>
            {may_edit.then(|| view! { <a class="button primary" href=edit>"Edit profile"</a> })}
        </div>
        <p class="hint">{format!("{} · status {} · score {score} of 100 · version {} · changed {}", person.kind, person.status, person.version, short_time(&person.updated_at))}</p>
        {may_decide.then(|| view! {
            <section class="card">
                <h2>"Decision"</h2>
                {action_error(decide)}
                {action_done(decide, "Decision recorded.")}
                <ActionForm action=decide attr:class="row-form">
                    <input type="hidden" name="person_id" value=person.id/>
                    <label for="decision">"Decision"</label>
                    <select id="decision" name="decision">
                        <option value="cleared">"Cleared"</option>
                        <option value="needs_info">"Needs more information"</option>
                        <option value="rejected">"Rejected"</option>
                    </select>
                    <label for="reason">"Reason"</label>
                    <input id="reason" name="reason" required maxlength="2000" placeholder="Why, for the record"/>
                    <button type="submit" class="primary">"Record decision"</button>
                </ActionForm>
                <p class="hint">"A person cannot be cleared while a critical finding is open. Findings route to a person; nobody is rejected automatically."</p>
            </section>
        })}
        {match screening {
            Some(s) => findings_view(s, may_dismiss, verdicts).into_any(),
            None => view! { <p class="empty">"Not screened yet."</p> }.into_any(),
        }}
        <section>
            <h2>"Linked people"</h2>
            {if linked.is_empty() {
                view! { <p class="empty">"No shared phone, e-mail, address, payout account, device or reference with anyone else."</p> }.into_any()
            } else {
                view! {
                    <Network center=name.clone() linked=linked.clone()/>
                    <ul class="links">
                        {linked.into_iter().map(|l| view! {
                            <li>
                                <a href=format!("/people/{}", l.id)>{l.full_name}</a>
                                " "<span class=format!("band band-{}", l.band)>{l.band.clone()}</span>
                                " shares: " {l.shared.join(", ")}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section>
            <h2>"Decisions"</h2>
            {if decisions.is_empty() {
                view! { <p class="empty">"No decision yet."</p> }.into_any()
            } else {
                view! {
                    <table class="data">
                        <thead><tr><th>"When"</th><th>"Decision"</th><th>"Reason"</th><th>"By"</th></tr></thead>
                        <tbody>{decisions.into_iter().map(|d| view! {
                            <tr><td>{short_time(&d.decided_at)}</td><td>{d.decision}</td><td>{d.reason}</td><td>{d.decided_by}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <section>
            <h2>"Screening history"</h2>
            <table class="data">
                <thead><tr><th>"When"</th><th>"Band"</th><th>"Score"</th><th>"Why"</th><th>"Rules"</th></tr></thead>
                <tbody>{history.into_iter().map(|h| view! {
                    <tr>
                        <td>{short_time(&h.created_at)}</td>
                        <td><span class=format!("band band-{}", h.band)>{h.band.clone()}</span></td>
                        <td>{h.score}</td><td>{h.reason}</td><td>{h.rules_version}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
        </section>
    }
}

fn findings_view(screening: ScreeningView, may_dismiss: bool, verdicts: Verdicts) -> impl IntoView {
    let ScreeningView {
        findings,
        rules_version,
        created_at,
        ..
    } = screening;
    if findings.is_empty() {
        return view! {
            <section><h2>"Findings"</h2><p class="empty">{format!("No red flags (rules {rules_version}, screened {}).", short_time(&created_at))}</p></section>
        }
        .into_any();
    }
    view! {
        <section>
            <h2>"Findings"</h2>
            <p class="hint">{format!("Rules {rules_version}, screened {}. Each finding cites its catalogue indicator and source.", short_time(&created_at))}</p>
            {action_error(verdicts.dismiss)}
            {action_error(verdicts.confirm)}
            {FAMILIES.iter().map(|(family, title)| {
                let in_family: Vec<FindingView> = findings.iter().filter(|f| f.family == *family).cloned().collect();
                (!in_family.is_empty()).then(|| view! {
                    <h3>{*title}</h3>
                    <ul class="findings">
                        {in_family.into_iter().map(|f| finding_view(f, may_dismiss, verdicts)).collect_view()}
                    </ul>
                })
            }).collect_view()}
        </section>
    }
    .into_any()
}

fn finding_view(f: FindingView, may_dismiss: bool, verdicts: Verdicts) -> impl IntoView {
    let dismissed = f.dismissed.clone();
    let class = format!(
        "finding sev-{}{}",
        f.severity,
        if dismissed.is_some() {
            " dismissed"
        } else {
            ""
        }
    );
    view! {
        <li class=class>
            <div class="finding-head">
                <span class=format!("sev sev-{}", f.severity)>{f.severity.clone()}</span>
                <code>{f.indicator.clone()}</code>
                <strong>{f.title.clone()}</strong>
            </div>
            <ul class="evidence">
                {f.evidence.iter().map(|e| view! { <li><code>{e.field.clone()}</code>": "{e.value.clone()}</li> }).collect_view()}
            </ul>
            <p class="hint">"Source: " {f.source.clone()}</p>
            {verdict_view(&f, dismissed, may_dismiss, verdicts)}
        </li>
    }
}

/// The two forms a security lead answers a finding with: dismiss (a false positive, or a false
/// watch-list match) and, for watch-list matches, confirm (a true match, which stays open).
#[derive(Clone, Copy)]
struct Verdicts {
    dismiss: ServerAction<DismissFinding>,
    confirm: ServerAction<ConfirmMatch>,
}

fn verdict_view(
    f: &FindingView,
    dismissed: Option<DismissalView>,
    may_dismiss: bool,
    verdicts: Verdicts,
) -> impl IntoView {
    let is_match = f.indicator.starts_with("KNOWN-");
    if let Some(d) = dismissed {
        let what = if is_match {
            "a false match"
        } else {
            "a false positive"
        };
        return view! { <p class="dismissal">{format!("Dismissed as {what} by {} on {}: {}", d.by, short_time(&d.at), d.reason)}</p> }.into_any();
    }
    if let Some(c) = f.confirmed.clone() {
        return view! { <p class="confirmation">{format!("Confirmed as a true match by {} on {}: {}", c.by, short_time(&c.at), c.reason)}</p> }.into_any();
    }
    if !may_dismiss {
        return ().into_any();
    }
    let id = f.id;
    let label = if is_match {
        "False match because"
    } else {
        "False positive because"
    };
    view! {
        <ActionForm action=verdicts.dismiss attr:class="inline">
            <input type="hidden" name="finding_id" value=id/>
            <label for=format!("dismiss-{id}")>{label}</label>
            <input id=format!("dismiss-{id}") name="reason" required maxlength="2000"/>
            <button type="submit" class="secondary">"Dismiss"</button>
        </ActionForm>
        {is_match.then(|| view! {
            <ActionForm action=verdicts.confirm attr:class="inline">
                <input type="hidden" name="finding_id" value=id/>
                <label for=format!("confirm-{id}")>"True match because"</label>
                <input id=format!("confirm-{id}") name="reason" required maxlength="2000"/>
                <button type="submit" class="secondary">"Confirm match"</button>
            </ActionForm>
        })}
    }
    .into_any()
}
