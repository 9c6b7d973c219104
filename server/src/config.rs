//! Typed settings from the environment. Secrets are loaded here and never printed: `Debug` shows
//! only whether they are set.

use anyhow::{bail, Context};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Clone)]
pub struct Settings {
    /// `sqlite://…` (default `sqlite://<data dir>/clearance.db`) or `postgres://…`.
    pub database_url: String,
    /// Where the SQLite file, the generated signing key and the dev mail outbox live.
    pub data_dir: PathBuf,
    /// Address to listen on (`LEPTOS_SITE_ADDR`, default 127.0.0.1:3000).
    pub listen_addr: SocketAddr,
    /// The origin people use, e.g. `https://clearance.example.com`. Used in invite links and as
    /// the only accepted `Origin` of state-changing requests. When unset, the origin is taken
    /// from the request's `Host` (fine for localhost; set it in production).
    pub public_url: Option<String>,
    /// The HMAC key for session tokens (at least 32 bytes).
    pub session_key: Vec<u8>,
    /// The HMAC key for bank and ID-document numbers (at least 32 bytes). Kept apart from the
    /// session key: rotating sessions must not break matching of stored numbers.
    pub hash_key: Vec<u8>,
    /// Deliver mail through this SMTP server; without it, mail is written to `<data dir>/outbox`.
    pub smtp_url: Option<String>,
    pub mail_from: String,
    /// Proxies whose `X-Forwarded-For` is believed for the client address.
    pub trusted_proxies: Vec<IpAddr>,
    /// How often the mail worker looks for due mail.
    pub mail_poll_interval: Duration,
    /// Where the compiled site (`pkg/`) is served from.
    pub site_root: PathBuf,
    /// Re-screen people screened under older rules after start-up (always on in the product;
    /// tests that drive the refresh themselves turn it off).
    pub refresh_screenings_on_start: bool,
    /// The access policy's configurable parts: `CLEARANCE_SCREENING_MAX_AGE_DAYS` (90) and
    /// `CLEARANCE_REQUEST_TTL_DAYS` (7).
    pub grant_policy: crate::grants::PolicySettings,
    /// How often expiry, lapsing, reminders and the digest run (`CLEARANCE_GRANT_JOB_SECS`, 20).
    /// `None` turns the job off (tests that drive it with their own clock).
    pub grant_job_interval: Option<Duration>,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("database", &redact_url(&self.database_url))
            .field("data_dir", &self.data_dir)
            .field("listen_addr", &self.listen_addr)
            .field("public_url", &self.public_url)
            .field("session_key", &"<set>")
            .field("hash_key", &"<set>")
            .field("smtp", &self.smtp_url.as_deref().map(redact_url))
            .field("mail_from", &self.mail_from)
            .field("trusted_proxies", &self.trusted_proxies)
            .finish()
    }
}

/// `scheme://user:password@host/…` → `scheme://host/…`.
pub fn redact_url(url: &str) -> String {
    match (url.split_once("://"), url.rfind('@')) {
        (Some((scheme, _)), Some(at)) => format!("{scheme}://{}", &url[at + 1..]),
        _ => url.to_owned(),
    }
}

const DEFAULT_MAIL_FROM: &str = "Clearance <no-reply@clearance.example>";

impl Settings {
    /// Reads the environment (see the README for every variable).
    pub fn from_env() -> anyhow::Result<Settings> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        let data_dir = PathBuf::from(var("CLEARANCE_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = var("DATABASE_URL")
            .unwrap_or_else(|| format!("sqlite://{}/clearance.db", data_dir.display()));
        let listen_addr = var("LEPTOS_SITE_ADDR")
            .unwrap_or_else(|| "127.0.0.1:3000".into())
            .parse()
            .context("LEPTOS_SITE_ADDR must be host:port, e.g. 127.0.0.1:3000")?;
        let public_url = var("CLEARANCE_PUBLIC_URL").map(|u| u.trim_end_matches('/').to_owned());
        if let Some(url) = &public_url {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                bail!("CLEARANCE_PUBLIC_URL must start with http:// or https://");
            }
        }
        let session_key = match var("CLEARANCE_SESSION_KEY_FILE") {
            Some(path) => read_key_file(Path::new(&path))?,
            None => load_or_create_key(&data_dir.join("session.key"))?,
        };
        let hash_key = match var("CLEARANCE_HASH_KEY_FILE") {
            Some(path) => read_key_file(Path::new(&path))?,
            None => load_or_create_key(&data_dir.join("hash.key"))?,
        };
        let trusted_proxies = var("CLEARANCE_TRUSTED_PROXIES")
            .map(|list| {
                list.split(',')
                    .map(|ip| {
                        ip.trim().parse().with_context(|| {
                            format!("CLEARANCE_TRUSTED_PROXIES: {ip:?} is not an IP address")
                        })
                    })
                    .collect::<anyhow::Result<Vec<IpAddr>>>()
            })
            .transpose()?
            .unwrap_or_default();
        let mail_poll_ms: u64 = var("CLEARANCE_MAIL_POLL_MS")
            .map(|v| {
                v.parse()
                    .context("CLEARANCE_MAIL_POLL_MS must be a number of milliseconds")
            })
            .transpose()?
            .unwrap_or(2000);
        let days = |name: &str, default: i64| -> anyhow::Result<i64> {
            match var(name) {
                None => Ok(default),
                Some(v) => match v.trim().parse::<i64>() {
                    Ok(n) if (1..=3650).contains(&n) => Ok(n),
                    _ => bail!("{name} must be a whole number of days from 1 to 3650"),
                },
            }
        };
        let grant_policy = crate::grants::PolicySettings {
            max_screening_age_days: days("CLEARANCE_SCREENING_MAX_AGE_DAYS", 90)?,
            pending_ttl_days: days("CLEARANCE_REQUEST_TTL_DAYS", 7)?,
        };
        let grant_job_secs: u64 = var("CLEARANCE_GRANT_JOB_SECS")
            .map(|v| {
                v.parse()
                    .context("CLEARANCE_GRANT_JOB_SECS must be a number of seconds")
            })
            .transpose()?
            .unwrap_or(20);
        Ok(Settings {
            grant_policy,
            grant_job_interval: Some(Duration::from_secs(grant_job_secs.clamp(1, 60))),
            database_url,
            listen_addr,
            public_url,
            session_key,
            hash_key,
            smtp_url: var("SMTP_URL"),
            mail_from: var("MAIL_FROM").unwrap_or_else(|| DEFAULT_MAIL_FROM.into()),
            trusted_proxies,
            mail_poll_interval: Duration::from_millis(mail_poll_ms.max(50)),
            site_root: PathBuf::from(
                var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            ),
            data_dir,
            refresh_screenings_on_start: true,
        })
    }
}

/// Reads a key file, refusing files others can read (SECURITY.md I4) and short keys.
pub fn read_key_file(path: &Path) -> anyhow::Result<Vec<u8>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .with_context(|| format!("reading the key file {}", path.display()))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            bail!(
                "the key file {} can be read by other users (mode {:o}); run: chmod 600 {}",
                path.display(),
                mode & 0o777,
                path.display()
            );
        }
    }
    let key = std::fs::read(path)
        .with_context(|| format!("reading the session key file {}", path.display()))?;
    if key.len() < crate::auth::token::MIN_KEY_BYTES {
        bail!(
            "the key in {} has {} bytes; at least {} random bytes are required",
            path.display(),
            key.len(),
            crate::auth::token::MIN_KEY_BYTES
        );
    }
    Ok(key)
}

/// The first start generates a 64-byte key, readable by the owner only.
fn load_or_create_key(path: &Path) -> anyhow::Result<Vec<u8>> {
    if path.exists() {
        return read_key_file(path);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    let key = crate::auth::random::bytes(64);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .with_context(|| format!("creating the key file {}", path.display()))?;
    std::io::Write::write_all(&mut file, &key)?;
    file.sync_all()?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_removed_from_urls() {
        assert_eq!(
            redact_url("postgres://app:s3cret@db:5432/clearance"),
            "postgres://db:5432/clearance"
        );
        assert_eq!(redact_url("smtp://mail:2525"), "smtp://mail:2525");
    }

    #[test]
    fn a_generated_key_is_private_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k/session.key");
        let first = load_or_create_key(&path).unwrap();
        assert_eq!(first.len(), 64);
        assert_eq!(load_or_create_key(&path).unwrap(), first);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_world_readable_or_short_key_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("key");
        std::fs::write(&path, [7u8; 64]).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(read_key_file(&path)
            .unwrap_err()
            .to_string()
            .contains("chmod 600"));
        std::fs::write(&path, [7u8; 16]).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(read_key_file(&path)
            .unwrap_err()
            .to_string()
            .contains("at least 32"));
    }
}
