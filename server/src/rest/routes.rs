//! The REST routes and the operation each performs (the authorization-matrix test walks this
//! table; the router is built from the same handlers).

use super::error::{bad_json, ApiError};
use super::{campaigns, grants, watchlists};
use crate::auth::token::TokenKind;
use crate::services::support::OrInternal;
use crate::web::AppState;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use clearance_app::model::access::Operation;
use clearance_app::model::audit::{AuditFilter, AuditPage};
use clearance_app::model::request::RequestContext;
use clearance_app::model::user::{Actor, InviteSummary, UsersPage};
use clearance_app::ports::{AuditPort, UsersPort};
use serde::Deserialize;

/// Every route: method, path (under `/api/v1`, with `1` standing for an id), operation.
pub const ROUTES: &[(&str, &str, Operation)] = &[
    ("POST", "/auth/login", Operation::SignIn),
    ("GET", "/me", Operation::WhoAmI),
    ("GET", "/users", Operation::ListUsers),
    ("POST", "/users/invites", Operation::InviteUser),
    ("GET", "/audit-log", Operation::ViewAuditLog),
    ("POST", "/people", Operation::EditPeople),
    ("GET", "/people", Operation::ViewPeople),
    ("GET", "/people/1", Operation::ViewPeople),
    ("PUT", "/people/1", Operation::EditPeople),
    ("GET", "/people/1/screening", Operation::ViewPeople),
    ("POST", "/people/1/decision", Operation::DecideScreening),
    ("POST", "/findings/1/dismiss", Operation::DismissFinding),
    ("POST", "/findings/1/confirm", Operation::DismissFinding),
    ("POST", "/people/import", Operation::EditPeople),
    ("GET", "/import-jobs/1", Operation::EditPeople),
    ("POST", "/repositories", Operation::ManageRepositories),
    ("GET", "/repositories", Operation::ViewAccess),
    ("GET", "/repositories/1", Operation::ViewAccess),
    ("PUT", "/repositories/1", Operation::ManageRepositories),
    (
        "GET",
        "/repositories/1/desired-state",
        Operation::ViewAccess,
    ),
    ("POST", "/access-requests", Operation::RequestAccess),
    ("POST", "/access-requests/preview", Operation::RequestAccess),
    ("GET", "/access-requests/1", Operation::ViewAccess),
    (
        "POST",
        "/access-requests/1/reviews",
        Operation::ReviewAccess,
    ),
    (
        "POST",
        "/access-requests/1/cancel",
        Operation::RequestAccess,
    ),
    ("GET", "/grants", Operation::ViewAccess),
    ("POST", "/grants/1/revoke", Operation::RevokeAccess),
    ("POST", "/grants/1/suspend", Operation::RevokeAccess),
    ("POST", "/grants/1/reinstate", Operation::RevokeAccess),
    (
        "POST",
        "/people/1/revoke-all-access",
        Operation::RevokeAccess,
    ),
    ("GET", "/people/1/access", Operation::ViewAccess),
    ("POST", "/campaigns", Operation::StartCampaign),
    ("GET", "/campaigns", Operation::ViewCampaigns),
    ("GET", "/campaigns/1", Operation::ViewCampaigns),
    ("GET", "/campaigns/1/items", Operation::ViewCampaigns),
    (
        "POST",
        "/campaign-items/1/decision",
        Operation::DecideCampaignItem,
    ),
    ("POST", "/campaigns/1/sign-off", Operation::SignOffCampaign),
    ("GET", "/campaigns/1/export.csv", Operation::ExportEvidence),
    ("GET", "/campaigns/1/report.html", Operation::ExportEvidence),
    ("GET", "/audit-log/export", Operation::ExportEvidence),
    ("GET", "/dashboard", Operation::ViewDashboard),
    ("GET", "/watchlists", Operation::ViewWatchlists),
    (
        "POST",
        "/watchlists/us_ofac_sdn/versions",
        Operation::ImportWatchlist,
    ),
];

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/login", post(login))
        .route("/me", get(me))
        .route("/users", get(list_users))
        .route("/users/invites", post(invite))
        .route("/audit-log", get(audit_log))
        .route(
            "/people",
            post(super::people::create).get(super::people::search),
        )
        .route(
            "/people/{id}",
            get(super::people::get).put(super::people::update),
        )
        .route("/people/{id}/screening", get(super::people::screening))
        .route("/people/{id}/decision", post(super::people::decide))
        .route("/findings/{id}/dismiss", post(super::people::dismiss))
        .route("/findings/{id}/confirm", post(super::people::confirm))
        .route(
            "/people/import",
            post(super::people::import).layer(axum::extract::DefaultBodyLimit::max(
                super::people::IMPORT_MAX_BYTES,
            )),
        )
        .route("/import-jobs/{id}", get(super::people::import_job))
        .route(
            "/repositories",
            post(grants::create_repository).get(grants::list_repositories),
        )
        .route(
            "/repositories/{id}",
            get(grants::repository).put(grants::update_repository),
        )
        .route(
            "/repositories/{id}/desired-state",
            get(grants::desired_state),
        )
        .route("/access-requests", post(grants::create_request))
        .route("/access-requests/preview", post(grants::preview_request))
        .route("/access-requests/{id}", get(grants::request))
        .route("/access-requests/{id}/reviews", post(grants::review))
        .route("/access-requests/{id}/cancel", post(grants::cancel))
        .route("/grants", get(grants::grants))
        .route("/grants/{id}/revoke", post(grants::revoke))
        .route("/grants/{id}/suspend", post(grants::suspend))
        .route("/grants/{id}/reinstate", post(grants::reinstate))
        .route("/people/{id}/revoke-all-access", post(grants::revoke_all))
        .route("/people/{id}/access", get(grants::person_access))
        .route("/campaigns", post(campaigns::start).get(campaigns::list))
        .route("/campaigns/{id}", get(campaigns::get))
        .route("/campaigns/{id}/items", get(campaigns::items))
        .route("/campaign-items/{id}/decision", post(campaigns::decide))
        .route("/campaigns/{id}/sign-off", post(campaigns::sign_off))
        .route("/campaigns/{id}/export.csv", get(campaigns::export_csv))
        .route("/campaigns/{id}/report.html", get(campaigns::report))
        .route("/audit-log/export", get(campaigns::audit_export))
        .route("/dashboard", get(campaigns::dashboard))
        .route("/watchlists", get(watchlists::list))
        .route("/watchlists/{source}/versions", post(watchlists::import))
}

type Ctx = Extension<RequestContext>;

#[derive(Deserialize)]
struct LoginBody {
    email: String,
    password: String,
}

async fn login(
    State(state): State<AppState>,
    Extension(req): Ctx,
    body: Result<Json<LoginBody>, JsonRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let Json(body) = body.map_err(bad_json)?;
    let (user_id, version) = state
        .services
        .check_credentials(&req, &body.email, &body.password)
        .await?;
    let now = crate::clock::unix_now();
    let token = state
        .services
        .keys
        .issue(TokenKind::Api, user_id, version, now, now)
        .or_internal(&req)?;
    Ok(Json(
        serde_json::json!({ "token": token, "token_type": "Bearer", "expires_in": crate::auth::token::API_TOKEN_SECS }),
    ))
}

/// The signed-in user, or `null`.
async fn me(Extension(req): Ctx) -> Json<Option<Actor>> {
    Json(req.actor)
}

#[derive(Deserialize)]
struct PageQuery {
    page: Option<u32>,
}

async fn list_users(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Query(q): Query<PageQuery>,
) -> Result<Json<UsersPage>, ApiError> {
    Ok(Json(
        UsersPort::list(state.services.as_ref(), &req, q.page.unwrap_or(1)).await?,
    ))
}

#[derive(Deserialize)]
struct InviteBody {
    email: String,
    role: String,
}

async fn invite(
    State(state): State<AppState>,
    Extension(req): Ctx,
    body: Result<Json<InviteBody>, JsonRejection>,
) -> Result<(StatusCode, Json<InviteSummary>), ApiError> {
    let Json(body) = body.map_err(bad_json)?;
    let invite = state.services.invite(&req, &body.email, &body.role).await?;
    Ok((StatusCode::CREATED, Json(invite)))
}

#[derive(Deserialize)]
struct AuditQuery {
    action: Option<String>,
    actor: Option<String>,
    subject: Option<String>,
    page: Option<u32>,
}

async fn audit_log(
    State(state): State<AppState>,
    Extension(req): Ctx,
    Query(q): Query<AuditQuery>,
) -> Result<Json<AuditPage>, ApiError> {
    let filter = AuditFilter {
        action: q.action,
        actor: q.actor,
        subject: q.subject,
        page: q.page.unwrap_or(1),
    };
    Ok(Json(
        AuditPort::page(state.services.as_ref(), &req, filter).await?,
    ))
}
