//! Running and storing screenings, and what people decide about them. A screening is stored with
//! its rules version and the document version it read; dismissed findings stay visible but do not
//! count, and come back when their evidence changes (the dismissal is keyed by a fingerprint of
//! the indicator and its evidence).

use super::match_review::{finding_under_review, verdict_reason};
use super::support::{audit, authorize, authorize_actor, bounded, OrInternal};
use super::Services;
use crate::clock::{rfc3339, unix_now_ms};
use crate::scoring::Finding;
use crate::store::db::Conn;
use crate::store::decisions;
use crate::store::match_reviews;
use crate::store::people;
use crate::store::screenings::{self, FindingRow, NewFinding};
use clearance_app::model::access::Operation;
use clearance_app::model::error::AppError;
use clearance_app::model::person::{
    DecisionView, DismissalView, EvidenceView, FindingView, ScreeningView, DECISIONS,
};
use clearance_app::model::request::RequestContext;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// Identifies a finding by what it says, not by which screening produced it.
pub fn fingerprint(finding: &Finding) -> String {
    let evidence = serde_json::to_string(&finding.evidence).unwrap_or_default();
    let digest = Sha256::digest(format!("{}\u{0}{}", finding.indicator, evidence).as_bytes());
    hex::encode(&digest[..16])
}

pub(super) fn label<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The text columns of a stored finding, rendered once.
pub(super) struct Rendered {
    family: String,
    severity: String,
    evidence: String,
    related: String,
}

impl Rendered {
    pub(super) fn of(finding: &Finding) -> Result<Rendered, serde_json::Error> {
        Ok(Rendered {
            family: label(&finding.family),
            severity: label(&finding.severity),
            evidence: serde_json::to_string(&finding.evidence)?,
            related: serde_json::to_string(&finding.related_person_ids)?,
        })
    }

    pub(super) fn row<'a>(&'a self, finding: &'a Finding, fingerprint: &'a str) -> NewFinding<'a> {
        NewFinding {
            indicator: finding.indicator,
            family: &self.family,
            severity: &self.severity,
            title: &finding.title,
            evidence: &self.evidence,
            related: &self.related,
            source: finding.source,
            fingerprint,
        }
    }
}

impl Services {
    /// The latest screening of a person, with dismissals shown.
    pub(super) async fn screening_view(
        &self,
        conn: &mut Conn,
        req: &RequestContext,
        person_id: i64,
    ) -> Result<ScreeningView, AppError> {
        let latest = screenings::latest(conn, person_id)
            .await
            .or_internal(req)?
            .ok_or_else(|| AppError::not_found("This person has not been screened yet."))?;
        let dismissals: HashMap<String, DismissalView> = screenings::dismissals(conn, person_id)
            .await
            .or_internal(req)?
            .into_iter()
            .map(|d| {
                (
                    d.fingerprint,
                    DismissalView {
                        reason: d.reason,
                        by: d.dismissed_by,
                        at: rfc3339(d.dismissed_at_ms),
                    },
                )
            })
            .collect();
        let confirmations: HashMap<String, DismissalView> =
            match_reviews::confirmations(conn, person_id)
                .await
                .or_internal(req)?
                .into_iter()
                .map(|c| {
                    (
                        c.fingerprint,
                        DismissalView {
                            reason: c.reason,
                            by: c.confirmed_by,
                            at: rfc3339(c.confirmed_at_ms),
                        },
                    )
                })
                .collect();
        let findings = screenings::findings_of(conn, latest.id)
            .await
            .or_internal(req)?
            .into_iter()
            .map(|f| finding_view(f, &dismissals, &confirmations))
            .collect();
        Ok(ScreeningView {
            id: latest.id,
            person_id,
            person_version: latest.person_version,
            score: latest.score,
            band: latest.band,
            rules_version: latest.rules_version,
            reason: latest.reason,
            created_at: rfc3339(latest.created_at_ms),
            findings,
        })
    }

    pub async fn screening(
        &self,
        req: &RequestContext,
        person_id: i64,
    ) -> Result<ScreeningView, AppError> {
        authorize(&self.db, req, Operation::ViewPeople).await?;
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        self.screening_view(&mut conn, req, person_id).await
    }

    pub async fn decisions(
        &self,
        req: &RequestContext,
        person_id: i64,
    ) -> Result<Vec<DecisionView>, AppError> {
        authorize(&self.db, req, Operation::ViewPeople).await?;
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let rows = decisions::decisions(&mut conn, person_id)
            .await
            .or_internal(req)?;
        Ok(rows
            .into_iter()
            .map(|d| DecisionView {
                id: d.id,
                decision: d.decision,
                reason: d.reason,
                decided_by: d.decided_by,
                decided_at: rfc3339(d.decided_at_ms),
                screening_id: d.screening_id,
            })
            .collect())
    }

    /// Records cleared / rejected / needs more information. Clearing is refused while a critical
    /// finding is open; the message names it and says how to proceed.
    pub async fn decide(
        &self,
        req: &RequestContext,
        person_id: i64,
        decision: &str,
        reason: &str,
    ) -> Result<DecisionView, AppError> {
        let actor = authorize_actor(&self.db, req, Operation::DecideScreening).await?;
        if !DECISIONS.contains(&decision) {
            return Err(AppError::invalid(
                "decision",
                "Choose cleared, rejected or needs_info.",
            ));
        }
        let reason = bounded("reason", reason.trim(), 2000)?;
        if reason.is_empty() {
            return Err(AppError::invalid(
                "reason",
                "Say why: the reason is kept with the decision.",
            ));
        }
        let mut tx = self.db.begin().await.or_internal(req)?;
        people::find(&mut tx, person_id)
            .await
            .or_internal(req)?
            .ok_or_else(|| AppError::not_found("There is no person with this id."))?;
        let view = self.screening_view(&mut tx, req, person_id).await?;
        if decision == "cleared" {
            if let Some(open) = view
                .findings
                .iter()
                .find(|f| f.severity == "critical" && f.dismissed.is_none())
            {
                return Err(AppError::Invalid {
                    field: "decision".into(),
                    message: format!(
                        "This person cannot be cleared while critical finding {} is open ({}). A security lead can dismiss it as a false positive with a reason; otherwise reject or ask for more information.",
                        open.indicator, open.title
                    ),
                });
            }
        }
        // An id, not an address: access rules compare who cleared a person with the approvers.
        let by = format!("user:{}", actor.user_id);
        let now = unix_now_ms();
        let id =
            decisions::insert_decision(&mut tx, person_id, view.id, decision, reason, &by, now)
                .await
                .or_internal(req)?;
        let status = match decision {
            "cleared" => "cleared",
            "rejected" => "rejected",
            _ => "screening",
        };
        people::set_status(&mut tx, person_id, status, now)
            .await
            .or_internal(req)?;
        audit(
            &mut tx,
            req,
            "screening.decided",
            &format!("person:{person_id}"),
            json!({ "decision": decision, "screening": view.id }),
        )
        .await
        .or_internal(req)?;
        // Repository access rests on the clearance: without it, active grants are suspended.
        self.suspend_on_decision(&mut tx, req, person_id, decision)
            .await?;
        tx.commit().await.or_internal(req)?;
        Ok(DecisionView {
            id,
            decision: decision.into(),
            reason: reason.into(),
            decided_by: by,
            decided_at: rfc3339(now),
            screening_id: view.id,
        })
    }

    /// A security lead marks a finding a false positive; the person is re-scored without it.
    pub async fn dismiss_finding(
        &self,
        req: &RequestContext,
        finding_id: i64,
        reason: &str,
    ) -> Result<ScreeningView, AppError> {
        let actor = authorize_actor(&self.db, req, Operation::DismissFinding).await?;
        let reason = verdict_reason(
            reason,
            "Say why this is a false positive: the reason is kept with the dismissal.",
        )?;
        let mut tx = self.db.begin().await.or_internal(req)?;
        let finding = finding_under_review(&mut tx, req, finding_id).await?;
        let confirmed = match_reviews::confirmations(&mut tx, finding.person_id)
            .await
            .or_internal(req)?
            .iter()
            .any(|c| c.fingerprint == finding.fingerprint);
        if confirmed {
            return Err(AppError::conflict(
                "This match was confirmed as a true match; it cannot be dismissed.",
            ));
        }
        let by = actor.email.clone();
        if !screenings::insert_dismissal(
            &mut tx,
            finding.person_id,
            &finding.fingerprint,
            &finding.indicator,
            reason,
            &by,
            unix_now_ms(),
        )
        .await
        .or_internal(req)?
        {
            return Err(AppError::conflict("This finding was dismissed already."));
        }
        audit(
            &mut tx,
            req,
            "finding.dismissed",
            &format!("person:{}", finding.person_id),
            json!({ "finding": finding_id, "indicator": finding.indicator }),
        )
        .await
        .or_internal(req)?;
        self.rescreen(&mut tx, req, finding.person_id, "finding dismissed")
            .await?;
        let view = self.screening_view(&mut tx, req, finding.person_id).await?;
        tx.commit().await.or_internal(req)?;
        Ok(view)
    }
}

fn finding_view(
    f: FindingRow,
    dismissals: &HashMap<String, DismissalView>,
    confirmations: &HashMap<String, DismissalView>,
) -> FindingView {
    let evidence: Vec<EvidenceView> = serde_json::from_str::<Vec<serde_json::Value>>(&f.evidence)
        .unwrap_or_default()
        .into_iter()
        .map(|e| EvidenceView {
            field: e["field"].as_str().unwrap_or_default().to_owned(),
            value: e["value"].as_str().unwrap_or_default().to_owned(),
        })
        .collect();
    FindingView {
        id: f.id,
        dismissed: dismissals.get(&f.fingerprint).cloned(),
        confirmed: confirmations.get(&f.fingerprint).cloned(),
        indicator: f.indicator,
        family: f.family,
        severity: f.severity,
        title: f.title,
        evidence,
        related_person_ids: serde_json::from_str(&f.related).unwrap_or_default(),
        source: f.source,
    }
}
