//! The screening engine's watch-list lookup (`scoring::known::WatchlistLookup`) over the active
//! version of every list: a profile's names, contacts, wallets and employers against each list's
//! matcher, each hit with its list, version, entry, score and explanation (INDICATORS.md §2.3).
//! Pure: built from parsed entries, read by many screenings at once.

mod hashed;
mod inputs;
mod profile_fields;

pub use inputs::{entry_digest, matcher_inputs};

use super::entry::Entry;
use super::matching::{
    IdentifierKind, Matcher, NameMatch, NameQuery, Severity as MatchSeverity, REVIEW_THRESHOLD,
};
use crate::scoring::finding::Severity;
use crate::scoring::known::{WatchlistHit, WatchlistLookup};
use clearance_app::model::profile::ProfileDocument;
use hashed::{profile_numbers, HashedNumbers};
use profile_fields::{profile_identifiers, profile_names};
use std::collections::HashMap;

/// Which version of which list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListVersion {
    pub source: String,
    pub version_id: i64,
}

/// What hits on a list mean: sanctions lists designate; custom lists are incident indicators
/// (KNOWN-07) or, when their source id says `community`, unverified community leads (KNOWN-06).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListRole {
    Sanctions,
    Incidents,
    Community,
}

impl ListRole {
    pub fn of(source: &str, format: &str) -> ListRole {
        if format != "custom_csv" {
            ListRole::Sanctions
        } else if source.contains("community") {
            ListRole::Community
        } else {
            ListRole::Incidents
        }
    }
}

struct LoadedList {
    version: ListVersion,
    role: ListRole,
    matcher: Matcher,
    /// Entry id → (primary name, digest of the entry as imported).
    entries: HashMap<String, (String, String)>,
    /// The list's ID and account numbers by keyed hash (empty without a hash key).
    numbers: HashedNumbers,
}

/// The active lists; empty until a list is imported.
#[derive(Default)]
pub struct ActiveLists {
    lists: Vec<LoadedList>,
    /// The key profiles' ID and account numbers are hashed under; without it those numbers are
    /// not compared.
    hash_key: Option<Vec<u8>>,
}

impl ActiveLists {
    /// No lists yet, comparing ID and account numbers by their hashes under `key`.
    pub fn with_hash_key(key: &[u8]) -> ActiveLists {
        ActiveLists {
            lists: Vec::new(),
            hash_key: Some(key.to_vec()),
        }
    }

    /// Adds a list version (replacing nothing: the caller passes one version per source).
    pub fn add(&mut self, version: ListVersion, format: &str, entries: &[Entry]) {
        let (names, identifiers) = matcher_inputs(entries);
        let role = ListRole::of(&version.source, format);
        let entries = entries
            .iter()
            .map(|e| {
                let shown = if e.name.is_empty() {
                    e.remarks.clone().unwrap_or_else(|| e.id.clone())
                } else {
                    e.name.clone()
                };
                (e.id.clone(), (shown, entry_digest(e)))
            })
            .collect();
        let numbers = match &self.hash_key {
            Some(key) => HashedNumbers::new(key, &identifiers),
            None => HashedNumbers::default(),
        };
        self.lists.push(LoadedList {
            version,
            role,
            matcher: Matcher::new(&names, &identifiers),
            entries,
            numbers,
        });
    }

    pub fn versions(&self) -> Vec<ListVersion> {
        self.lists.iter().map(|l| l.version.clone()).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }
}

/// What one comparison found, before it becomes a [`WatchlistHit`] of a list.
struct Found<'a> {
    indicator: &'static str,
    entry_id: &'a str,
    field: String,
    value: &'a str,
    matched: &'a str,
    score: f64,
    severity: Severity,
    explanation: Vec<(String, String)>,
}

impl LoadedList {
    fn hit(&self, found: Found<'_>) -> WatchlistHit {
        let (shown, digest) = self
            .entries
            .get(found.entry_id)
            .cloned()
            .unwrap_or_else(|| (found.matched.to_owned(), String::new()));
        let matched = if shown == found.matched {
            shown
        } else {
            format!("{shown}: {}", found.matched)
        };
        WatchlistHit {
            indicator: found.indicator,
            list: self.version.source.clone(),
            list_version: self.version.version_id.to_string(),
            entry_id: found.entry_id.to_owned(),
            field: found.field,
            value: found.value.to_owned(),
            matched,
            score: found.score,
            severity: found.severity,
            entry_digest: digest,
            explanation: found.explanation,
        }
    }

    fn name_hits(&self, profile: &ProfileDocument, out: &mut Vec<WatchlistHit>) {
        let nationality = profile.identity.nationality.first().map(String::as_str);
        let mut best: HashMap<String, WatchlistHit> = HashMap::new();
        for (field, name) in profile_names(profile) {
            let query = NameQuery {
                name,
                birth_date: profile.identity.dob.as_deref(),
                nationality,
            };
            for m in self.matcher.match_name(&query) {
                let (indicator, severity) = match (self.role, m.severity) {
                    // Published aliases of wanted workers (custom name lists).
                    (ListRole::Incidents | ListRole::Community, _) => ("KNOWN-05", Severity::High),
                    (ListRole::Sanctions, MatchSeverity::Critical) => {
                        ("KNOWN-01", Severity::Critical)
                    }
                    (ListRole::Sanctions, MatchSeverity::Review) => ("KNOWN-01", Severity::High),
                };
                let mut explanation = explanation_of(&m);
                if indicator == "KNOWN-05" {
                    restate_decision(&mut explanation, indicator, m.score);
                }
                let hit = self.hit(Found {
                    indicator,
                    entry_id: &m.entry_id,
                    field: field.clone(),
                    value: name,
                    matched: &m.matched_name,
                    score: m.score,
                    severity,
                    explanation,
                });
                keep_best(&mut best, hit);
            }
        }
        for (i, job) in profile.employment.iter().enumerate() {
            let name = job.employer_name.as_str();
            if name.trim().is_empty() || self.role != ListRole::Sanctions {
                continue;
            }
            for m in self.matcher.match_organization(name) {
                let mut explanation = explanation_of(&m);
                restate_decision(&mut explanation, "KNOWN-04", m.score);
                let hit = self.hit(Found {
                    indicator: "KNOWN-04",
                    entry_id: &m.entry_id,
                    field: format!("employment[{i}].employer_name"),
                    value: name,
                    matched: &m.matched_name,
                    score: m.score,
                    severity: Severity::High,
                    explanation,
                });
                keep_best(&mut best, hit);
            }
        }
        let mut hits: Vec<WatchlistHit> = best.into_values().collect();
        hits.sort_by(|a, b| (&a.indicator, &a.entry_id).cmp(&(&b.indicator, &b.entry_id)));
        out.extend(hits);
    }

    fn identifier_hits(&self, profile: &ProfileDocument, out: &mut Vec<WatchlistHit>) {
        for (field, kind, value) in profile_identifiers(profile) {
            for m in self.matcher.match_identifier(kind, value) {
                let (indicator, severity) = self.identifier_indicator(kind, &field, m.severity);
                let explanation = vec![(
                    "identifier".to_owned(),
                    format!("exact {kind:?} match on canonical form {}", m.value).to_lowercase(),
                )];
                out.push(self.hit(Found {
                    indicator,
                    entry_id: &m.entry_id,
                    field: field.clone(),
                    value,
                    matched: &m.matched_value,
                    score: 1.0,
                    severity,
                    explanation,
                }));
            }
        }
    }

    /// What an exact identifier hit of `kind` on this list raises.
    fn identifier_indicator(
        &self,
        kind: IdentifierKind,
        field: &str,
        severity: MatchSeverity,
    ) -> (&'static str, Severity) {
        match (self.role, kind) {
            (ListRole::Community, _) => ("KNOWN-06", Severity::Medium),
            (ListRole::Incidents, _) => ("KNOWN-07", Severity::Critical),
            (ListRole::Sanctions, IdentifierKind::Domain) if field.starts_with("employment") => {
                ("KNOWN-04", Severity::High)
            }
            (ListRole::Sanctions, _) => (
                kind.indicator(),
                if severity == MatchSeverity::Critical {
                    Severity::Critical
                } else {
                    Severity::Medium
                },
            ),
        }
    }

    /// The profile's ID-document and account numbers that equal a listed one (by keyed hash:
    /// `hashed.rs`). Only the last four characters of either number are shown.
    fn number_hits(&self, profile: &ProfileDocument, out: &mut Vec<WatchlistHit>) {
        for number in profile_numbers(profile) {
            for listed in self.numbers.find(number.hash) {
                let (indicator, severity) =
                    self.identifier_indicator(listed.kind, &number.field, MatchSeverity::Critical);
                let kind = match listed.kind {
                    IdentifierKind::BankAccount => "account",
                    _ => "ID",
                };
                let value = format!("{kind} number ending {}", number.last4);
                let matched = format!("{kind} number ending {}", listed.last4);
                let explanation = vec![(
                    "identifier".to_owned(),
                    format!(
                        "exact {kind} number match, compared by keyed hash (neither number is \
                         kept in clear)"
                    ),
                )];
                out.push(self.hit(Found {
                    indicator,
                    entry_id: &listed.entry_id,
                    field: number.field.clone(),
                    value: &value,
                    matched: &matched,
                    score: 1.0,
                    severity,
                    explanation,
                }));
            }
        }
    }
}

/// A name match's explanation as evidence lines.
fn explanation_of(m: &NameMatch) -> Vec<(String, String)> {
    m.explanation
        .iter()
        .map(|f| (f.name.to_owned(), f.detail.clone()))
        .collect()
}

/// KNOWN-04 (a listed front as employer) and KNOWN-05 (a published alias) are high at any score
/// from review up (INDICATORS.md §3): the matcher's decision line speaks of KNOWN-01's critical
/// hold, which they never reach, so theirs says why they are high instead.
fn restate_decision(explanation: &mut [(String, String)], indicator: &str, score: f64) {
    let why = match indicator {
        "KNOWN-04" => "a listed organisation as employer is high at any score from review up",
        _ => "a published alias is high at any score from review up",
    };
    for (feature, detail) in explanation.iter_mut() {
        if feature == "decision" {
            *detail = format!("high: score {score:.3} ≥ {REVIEW_THRESHOLD}; {indicator}: {why}");
        }
    }
}

/// One hit per indicator and entry: the one with the highest score.
fn keep_best(best: &mut HashMap<String, WatchlistHit>, hit: WatchlistHit) {
    let key = format!("{}\u{0}{}", hit.indicator, hit.entry_id);
    if best.get(&key).is_none_or(|kept| hit.score > kept.score) {
        best.insert(key, hit);
    }
}

impl WatchlistLookup for ActiveLists {
    fn hits(&self, profile: &ProfileDocument) -> Vec<WatchlistHit> {
        let mut out = Vec::new();
        for list in &self.lists {
            list.identifier_hits(profile, &mut out);
            list.number_hits(profile, &mut out);
            list.name_hits(profile, &mut out);
        }
        // The strongest hits of an indicator first, so a person's page leads with them: the
        // findings keep this order within an indicator, and are stored and shown in it.
        out.sort_by(|a, b| {
            a.indicator
                .cmp(b.indicator)
                .then(b.severity.cmp(&a.severity))
                .then(b.score.total_cmp(&a.score))
                .then_with(|| {
                    (&a.list, &a.entry_id, &a.field).cmp(&(&b.list, &b.entry_id, &b.field))
                })
        });
        out
    }
}

#[cfg(test)]
mod tests;
