//! The integration-test harness: the real server on port 0 with a fresh database (an SQLite file,
//! or a new PostgreSQL database when `TEST_DATABASE_URL` is set) and a real SMTP sink.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod smtp_sink;

use clearance_app::model::request::RequestContext;
use clearance_server::config::Settings;
use clearance_server::services::Services;
use clearance_server::startup::Application;
use reqwest::header::{HeaderMap, HeaderValue, ORIGIN};
use smtp_sink::SmtpSink;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::oneshot;

/// Which database a test runs against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Declares one test per backend: `name::sqlite` always, `name::postgres` when
/// `TEST_DATABASE_URL` is set (otherwise it says so and passes: nothing to run against).
#[macro_export]
macro_rules! db_test {
    ($name:ident, $body:expr) => {
        $crate::db_test!($name, settings = |_| {}, $body);
    };
    // With the settings adjusted before the app starts.
    ($name:ident, settings = $adjust:expr, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app =
                    $crate::common::TestApp::spawn_with($crate::common::Backend::Sqlite, $adjust)
                        .await;
                ($body)(app).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if std::env::var("TEST_DATABASE_URL").is_err() {
                    eprintln!("TEST_DATABASE_URL is not set: PostgreSQL variant not run");
                    return;
                }
                let app =
                    $crate::common::TestApp::spawn_with($crate::common::Backend::Postgres, $adjust)
                        .await;
                ($body)(app).await;
            }
        }
    };
}

pub const PASSWORD: &str = "correct horse battery staple";

pub struct TestApp {
    pub address: String,
    pub services: Arc<Services>,
    pub smtp: SmtpSink,
    pub database_url: String,
    pub backend: Backend,
    pub data_dir: tempfile::TempDir,
    stop: Option<oneshot::Sender<()>>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

async fn fresh_database(backend: Backend, dir: &std::path::Path) -> String {
    match backend {
        Backend::Sqlite => format!("sqlite://{}/clearance.db", dir.display()),
        Backend::Postgres => {
            use sqlx::Executor;
            let admin_url = std::env::var("TEST_DATABASE_URL").unwrap();
            let name = format!("clearance_test_{}", uuid::Uuid::new_v4().simple());
            sqlx::any::install_default_drivers();
            let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin_url)
                .await
                .expect("connect to TEST_DATABASE_URL");
            conn.execute(format!("CREATE DATABASE {name}").as_str())
                .await
                .expect("create test database");
            let (base, _) = admin_url
                .rsplit_once('/')
                .expect("TEST_DATABASE_URL ends with /dbname");
            format!("{base}/{name}")
        }
    }
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, |_| {}).await
    }

    pub async fn spawn_with(backend: Backend, adjust: impl FnOnce(&mut Settings)) -> TestApp {
        let _ = tracing_subscriber::fmt()
            .with_test_writer()
            .with_env_filter("warn")
            .try_init();
        let data_dir = tempfile::tempdir().unwrap();
        let smtp = SmtpSink::start().await;
        let database_url = fresh_database(backend, data_dir.path()).await;
        let mut settings = Settings {
            database_url: database_url.clone(),
            data_dir: data_dir.path().to_path_buf(),
            listen_addr: "127.0.0.1:0".parse().unwrap(),
            public_url: None,
            session_key: clearance_server::auth::random::bytes(64),
            hash_key: clearance_server::auth::random::bytes(64),
            smtp_url: Some(smtp.url()),
            mail_from: "Clearance <no-reply@clearance.example>".into(),
            trusted_proxies: Vec::new(),
            mail_poll_interval: Duration::from_millis(100),
            site_root: data_dir.path().join("site"),
            refresh_screenings_on_start: true,
            grant_policy: Default::default(),
            // Tests run the enforcement pass themselves, with the clock they choose.
            grant_job_interval: None,
        };
        adjust(&mut settings);
        let app = Application::build(settings)
            .await
            .expect("build application");
        let address = format!("http://{}", app.local_addr());
        let services = app.services();
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(app.run_until(async move {
            let _ = stopped.await;
        }));
        TestApp {
            address,
            services,
            smtp,
            database_url,
            backend,
            data_dir,
            stop: Some(stop),
        }
    }

    /// A browser-like client: keeps cookies, sends this app's Origin.
    pub fn client(&self) -> reqwest::Client {
        let mut headers = HeaderMap::new();
        headers.insert(ORIGIN, HeaderValue::from_str(&self.address).unwrap());
        reqwest::Client::builder()
            .cookie_store(true)
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// Creates an account as the `create-user` command does.
    pub async fn create_user(&self, email: &str, role: &str) -> i64 {
        self.services
            .create_user(&RequestContext::internal("cli"), email, role, PASSWORD)
            .await
            .expect("create user")
    }

    /// Calls a server function the way the WASM does (form-encoded, JSON answer).
    pub async fn call(
        &self,
        client: &reqwest::Client,
        path: &str,
        form: &[(&str, &str)],
    ) -> (u16, serde_json::Value) {
        let response = client
            .post(self.url(path))
            .header("accept", "application/json")
            .form(form)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
        )
    }

    /// A signed-in client for a new user of this role.
    pub async fn signed_in(&self, role: &str) -> (reqwest::Client, String) {
        let email = format!("{role}-{}@example.com", uuid::Uuid::new_v4().simple());
        self.create_user(&email, role).await;
        let client = self.client();
        let (status, body) = self
            .call(
                &client,
                "/api/sign_in",
                &[("email", &email), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(status, 200, "sign in failed: {body}");
        (client, email)
    }

    /// A bearer token for a new user of this role, from the REST login.
    pub async fn api_token(&self, role: &str) -> String {
        let email = format!("{role}-{}@example.com", uuid::Uuid::new_v4().simple());
        self.create_user(&email, role).await;
        let response = reqwest::Client::new()
            .post(self.url("/api/v1/auth/login"))
            .json(&serde_json::json!({ "email": email, "password": PASSWORD }))
            .send()
            .await
            .unwrap();
        response.json::<serde_json::Value>().await.unwrap()["token"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// The status line the server answers to a POST that declares `length` body bytes and sends
    /// none: limits must be enforced from the declared length, before reading. (A raw socket, so
    /// no client is mid-upload when the server answers and closes.)
    pub async fn status_for_declared_length(
        &self,
        path: &str,
        length: usize,
        extra_headers: &str,
    ) -> String {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let address = self.address.trim_start_matches("http://").to_owned();
        let mut socket = tokio::net::TcpStream::connect(&address).await.unwrap();
        let head = format!("POST {path} HTTP/1.1\r\nHost: {address}\r\n{extra_headers}Content-Length: {length}\r\n\r\n");
        socket.write_all(head.as_bytes()).await.unwrap();
        let mut answer = vec![0u8; 64];
        let read = socket.read(&mut answer).await.unwrap();
        String::from_utf8_lossy(&answer[..read])
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned()
    }

    /// Who the server thinks this client is.
    pub async fn who(&self, client: &reqwest::Client) -> serde_json::Value {
        self.call(client, "/api/who_am_i", &[]).await.1
    }

    /// A direct connection to the test database.
    pub async fn db(&self) -> sqlx::AnyConnection {
        sqlx::any::install_default_drivers();
        <sqlx::AnyConnection as sqlx::Connection>::connect(&self.database_url)
            .await
            .unwrap()
    }

    /// Runs `server verify-audit-log` against the test database: (exit code, what it printed).
    pub fn verify_audit_log(&self) -> (i32, String) {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .arg("verify-audit-log")
            .env("DATABASE_URL", &self.database_url)
            .env("CLEARANCE_DATA_DIR", self.data_dir.path())
            .env("RUST_LOG", "error")
            .output()
            .unwrap();
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    }
}
