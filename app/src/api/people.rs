//! People and their screenings.

use crate::model::error::AppError;
use crate::model::person::{ImportJobView, PeoplePage, PeopleQuery, PersonPage};
use crate::model::person_form::PersonForm;
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

/// The entry form; on success the browser goes to the new person's screening.
#[server(endpoint = "people/create")]
pub async fn create_person(form: PersonForm) -> Result<i64, AppError> {
    let (ports, request) = super::context::current()?;
    let created = ports.people.create(&request, form.to_document()).await?;
    leptos_axum::redirect(&format!("/people/{}", created.id));
    Ok(created.id)
}

/// The edit form. `version` is the one the form was filled from: a save over a newer version is
/// refused (409). On success the browser goes back to the person's screening; the answer is the
/// new version.
#[server(endpoint = "people/update")]
pub async fn update_person(id: i64, version: i64, form: PersonForm) -> Result<i64, AppError> {
    let (ports, request) = super::context::current()?;
    let updated = ports
        .people
        .update_from_form(&request, id, version, form)
        .await?;
    leptos_axum::redirect(&format!("/people/{}", updated.id));
    Ok(updated.version)
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
