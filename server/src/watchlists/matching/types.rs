//! The matcher's inputs and answers: listed names and identifiers in, queries, matches with
//! their explanations, and the figures the benchmark prints out.

use super::identifiers::IdentifierKind;

/// Whether a listed name is a person's or an organisation's (vessels and aircraft: organisation).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum NameKind {
    #[default]
    Person,
    Organization,
}

/// One listed name (primary or alias) with its entry's qualifiers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListName {
    pub entry_id: String,
    pub name: String,
    pub is_alias: bool,
    pub kind: NameKind,
    /// As the list writes them (`21 Sep 1979`, `circa 1960`, `1979-09-21`).
    pub birth_dates: Vec<String>,
    /// ISO alpha-2 codes or country names.
    pub nationalities: Vec<String>,
}

/// One listed identifier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListIdentifier {
    pub entry_id: String,
    pub kind: IdentifierKind,
    pub value: String,
}

/// A name to screen, with the person's qualifiers when known.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NameQuery<'a> {
    pub name: &'a str,
    /// `YYYY-MM-DD` (or any form [`qualifiers::parse_date`] reads).
    pub birth_date: Option<&'a str>,
    /// ISO alpha-2 code (or a country name).
    pub nationality: Option<&'a str>,
}

/// How a match is to be handled (INDICATORS.md §6.4 step 7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A person looks at it.
    Review,
    /// Hold the screening (KNOWN-01 critical hold; every exact identifier hit).
    Critical,
}

/// One line of a match's explanation: what was compared and how it came out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feature {
    pub name: &'static str,
    pub detail: String,
}

impl Feature {
    pub fn new(name: &'static str, detail: String) -> Feature {
        Feature { name, detail }
    }
}

/// A listed name matching the query.
#[derive(Clone, Debug, PartialEq)]
pub struct NameMatch {
    pub entry_id: String,
    /// Position of the matched name in the slice given to [`Matcher::new`].
    pub name_index: usize,
    /// The listed name as written.
    pub matched_name: String,
    pub is_alias: bool,
    pub kind: NameKind,
    /// Name similarity alone.
    pub name_similarity: f64,
    /// After the qualifiers, in 0..=1.
    pub score: f64,
    pub severity: Severity,
    pub explanation: Vec<Feature>,
}

/// A listed identifier equal to the query's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdentifierMatch {
    pub entry_id: String,
    pub kind: IdentifierKind,
    /// KNOWN-02 (wallet), KNOWN-03 (email, phone, ID number, domain), …
    pub indicator: &'static str,
    /// The canonical form both sides share.
    pub value: String,
    /// The value as the list wrote it.
    pub matched_value: String,
    pub severity: Severity,
}

/// Entries returned by [`Matcher::match_name`] at most.
pub const MAX_RESULTS: usize = 10;

/// Sizes, for the benchmark.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MatcherStats {
    pub names: usize,
    pub entries: usize,
    pub forms: usize,
    pub terms: usize,
    pub keys: usize,
    pub postings: usize,
    /// Frequent terms whose lookups were computed at build time (`neighbours.rs`).
    pub precomputed_terms: usize,
    pub identifiers: usize,
    pub heap_bytes: usize,
}

/// How much of the list the index looked at for one query (for the benchmark).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SearchCounts {
    /// Distinct normalised names in the index.
    pub forms: usize,
    /// Candidates after the key lookups and the required-part filter.
    pub visited: usize,
    /// Candidates whose bound reached the threshold and were aligned.
    pub aligned: usize,
}
