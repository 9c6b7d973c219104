//! Drains the mail outbox: claims due mail, delivers it, records the outcome, retries with
//! backoff. Safe with several instances (claims are leases; see `store::outbox`).

use crate::mail::retry;
use crate::mail::transport::{build_message, Transport};
use crate::store::db::Db;
use crate::store::outbox;
use std::time::Duration;
use tokio::sync::watch;

/// A claimed mail is re-offered to other workers after this long if its worker died.
const LEASE_MS: i64 = 5 * 60 * 1000;

/// Delivers every mail that is due now; returns how many were sent.
pub async fn drain_once(db: &Db, transport: &Transport, from: &str) -> anyhow::Result<usize> {
    let mut sent = 0;
    loop {
        let now = crate::clock::unix_now_ms();
        let mut tx = db.begin().await?;
        let claimed = outbox::claim_due(&mut tx, now, LEASE_MS).await?;
        tx.commit().await?;
        let Some(mail) = claimed else { return Ok(sent) };
        let result = match build_message(from, &mail.to_addr, &mail.subject, &mail.body_text) {
            Ok(message) => transport.deliver(message, mail.id).await,
            Err(err) => Err(err),
        };
        let now = crate::clock::unix_now_ms();
        let mut tx = db.begin().await?;
        match result {
            Ok(()) => {
                outbox::mark_sent(&mut tx, mail.id, now).await?;
                sent += 1;
            }
            Err(err) => {
                let retry_at = retry::next_attempt_at(mail.attempts, now);
                tracing::warn!(mail_id = mail.id, attempts = mail.attempts, error = %err, gave_up = retry_at.is_none(), "mail delivery failed");
                outbox::mark_failed(&mut tx, mail.id, &err, retry_at, now).await?;
            }
        }
        tx.commit().await?;
    }
}

/// Runs until `shutdown` turns true.
pub async fn run(
    db: Db,
    transport: Transport,
    from: String,
    every: Duration,
    mut shutdown: watch::Receiver<bool>,
) {
    tracing::info!(to = %transport.describe(), "mail worker started");
    loop {
        if let Err(err) = drain_once(&db, &transport, &from).await {
            tracing::error!(error = %err, "mail worker pass failed");
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = shutdown.changed() => return,
        }
    }
}
