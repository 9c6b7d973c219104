//! Test fixtures shared by the link tests: an in-memory stand-in for the link index, so that a
//! test goes from profiles to keys to hits to findings the way a screening does.

use clearance_app::model::profile::ProfileDocument;

use super::{link_findings, link_keys, LinkHit};
use crate::scoring::{names, Finding};

/// Someone with only a legal name.
pub(super) fn person(name: &str) -> ProfileDocument {
    let mut p = ProfileDocument::default();
    p.identity.legal_name.full = name.into();
    p
}

/// The identity key of a profile without a date of birth.
pub(super) fn identity(p: &ProfileDocument) -> String {
    format!("{}|", names::sorted_key(&p.identity.legal_name.full))
}

/// What the index returns for `own`: every key of every other profile equal to one of its keys,
/// with that profile's payload.
pub(super) fn index_hits(
    own: &ProfileDocument,
    others: &[(i64, &ProfileDocument)],
) -> Vec<LinkHit> {
    let mine = link_keys(own);
    let mut hits = Vec::new();
    for (id, other) in others {
        for key in link_keys(other) {
            if mine.iter().any(|k| k.kind == key.kind && k.key == key.key) {
                hits.push(LinkHit {
                    kind: key.kind,
                    key: key.key,
                    other_person_id: *id,
                    other_identity_key: identity(other),
                    other_payload: key.payload,
                });
            }
        }
    }
    hits
}

/// The findings of `indicator` for `own` among `others` (id, profile).
pub(super) fn found(
    own: &ProfileDocument,
    others: &[(i64, &ProfileDocument)],
    indicator: &str,
) -> Vec<Finding> {
    link_findings(&link_keys(own), &identity(own), &index_hits(own, others))
        .into_iter()
        .filter(|f| f.indicator == indicator)
        .collect()
}
