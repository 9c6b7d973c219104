//! Entering and finding people. Every change is a new version (who, when, which sections) and an
//! audit entry, the link index is updated, and the person and everyone newly or formerly linked
//! to them are screened again, all in one transaction.

use super::support::{audit, authorize, bounded, OrInternal};
use super::Services;
use crate::clock::{rfc3339, unix_now_ms};
use crate::profiles::{protect::protect, validate::validate};
use crate::scoring::links;
use crate::store::db::Conn;
use crate::store::link_index;
use crate::store::people::{self, Filter, MatchFilter, PersonFields, PersonRecord, Sort};
use clearance_app::model::access::Operation;
use clearance_app::model::error::AppError;
use clearance_app::model::page::{PageInfo, DEFAULT_PER_PAGE};
use clearance_app::model::person::{
    CreatedPerson, PeoplePage, PeopleQuery, PersonSummary, PersonView, BANDS, MATCH_FILTERS,
    STATUSES,
};
use clearance_app::model::profile::ProfileDocument;
use clearance_app::model::request::RequestContext;
use serde_json::json;

/// Lower-cased name, e-mails and phones: what the list's search box matches.
pub(super) fn search_text(doc: &ProfileDocument) -> String {
    let mut parts = vec![doc.identity.legal_name.full.to_lowercase()];
    parts.extend(doc.contact.emails.iter().map(|e| e.address.to_lowercase()));
    parts.extend(doc.contact.phones.iter().map(|p| p.e164.clone()));
    parts.join(" ")
}

/// The top-level sections that differ between two versions (for the version history).
fn changed_sections(before: &ProfileDocument, after: &ProfileDocument) -> Vec<String> {
    let (a, b) = (
        serde_json::to_value(before).unwrap_or_default(),
        serde_json::to_value(after).unwrap_or_default(),
    );
    match (a.as_object(), b.as_object()) {
        (Some(a), Some(b)) => b
            .keys()
            .filter(|k| a.get(*k) != b.get(*k))
            .cloned()
            .collect(),
        _ => Vec::new(),
    }
}

/// The answer to a save based on an older version than `current`, the stored one.
fn stale(current: i64) -> AppError {
    AppError::conflict(format!(
        "Someone else saved this profile since you opened it (it is now at version {current}). \
         Reload the page to see their changes, then edit again."
    ))
}

fn person_view(record: PersonRecord) -> Result<PersonView, serde_json::Error> {
    Ok(PersonView {
        id: record.id,
        document: serde_json::from_str(&record.document)?,
        kind: record.kind,
        status: record.status,
        version: record.version,
        score: record.score,
        band: record.band,
        created_at: rfc3339(record.created_at_ms),
        updated_at: rfc3339(record.updated_at_ms),
    })
}

impl Services {
    /// Validates, protects and serialises a document; returns it with its JSON.
    pub(super) fn prepare(
        &self,
        mut doc: ProfileDocument,
    ) -> Result<(ProfileDocument, String), AppError> {
        validate(&mut doc)?;
        protect(&mut doc, &self.hash_key);
        let json = serde_json::to_string(&doc)
            .map_err(|e| AppError::malformed("document", e.to_string()))?;
        Ok((doc, json))
    }

    /// Inserts a prepared person inside `conn`'s transaction: version 1, link keys, audit entry,
    /// screening, and re-screening of everyone it links to. Shared by entry and import.
    pub(super) async fn insert_person(
        &self,
        conn: &mut Conn,
        req: &RequestContext,
        doc: &ProfileDocument,
        json: &str,
        origin: &str,
    ) -> Result<i64, AppError> {
        let (identity_key, search) = (links::identity_key(doc), search_text(doc));
        let fields = PersonFields {
            kind: &doc.kind,
            full_name: &doc.identity.legal_name.full,
            identity_key: &identity_key,
            search_text: &search,
            document: json,
            referred_by: doc.source_channel.referred_by_profile_id,
        };
        let by = super::support::actor_label(req);
        let now = unix_now_ms();
        let id = people::insert(conn, &fields, &by, now)
            .await
            .or_internal(req)?;
        let changed = serde_json::to_string(&[origin]).or_internal(req)?;
        people::insert_version(conn, id, 1, json, &changed, &by, now)
            .await
            .or_internal(req)?;
        link_index::replace_link_keys(conn, id, &links::link_keys(doc))
            .await
            .or_internal(req)?;
        audit(
            conn,
            req,
            "person.created",
            &format!("person:{id}"),
            json!({ "kind": doc.kind, "origin": origin }),
        )
        .await
        .or_internal(req)?;
        let others = self.rescreen(conn, req, id, origin).await?;
        self.rescreen_many(
            conn,
            req,
            &others,
            &format!("linked profile person:{id} was added"),
        )
        .await?;
        Ok(id)
    }

    pub async fn create_person(
        &self,
        req: &RequestContext,
        doc: ProfileDocument,
    ) -> Result<CreatedPerson, AppError> {
        authorize(&self.db, req, Operation::EditPeople).await?;
        let (doc, json) = self.prepare(doc)?;
        let mut tx = self.db.begin().await.or_internal(req)?;
        let id = self
            .insert_person(&mut tx, req, &doc, &json, "created")
            .await?;
        let screening = self.screening_view(&mut tx, req, id).await?;
        tx.commit().await.or_internal(req)?;
        Ok(CreatedPerson { id, screening })
    }

    /// Stores a new version. With `expected_version` (the edit form's), a save over a version
    /// someone else stored since is refused, rather than silently undoing their change.
    pub async fn update_person(
        &self,
        req: &RequestContext,
        id: i64,
        doc: ProfileDocument,
        expected_version: Option<i64>,
    ) -> Result<PersonView, AppError> {
        authorize(&self.db, req, Operation::EditPeople).await?;
        let (doc, json) = self.prepare(doc)?;
        let (identity_key, search) = (links::identity_key(&doc), search_text(&doc));
        let fields = PersonFields {
            kind: &doc.kind,
            full_name: &doc.identity.legal_name.full,
            identity_key: &identity_key,
            search_text: &search,
            document: &json,
            referred_by: doc.source_channel.referred_by_profile_id,
        };
        let by = super::support::actor_label(req);
        let now = unix_now_ms();
        let mut tx = self.db.begin().await.or_internal(req)?;
        let before = people::find(&mut tx, id)
            .await
            .or_internal(req)?
            .ok_or_else(|| AppError::not_found("There is no person with this id."))?;
        if expected_version.is_some_and(|v| v != before.version) {
            return Err(stale(before.version));
        }
        let old: ProfileDocument = serde_json::from_str(&before.document).or_internal(req)?;
        let changed = changed_sections(&old, &doc);
        if changed.is_empty() {
            tx.commit().await.or_internal(req)?;
            return person_view(before).or_internal(req);
        }
        // People linked before the change may no longer be, and must be re-scored too.
        let old_links = link_index::link_hits(&mut tx, id, &links::link_keys(&old))
            .await
            .or_internal(req)?;
        let version = people::update(&mut tx, id, &fields, now)
            .await
            .or_internal(req)?;
        // On PostgreSQL two saves of one version can both pass the check above; the row lock
        // makes the later one count from the earlier one's version here. Returning drops (rolls
        // back) the transaction.
        if expected_version.is_some_and(|v| v.saturating_add(1) != version) {
            return Err(stale(version.saturating_sub(1)));
        }
        let changed_json = serde_json::to_string(&changed).or_internal(req)?;
        people::insert_version(&mut tx, id, version, &json, &changed_json, &by, now)
            .await
            .or_internal(req)?;
        link_index::replace_link_keys(&mut tx, id, &links::link_keys(&doc))
            .await
            .or_internal(req)?;
        audit(
            &mut tx,
            req,
            "person.updated",
            &format!("person:{id}"),
            json!({ "version": version, "changed": changed }),
        )
        .await
        .or_internal(req)?;
        let mut others = self
            .rescreen(&mut tx, req, id, &format!("version {version}"))
            .await?;
        others.extend(old_links.iter().map(|h| h.other_person_id));
        others.sort_unstable();
        others.dedup();
        self.rescreen_many(
            &mut tx,
            req,
            &others,
            &format!("linked profile person:{id} changed"),
        )
        .await?;
        let after = people::find(&mut tx, id)
            .await
            .or_internal(req)?
            .ok_or_else(|| AppError::not_found("There is no person with this id."))?;
        tx.commit().await.or_internal(req)?;
        person_view(after).or_internal(req)
    }

    pub async fn person(&self, req: &RequestContext, id: i64) -> Result<PersonView, AppError> {
        authorize(&self.db, req, Operation::ViewPeople).await?;
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let record = people::find(&mut conn, id)
            .await
            .or_internal(req)?
            .ok_or_else(|| AppError::not_found("There is no person with this id."))?;
        person_view(record).or_internal(req)
    }

    pub async fn search_people(
        &self,
        req: &RequestContext,
        query: PeopleQuery,
    ) -> Result<PeoplePage, AppError> {
        authorize(&self.db, req, Operation::ViewPeople).await?;
        let one_of = |field: &str,
                      value: Option<String>,
                      allowed: &[&str]|
         -> Result<Option<String>, AppError> {
            match value
                .map(|v| v.trim().to_lowercase())
                .filter(|v| !v.is_empty())
            {
                Some(v) if allowed.contains(&v.as_str()) => Ok(Some(v)),
                Some(v) => Err(AppError::invalid(
                    field,
                    format!("\"{v}\" is not one of {}.", allowed.join(", ")),
                )),
                None => Ok(None),
            }
        };
        let text = match query.q {
            Some(q) => Some(bounded("q", q.trim(), 200)?.to_lowercase()).filter(|q| !q.is_empty()),
            None => None,
        };
        let filter = Filter {
            text,
            status: one_of("status", query.status, &STATUSES)?,
            band: one_of("band", query.band, &BANDS)?,
            kind: one_of("kind", query.kind, &["candidate", "contractor"])?,
            matches: match one_of("watchlist", query.watchlist, &MATCH_FILTERS)?.as_deref() {
                Some("confirmed") => Some(MatchFilter::Confirmed),
                Some(_) => Some(MatchFilter::ToReview),
                None => None,
            },
        };
        let sort = match query.sort.as_deref().map(str::trim) {
            None | Some("") | Some("updated") => Sort::Updated,
            Some("name") => Sort::Name,
            Some("score") => Sort::Score,
            Some(other) => {
                return Err(AppError::invalid(
                    "sort",
                    format!("\"{other}\" is not one of updated, name, score."),
                ))
            }
        };
        let wanted = PageInfo::new(query.page.unwrap_or(1), DEFAULT_PER_PAGE, 0);
        let mut conn = self.db.reader().acquire().await.or_internal(req)?;
        let (rows, total) = people::search(
            &mut conn,
            &filter,
            sort,
            i64::from(wanted.per_page),
            wanted.offset(),
        )
        .await
        .or_internal(req)?;
        let people = rows
            .into_iter()
            .map(|r| PersonSummary {
                id: r.id,
                full_name: r.full_name,
                kind: r.kind,
                status: r.status,
                score: r.score,
                band: r.band,
                updated_at: rfc3339(r.updated_at_ms),
            })
            .collect();
        Ok(PeoplePage {
            people,
            page: PageInfo::new(wanted.page, DEFAULT_PER_PAGE, total),
        })
    }
}
