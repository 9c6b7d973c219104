//! The audit log.

use crate::model::audit::AuditPage;
use crate::model::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "audit/page")]
pub async fn load_audit_page(
    action: Option<String>,
    actor: Option<String>,
    subject: Option<String>,
    page: u32,
) -> Result<AuditPage, AppError> {
    let (ports, request) = super::context::current()?;
    ports
        .audit
        .page(
            &request,
            crate::model::audit::AuditFilter {
                action,
                actor,
                subject,
                page,
            },
        )
        .await
}
