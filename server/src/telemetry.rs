//! Logging. `RUST_LOG` filters (default: info). User-controlled strings are escaped by the
//! formatter (tracing-subscriber ≥ 0.3.20), and cookies and Authorization headers are marked
//! sensitive before the trace layer sees them.

use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .try_init();
}
