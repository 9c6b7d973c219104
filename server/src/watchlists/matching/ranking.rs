//! Which matches of a name are returned: the best per listed entry, best first, at most
//! [`MAX_RESULTS`] (`Matcher::match_name`). A common name can match thousands of listed names;
//! [`Best::floor`] tells the index search what score (and, at the top score, what name
//! similarity) a name still needs to make the cut, so it can stop early.

use super::candidates::Floor;
use super::found::{Found, MAX_SCORE};
use super::types::Severity;
use super::REVIEW_THRESHOLD;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

/// The best found name per entry, and the `limit` best entries.
pub(super) struct Best<'m> {
    limit: usize,
    by_entry: HashMap<&'m str, Found<'m>>,
    /// The `limit` highest first keys of distinct entries (lowest on top). An entry's best
    /// key is at least its first, so the lowest of these never exceeds the key of the
    /// `limit`-th best entry: a floor derived from it is safe, and costs a heap push per new
    /// entry instead of a selection over every entry per match.
    firsts: BinaryHeap<Reverse<Key>>,
}

/// The leading fields of [`Found::rank`]: score, severity, name similarity (a higher key ranks
/// first; scores by `f64::total_cmp`).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Key {
    score: f64,
    severity: Severity,
    similarity: f64,
}

impl Eq for Key {}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.score
            .total_cmp(&other.score)
            .then(self.severity.cmp(&other.severity))
            .then(self.similarity.total_cmp(&other.similarity))
    }
}

impl<'m> Best<'m> {
    pub fn new(limit: usize) -> Best<'m> {
        Best {
            limit,
            by_entry: HashMap::new(),
            firsts: BinaryHeap::new(),
        }
    }

    /// Keeps `found` if it ranks before what its entry has.
    pub fn offer(&mut self, found: Found<'m>) {
        let entry = found.record.entry.id.as_str();
        match self.by_entry.get(entry) {
            Some(kept) if found.rank(kept).is_ge() => {}
            Some(_) => {
                self.by_entry.insert(entry, found);
            }
            None => {
                self.firsts.push(Reverse(Key {
                    score: found.score,
                    severity: found.severity,
                    similarity: found.form.similarity,
                }));
                if self.firsts.len() > self.limit {
                    self.firsts.pop();
                }
                self.by_entry.insert(entry, found);
            }
        }
    }

    /// What a name needs to enter the best `limit` entries (below it, it would rank after the
    /// `limit`-th entry): the review threshold until `limit` entries are kept. Once the
    /// `limit`-th entry has the highest score a name can have ([`MAX_SCORE`]) and is critical,
    /// only its name similarity can still be beaten: for a common name listed many times,
    /// every near spelling is then skipped.
    pub fn floor(&self) -> Floor {
        if self.limit == 0 || self.firsts.len() < self.limit {
            return Floor::REVIEW;
        }
        let Some(Reverse(kth)) = self.firsts.peek() else {
            return Floor::REVIEW;
        };
        Floor {
            score: kth.score.max(REVIEW_THRESHOLD),
            similarity: if kth.score >= MAX_SCORE && kth.severity == Severity::Critical {
                kth.similarity
            } else {
                0.0
            },
        }
    }

    /// The kept entries' best names, best first, at most `limit`.
    pub fn into_ranked(self) -> Vec<Found<'m>> {
        let mut kept: Vec<Found<'m>> = self.by_entry.into_values().collect();
        kept.sort_by(Found::rank);
        kept.truncate(self.limit);
        kept
    }
}
