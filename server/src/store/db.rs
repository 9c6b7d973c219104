//! The connection pools. SQLite by default, PostgreSQL when the URL says so; the store modules
//! write one dialect that both understand (`$n` parameters, `RETURNING`, integers for time).

use anyhow::{bail, Context};
use sqlx::any::{install_default_drivers, AnyPoolOptions};
use sqlx::{AnyConnection, AnyPool, Executor, Transaction};
use std::path::Path;
use std::time::Duration;

/// Which database server is behind the pools.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// How long a request waits for a connection before failing fast (SECURITY.md E3).
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// The pools. With SQLite, all writes go through one connection: SQLite allows one writer at a
/// time anyway, and a single writer never meets `SQLITE_BUSY` when a read transaction upgrades
/// to a write. Reads use their own pool (WAL lets them run beside the writer).
#[derive(Clone, Debug)]
pub struct Db {
    writer: AnyPool,
    reader: AnyPool,
    backend: Backend,
}

impl Db {
    /// Connects and runs the migrations of the backend.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        install_default_drivers();
        let backend = backend_of(url)?;
        let db = match backend {
            Backend::Sqlite => {
                let url = sqlite_url_creating_parent(url)?;
                let writer = sqlite_pool(1)
                    .connect(&url)
                    .await
                    .context("opening the SQLite database")?;
                let reader = sqlite_pool(4)
                    .connect(&url)
                    .await
                    .context("opening the SQLite database")?;
                Db {
                    writer,
                    reader,
                    backend,
                }
            }
            Backend::Postgres => {
                let pool = AnyPoolOptions::new()
                    .max_connections(10)
                    .acquire_timeout(ACQUIRE_TIMEOUT)
                    .connect(url)
                    .await
                    .context("connecting to PostgreSQL")?;
                Db {
                    writer: pool.clone(),
                    reader: pool,
                    backend,
                }
            }
        };
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> anyhow::Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => sqlx::migrate!("../migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("../migrations/postgres"),
        };
        migrator
            .run(&self.writer)
            .await
            .context("running database migrations")?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Starts a write transaction. One use case is one transaction, audit entry included.
    pub async fn begin(&self) -> Result<Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.backend {
            // IMMEDIATE takes SQLite's write lock at the start. Inside the server it changes
            // nothing (one writer connection), but another process writing the same file (the
            // `create-user` command beside a running server) then waits its busy timeout for the
            // lock, where a deferred transaction that read first would fail outright once the
            // server committed in between (a snapshot that can no longer become a write).
            Backend::Sqlite => self.writer.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.writer.begin().await,
        }
    }

    /// A pool for reads.
    pub fn reader(&self) -> &AnyPool {
        &self.reader
    }

    /// Waits until the database answers (readiness).
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        self.reader.execute("SELECT 1").await.map(|_| ())
    }

    pub async fn close(&self) {
        self.writer.close().await;
        self.reader.close().await;
    }
}

/// The connection type every store function takes (a transaction or a pooled connection).
pub type Conn = AnyConnection;

fn backend_of(url: &str) -> anyhow::Result<Backend> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Backend::Postgres)
    } else {
        bail!("DATABASE_URL must start with sqlite: or postgres:// (got a URL with another scheme)")
    }
}

/// Pragmas set on every SQLite connection (SECURITY.md H1): WAL, FULL sync because acknowledged
/// grants and audit entries must survive power loss, foreign keys, and a busy timeout. Then
/// speed: a 32 MiB page cache per connection instead of 2 MiB, and reads through a memory map of
/// up to 2 GiB (SQLite's default ceiling; address space shared through the OS page cache), so
/// that link lookups and re-screening over a store of 100,000 people (about 1 GiB) do not go
/// through a read system call per page, as they did past the earlier 256 MiB map.
const SQLITE_PRAGMAS: [&str; 6] = [
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 5000",
    "PRAGMA cache_size = -32768",
    "PRAGMA mmap_size = 2147418112",
];

fn sqlite_pool(max: u32) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(max)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                for pragma in SQLITE_PRAGMAS {
                    conn.execute(pragma).await?;
                }
                Ok(())
            })
        })
}

/// Makes sure the file's directory exists and the file is created if missing.
fn sqlite_url_creating_parent(url: &str) -> anyhow::Result<String> {
    let rest = url.trim_start_matches("sqlite:").trim_start_matches("//");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path != ":memory:" {
        if let Some(parent) = Path::new(path)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating the database directory {}", parent.display()))?;
        }
    }
    let query = if query.contains("mode=") {
        query.to_owned()
    } else if query.is_empty() {
        "mode=rwc".to_owned()
    } else {
        format!("{query}&mode=rwc")
    };
    Ok(format!("sqlite://{path}?{query}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backends_are_chosen_by_scheme() {
        assert_eq!(backend_of("sqlite://data/x.db").unwrap(), Backend::Sqlite);
        assert_eq!(backend_of("postgres://u@h/db").unwrap(), Backend::Postgres);
        assert!(backend_of("mysql://h/db")
            .unwrap_err()
            .to_string()
            .contains("sqlite:"));
    }

    #[test]
    fn sqlite_urls_create_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/sub/x.db", dir.path().display());
        let out = sqlite_url_creating_parent(&url).unwrap();
        assert!(out.ends_with("/sub/x.db?mode=rwc"), "{out}");
        assert!(dir.path().join("sub").is_dir());
    }
}
