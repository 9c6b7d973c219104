//! What the API does not show or let anyone set: dating a decision back, reading a request's
//! millisecond columns and counting audit entries in the database, verifying the audit chain, and
//! one grant enforcement pass at a chosen time.

use super::{now_ms, Api, DAY_MS};
use clearance_app::model::request::RequestContext;
use clearance_server::services::grants::EnforcementReport;
use sqlx::Row;

impl Api {
    // ---- the database, where the test sets or reads what the API does not show -----------------

    /// Dates the person's decisions `days` days back.
    pub async fn age_decision(&self, person: i64, days: i64) -> i64 {
        let at = now_ms() - days * DAY_MS;
        let mut db = self.app.db().await;
        sqlx::query("UPDATE screening_decisions SET decided_at_ms = $1 WHERE person_id = $2")
            .bind(at)
            .bind(person)
            .execute(&mut db)
            .await
            .unwrap();
        at
    }

    /// A millisecond column of the request (`expires_at_ms`, `lapses_at_ms`, …).
    pub async fn request_ms(&self, request: i64, column: &str) -> i64 {
        let sql = match column {
            "expires_at_ms" => "SELECT expires_at_ms FROM access_requests WHERE id = $1",
            "lapses_at_ms" => "SELECT lapses_at_ms FROM access_requests WHERE id = $1",
            "requested_at_ms" => "SELECT requested_at_ms FROM access_requests WHERE id = $1",
            "activated_at_ms" => "SELECT activated_at_ms FROM access_requests WHERE id = $1",
            other => panic!("no column {other} here"),
        };
        let mut db = self.app.db().await;
        let value: Option<i64> = sqlx::query(sql)
            .bind(request)
            .fetch_one(&mut db)
            .await
            .unwrap()
            .get(0);
        value.unwrap_or_else(|| panic!("request {request} has no {column}"))
    }

    /// Audit entries with this action (about this request, when given).
    pub async fn audit_count(&self, action: &str, request: Option<i64>) -> i64 {
        let mut db = self.app.db().await;
        match request {
            None => sqlx::query("SELECT COUNT(*) FROM audit_log WHERE action = $1")
                .bind(action)
                .fetch_one(&mut db)
                .await
                .unwrap()
                .get(0),
            Some(id) => {
                sqlx::query("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND subject = $2")
                    .bind(action)
                    .bind(format!("access_request:{id}"))
                    .fetch_one(&mut db)
                    .await
                    .unwrap()
                    .get(0)
            }
        }
    }

    /// Asserts the audit chain verifies.
    pub fn assert_audit_chain_verifies(&self) {
        let (code, out) = self.app.verify_audit_log();
        assert_eq!(code, 0, "{out}");
        assert!(out.starts_with("OK"), "{out}");
    }

    // ---- enforcement ---------------------------------------------------------------------------

    /// One enforcement pass with the clock at `at_ms`.
    pub async fn enforce(&self, at_ms: i64) -> EnforcementReport {
        self.app
            .services
            .enforce_grants(&RequestContext::internal("test"), at_ms)
            .await
            .unwrap_or_else(|e| panic!("enforcement at {at_ms} failed: {e:?}"))
    }
}
