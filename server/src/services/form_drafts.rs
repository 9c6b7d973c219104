//! Drafts of refused people forms. Without JavaScript a refused form post comes back as a new
//! page; the draft is what lets that page show the error beside what was typed instead of an
//! empty form. Each user sees only their own drafts; bank and ID numbers are never kept; a draft
//! lives an hour at most.

use super::support::{authorize_actor, bounded, OrInternal};
use super::Services;
use crate::clock::unix_now_ms;
use crate::store::form_drafts;
use clearance_app::model::access::Operation;
use clearance_app::model::error::AppError;
use clearance_app::model::person_form::PersonDraft;
use clearance_app::model::request::RequestContext;

/// How long a draft is offered back.
const DRAFT_TTL_MS: i64 = 60 * 60 * 1000;
/// A people form is a few kilobytes; anything far larger is not a draft of one.
const MAX_DRAFT_BYTES: usize = 256 * 1024;

impl Services {
    pub async fn save_form_draft(
        &self,
        req: &RequestContext,
        key: &str,
        draft: PersonDraft,
    ) -> Result<(), AppError> {
        let actor = authorize_actor(&self.db, req, Operation::EditPeople).await?;
        let key = bounded("form_key", key, 100)?;
        let draft = PersonDraft {
            form: draft.form.without_secrets(),
            version: draft.version,
        };
        let body = serde_json::to_string(&draft).or_internal(req)?;
        bounded("form", &body, MAX_DRAFT_BYTES)?;
        let now = unix_now_ms();
        let mut tx = self.db.begin().await.or_internal(req)?;
        form_drafts::save(&mut tx, actor.user_id, key, &body, now, now - DRAFT_TTL_MS)
            .await
            .or_internal(req)?;
        tx.commit().await.or_internal(req)
    }

    pub async fn form_draft(
        &self,
        req: &RequestContext,
        key: &str,
    ) -> Result<Option<PersonDraft>, AppError> {
        let actor = authorize_actor(&self.db, req, Operation::EditPeople).await?;
        let key = bounded("form_key", key, 100)?;
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let body = form_drafts::find(&mut conn, actor.user_id, key, unix_now_ms() - DRAFT_TTL_MS)
            .await
            .or_internal(req)?;
        // A draft written by an older release that no longer parses is simply not offered.
        Ok(body.and_then(|b| serde_json::from_str(&b).ok()))
    }

    pub async fn clear_form_draft(&self, req: &RequestContext, key: &str) -> Result<(), AppError> {
        let actor = authorize_actor(&self.db, req, Operation::EditPeople).await?;
        let key = bounded("form_key", key, 100)?;
        let mut tx = self.db.begin().await.or_internal(req)?;
        form_drafts::delete(&mut tx, actor.user_id, key)
            .await
            .or_internal(req)?;
        tx.commit().await.or_internal(req)
    }
}
