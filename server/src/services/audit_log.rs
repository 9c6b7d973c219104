//! Reading and verifying the audit log.

use super::support::{authorize, bounded, OrInternal};
use super::Services;
use crate::audits::chain;
use crate::clock::rfc3339;
use crate::store::audit_log::{self, Filter};
use crate::store::users;
use async_trait::async_trait;
use clearance_app::model::access::Operation;
use clearance_app::model::audit::{AuditEntryView, AuditFilter, AuditPage, ChainStatus};
use clearance_app::model::error::AppError;
use clearance_app::model::page::{PageInfo, DEFAULT_PER_PAGE};
use clearance_app::model::request::RequestContext;
use clearance_app::ports::AuditPort;
use std::collections::HashMap;

#[async_trait]
impl AuditPort for Services {
    async fn page(&self, req: &RequestContext, filter: AuditFilter) -> Result<AuditPage, AppError> {
        authorize(&self.db, req, Operation::ViewAuditLog).await?;
        let clean = |field: &str, value: Option<String>| -> Result<Option<String>, AppError> {
            value
                .map(|v| bounded(field, v.trim(), 100).map(str::to_owned))
                .transpose()
                .map(|v| v.filter(|v| !v.is_empty()))
        };
        let store_filter = Filter {
            action: clean("action", filter.action)?,
            actor: clean("actor", filter.actor)?,
            subject: clean("subject", filter.subject)?,
        };
        let wanted = PageInfo::new(filter.page, DEFAULT_PER_PAGE, 0);
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let (rows, total) = audit_log::list(
            &mut conn,
            &store_filter,
            i64::from(wanted.per_page),
            wanted.offset(),
        )
        .await
        .or_internal(req)?;
        let mut emails: HashMap<String, Option<String>> = HashMap::new();
        let mut entries = Vec::with_capacity(rows.len());
        for row in rows {
            if !emails.contains_key(&row.actor) {
                let email = match row
                    .actor
                    .strip_prefix("user:")
                    .and_then(|id| id.parse().ok())
                {
                    Some(id) => users::email_of(&mut conn, id).await.or_internal(req)?,
                    None => None,
                };
                emails.insert(row.actor.clone(), email);
            }
            entries.push(AuditEntryView {
                seq: row.seq,
                at: rfc3339(row.at_ms),
                actor_email: emails.get(&row.actor).cloned().flatten(),
                actor: row.actor,
                action: row.action,
                subject: row.subject,
                details: row.details,
            });
        }
        let actions = audit_log::actions(&mut conn).await.or_internal(req)?;
        let chain = match audit_log::verify(&mut conn).await.or_internal(req)? {
            Ok(verified) => ChainStatus::Intact {
                entries: verified.entries as i64,
                head_hash: chain::to_hex(&verified.head_hash),
            },
            Err(broken) => ChainStatus::Broken {
                seq: broken.seq,
                reason: broken.to_string(),
            },
        };
        Ok(AuditPage {
            entries,
            page: PageInfo::new(filter.page, DEFAULT_PER_PAGE, total),
            chain,
            actions,
        })
    }
}
