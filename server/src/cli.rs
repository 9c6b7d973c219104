//! The command line: serve (default), create-user, verify-audit-log, verify-audit-export,
//! watchlist import.
// Printing to stdout is what a command-line front end is for.
#![allow(clippy::print_stdout)]

use crate::config::Settings;
use crate::startup::Application;
use crate::store::{audit_log, db::Db};
use anyhow::{bail, Context};
use clearance_app::model::request::RequestContext;

pub const USAGE: &str = "\
Clearance server

USAGE:
    server                                      serve the web application (default)
    server create-user --email E --role R       create an account; the password is read from
                                                CLEARANCE_PASSWORD, else prompted on the terminal
                                                (roles: admin, security_lead, hr, auditor)
    server verify-audit-log                     check the audit log's hash chain; prints OK or
                                                the first broken sequence number (exit 1)
    server verify-audit-export FILE             check an exported audit-log file offline (no
                                                database); prints OK or where it breaks (exit 1)
    server watchlist import --source S --format F [--allow-shrink] PATH...
                                                import a new version of watch list S from files
                                                (or one directory holding them); formats:
                                                ofac_csv, ofac_xml, ftm, targets_simple,
                                                custom_csv (one file of any name). A running
                                                server re-screens everyone within seconds.
                                                --allow-shrink accepts a version with fewer
                                                than half the active one's entries
    server --help                               this text

Configuration comes from environment variables; see README.md.";

/// Runs the command in `args` (without the program name); returns the process exit code.
pub async fn run(args: Vec<String>) -> anyhow::Result<i32> {
    match args.first().map(String::as_str) {
        None | Some("serve") => serve().await.map(|()| 0),
        Some("create-user") => create_user(&args[1..]).await,
        Some("verify-audit-log") => verify_audit_log().await,
        Some("verify-audit-export") => verify_audit_export(&args[1..]),
        Some("watchlist") if args.get(1).map(String::as_str) == Some("import") => {
            import_watchlist(&args[2..]).await
        }
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            Ok(0)
        }
        Some(other) => bail!("unknown command {other:?}\n\n{USAGE}"),
    }
}

async fn serve() -> anyhow::Result<()> {
    let app = Application::build(Settings::from_env()?).await?;
    app.run_until(shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
    tracing::info!("shutting down");
}

fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

async fn create_user(args: &[String]) -> anyhow::Result<i32> {
    let (Some(email), Some(role)) = (flag(args, "--email"), flag(args, "--role")) else {
        bail!("create-user needs --email and --role\n\n{USAGE}");
    };
    let password = match std::env::var("CLEARANCE_PASSWORD") {
        Ok(p) if !p.is_empty() => p,
        _ => {
            let first = rpassword::prompt_password(format!(
                "Password for {email} (at least 15 characters): "
            ))
            .context("reading the password (set CLEARANCE_PASSWORD when there is no terminal)")?;
            let again = rpassword::prompt_password("Again: ")?;
            if first != again {
                bail!("the two passwords do not match");
            }
            first
        }
    };
    let settings = Settings::from_env()?;
    let db = Db::connect(&settings.database_url).await?;
    let keys = crate::auth::token::TokenKeys::new(&settings.session_key, "clearance")
        .map_err(anyhow::Error::msg)?;
    let services = crate::services::Services::new(
        db.clone(),
        keys,
        crate::services::sessions::CookiePolicy { secure: false },
        settings.hash_key.clone(),
    );
    let result = services
        .create_user(&RequestContext::internal("cli"), email, role, &password)
        .await;
    db.close().await;
    match result {
        Ok(id) => {
            println!("Created {role} {email} (user {id}).");
            Ok(0)
        }
        Err(err) => {
            eprintln!("error: {err}");
            Ok(1)
        }
    }
}

/// The files of `--format` from the paths given: each file by its own name, or all of them from
/// one directory.
fn read_list_files(
    format: &str,
    paths: &[&str],
) -> anyhow::Result<Vec<clearance_app::model::watchlists::ListFile>> {
    use base64::Engine;
    use clearance_app::model::watchlists::{files_of, ListFile};
    let wanted = files_of(format);
    let only_file = paths.len() == 1;
    let mut found = Vec::new();
    for path in paths {
        let path = std::path::Path::new(path);
        let files: Vec<(String, std::path::PathBuf)> = if path.is_dir() {
            let on_disk: Vec<std::path::PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("reading {}", path.display()))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .collect();
            wanted
                .iter()
                .map(|name| {
                    let file = on_disk
                        .iter()
                        .find(|f| file_name(f).eq_ignore_ascii_case(name))
                        .cloned()
                        .unwrap_or_else(|| path.join(name));
                    ((*name).to_owned(), file)
                })
                .collect()
        } else {
            let name = import_name(wanted, &file_name(path), only_file);
            vec![(name, path.to_path_buf())]
        };
        for (name, file) in files {
            let bytes =
                std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            found.push(ListFile {
                name,
                content: base64::engine::general_purpose::STANDARD.encode(bytes),
                base64: true,
            });
        }
    }
    Ok(found)
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned()
}

/// The name a file on disk is imported under: the format's own name for it, whatever its case
/// (OFAC publishes `SDN.CSV`), or, when a format of one file is given one file, that file
/// whatever it is called (`incidents.csv` for `custom_csv`). Any other name is passed on as it
/// is, for the import to refuse with the names it takes.
fn import_name(wanted: &[&str], on_disk: &str, only_file: bool) -> String {
    match (
        wanted.iter().find(|w| w.eq_ignore_ascii_case(on_disk)),
        wanted,
    ) {
        (Some(name), _) => (*name).to_owned(),
        (None, [single]) if only_file => (*single).to_owned(),
        _ => on_disk.to_owned(),
    }
}

async fn import_watchlist(args: &[String]) -> anyhow::Result<i32> {
    let (Some(source), Some(format)) = (flag(args, "--source"), flag(args, "--format")) else {
        bail!("watchlist import needs --source, --format and at least one PATH\n\n{USAGE}");
    };
    let mut paths = Vec::new();
    let mut rest = args.iter();
    let mut allow_shrink = false;
    while let Some(arg) = rest.next() {
        if arg == "--source" || arg == "--format" {
            rest.next();
        } else if arg == "--allow-shrink" {
            allow_shrink = true;
        } else {
            paths.push(arg.as_str());
        }
    }
    if paths.is_empty() {
        bail!("watchlist import needs at least one PATH\n\n{USAGE}");
    }
    let upload = clearance_app::model::watchlists::NewListVersion {
        format: format.to_owned(),
        files: read_list_files(format, &paths)?,
        allow_shrink,
    };
    let settings = Settings::from_env()?;
    let db = Db::connect(&settings.database_url).await?;
    let keys = crate::auth::token::TokenKeys::new(&settings.session_key, "clearance")
        .map_err(anyhow::Error::msg)?;
    let services = crate::services::Services::new(
        db.clone(),
        keys,
        crate::services::sessions::CookiePolicy { secure: false },
        settings.hash_key.clone(),
    );
    let result = services
        .import_watchlist_as(&RequestContext::internal("cli"), "cli", source, upload)
        .await;
    db.close().await;
    match result {
        Ok(version) => {
            println!(
                "Imported {source} version {}: {} entries, {} names, {} identifiers (sha256 {}). It is active; a running server re-screens everyone against it.",
                version.id,
                version.entry_count,
                version.name_count,
                version.identifier_count,
                version.content_sha256
            );
            Ok(0)
        }
        Err(err) => {
            eprintln!("error: {err}");
            Ok(1)
        }
    }
}

async fn verify_audit_log() -> anyhow::Result<i32> {
    let settings = Settings::from_env()?;
    let db = Db::connect(&settings.database_url).await?;
    let mut conn = db.reader().acquire().await?;
    let outcome = audit_log::verify(&mut conn).await?;
    drop(conn);
    db.close().await;
    match outcome {
        Ok(verified) => {
            println!(
                "OK: {} entries verified; head {} {}",
                verified.entries,
                verified.last_seq,
                crate::audits::chain::to_hex(&verified.head_hash)
            );
            Ok(0)
        }
        Err(broken) => {
            println!("BROKEN at sequence {}: {broken}", broken.seq);
            Ok(1)
        }
    }
}

/// Checks an export file on its own: an auditor runs this on their machine, with no database
/// and no settings.
fn verify_audit_export(args: &[String]) -> anyhow::Result<i32> {
    let [path] = args else {
        bail!("verify-audit-export needs the path of one export file\n\n{USAGE}");
    };
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot open the audit export {path:?}"))?;
    match crate::audits::export::verify_export(std::io::BufReader::new(file)) {
        Ok(verified) => {
            println!("{verified}");
            Ok(0)
        }
        Err(broken) => {
            println!("{broken}");
            Ok(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::import_name;
    use clearance_app::model::watchlists::files_of;

    #[test]
    fn a_one_file_format_takes_its_one_file_under_any_name() {
        assert_eq!(
            import_name(files_of("custom_csv"), "incidents.csv", true),
            "custom.csv"
        );
        assert_eq!(
            import_name(files_of("ofac_xml"), "sdn_advanced_2026-11.xml", true),
            "sdn_advanced.xml"
        );
    }

    #[test]
    fn files_of_a_set_are_known_by_their_names_in_any_case() {
        let set = files_of("ofac_csv");
        assert_eq!(
            import_name(set, "SDN_COMMENTS.CSV", false),
            "sdn_comments.csv"
        );
        assert_eq!(import_name(set, "ALT.CSV", true), "alt.csv");
        // A stray file keeps its name, for the import to refuse by it.
        assert_eq!(import_name(set, "sdn.csv.bak", true), "sdn.csv.bak");
        assert_eq!(
            import_name(files_of("custom_csv"), "other.csv", false),
            "other.csv"
        );
    }
}
