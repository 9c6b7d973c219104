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

mod accumulate;
mod bitmap;
pub mod candidates;
mod evaluate;
mod exhaustive;
pub mod explain;
mod form_table;
mod found;
pub mod hits;
pub mod identifiers;
pub mod index;
pub mod jaro_winkler;
mod keys;
pub mod listed;
mod neighbours;
pub mod normalise;
mod orders;
pub mod qualifiers;
mod ranking;
pub mod romanisation;
pub mod score;
pub mod script;
mod seed;
pub mod term;
#[cfg(test)]
mod tests;
pub mod types;
pub mod vocabulary;

pub use identifiers::IdentifierKind;
pub use score::{Gate, CRITICAL_THRESHOLD, REVIEW_THRESHOLD};
pub use types::{
    Feature, IdentifierMatch, ListIdentifier, ListName, MatcherStats, NameKind, NameMatch,
    NameQuery, SearchCounts, Severity, MAX_RESULTS,
};

use found::Found;
use identifiers::IdentifierIndex;
use index::{FormMatch, NameIndex, ORGANIZATION, PERSON};
use listed::Listed;
use normalise::{normalise, Style};
use qualifiers::{QueryQualifiers, YearWindow};
use ranking::Best;
use score::{Scratch, Side};
use term::{NameTerms, TermRef};

/// The matcher of one list version.
#[derive(Debug)]
pub struct Matcher {
    listed: Listed,
    index: NameIndex,
    identifiers: IdentifierIndex,
    /// Per name form, the birth years of the entries behind it (`qualifiers::YearWindow`).
    form_years: Vec<Option<YearWindow>>,
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
        let form_years = (0..index.form_count() as u32)
            .map(|form| {
                YearWindow::of(index.names_of(form).iter().map(|name| {
                    listed
                        .name(*name)
                        .map_or(&[][..], |record| record.entry.birth_dates.as_slice())
                }))
            })
            .collect();
        Matcher {
            listed,
            index,
            identifiers: identifier_index,
            form_years,
        }
    }

    /// The best match per entry, highest score first, at most [`MAX_RESULTS`]. Only those are
    /// explained, and the index search stops once no other name can make the cut: a common
    /// name can match thousands of listed names.
    pub fn match_name(&self, query: &NameQuery<'_>) -> Vec<NameMatch> {
        self.best_of_kinds(query, PERSON | ORGANIZATION)
    }

    /// [`Matcher::match_name`] among the listed organisations only (an employer's name, KNOWN-04):
    /// the best ten of every listed name could all be persons.
    pub fn match_organization(&self, name: &str) -> Vec<NameMatch> {
        let query = NameQuery {
            name,
            ..NameQuery::default()
        };
        self.best_of_kinds(&query, ORGANIZATION)
    }

    fn best_of_kinds(&self, query: &NameQuery<'_>, kinds: u8) -> Vec<NameMatch> {
        let views = views(query.name);
        let qualifiers = QueryQualifiers::new(query.birth_date, query.nationality);
        let mut best = Best::new(MAX_RESULTS);
        // Both readings of a name (as a person's, as an organisation's) share most parts.
        let mut cache = hits::HitCache::default();
        // Without a query date, every form has the same room: its years are not read.
        let room_of = |form: u32| {
            let years = match qualifiers.dob {
                Some(_) => self.form_years.get(form as usize).copied().flatten(),
                None => None,
            };
            qualifiers.room(years)
        };
        let room = candidates::Room {
            most: qualifiers.room(None),
            of: &room_of,
        };
        for (view_index, view) in views.iter().enumerate() {
            let kinds = view.kinds & kinds;
            if kinds == 0 {
                continue;
            }
            // What the first reading kept already bounds the second's search.
            let floor = best.floor();
            self.index.search_best_first(
                &view.terms,
                kinds,
                &mut cache,
                &room,
                floor,
                &mut |form| {
                    for found in self.found_in(&qualifiers, view_index, kinds, form) {
                        best.offer(found);
                    }
                    best.floor()
                },
            );
        }
        best.into_ranked()
            .iter()
            .map(|found| self.explained(query, &views, found, Gate::Comparable))
            .collect()
    }

    /// Every listed name at or above the review threshold, found through the index.
    pub fn match_name_all(&self, query: &NameQuery<'_>) -> Vec<NameMatch> {
        let views = views(query.name);
        self.found_by_index(query, &views)
            .iter()
            .map(|found| self.explained(query, &views, found, Gate::Comparable))
            .collect()
    }

    /// Every listed name at or above the review threshold, found by scoring every name: the
    /// reference [`Matcher::match_name_all`] is measured against. With `Gate::Comparable` the
    /// answers are equal; `Gate::PlainJaroWinkler` also pairs parts that are not comparable.
    pub fn match_name_exhaustive(&self, query: &NameQuery<'_>, gate: Gate) -> Vec<NameMatch> {
        let views = views(query.name);
        self.found(query, &views, |terms, kinds| {
            self.index.exhaustive(terms, kinds, gate)
        })
        .iter()
        .map(|found| self.explained(query, &views, found, gate))
        .collect()
    }

    /// [`Matcher::found`] through the index.
    fn found_by_index(&self, query: &NameQuery<'_>, views: &[View]) -> Vec<Found<'_>> {
        // Both readings of a name (as a person's, as an organisation's) share most parts.
        let cache = std::cell::RefCell::new(hits::HitCache::default());
        self.found(query, views, |terms, kinds| {
            self.index
                .search_cached(terms, kinds, &mut cache.borrow_mut())
                .matches
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
            precomputed_terms: self.index.precomputed_count(),
            identifiers: self.identifiers.len(),
            heap_bytes: self.listed.heap_bytes()
                + self.index.heap_bytes()
                + self.identifiers.heap_bytes(),
        }
    }

    /// A found name as a match, with its explanation.
    fn explained(
        &self,
        query: &NameQuery<'_>,
        views: &[View],
        found: &Found<'_>,
        gate: Gate,
    ) -> NameMatch {
        let record = found.record;
        let qualified = explain::Qualified {
            dob: found.dob,
            query_dob: query.birth_date,
            listed_dobs: &record.entry.birth_dates_as_listed,
            nationality: found.nationality,
            query_nationality: query.nationality,
            listed_nationalities: &record.entry.nationalities,
        };
        let mut explanation = views
            .get(found.view)
            .map(|view| self.explain_alignment(&view.terms, found.form, gate))
            .unwrap_or_default();
        explanation.extend(explain::qualifiers(
            &qualified,
            record.is_alias,
            record.kind,
        ));
        explanation.push(explain::decision(
            found.score,
            found.severity,
            found.contradicted,
            found.form.initials,
        ));
        NameMatch {
            entry_id: record.entry.id.clone(),
            name_index: found.name as usize,
            matched_name: record.text.to_owned(),
            is_alias: record.is_alias,
            kind: record.kind,
            name_similarity: found.form.similarity,
            score: found.score,
            severity: found.severity,
            explanation,
        }
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
