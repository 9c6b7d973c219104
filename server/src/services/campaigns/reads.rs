//! What the campaign pages and the API read: the list, one campaign with its progress, and its
//! items with each person's screening beside the grant.

use super::super::grants::{facts, views};
use super::super::support::{authorize_actor, OrInternal};
use super::super::Services;
use crate::audits::campaign;
use crate::clock::{rfc3339, unix_now_ms};
use crate::grants::policy;
use crate::store::access_requests;
use crate::store::audit_log;
use crate::store::campaigns::{self, CampaignRecord, ItemRecord};
use crate::store::db::Conn;
use clearance_app::model::access::Operation;
use clearance_app::model::campaigns::{
    CampaignItemView, CampaignItemsPage, CampaignSummary, CampaignView, CampaignsPage, ItemsQuery,
    Progress, ReviewerProgress, CAMPAIGN_OPEN,
};
use clearance_app::model::error::AppError;
use clearance_app::model::page::{PageInfo, DEFAULT_PER_PAGE};
use clearance_app::model::request::RequestContext;
use clearance_app::model::role::Role;
use clearance_app::model::user::Actor;
use std::collections::hash_map::Entry;
use std::collections::HashMap;

pub(super) fn summary(record: &CampaignRecord, now_ms: i64) -> CampaignSummary {
    CampaignSummary {
        id: record.id,
        quarter: record.quarter.clone(),
        due_date: campaign::due_date_text(record.due_at_ms),
        state: record.state.clone(),
        revoke_undecided_at_due: record.revoke_undecided_at_due,
        created_by: record.created_by_email.clone(),
        created_at: rfc3339(record.created_at_ms),
        signed_off_by: record.signed_off_by_email.clone(),
        signed_off_at: record.signed_off_at_ms.map(rfc3339),
        progress: Progress {
            decided: record.decided,
            total: record.total,
        },
        certified: record.certified,
        revoked: record.revoked,
        overdue: record.state == CAMPAIGN_OPEN
            && now_ms > record.due_at_ms
            && record.decided < record.total,
    }
}

pub(super) async fn find_campaign(
    conn: &mut Conn,
    req: &RequestContext,
    id: i64,
) -> Result<CampaignRecord, AppError> {
    campaigns::find(conn, id)
        .await
        .or_internal(req)?
        .ok_or_else(|| AppError::not_found("There is no campaign with this id."))
}

impl Services {
    pub async fn list_campaigns(&self, req: &RequestContext) -> Result<CampaignsPage, AppError> {
        let actor = authorize_actor(&self.db, req, Operation::ViewCampaigns).await?;
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let now = unix_now_ms();
        let campaigns = campaigns::list(&mut conn)
            .await
            .or_internal(req)?
            .iter()
            .map(|c| summary(c, now))
            .collect();
        Ok(CampaignsPage {
            campaigns,
            may_start: Operation::StartCampaign.permits(Some(actor.role)),
        })
    }

    pub async fn campaign_view(
        &self,
        req: &RequestContext,
        id: i64,
    ) -> Result<CampaignView, AppError> {
        let actor = authorize_actor(&self.db, req, Operation::ViewCampaigns).await?;
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        self.campaign_view_in(&mut conn, req, actor, id).await
    }

    pub(super) async fn campaign_view_in(
        &self,
        conn: &mut Conn,
        req: &RequestContext,
        actor: &Actor,
        id: i64,
    ) -> Result<CampaignView, AppError> {
        let record = find_campaign(conn, req, id).await?;
        let reviewers: Vec<ReviewerProgress> = campaigns::reviewer_progress(conn, id)
            .await
            .or_internal(req)?
            .into_iter()
            .map(|(reviewer_id, reviewer, decided, total)| ReviewerProgress {
                reviewer_id,
                reviewer,
                progress: Progress { decided, total },
            })
            .collect();
        let last_seq = match record.sign_off_seq {
            Some(seq) => Some(seq),
            None => Some(audit_log::head(conn).await.or_internal(req)?.0),
        };
        let role = Some(actor.role);
        let open = record.state == CAMPAIGN_OPEN;
        Ok(CampaignView {
            campaign: summary(&record, unix_now_ms()),
            has_own_items: reviewers
                .iter()
                .any(|r| r.reviewer_id == actor.user_id && !r.progress.is_complete())
                && open,
            reviewers,
            first_seq: record.start_seq,
            last_seq,
            head_hash_at_sign_off: record.sign_off_hash.clone(),
            may_sign_off: open
                && Operation::SignOffCampaign.permits(role)
                && record.decided >= record.total,
            may_export: Operation::ExportEvidence.permits(role),
        })
    }

    pub async fn campaign_items(
        &self,
        req: &RequestContext,
        id: i64,
        query: ItemsQuery,
    ) -> Result<CampaignItemsPage, AppError> {
        let actor = authorize_actor(&self.db, req, Operation::ViewCampaigns).await?;
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let record = find_campaign(&mut conn, req, id).await?;
        let info = PageInfo::new(query.page.unwrap_or(1), DEFAULT_PER_PAGE, 0);
        let reviewer = query.mine.unwrap_or(false).then_some(actor.user_id);
        let (items, total) = campaigns::items(
            &mut conn,
            id,
            reviewer,
            query.open.unwrap_or(false),
            i64::from(info.per_page),
            info.offset(),
        )
        .await
        .or_internal(req)?;
        Ok(CampaignItemsPage {
            items: self
                .item_views(&mut conn, req, Some(actor), &record, items)
                .await?,
            page: PageInfo::new(info.page, info.per_page, total),
        })
    }

    /// Item views with each grant and its person's screening (`viewer` decides `may_decide`).
    pub(super) async fn item_views(
        &self,
        conn: &mut Conn,
        req: &RequestContext,
        viewer: Option<&Actor>,
        record: &CampaignRecord,
        items: Vec<ItemRecord>,
    ) -> Result<Vec<CampaignItemView>, AppError> {
        let now = unix_now_ms();
        let request_ids: Vec<i64> = items.iter().map(|i| i.request_id).collect();
        let requests: HashMap<i64, _> = access_requests::find_many(conn, &request_ids)
            .await
            .or_internal(req)?
            .into_iter()
            .map(|r| (r.id, r))
            .collect();
        let people: Vec<i64> = requests.values().map(|r| r.person_id).collect();
        let logins = views::logins_of(conn, &people).await.or_internal(req)?;
        let mut screening = HashMap::new();
        let open = record.state == CAMPAIGN_OPEN;
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let grant = requests
                .get(&item.request_id)
                .ok_or("a campaign item's grant is missing")
                .or_internal(req)?;
            let parsed = views::parsed(grant).or_internal(req)?;
            let person = match screening.entry(grant.person_id) {
                Entry::Occupied(known) => known.into_mut(),
                Entry::Vacant(slot) => {
                    slot.insert(facts::load(conn, req, grant.person_id, &self.grant_policy).await?)
                }
            };
            let valid_until = policy::valid_until_ms(&person.facts, &self.grant_policy);
            let may_decide = viewer.is_some_and(|v| {
                open && item.decision.is_none()
                    && Operation::DecideCampaignItem.permits(Some(v.role))
                    && (item.reviewer == v.user_id || v.role == Role::Admin)
            });
            out.push(CampaignItemView {
                id: item.id,
                campaign_id: item.campaign_id,
                grant_id: grant.id,
                grant_state: grant.state.clone(),
                person_id: grant.person_id,
                person_name: grant.person_name.clone(),
                login: logins.get(&grant.person_id).cloned(),
                repository_id: grant.repository_id,
                repository: grant.repository.clone(),
                tier: parsed.tier,
                permission: parsed.permission,
                granted_at: grant.activated_at_ms.map(rfc3339),
                expires_at: grant.expires_at_ms.map(rfc3339),
                approvers: serde_json::from_str(&item.approvers).unwrap_or_default(),
                reviewer_id: item.reviewer,
                reviewer: item.reviewer_email,
                overdue: item.decision.is_none() && open && now > record.due_at_ms,
                decision: item.decision,
                reason: item.reason,
                decided_by: item.decided_by,
                decided_at: item.decided_at_ms.map(rfc3339),
                screening: person.brief.clone(),
                screening_age_days: campaign::screening_age_days(person.facts.decided_at_ms, now),
                outlives_screening: campaign::outlives_screening(grant.expires_at_ms, valid_until),
                may_decide,
            });
        }
        Ok(out)
    }

    /// Every item of a campaign (the evidence), a page at a time.
    pub(super) async fn all_item_views(
        &self,
        conn: &mut Conn,
        req: &RequestContext,
        record: &CampaignRecord,
    ) -> Result<Vec<CampaignItemView>, AppError> {
        const PAGE: i64 = 500;
        let mut all = Vec::new();
        let mut offset = 0;
        loop {
            let (items, total) = campaigns::items(conn, record.id, None, false, PAGE, offset)
                .await
                .or_internal(req)?;
            let fetched = i64::try_from(items.len()).unwrap_or(PAGE);
            all.extend(self.item_views(conn, req, None, record, items).await?);
            offset += fetched;
            if fetched == 0 || offset >= total {
                return Ok(all);
            }
        }
    }
}
