use crate::api::campaigns::load_dashboard;
use crate::api::people::list_people;
use crate::components::charts::{BarChart, ProgressBar};
use crate::components::feedback::page_error;
use crate::model::access::Operation;
use crate::model::campaigns::{CampaignSummary, Count, Dashboard};
use crate::model::error::AppError;
use crate::model::person::{PeopleQuery, MATCH_QUEUE};
use crate::model::user::Actor;
use crate::pages::access::days;
use crate::pages::campaigns::{campaign_state_badge, overdue_badge};
use crate::CurrentUser;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Home() -> impl IntoView {
    let CurrentUser(me) = expect_context::<CurrentUser>();
    // Only admins ask for the founders' dashboard: anyone else would be refused, and a refusal
    // is written to the audit log.
    let dashboard = Resource::new(
        || (),
        move |_| async move {
            if role_permits(me, Operation::ViewDashboard).await {
                load_dashboard().await.map(Some)
            } else {
                Ok(None)
            }
        },
    );
    // The security leads' queue: how many people have a watch-list match nobody has confirmed
    // or dismissed yet (only asked by those who may review them).
    let to_review = Resource::new(
        || (),
        move |_| async move {
            if !role_permits(me, Operation::DismissFinding).await {
                return None;
            }
            let queue = PeopleQuery {
                watchlist: Some("to_review".to_owned()),
                ..PeopleQuery::default()
            };
            list_people(queue).await.ok().map(|page| page.page.total)
        },
    );
    view! {
        <Title text="Home"/>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(actor)) => {
                        let may = |op: Operation| op.permits(Some(actor.role));
                        let board = if may(Operation::ViewDashboard) {
                            dashboard_or_error(dashboard.await)
                        } else {
                            None
                        };
                        let queue = if may(Operation::DismissFinding) {
                            Some(match_queue_text(to_review.await))
                        } else {
                            None
                        };
                        view! {
                            <h1>"Welcome"</h1>
                            <p>"Signed in as " <strong>{actor.email.clone()}</strong> " (" {actor.role.label()} ")."</p>
                            {board}
                            <ul class="tiles">
                                {may(Operation::ViewPeople).then(|| view! {
                                    <li><a href="/people"><strong>"People"</strong><span>"Candidates and contractors, screened against the indicator catalogue."</span></a></li>
                                })}
                                {queue.map(|text| view! {
                                    <li><a href=MATCH_QUEUE data-testid="match-queue"><strong>"Watch-list matches"</strong><span>{text}</span></a></li>
                                })}
                                {may(Operation::ViewAccess).then(|| view! {
                                    <li><a href="/grants"><strong>"Grants"</strong><span>"Who holds access to which repository, and until when."</span></a></li>
                                })}
                                {may(Operation::ViewCampaigns).then(|| view! {
                                    <li><a href="/campaigns"><strong>"Campaigns"</strong><span>"Quarterly access reviews: certify or revoke every live grant."</span></a></li>
                                })}
                                {may(Operation::ListUsers).then(|| view! {
                                    <li><a href="/users"><strong>"Users"</strong><span>"Invite people, change roles, disable accounts."</span></a></li>
                                })}
                                {may(Operation::ViewAuditLog).then(|| view! {
                                    <li><a href="/audit"><strong>"Audit log"</strong><span>"Every action, hash-chained and verified."</span></a></li>
                                })}
                                <li><a href="/account"><strong>"Your account"</strong><span>"Change your password."</span></a></li>
                            </ul>
                        }.into_any()
                    }
                    Ok(None) => page_error(AppError::Unauthenticated),
                    Err(err) => page_error(err),
                }
            })}
        </Suspense>
    }
}

/// Whether the signed-in user's role permits `operation` (false when signed out or unknown).
async fn role_permits(me: Resource<Result<Option<Actor>, AppError>>, operation: Operation) -> bool {
    matches!(me.await, Ok(Some(actor)) if operation.permits(Some(actor.role)))
}

/// What the watch-list tile says of the queue (its size, when it could be counted).
fn match_queue_text(waiting: Option<i64>) -> String {
    match waiting {
        Some(0) => "No match waits for review.".to_owned(),
        Some(1) => "1 person has a match waiting for review: confirm it or dismiss it.".to_owned(),
        Some(n) => format!("{n} people have a match waiting for review: confirm or dismiss each."),
        None => "Matches found on watch lists, to confirm or dismiss.".to_owned(),
    }
}

/// The dashboard, or why it could not be shown (the rest of the start page still works).
fn dashboard_or_error(board: Result<Option<Dashboard>, AppError>) -> Option<AnyView> {
    match board {
        Ok(Some(board)) => Some(dashboard_view(board).into_any()),
        Ok(None) => None,
        Err(err) => Some(
            view! { <p class="form-error" role="alert">"The dashboard could not be loaded: "{err.to_string()}</p> }
                .into_any(),
        ),
    }
}

/// The founders' dashboard: where access stands, who is risky, what waits, and the review.
fn dashboard_view(board: Dashboard) -> impl IntoView {
    let Dashboard {
        grants_by_tier,
        grants_by_permission,
        expiring,
        people_by_band,
        open_findings,
        pending_by_age,
        oldest_pending_days,
        campaign,
    } = board;
    let oldest = match oldest_pending_days {
        Some(0) => "The oldest pending request was made less than a day ago.".to_owned(),
        Some(n) => format!("The oldest pending request has waited {}.", days(n)),
        None => "No request waits for review.".to_owned(),
    };
    view! {
        <section class="dashboard" aria-labelledby="dashboard-heading">
            <h2 id="dashboard-heading">"Dashboard"</h2>
            <p class="hint">"Each bar leads to the list it counts."</p>
            <div class="chart-grid">
                {chart("Active grants by tier", grants_by_tier)}
                {chart("Active grants by permission", grants_by_permission)}
                {chart("Grants ending soon", expiring)}
                {chart("People by risk band", people_by_band)}
                {chart("Open serious findings", open_findings)}
                <div class="chart-card">
                    <h3>"Pending requests by age"</h3>
                    <BarChart title="Pending requests by age" counts=pending_by_age/>
                    <p class="hint" data-testid="oldest-pending">{oldest}</p>
                </div>
                {campaign_card(campaign)}
            </div>
        </section>
    }
}

fn chart(title: &'static str, counts: Vec<Count>) -> impl IntoView {
    view! {
        <div class="chart-card">
            <h3>{title}</h3>
            <BarChart title=title counts=counts/>
        </div>
    }
}

/// The current access review's progress, with a link to it.
fn campaign_card(campaign: Option<CampaignSummary>) -> impl IntoView {
    let body = match campaign {
        Some(CampaignSummary {
            id,
            quarter,
            due_date,
            state,
            progress,
            overdue,
            ..
        }) => view! {
            <p>
                <a href=format!("/campaigns/{id}")>{format!("Access review {quarter}")}</a>
                " "{campaign_state_badge(&state)}
                " "{overdue.then(overdue_badge)}
            </p>
            <ProgressBar progress=progress/>
            <p class="hint">{format!("Due {due_date}")}</p>
        }
        .into_any(),
        None => view! {
            <p class="empty">"No access review has been started yet. " <a href="/campaigns">"Campaigns"</a></p>
        }
        .into_any(),
    };
    view! {
        <div class="chart-card">
            <h3>"Access review"</h3>
            {body}
        </div>
    }
}
