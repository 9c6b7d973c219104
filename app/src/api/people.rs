//! People and their screenings.

use crate::model::error::AppError;
use crate::model::person::{ImportJobView, PeoplePage, PeopleQuery, PersonPage};
use crate::model::person_form::{PersonDraft, PersonForm};
use leptos::prelude::*;

#[server(endpoint = "people/list")]
pub async fn list_people(query: PeopleQuery) -> Result<PeoplePage, AppError> {
    let (ports, request) = super::context::current()?;
    ports.people.search(&request, query).await
}

#[server(endpoint = "people/page")]
pub async fn load_person_page(id: i64) -> Result<PersonPage, AppError> {
    let (ports, request) = super::context::current()?;
    ports.people.page(&request, id).await
}

/// The entry form; on success the browser goes to the new person's screening. Refused without
/// JavaScript, what was typed is kept as a draft for the page to show again.
#[server(endpoint = "people/create")]
pub async fn create_person(form: PersonForm) -> Result<i64, AppError> {
    use crate::model::person_form::NEW_PERSON_DRAFT;
    let (ports, request) = super::context::current()?;
    match ports.people.create(&request, form.to_document()).await {
        Ok(created) => {
            // A draft left by an earlier refusal is done with; failing to drop it costs nothing.
            let _ = ports.people.clear_draft(&request, NEW_PERSON_DRAFT).await;
            leptos_axum::redirect(&format!("/people/{}", created.id));
            Ok(created.id)
        }
        Err(err) => {
            keep_draft(&ports, &request, NEW_PERSON_DRAFT, form, None, &err).await;
            Err(err)
        }
    }
}

/// Keeps a refused form as a draft when the browser will come back without JavaScript, and only
/// for refusals the person can fix (not for "sign in" or "not allowed").
#[cfg(feature = "ssr")]
async fn keep_draft(
    ports: &crate::ports::Ports,
    request: &crate::model::request::RequestContext,
    key: &str,
    form: PersonForm,
    version: Option<i64>,
    err: &AppError,
) {
    let fixable = matches!(
        err,
        AppError::Invalid { .. } | AppError::Malformed { .. } | AppError::Conflict { .. }
    );
    if fixable && super::context::is_plain_form_post() {
        let draft = crate::model::person_form::PersonDraft { form, version };
        if let Err(e) = ports.people.save_draft(request, key, draft).await {
            leptos::logging::warn!("could not keep the refused form as a draft: {e}");
        }
    }
}

/// The caller's draft of a refused people form (`people/create` or `people/update:<id>`), if any.
#[server(endpoint = "people/draft")]
pub async fn load_person_draft(key: String) -> Result<Option<PersonDraft>, AppError> {
    let (ports, request) = super::context::current()?;
    ports.people.draft(&request, &key).await
}

/// The edit form. `version` is the one the form was filled from: a save over a newer version is
/// refused (409). On success the browser goes back to the person's screening; the answer is the
/// new version.
#[server(endpoint = "people/update")]
pub async fn update_person(id: i64, version: i64, form: PersonForm) -> Result<i64, AppError> {
    use crate::model::person_form::edit_person_draft;
    let (ports, request) = super::context::current()?;
    let key = edit_person_draft(id);
    match ports
        .people
        .update_from_form(&request, id, version, form.clone())
        .await
    {
        Ok(updated) => {
            let _ = ports.people.clear_draft(&request, &key).await;
            leptos_axum::redirect(&format!("/people/{}", updated.id));
            Ok(updated.version)
        }
        Err(err) => {
            keep_draft(&ports, &request, &key, form, Some(version), &err).await;
            Err(err)
        }
    }
}

#[server(endpoint = "people/decide")]
pub async fn record_decision(
    person_id: i64,
    decision: String,
    reason: String,
) -> Result<(), AppError> {
    let (ports, request) = super::context::current()?;
    ports
        .people
        .decide(&request, person_id, &decision, &reason)
        .await
        .map(|_| ())
}

#[server(endpoint = "findings/dismiss")]
pub async fn dismiss_finding(finding_id: i64, reason: String) -> Result<(), AppError> {
    let (ports, request) = super::context::current()?;
    ports
        .people
        .dismiss(&request, finding_id, &reason)
        .await
        .map(|_| ())
}

/// A security lead's verdict on a watch-list match: true (it stays open and blocks clearing).
#[server(endpoint = "findings/confirm")]
pub async fn confirm_match(finding_id: i64, reason: String) -> Result<(), AppError> {
    let (ports, request) = super::context::current()?;
    ports
        .people
        .confirm_match(&request, finding_id, &reason)
        .await
        .map(|_| ())
}

/// Starts importing pasted (or picked) JSON or CSV, up to the 1 MiB form limit (larger files go
/// through the API). The rows are checked at once; on success the import runs in the background
/// and the browser goes to its progress page. The answer is the import's number.
#[server(endpoint = "people/import")]
pub async fn import_people(format: String, text: String) -> Result<i64, AppError> {
    let (ports, request) = super::context::current()?;
    let id = ports.people.start_import(&request, &format, &text).await?;
    leptos_axum::redirect(&format!("/people/import/{id}"));
    Ok(id)
}

/// An import's progress, then its report or why it failed.
#[server(endpoint = "people/import-status")]
pub async fn import_status(id: i64) -> Result<ImportJobView, AppError> {
    let (ports, request) = super::context::current()?;
    ports.people.import_job(&request, id).await
}
