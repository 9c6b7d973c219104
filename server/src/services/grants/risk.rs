//! Suspension on risk: when a new screening puts a person at high or critical risk, or a decision
//! other than `cleared` is recorded, their active grants are suspended in the same transaction
//! and the security leads are told. A security lead then reinstates (once the screening allows it
//! again) or revokes.

use super::super::support::OrInternal;
use super::super::Services;
use super::transition::{self, apply, SYSTEM};
use super::{mails, views};
use crate::clock::unix_now_ms;
use crate::grants::state::Event;
use crate::store::access_requests::{self, Change};
use crate::store::db::Conn;
use clearance_app::model::error::AppError;
use clearance_app::model::request::RequestContext;
use serde_json::json;

/// Bands at which access stops at once.
const SUSPENDING_BANDS: [&str; 2] = ["high", "critical"];

impl Services {
    /// `scores`: (person id, score, band) of the screenings just stored.
    pub(in crate::services) async fn suspend_on_risk(
        &self,
        conn: &mut Conn,
        req: &RequestContext,
        scores: &[(i64, i64, &str)],
    ) -> Result<usize, AppError> {
        let mut suspended = 0;
        for (person_id, score, band) in scores {
            if !SUSPENDING_BANDS.contains(band) {
                continue;
            }
            let reason = format!(
                "Suspended automatically: the screening is now {band} risk (score {score})."
            );
            let cause = format!("is now {band} risk");
            suspended += self
                .suspend_grants_of(conn, req, *person_id, &reason, &cause)
                .await?;
        }
        Ok(suspended)
    }

    /// A decision other than `cleared` takes away what the clearance allowed: the person's active
    /// grants are suspended with it, for a security lead to revoke (or reinstate after a new
    /// clearance).
    pub(in crate::services) async fn suspend_on_decision(
        &self,
        conn: &mut Conn,
        req: &RequestContext,
        person_id: i64,
        decision: &str,
    ) -> Result<usize, AppError> {
        if decision == "cleared" {
            return Ok(0);
        }
        let reason =
            format!("Suspended automatically: the screening decision is now \"{decision}\".");
        let cause = format!("has the decision \"{decision}\"");
        self.suspend_grants_of(conn, req, person_id, &reason, &cause)
            .await
    }

    /// Suspends the person's active grants inside `conn`'s transaction and mails the security
    /// leads; `cause` completes "The screening of <name> …" in the mail.
    async fn suspend_grants_of(
        &self,
        conn: &mut Conn,
        req: &RequestContext,
        person_id: i64,
        reason: &str,
        cause: &str,
    ) -> Result<usize, AppError> {
        let ids = access_requests::active_of_people(conn, &[person_id])
            .await
            .or_internal(req)?;
        if ids.is_empty() {
            return Ok(0);
        }
        let now = unix_now_ms();
        let mut suspended = Vec::new();
        for id in ids {
            let Some(record) = access_requests::lock(conn, id, now)
                .await
                .or_internal(req)?
            else {
                continue;
            };
            let change = Change {
                reason: Some(reason),
                ..Default::default()
            };
            apply(
                conn,
                req,
                SYSTEM,
                &record,
                Event::Suspend,
                &change,
                now,
                transition::by(req, json!({ "reason": reason })),
            )
            .await?;
            if let Some(record) = access_requests::find(conn, id).await.or_internal(req)? {
                suspended.push(views::request_view(conn, req, record).await?);
            }
        }
        mails::suspended(conn, req, &suspended, cause, now).await?;
        Ok(suspended.len())
    }
}
