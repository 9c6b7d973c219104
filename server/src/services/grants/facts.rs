//! What the grant policy knows of a person: their latest screening decision, who made it, and
//! the serious findings still open; and the summary reviewers see beside each request.

use super::super::support::OrInternal;
use crate::clock::rfc3339;
use crate::grants::{policy, PolicySettings, ScreeningFacts};
use crate::store::db::Conn;
use crate::store::people::{self, PersonRecord};
use crate::store::{decisions, screenings};
use clearance_app::model::error::AppError;
use clearance_app::model::grants::ScreeningBrief;
use clearance_app::model::request::RequestContext;
use std::collections::HashSet;

/// Severities that block access while a finding of them is open.
const SERIOUS: [&str; 2] = ["high", "critical"];

pub(in crate::services) struct PersonFacts {
    pub person: PersonRecord,
    pub facts: ScreeningFacts,
    pub brief: ScreeningBrief,
}

/// The user id in an actor label (`user:7`), if it is one.
pub(in crate::services) fn user_id_of(actor: &str) -> Option<i64> {
    actor.strip_prefix("user:").and_then(|id| id.parse().ok())
}

pub(in crate::services) async fn load(
    conn: &mut Conn,
    req: &RequestContext,
    person_id: i64,
    settings: &PolicySettings,
) -> Result<PersonFacts, AppError> {
    let person = people::find(conn, person_id)
        .await
        .or_internal(req)?
        .ok_or_else(|| AppError::not_found("There is no person with this id."))?;
    let latest_decision = decisions::decisions(conn, person_id)
        .await
        .or_internal(req)?
        .into_iter()
        .next();
    let mut open_serious = Vec::new();
    if let Some(latest) = screenings::latest(conn, person_id).await.or_internal(req)? {
        let dismissed: HashSet<String> = screenings::dismissals(conn, person_id)
            .await
            .or_internal(req)?
            .into_iter()
            .map(|d| d.fingerprint)
            .collect();
        open_serious = screenings::findings_of(conn, latest.id)
            .await
            .or_internal(req)?
            .into_iter()
            .filter(|f| {
                SERIOUS.contains(&f.severity.as_str()) && !dismissed.contains(&f.fingerprint)
            })
            .map(|f| f.indicator)
            .collect();
        open_serious.sort();
        open_serious.dedup();
    }
    let facts = ScreeningFacts {
        decision: latest_decision.as_ref().map(|d| d.decision.clone()),
        decided_at_ms: latest_decision.as_ref().map(|d| d.decided_at_ms),
        decided_by: latest_decision
            .as_ref()
            .and_then(|d| user_id_of(&d.decided_by)),
        open_serious,
    };
    let brief = ScreeningBrief {
        person_id,
        person_name: person.full_name.clone(),
        band: person.band.clone(),
        score: person.score,
        decision: facts.decision.clone(),
        decided_at: facts.decided_at_ms.map(rfc3339),
        valid_until: policy::valid_until_ms(&facts, settings).map(rfc3339),
        open_serious: facts.open_serious.clone(),
    };
    Ok(PersonFacts {
        person,
        facts,
        brief,
    })
}
