//! Evidence for auditors: a campaign's CSV and printable report, and any range of the audit log
//! as a file that verifies offline (`server verify-audit-export FILE`).

use super::super::support::{audit, authorize_actor, OrInternal};
use super::super::Services;
use super::reads::find_campaign;
use crate::audits::evidence::{self, EvidenceRow};
use crate::audits::export::{self, ExportHeader};
use crate::audits::report::{self, ReportData};
use crate::clock::{rfc3339, unix_now_ms};
use crate::store::audit_log;
use crate::store::campaigns;
use clearance_app::model::access::Operation;
use clearance_app::model::campaigns::CampaignItemView;
use clearance_app::model::error::AppError;
use clearance_app::model::request::RequestContext;
use serde_json::json;

/// The most entries one audit-log export holds; larger ranges are exported in parts.
pub const MAX_EXPORT_ENTRIES: i64 = 100_000;

fn row(item: &CampaignItemView) -> EvidenceRow {
    EvidenceRow {
        item_id: item.id,
        grant_id: item.grant_id,
        repository: item.repository.clone(),
        tier: item.tier.as_str().into(),
        permission: item.permission.as_str().into(),
        person_id: item.person_id,
        person_name: item.person_name.clone(),
        login: item.login.clone().unwrap_or_default(),
        granted_at: item.granted_at.clone().unwrap_or_default(),
        expires_at: item.expires_at.clone().unwrap_or_default(),
        approvers: item.approvers.join("; "),
        reviewer: item.reviewer.clone(),
        decision: item.decision.clone().unwrap_or_default(),
        reason: item.reason.clone().unwrap_or_default(),
        decided_by: item.decided_by.clone().unwrap_or_default(),
        decided_at: item.decided_at.clone().unwrap_or_default(),
        screening_band: item.screening.band.clone(),
        screening_decision: item.screening.decision.clone().unwrap_or_default(),
        screening_decided_at: item.screening.decided_at.clone().unwrap_or_default(),
        outlives_screening: item.outlives_screening,
    }
}

/// A file to download: its name and contents.
pub struct Download {
    pub file_name: String,
    pub body: String,
}

impl Services {
    async fn evidence_rows(
        &self,
        req: &RequestContext,
        id: i64,
        format: &str,
    ) -> Result<(crate::store::campaigns::CampaignRecord, Vec<EvidenceRow>), AppError> {
        authorize_actor(&self.db, req, Operation::ExportEvidence).await?;
        let mut tx = self.db.begin().await.or_internal(req)?;
        let record = find_campaign(&mut tx, req, id).await?;
        let items = self.all_item_views(&mut tx, req, &record).await?;
        // Downloading evidence is itself on the record.
        audit(
            &mut tx,
            req,
            "campaign.exported",
            &format!("campaign:{id}"),
            json!({ "format": format, "items": items.len() }),
        )
        .await
        .or_internal(req)?;
        tx.commit().await.or_internal(req)?;
        Ok((record, items.iter().map(row).collect()))
    }

    pub async fn campaign_csv(&self, req: &RequestContext, id: i64) -> Result<Download, AppError> {
        let (record, rows) = self.evidence_rows(req, id, "csv").await?;
        Ok(Download {
            file_name: format!("access-review-{}.csv", record.quarter),
            body: evidence::evidence_csv(&rows),
        })
    }

    pub async fn campaign_report(
        &self,
        req: &RequestContext,
        id: i64,
    ) -> Result<Download, AppError> {
        let (record, rows) = self.evidence_rows(req, id, "html").await?;
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let reviewers = campaigns::reviewer_progress(&mut conn, id)
            .await
            .or_internal(req)?
            .into_iter()
            .map(|(_, email, decided, total)| (email, decided, total))
            .collect();
        let data = ReportData {
            quarter: record.quarter.clone(),
            due_date: crate::audits::campaign::due_date_text(record.due_at_ms),
            state: record.state.clone(),
            created_by: record.created_by_email.clone(),
            created_at: rfc3339(record.created_at_ms),
            signed_off_by: record.signed_off_by_email.clone(),
            signed_off_at: record.signed_off_at_ms.map(rfc3339),
            certified: record.certified,
            revoked: record.revoked,
            undecided: record.total - record.decided,
            reviewers,
            rows,
            first_seq: record.start_seq,
            last_seq: record.sign_off_seq,
            head_hash: record.sign_off_hash.clone(),
            generated_at: rfc3339(unix_now_ms()),
        };
        Ok(Download {
            file_name: format!("access-review-{}.html", record.quarter),
            body: report::render_html(&data),
        })
    }

    /// Entries `from_seq..=to_seq` (default: the whole log) as an export file.
    pub async fn export_audit_log(
        &self,
        req: &RequestContext,
        from_seq: Option<i64>,
        to_seq: Option<i64>,
    ) -> Result<Download, AppError> {
        authorize_actor(&self.db, req, Operation::ExportEvidence).await?;
        let mut tx = self.db.begin().await.or_internal(req)?;
        let (head, _) = audit_log::head(&mut tx).await.or_internal(req)?;
        let from = from_seq.unwrap_or(1);
        let to = to_seq.unwrap_or(head);
        if from < 1 || to < from || to > head {
            return Err(AppError::invalid(
                "from_seq",
                format!("Give a range within 1..{head} with from_seq <= to_seq."),
            ));
        }
        if to - from + 1 > MAX_EXPORT_ENTRIES {
            return Err(AppError::invalid(
                "to_seq",
                format!("Export at most {MAX_EXPORT_ENTRIES} entries at a time: split the range."),
            ));
        }
        let entries = audit_log::range(&mut tx, from, to).await.or_internal(req)?;
        let header = ExportHeader {
            format: export::FORMAT.into(),
            version: export::VERSION,
            from_seq: from,
            to_seq: to,
            exported_at: rfc3339(unix_now_ms()),
        };
        let mut body = export::header_line(&header);
        for entry in &entries {
            body.push_str(&export::entry_line(&entry.to_chained()));
        }
        audit(
            &mut tx,
            req,
            "audit_log.exported",
            "",
            json!({ "from_seq": from, "to_seq": to }),
        )
        .await
        .or_internal(req)?;
        tx.commit().await.or_internal(req)?;
        Ok(Download {
            file_name: format!("audit-log-{from}-{to}.jsonl"),
            body,
        })
    }
}
