//! Watch-list matching (issue 4 item 3; INDICATORS.md §2.3 KNOWN-01..07, §6.4): pure and in
//! memory, built once per list version.
//!
//! * Names (KNOWN-01, -04, -05): normalised (`normalise.rs`), candidates found through the
//!   index (`index.rs`) so a query never scans every name, scored by aligned Jaro-Winkler
//!   (`score.rs`), then adjusted by date of birth and nationality (`qualifiers.rs`); ≥ 0.85 is a
//!   match to review, ≥ 0.95 with no contradicting qualifier a critical hold. Every match carries
//!   its explanation (`explain.rs`).
//! * Identifiers (KNOWN-02, -03, -06, -07): canonical forms looked up exactly
//!   (`identifiers.rs`); a hit is certain.
//!
//! The inputs are minimal shapes ([`ListName`], [`ListIdentifier`]) that a parsed entry converts
//! into; the matcher knows nothing of file formats.

pub mod candidates;
pub mod explain;
pub mod identifiers;
pub mod index;
pub mod jaro_winkler;
pub mod listed;
pub mod normalise;
pub mod qualifiers;
pub mod romanisation;
pub mod score;
pub mod script;
pub mod term;
#[cfg(test)]
mod tests;
pub mod types;

pub use identifiers::IdentifierKind;
pub use score::{Gate, CRITICAL_THRESHOLD, REVIEW_THRESHOLD};
pub use types::{
    Feature, IdentifierMatch, ListIdentifier, ListName, MatcherStats, NameKind, NameMatch,
    NameQuery, SearchCounts, Severity, MAX_RESULTS,
};

use identifiers::IdentifierIndex;
use index::{FormMatch, NameIndex, ORGANIZATION, PERSON};
use listed::Listed;
use normalise::{normalise, Style};
use qualifiers::{canonical_country, compare_dob, compare_nationality, parse_date};
use score::{Scratch, Side};
use std::collections::HashMap;
use term::{NameTerms, TermRef};

/// The matcher of one list version.
#[derive(Debug)]
pub struct Matcher {
    listed: Listed,
    index: NameIndex,
    identifiers: IdentifierIndex,
}

/// A query read one way: the parts and which kinds of listed names it is compared with.
struct View {
    terms: NameTerms,
    kinds: u8,
}

/// A query is read as a person's name and, when that differs (legal form, comma), also as an
/// organisation's; each reading is compared with the listed names of its kind.
fn views(name: &str) -> Vec<View> {
    let person = normalise(name, Style::Person);
    let organization = normalise(name, Style::Organization);
    if person == organization {
        return vec![View {
            terms: NameTerms::new(&person),
            kinds: PERSON | ORGANIZATION,
        }];
    }
    vec![
        View {
            terms: NameTerms::new(&person),
            kinds: PERSON,
        },
        View {
            terms: NameTerms::new(&organization),
            kinds: ORGANIZATION,
        },
    ]
}

impl Matcher {
    /// Builds the matcher; names that normalise to nothing and unusable identifiers are skipped.
    pub fn new(names: &[ListName], identifiers: &[ListIdentifier]) -> Matcher {
        let limit = names.len().min(u32::MAX as usize - 1);
        let names = &names[..limit];
        let mut listed = Listed::new(names);
        let index = NameIndex::build(names.iter().enumerate().map(|(i, n)| {
            let (style, kind) = match n.kind {
                NameKind::Person => (Style::Person, PERSON),
                NameKind::Organization => (Style::Organization, ORGANIZATION),
            };
            (i as u32, normalise(&n.name, style), kind)
        }));
        let mut identifier_index = IdentifierIndex::default();
        for identifier in identifiers {
            let entry = listed.entry(&identifier.entry_id);
            identifier_index.insert(identifier.kind, &identifier.value, entry);
        }
        Matcher {
            listed,
            index,
            identifiers: identifier_index,
        }
    }

    /// The best match per entry, highest score first, at most [`MAX_RESULTS`].
    pub fn match_name(&self, query: &NameQuery<'_>) -> Vec<NameMatch> {
        let mut best: HashMap<String, NameMatch> = HashMap::new();
        for found in self.match_name_all(query) {
            let keep = best
                .get(&found.entry_id)
                .is_some_and(|kept| rank(kept, &found).is_le());
            if !keep {
                best.insert(found.entry_id.clone(), found);
            }
        }
        let mut matches: Vec<NameMatch> = best.into_values().collect();
        matches.sort_by(rank);
        matches.truncate(MAX_RESULTS);
        matches
    }

    /// Every listed name at or above the review threshold, found through the index.
    pub fn match_name_all(&self, query: &NameQuery<'_>) -> Vec<NameMatch> {
        // Both readings of a name (as a person's, as an organisation's) share most parts.
        let cache = std::cell::RefCell::new(candidates::HitCache::default());
        self.collect(query, Gate::Comparable, |terms, kinds| {
            self.index
                .search_cached(terms, kinds, &mut cache.borrow_mut())
                .matches
        })
    }

    /// Every listed name at or above the review threshold, found by scoring every name: the
    /// reference [`Matcher::match_name_all`] is measured against. With `Gate::Comparable` the
    /// answers are equal; `Gate::PlainJaroWinkler` also pairs parts that share no key.
    pub fn match_name_exhaustive(&self, query: &NameQuery<'_>, gate: Gate) -> Vec<NameMatch> {
        self.collect(query, gate, |terms, kinds| {
            self.index.exhaustive(terms, kinds, gate)
        })
    }

    /// The listed identifiers equal to `value` once both are canonical.
    pub fn match_identifier(&self, kind: IdentifierKind, value: &str) -> Vec<IdentifierMatch> {
        let (canonical, found) = self.identifiers.find(kind, value);
        let Some(canonical) = canonical else {
            return Vec::new();
        };
        found
            .iter()
            .filter_map(|listed| {
                Some(IdentifierMatch {
                    entry_id: self.listed.entry_at(listed.entry)?.id.clone(),
                    kind,
                    indicator: kind.indicator(),
                    value: canonical.clone(),
                    matched_value: listed.value.clone(),
                    severity: if kind == IdentifierKind::GithubLogin {
                        Severity::Review // KNOWN-06 is medium: community lists, not designations
                    } else {
                        Severity::Critical
                    },
                })
            })
            .collect()
    }

    /// The index's work for a query, summed over its readings.
    pub fn search_counts(&self, query: &NameQuery<'_>) -> SearchCounts {
        let mut counts = SearchCounts {
            forms: self.index.form_count(),
            ..SearchCounts::default()
        };
        for view in views(query.name) {
            let search = self.index.search(&view.terms, view.kinds);
            counts.visited += search.visited;
            counts.aligned += search.aligned;
        }
        counts
    }

    /// Sizes and approximate heap use.
    pub fn stats(&self) -> MatcherStats {
        MatcherStats {
            names: self.listed.name_count(),
            entries: self.listed.entry_count(),
            forms: self.index.form_count(),
            terms: self.index.term_count(),
            keys: self.index.key_count(),
            postings: self.index.posting_count(),
            identifiers: self.identifiers.len(),
            heap_bytes: self.listed.heap_bytes()
                + self.index.heap_bytes()
                + self.identifiers.heap_bytes(),
        }
    }

    /// Forms found by `find` for each reading of the query, turned into matches per listed name.
    fn collect(
        &self,
        query: &NameQuery<'_>,
        gate: Gate,
        find: impl Fn(&NameTerms, u8) -> Vec<FormMatch>,
    ) -> Vec<NameMatch> {
        let dob = query.birth_date.and_then(parse_date);
        let nationality = query.nationality.and_then(canonical_country);
        let mut matches = Vec::new();
        for view in views(query.name) {
            for form in find(&view.terms, view.kinds) {
                for name in self.index.names_of(form.form) {
                    let Some(record) = self.listed.name(*name) else {
                        continue;
                    };
                    let kind_bit = if record.kind == NameKind::Person {
                        PERSON
                    } else {
                        ORGANIZATION
                    };
                    if kind_bit & view.kinds == 0 {
                        continue;
                    }
                    let qualified = explain::Qualified {
                        dob: compare_dob(dob.as_ref(), &record.entry.birth_dates),
                        query_dob: query.birth_date,
                        listed_dobs: &record.entry.birth_dates_as_listed,
                        nationality: compare_nationality(
                            nationality.as_deref(),
                            &record.entry.nationalities,
                        ),
                        query_nationality: query.nationality,
                        listed_nationalities: &record.entry.nationalities,
                    };
                    let score = (form.similarity
                        + qualified.dob.adjustment()
                        + qualified.nationality.adjustment())
                    .clamp(0.0, 1.0);
                    if score < REVIEW_THRESHOLD {
                        continue;
                    }
                    let contradicted =
                        qualified.dob.contradicts() || qualified.nationality.contradicts();
                    let severity = if score >= CRITICAL_THRESHOLD && !contradicted && !form.initials
                    {
                        Severity::Critical
                    } else {
                        Severity::Review
                    };
                    let mut explanation = self.explain_alignment(&view.terms, form, gate);
                    explanation.extend(explain::qualifiers(
                        &qualified,
                        record.is_alias,
                        record.kind,
                    ));
                    explanation.push(explain::decision(
                        score,
                        severity,
                        contradicted,
                        form.initials,
                    ));
                    matches.push(NameMatch {
                        entry_id: record.entry.id.clone(),
                        name_index: *name as usize,
                        matched_name: record.text.to_owned(),
                        is_alias: record.is_alias,
                        kind: record.kind,
                        name_similarity: form.similarity,
                        score,
                        severity,
                        explanation,
                    });
                }
            }
        }
        matches
    }

    /// Re-aligns the query with a matched form to describe the pairs.
    fn explain_alignment(&self, query: &NameTerms, form: FormMatch, gate: Gate) -> Vec<Feature> {
        let q_parts: Vec<TermRef<'_>> = query.parts.iter().map(|t| t.view()).collect();
        let q_joined: Vec<Option<TermRef<'_>>> = query
            .joined
            .iter()
            .map(|j| j.as_ref().map(|t| t.view()))
            .collect();
        let (mut parts, mut joined) = (Vec::new(), Vec::new());
        let mut scratch = Scratch::default();
        let side = Side {
            parts: &q_parts,
            joined: &q_joined,
        };
        if self
            .index
            .align_form(
                form.form,
                &side,
                gate,
                &mut parts,
                &mut joined,
                &mut scratch,
            )
            .is_none()
        {
            return Vec::new();
        }
        explain::alignment(query, &parts, &scratch, form.similarity, form.initials)
    }
}

/// Higher score first, then critical first, then primary names, then entry id (stable output).
fn rank(a: &NameMatch, b: &NameMatch) -> std::cmp::Ordering {
    b.score
        .total_cmp(&a.score)
        .then(b.severity.cmp(&a.severity))
        .then(a.is_alias.cmp(&b.is_alias))
        .then(a.entry_id.cmp(&b.entry_id))
        .then(a.name_index.cmp(&b.name_index))
}
