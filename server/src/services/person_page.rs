//! What the person page shows in one read: the profile, its latest screening, the history,
//! decisions, and the people it is linked to. Also the port the server functions use.

use super::support::{authorize, OrInternal};
use super::Services;
use crate::clock::rfc3339;
use crate::store::{people, screenings};
use async_trait::async_trait;
use clearance_app::model::access::Operation;
use clearance_app::model::error::AppError;
use clearance_app::model::person::{
    CreatedPerson, DecisionView, ImportJobView, LinkedPerson, PeoplePage, PeopleQuery, PersonPage,
    PersonView, ScreeningSummary, ScreeningView,
};
use clearance_app::model::person_form::{PersonDraft, PersonForm};
use clearance_app::model::profile::ProfileDocument;
use clearance_app::model::request::RequestContext;
use clearance_app::ports::PeoplePort;
use std::collections::BTreeMap;

impl Services {
    pub async fn person_page(&self, req: &RequestContext, id: i64) -> Result<PersonPage, AppError> {
        authorize(&self.db, req, Operation::ViewPeople).await?;
        let person = self.person(req, id).await?;
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let screening = match self.screening_view(&mut conn, req, id).await {
            Ok(view) => Some(view),
            Err(AppError::NotFound { .. }) => None,
            Err(other) => return Err(other),
        };
        let history = screenings::history(&mut conn, id)
            .await
            .or_internal(req)?
            .into_iter()
            .map(|s| ScreeningSummary {
                id: s.id,
                score: s.score,
                band: s.band,
                reason: s.reason,
                rules_version: s.rules_version,
                created_at: rfc3339(s.created_at_ms),
            })
            .collect();
        let mut shared: BTreeMap<i64, Vec<String>> = BTreeMap::new();
        for finding in screening.iter().flat_map(|s| s.findings.iter()) {
            for other in &finding.related_person_ids {
                shared
                    .entry(*other)
                    .or_default()
                    .push(finding.indicator.clone());
            }
        }
        let mut linked = Vec::new();
        for (other, mut indicators) in shared {
            indicators.sort();
            indicators.dedup();
            if let Some(record) = people::find(&mut conn, other).await.or_internal(req)? {
                linked.push(LinkedPerson {
                    id: other,
                    full_name: record.full_name,
                    band: record.band,
                    shared: indicators,
                });
            }
        }
        drop(conn);
        let decisions = self.decisions(req, id).await?;
        let role = req.actor.as_ref().map(|a| a.role);
        Ok(PersonPage {
            person,
            screening,
            history,
            decisions,
            linked,
            may_decide: Operation::DecideScreening.permits(role),
            may_dismiss: Operation::DismissFinding.permits(role),
            may_edit: Operation::EditPeople.permits(role),
        })
    }
}

#[async_trait]
impl PeoplePort for Services {
    async fn search(
        &self,
        req: &RequestContext,
        query: PeopleQuery,
    ) -> Result<PeoplePage, AppError> {
        self.search_people(req, query).await
    }

    async fn page(&self, req: &RequestContext, id: i64) -> Result<PersonPage, AppError> {
        self.person_page(req, id).await
    }

    async fn create(
        &self,
        req: &RequestContext,
        doc: ProfileDocument,
    ) -> Result<CreatedPerson, AppError> {
        self.create_person(req, doc).await
    }

    async fn update_from_form(
        &self,
        req: &RequestContext,
        id: i64,
        version: i64,
        form: PersonForm,
    ) -> Result<PersonView, AppError> {
        // First, so a role that may only read is refused before anything is loaded.
        authorize(&self.db, req, Operation::EditPeople).await?;
        let mut doc = self.person(req, id).await?.document;
        form.apply_to(&mut doc);
        self.update_person(req, id, doc, Some(version)).await
    }

    async fn decide(
        &self,
        req: &RequestContext,
        person_id: i64,
        decision: &str,
        reason: &str,
    ) -> Result<DecisionView, AppError> {
        Services::decide(self, req, person_id, decision, reason).await
    }

    async fn dismiss(
        &self,
        req: &RequestContext,
        finding_id: i64,
        reason: &str,
    ) -> Result<ScreeningView, AppError> {
        self.dismiss_finding(req, finding_id, reason).await
    }

    async fn confirm_match(
        &self,
        req: &RequestContext,
        finding_id: i64,
        reason: &str,
    ) -> Result<ScreeningView, AppError> {
        Services::confirm_match(self, req, finding_id, reason).await
    }

    async fn start_import(
        &self,
        req: &RequestContext,
        format: &str,
        text: &str,
    ) -> Result<i64, AppError> {
        self.start_import_job(req, format, text).await
    }

    async fn import_job(&self, req: &RequestContext, id: i64) -> Result<ImportJobView, AppError> {
        Services::import_job(self, req, id).await
    }

    async fn save_draft(
        &self,
        req: &RequestContext,
        key: &str,
        draft: PersonDraft,
    ) -> Result<(), AppError> {
        self.save_form_draft(req, key, draft).await
    }

    async fn draft(
        &self,
        req: &RequestContext,
        key: &str,
    ) -> Result<Option<PersonDraft>, AppError> {
        self.form_draft(req, key).await
    }

    async fn clear_draft(&self, req: &RequestContext, key: &str) -> Result<(), AppError> {
        self.clear_form_draft(req, key).await
    }
}
