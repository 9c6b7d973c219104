//! `server`: serves Clearance, or runs one of its commands (see `server --help`).

#[tokio::main]
async fn main() -> std::process::ExitCode {
    clearance_server::telemetry::init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match clearance_server::cli::run(args).await {
        Ok(code) => std::process::ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
