//! Builds the application: database, services, router with every layer, mail worker. Tests start
//! the same [`Application`] on port 0.

use crate::auth::token::{TokenKeys, TokenKind};
use crate::config::Settings;
use crate::jobs::{grant_enforcer, mail_worker, rules_refresh, watchlist_rescreen};
use crate::mail::transport::Transport;
use crate::services::sessions::CookiePolicy;
use crate::services::Services;
use crate::store::db::Db;
use crate::web::{render_retry, security, server_fn_errors, session, AppState};
use anyhow::Context;
use axum::body::Body;
use axum::http::{header, HeaderName, Request, Response, StatusCode};
use axum::routing::get;
use axum::Router;
use clearance_app::model::request::RequestContext;
use clearance_app::{shell, App};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::sensitive_headers::SetSensitiveRequestHeadersLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Requests taking longer than this are answered with 408 (E3).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The name under which cargo-leptos writes `/pkg/<name>.js|.wasm|.css` (Cargo.toml metadata).
pub const OUTPUT_NAME: &str = "clearance";

pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        tracing::info!(settings = ?settings, "starting");
        let db = Db::connect(&settings.database_url).await?;
        warn_when_nobody_can_administer(&db).await;
        let keys =
            TokenKeys::new(&settings.session_key, "clearance").map_err(anyhow::Error::msg)?;
        self_test(&keys)?;
        let secure = settings
            .public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"));
        let services = Arc::new(
            Services::new(db, keys, CookiePolicy { secure }, settings.hash_key.clone())
                .with_grant_policy(settings.grant_policy),
        );
        fail_interrupted_imports(&services).await;
        // Screenings read the active watch lists from the first request on.
        services
            .reload_watchlists(&RequestContext::internal("startup"))
            .await
            .map_err(|e| anyhow::anyhow!("loading the active watch lists: {e}"))?;
        let listener = TcpListener::bind(settings.listen_addr)
            .await
            .with_context(|| format!("listening on {}", settings.listen_addr))?;
        let leptos_options = LeptosOptions::builder()
            .output_name(OUTPUT_NAME)
            .site_root(settings.site_root.display().to_string())
            .site_pkg_dir("pkg")
            .site_addr(listener.local_addr()?)
            .build();
        let state = AppState {
            leptos_options,
            services,
            settings: Arc::new(settings),
        };
        let router = router(state.clone());
        Ok(Application {
            listener,
            router,
            state,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .unwrap_or(self.state.settings.listen_addr)
    }

    pub fn services(&self) -> Arc<Services> {
        self.state.services.clone()
    }

    /// Serves until `shutdown` completes, then finishes in-flight requests and stops the worker.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let settings = &self.state.settings;
        let transport = Transport::new(
            settings.smtp_url.as_deref(),
            settings.data_dir.join("outbox"),
        )?;
        let (stop_tx, stop_rx) = watch::channel(false);
        let worker = tokio::spawn(mail_worker::run(
            self.state.services.db.clone(),
            transport,
            settings.mail_from.clone(),
            settings.mail_poll_interval,
            stop_rx.clone(),
        ));
        let enforcer = settings.grant_job_interval.map(|every| {
            tokio::spawn(grant_enforcer::run(
                self.state.services.clone(),
                self.state.settings.public_url.clone(),
                every,
                stop_rx.clone(),
            ))
        });
        let rescreen = tokio::spawn(watchlist_rescreen::run(
            self.state.services.clone(),
            self.state.settings.public_url.clone(),
            stop_rx.clone(),
        ));
        let refresh = settings
            .refresh_screenings_on_start
            .then(|| tokio::spawn(rules_refresh::run(self.state.services.clone(), stop_rx)));
        tracing::info!(addr = %self.local_addr(), "listening");
        axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await?;
        let _ = stop_tx.send(true);
        let _ = worker.await;
        let _ = rescreen.await;
        if let Some(refresh) = refresh {
            let _ = refresh.await;
        }
        if let Some(enforcer) = enforcer {
            let _ = enforcer.await;
        }
        self.state.services.db.close().await;
        Ok(())
    }
}

/// A fresh installation has no accounts and no default credentials: say how to create one.
async fn warn_when_nobody_can_administer(db: &Db) {
    let Ok(mut conn) = db.reader().acquire().await else {
        return;
    };
    if let Ok(0) = crate::store::users::count_active_admins(&mut conn).await {
        tracing::warn!(
            "no active admin account yet; create the first one with \
             `make user EMAIL=you@example.com` (or `server create-user --email you@example.com --role admin`)"
        );
    }
}

/// Imports that were running when the server last stopped will never end: say so on their page.
async fn fail_interrupted_imports(services: &Services) {
    match services.fail_interrupted_imports().await {
        Ok(0) => {}
        Ok(count) => tracing::warn!(count, "imports interrupted by the last stop marked failed"),
        Err(err) => tracing::error!(error = %err, "could not check for interrupted imports"),
    }
}

/// B3: sign and verify one token at start, so a broken crypto set-up fails now, not at sign-in.
fn self_test(keys: &TokenKeys) -> anyhow::Result<()> {
    let now = crate::clock::unix_now();
    let token = keys
        .issue(TokenKind::Api, 0, 0, now, now)
        .context("session token self-test (sign)")?;
    keys.verify(TokenKind::Api, &token, now)
        .context("session token self-test (verify)")?;
    Ok(())
}

fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let ports = state.services.ports();
    let options = state.leptos_options.clone();
    let site_root = state.settings.site_root.clone();
    Router::new()
        .route("/healthz", get(healthz))
        .nest("/api/v1", crate::rest::router())
        .nest_service("/pkg", ServeDir::new(site_root.join("pkg")).precompressed_br().precompressed_gzip())
        .route_service("/favicon.ico", ServeFile::new(site_root.join("favicon.ico")))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(ports.clone()),
            move || shell(options.clone()),
        )
        .fallback(not_found)
        .layer(axum::middleware::from_fn(render_retry::retry_stalled_render))
        .layer(axum::middleware::from_fn(server_fn_errors::set_status))
        .layer(axum::middleware::from_fn_with_state(state.clone(), session::resolve_session))
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::protect))
        .layer(
            // Outermost first: ids and tracing see everything; limits apply before any work.
            ServiceBuilder::new()
                .layer(SetSensitiveRequestHeadersLayer::new([header::AUTHORIZATION, header::COOKIE]))
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<Body>| {
                    let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
                    tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
                }))
                .layer(PropagateRequestIdLayer::x_request_id())
                .layer(CatchPanicLayer::custom(panic_response))
                .layer(axum::middleware::from_fn(crate::web::body_limit::limit))
                .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
                .layer(CompressionLayer::new()),
        )
        .with_state(state)
}

async fn healthz(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> (StatusCode, &'static str) {
    match state.services.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"),
    }
}

async fn not_found() -> (StatusCode, axum::Json<serde_json::Value>) {
    (
        StatusCode::NOT_FOUND,
        axum::Json(
            serde_json::json!({ "error": "There is nothing at this address.", "kind": "not_found" }),
        ),
    )
}

/// A panic becomes a generic 500; the detail goes to the log only (SECURITY.md E6).
fn panic_response(payload: Box<dyn std::any::Any + Send + 'static>) -> Response<Body> {
    let detail = payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("non-string panic");
    tracing::error!(panic = %detail, "handler panicked");
    let body =
        r#"{"error":"Something went wrong on our side. Please try again.","kind":"internal"}"#;
    Response::builder()
        .status(StatusCode::INTERNAL_SERVER_ERROR)
        .header(header::CONTENT_TYPE, "application/json")
        .header(HeaderName::from_static("x-content-type-options"), "nosniff")
        .body(Body::from(body))
        .unwrap_or_default()
}
