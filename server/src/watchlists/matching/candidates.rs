//! The index search: which forms can reach the review threshold, without scanning them all.
//!
//! 1. Every query part and joined pair of parts looks up its keys and its prefix and keeps the
//!    vocabulary terms it is comparable with, with their part similarity. Comparable parts
//!    always share a key or a prefix (`term.rs`), so this finds every pairing `score::align`
//!    can make. A listed initial (`J.`) counts as a hit of a query part starting with its
//!    letter, at `INITIAL_CREDIT` (`hits.rs`).
//! 2. A query part with no hit in a form earns nothing there (an initial query part at most
//!    `INITIAL_CREDIT`), so a form can reach 0.85 only if the parts it misses weigh at most
//!    15% of the query (the *slack*). Hence every part heavier than the slack is *required*: the
//!    candidates are the forms hit by all required parts (the cheapest one's forms, narrowed by
//!    bitmaps of the others). When no part is that heavy (long names), the candidates are the
//!    forms hit by a set of parts weighing more than the slack, chosen cheapest first
//!    (prefix filtering).
//! 3. Each candidate is bounded from its hits, and only forms whose bound reaches the floor are
//!    aligned (`evaluate.rs`; with thousands of candidates, `accumulate.rs` first drops those
//!    whose hit credits, summed over the postings, cannot reach the threshold). The floor is
//!    the review threshold, or, when the caller wants only the best matches
//!    ([`NameIndex::search_best_first`]), what the caller's worst kept match leaves (a score,
//!    and a name similarity once the worst kept match scores 1 and is critical): candidates
//!    are then aligned best bound first, and the search stops at the first whose bound cannot
//!    reach it. Such a search first aligns the forms holding the query's parts as written, and
//!    drops the hits that cannot reach the floor they leave before step 2 (`seed.rs`).
//!
//! Every step only drops forms that cannot score 0.85 (or cannot reach the caller's floor), so
//! the answer equals the exhaustive scan with the same scorer (`NameIndex::exhaustive`), which
//! the tests and the benchmark check.

use super::accumulate::ACCUMULATE_FROM;
use super::bitmap::Bitmap;
use super::evaluate::Evaluator;
use super::form_table::Form;
use super::hits::{Hit, HitCache, Hits};
use super::index::{FormMatch, NameIndex};
use super::normalise::is_initial;
use super::score::{self, Scratch, REVIEW_THRESHOLD};
use super::term::{NameTerms, Term, TermRef};

/// Slack for floating-point rounding in the bounds and in pruning hits (errs towards keeping
/// more).
pub(super) const EPSILON: f64 = 1e-9;
/// From this many postings on, forms are de-duplicated with a bitmap rather than a sort.
const BITMAP_FROM: usize = 4096;
/// Intersecting stops once this few candidates are left (bounding them is cheaper).
const FEW: usize = 64;

/// What one search found and did (the counts are for the benchmark).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Search {
    pub matches: Vec<FormMatch>,
    /// Candidate forms (step 2).
    pub visited: usize,
    /// Forms aligned (step 3).
    pub aligned: usize,
}

/// What the names of each form can score beyond their similarity (the qualifiers,
/// `matching.rs`), for [`NameIndex::search_best_first`].
pub struct Room<'r> {
    /// The most any form can gain.
    pub most: f64,
    /// The most a form can gain (at most `most`; negative when its names lose whatever the
    /// similarity).
    pub of: &'r dyn Fn(u32) -> f64,
}

/// What a form must reach to be aligned: a name score (its similarity plus its form's room),
/// and a name similarity (0 but when the caller's worst kept match has the highest score and
/// severity there are, `ranking.rs`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Floor {
    pub score: f64,
    pub similarity: f64,
}

impl Floor {
    /// Every match at or above the review threshold.
    pub const REVIEW: Floor = Floor {
        score: REVIEW_THRESHOLD,
        similarity: 0.0,
    };
}

impl NameIndex {
    /// Forms of kind `kinds` whose similarity to `query` is at least the review threshold.
    pub fn search(&self, query: &NameTerms, kinds: u8) -> Search {
        self.search_cached(query, kinds, &mut HitCache::default())
    }

    /// [`NameIndex::search`], reusing (and filling) `cache` for the query's parts.
    pub fn search_cached(&self, query: &NameTerms, kinds: u8, cache: &mut HitCache) -> Search {
        let mut matches = Vec::new();
        let mut search = self.search_with(query, kinds, cache, None, Floor::REVIEW, &mut |found| {
            matches.push(found);
            Floor::REVIEW
        });
        search.matches = matches;
        search
    }

    /// Hands `visit` the forms at or above the review threshold, best bound first, whose names
    /// can reach the [`Floor`] `visit` last returned, or `floor` until it returns one (the
    /// review threshold, or more once the caller has kept enough, from this search or an
    /// earlier one for another reading of the name): a name scores its similarity plus at most
    /// its form's `room`, and the search skips every form whose bound plus room is below the
    /// floor's score, or whose bound is below its similarity. `Search::matches` stays empty.
    pub fn search_best_first(
        &self,
        query: &NameTerms,
        kinds: u8,
        cache: &mut HitCache,
        room: &Room<'_>,
        floor: Floor,
        visit: &mut dyn FnMut(FormMatch) -> Floor,
    ) -> Search {
        self.search_with(query, kinds, cache, Some(room), floor, visit)
    }

    /// With `room`, best first (see [`NameIndex::search_best_first`]); without, in form order
    /// and on similarity alone.
    fn search_with(
        &self,
        query: &NameTerms,
        kinds: u8,
        cache: &mut HitCache,
        room: Option<&Room<'_>>,
        mut floor: Floor,
        visit: &mut dyn FnMut(FormMatch) -> Floor,
    ) -> Search {
        let n = query.parts.len().min(score::MAX_PARTS);
        if n == 0 {
            return Search::default();
        }
        let parts: Vec<TermRef<'_>> = query.parts.iter().take(n).map(Term::view).collect();
        let joined: Vec<Option<TermRef<'_>>> = query
            .joined
            .iter()
            .map(|j| j.as_ref().map(Term::view))
            .collect();
        let initial: Vec<bool> = parts.iter().map(|p| is_initial(p.chars)).collect();
        let hits = Hits::new(self.hits(&parts, &joined, &initial, cache));
        let full = Evaluator::new(&parts, initial, hits);
        let mut search = Search::default();
        let mut scratch = Scratch::default();
        // Best first, the forms holding the query's parts as written are aligned first: for a
        // common name they fill the caller's list, and the floor they leave prunes the hits
        // before the candidates are gathered (`seed.rs`).
        let (seeded, pruned) = match room {
            Some(room) => {
                let seeded = self.seed(
                    &full,
                    kinds,
                    room,
                    &mut floor,
                    visit,
                    &mut scratch,
                    &mut search,
                );
                let need = floor.similarity.max(floor.score - room.most);
                (seeded, full.reaching(need).map(|pruned| (pruned, need)))
            }
            None => (Vec::new(), None),
        };
        let (evaluator, need) = match &pruned {
            Some((pruned, need)) => (pruned, *need),
            None => (&full, REVIEW_THRESHOLD),
        };
        let candidates = self
            .candidates(
                evaluator.hits().all(),
                evaluator.weights(),
                evaluator.initial(),
                need,
                kinds,
            )
            .unwrap_or_else(|| (0..self.form_count() as u32).collect());
        search.visited += candidates.len();
        let candidates = if candidates.len() >= ACCUMULATE_FROM {
            self.by_summed_credit(evaluator, candidates, kinds)
        } else {
            candidates
        };
        let bounded = self.bounded(evaluator, candidates, kinds, room, &seeded);
        self.align_in_order(
            evaluator,
            bounded,
            room,
            &mut floor,
            visit,
            &mut scratch,
            &mut search,
        );
        search
    }

    /// Step 3's bounds: `candidates` of kind `kinds` (but `skip`, sorted) whose bound reaches
    /// the review threshold, best first when `room` (a best-first search).
    pub(super) fn bounded(
        &self,
        evaluator: &Evaluator<'_, '_>,
        candidates: Vec<u32>,
        kinds: u8,
        room: Option<&Room<'_>>,
        skip: &[u32],
    ) -> Vec<(f64, Form<'_>)> {
        let room_of = |form: u32| room.map_or(0.0, |r| (r.of)(form));
        // The candidates' records (and their rooms' years) are scattered over memory: copied
        // out first, in a loop that only reads them, the processor overlaps their cache misses,
        // which one by one were most of the time of bounding.
        let records: Vec<(Form<'_>, f64)> = candidates
            .into_iter()
            .filter_map(|form| Some((self.form(form)?, room_of(form))))
            .collect();
        let mut bounded: Vec<(f64, Form<'_>)> = records
            .into_iter()
            .filter(|(form, _)| form.kinds() & kinds != 0)
            // Forms whose names cannot reach the threshold even when equal to the query (every
            // one listed with a birth year far from the query's) are not even bounded.
            .filter(|(_, room)| 1.0 + room + EPSILON >= REVIEW_THRESHOLD)
            .filter(|(form, _)| skip.binary_search(&form.id()).is_err())
            .map(|(form, _)| (evaluator.bound(self, &form), form))
            .filter(|(bound, _)| bound + EPSILON >= REVIEW_THRESHOLD)
            .collect();
        if room.is_some() {
            bounded.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.id().cmp(&b.1.id())));
        }
        bounded
    }

    /// Step 3's alignments, in the order of `bounded`, of the forms that can reach the floor
    /// (raised by what `visit` returns); best first, it stops at the first bound that cannot.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn align_in_order(
        &self,
        evaluator: &Evaluator<'_, '_>,
        bounded: Vec<(f64, Form<'_>)>,
        room: Option<&Room<'_>>,
        floor: &mut Floor,
        visit: &mut dyn FnMut(FormMatch) -> Floor,
        scratch: &mut Scratch,
        search: &mut Search,
    ) {
        let room_of = |form: u32| room.map_or(0.0, |r| (r.of)(form));
        let most = room.map_or(0.0, |r| r.most);
        for (bound, form) in bounded {
            if bound + most + EPSILON < floor.score || bound + EPSILON < floor.similarity {
                if room.is_some() {
                    break; // every later bound is lower
                }
                continue;
            }
            if room.is_some() && bound + room_of(form.id()) + EPSILON < floor.score {
                continue;
            }
            search.aligned += 1;
            let found = evaluator.align(self, &form, scratch);
            if found.similarity >= REVIEW_THRESHOLD {
                let next = visit(found);
                *floor = Floor {
                    score: floor.score.max(next.score),
                    similarity: floor.similarity.max(next.similarity),
                };
            }
        }
    }

    /// Step 2: the candidate forms that can reach `threshold` (the review threshold, or more
    /// once the caller has kept enough), or `None` when the query is all initials and nothing
    /// narrows the search (every form is then a candidate).
    pub(super) fn candidates(
        &self,
        hits: &[Hit],
        weights: &[f64],
        initial: &[bool],
        threshold: f64,
        kinds: u8,
    ) -> Option<Vec<u32>> {
        let n = weights.len();
        let total: f64 = weights.iter().sum();
        let mut part_terms: Vec<Vec<u32>> = vec![Vec::new(); n];
        for hit in hits {
            for (i, terms) in part_terms.iter_mut().enumerate() {
                if hit.parts & (1 << i) != 0 {
                    terms.push(hit.term);
                }
            }
        }
        for terms in &mut part_terms {
            terms.sort_unstable();
            terms.dedup();
        }
        let cost: Vec<usize> = part_terms
            .iter()
            .map(|terms| {
                terms
                    .iter()
                    .map(|t| self.postings_in(*t, kinds).len())
                    .sum()
            })
            .collect();
        // The weight a form may miss and still reach the threshold.
        let slack = (1.0 - threshold) * total + EPSILON;
        let mut eligible: Vec<usize> = (0..n)
            .filter(|i| !initial.get(*i).copied().unwrap_or(true))
            .collect();
        let eligible_weight: f64 = eligible.iter().filter_map(|i| weights.get(*i)).sum();
        if eligible_weight <= slack {
            return None;
        }
        let weight = |i: &usize| weights.get(*i).copied().unwrap_or(0.0);
        let terms_of = |i: usize| part_terms.get(i).map(Vec::as_slice).unwrap_or_default();
        let cost_of = |i: &usize| cost.get(*i).copied().unwrap_or(0);

        let mut required: Vec<usize> = eligible
            .iter()
            .copied()
            .filter(|i| weight(i) > slack)
            .collect();
        required.sort_by_key(cost_of);
        if let Some((first, others)) = required.split_first() {
            let mut forms = self.union(terms_of(*first), kinds);
            let mut bitmap: Option<Bitmap> = None;
            for i in others {
                if forms.len() <= FEW {
                    break;
                }
                let bitmap = bitmap.get_or_insert_with(|| Bitmap::new(self.form_count()));
                let postings = || {
                    terms_of(*i)
                        .iter()
                        .flat_map(|t| self.postings_in(*t, kinds))
                };
                postings().for_each(|f| {
                    bitmap.insert(*f);
                });
                forms.retain(|f| bitmap.contains(*f));
                postings().for_each(|f| bitmap.remove(*f));
            }
            return Some(forms);
        }

        eligible.sort_by(|a, b| {
            let (ca, cb) = (cost_of(a) as f64 / weight(a), cost_of(b) as f64 / weight(b));
            ca.total_cmp(&cb)
        });
        let (mut chosen, mut chosen_weight) = (Vec::new(), 0.0);
        for i in eligible {
            if chosen_weight > slack {
                break;
            }
            chosen.extend_from_slice(terms_of(i));
            chosen_weight += weight(&i);
        }
        chosen.sort_unstable();
        chosen.dedup();
        Some(self.union(&chosen, kinds))
    }

    /// The distinct forms containing any of `terms` (of kind `kinds` or more:
    /// [`NameIndex::postings_in`]).
    fn union(&self, terms: &[u32], kinds: u8) -> Vec<u32> {
        let total: usize = terms
            .iter()
            .map(|t| self.postings_in(*t, kinds).len())
            .sum();
        let mut forms = Vec::with_capacity(total);
        if total < BITMAP_FROM {
            for term in terms {
                forms.extend_from_slice(self.postings_in(*term, kinds));
            }
            forms.sort_unstable();
            forms.dedup();
        } else {
            let mut seen = Bitmap::new(self.form_count());
            for term in terms {
                for form in self.postings_in(*term, kinds) {
                    if seen.insert(*form) {
                        forms.push(*form);
                    }
                }
            }
        }
        forms
    }
}
