//! A matched name form's listed names, each scored with the query's qualifiers (date of birth,
//! nationality; §6.4 step 6) and given its severity (step 7): what the index search finds turns
//! into [`Found`] names here, before `ranking.rs` picks which are returned.

use super::index::{FormMatch, ORGANIZATION, PERSON};
use super::listed::NameRecord;
use super::qualifiers::{
    compare_dob, compare_nationality, DobAgreement, NationalityAgreement, QueryQualifiers,
};
use super::term::NameTerms;
use super::types::{NameKind, NameQuery, Severity};
use super::{Matcher, View, CRITICAL_THRESHOLD, REVIEW_THRESHOLD};

/// A listed name found for a query and scored, before its explanation is written.
/// The highest score a name can have, whatever its qualifiers add.
pub(super) const MAX_SCORE: f64 = 1.0;

pub(super) struct Found<'m> {
    /// Which reading of the query (`views`) found it.
    pub view: usize,
    pub form: FormMatch,
    pub name: u32,
    pub record: NameRecord<'m>,
    pub dob: DobAgreement,
    pub nationality: NationalityAgreement,
    pub score: f64,
    pub severity: Severity,
    pub contradicted: bool,
}

impl Found<'_> {
    /// Higher score first, then critical first, then the closer name (the qualifiers can lift
    /// a near spelling to the exact name's score of 1), then primary names, then entry id
    /// (stable output).
    pub fn rank(&self, other: &Found<'_>) -> std::cmp::Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then(other.severity.cmp(&self.severity))
            .then(other.form.similarity.total_cmp(&self.form.similarity))
            .then(self.record.is_alias.cmp(&other.record.is_alias))
            .then(self.record.entry.id.cmp(&other.record.entry.id))
            .then(self.name.cmp(&other.name))
    }
}

impl Matcher {
    /// Forms found by `find` for each reading of the query, scored per listed name with the
    /// qualifiers; those at or above the review threshold.
    pub(super) fn found<'m>(
        &'m self,
        query: &NameQuery<'_>,
        views: &[View],
        find: impl Fn(&NameTerms, u8) -> Vec<FormMatch>,
    ) -> Vec<Found<'m>> {
        let qualifiers = QueryQualifiers::new(query.birth_date, query.nationality);
        let mut found = Vec::new();
        for (view_index, view) in views.iter().enumerate() {
            for form in find(&view.terms, view.kinds) {
                found.extend(self.found_in(&qualifiers, view_index, view.kinds, form));
            }
        }
        found
    }

    /// The listed names of a matched form (of the reading's kinds), scored with the
    /// qualifiers; those at or above the review threshold.
    pub(super) fn found_in<'m>(
        &'m self,
        qualifiers: &QueryQualifiers,
        view: usize,
        kinds: u8,
        form: FormMatch,
    ) -> impl Iterator<Item = Found<'m>> + 'm {
        let (dob, nationality) = (qualifiers.dob, qualifiers.nationality.clone());
        self.index
            .names_of(form.form)
            .iter()
            .filter_map(move |name| {
                let record = self.listed.name(*name)?;
                let kind_bit = if record.kind == NameKind::Person {
                    PERSON
                } else {
                    ORGANIZATION
                };
                if kind_bit & kinds == 0 {
                    return None;
                }
                let dob = compare_dob(dob.as_ref(), &record.entry.birth_dates);
                let nationality =
                    compare_nationality(nationality.as_deref(), &record.entry.nationalities);
                let score = (form.similarity + dob.adjustment() + nationality.adjustment())
                    .clamp(0.0, MAX_SCORE);
                if score < REVIEW_THRESHOLD {
                    return None;
                }
                let contradicted = dob.contradicts() || nationality.contradicts();
                let severity = if score >= CRITICAL_THRESHOLD && !contradicted && !form.initials {
                    Severity::Critical
                } else {
                    Severity::Review
                };
                Some(Found {
                    view,
                    form,
                    name: *name,
                    record,
                    dob,
                    nationality,
                    score,
                    severity,
                    contradicted,
                })
            })
    }
}
