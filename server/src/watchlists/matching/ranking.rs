//! Which matches of a name are returned: the best per listed entry, best first, at most
//! [`MAX_RESULTS`] (`Matcher::match_name`). A common name can match thousands of listed names;
//! [`Best::floor`] tells the index search what score a name still needs to make the cut, so it
//! can stop early.

use super::found::Found;
use super::REVIEW_THRESHOLD;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

/// The best found name per entry, and the `limit` best entries.
pub(super) struct Best<'m> {
    limit: usize,
    by_entry: HashMap<&'m str, Found<'m>>,
    /// The `limit` highest first scores of distinct entries (lowest on top). An entry's best
    /// score is at least its first, so the lowest of these never exceeds the score of the
    /// `limit`-th best entry: a floor derived from it is safe, and costs a heap push per new
    /// entry instead of a selection over every entry per match.
    firsts: BinaryHeap<Reverse<Score>>,
}

/// A score ordered by `f64::total_cmp`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Score(f64);

impl Eq for Score {}

impl PartialOrd for Score {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Score {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
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
                self.firsts.push(Reverse(Score(found.score)));
                if self.firsts.len() > self.limit {
                    self.firsts.pop();
                }
                self.by_entry.insert(entry, found);
            }
        }
    }

    /// The score below which a name cannot enter the best `limit` entries (it would rank after
    /// the `limit`-th entry): the review threshold until `limit` entries are kept.
    pub fn floor(&self) -> f64 {
        if self.limit == 0 || self.firsts.len() < self.limit {
            return REVIEW_THRESHOLD;
        }
        self.firsts
            .peek()
            .map_or(REVIEW_THRESHOLD, |Reverse(Score(kth))| {
                kth.max(REVIEW_THRESHOLD)
            })
    }

    /// The kept entries' best names, best first, at most `limit`.
    pub fn into_ranked(self) -> Vec<Found<'m>> {
        let mut kept: Vec<Found<'m>> = self.by_entry.into_values().collect();
        kept.sort_by(Found::rank);
        kept.truncate(self.limit);
        kept
    }
}
