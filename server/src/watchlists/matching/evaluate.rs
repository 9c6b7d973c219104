//! Step 3 of the index search (`candidates.rs`): each candidate form is bounded from the hits
//! alone, and only forms whose bound reaches the floor are aligned, from the hits'
//! similarities (no part is compared twice) through the same choice of pairs as `score::align`
//! (`score::choose`).
//!
//! The bound is the lesser of two upper bounds on the credit an alignment can earn: every query
//! part at its best hit in the form, and every listed part at its best pair (a listed part is
//! paired at most once, so the query `han han` cannot earn twice from the one `han` of
//! `han li`), over the query's weight plus what the listed parts that no hit can pair cost
//! when left over (`score::UNMATCHED_LISTED_WEIGHT`: `ho zi` cannot reach 0.85 against
//! `ho zi ming` when nothing in the query is like `ming`).

use super::candidates::EPSILON;
use super::form_table::Form;
use super::hits::{Hit, Hits};
use super::index::{FormMatch, NameIndex};
use super::score::{
    self, is_initial_pair, Pair, Scratch, INITIAL_CREDIT, MAX_PARTS, REVIEW_THRESHOLD,
    UNMATCHED_LISTED_WEIGHT,
};

use super::term::TermRef;

/// A query as step 3 needs it: its parts, their weights and its hits.
pub(super) struct Evaluator<'q, 't> {
    parts: &'q [TermRef<'t>],
    weights: Vec<f64>,
    initial: Vec<bool>,
    total: f64,
    /// What the query's initials can earn with listed parts starting with their letter, outside
    /// the hits (`pair_query_initials`).
    initials_credit: f64,
    hits: Hits,
}

impl<'q, 't> Evaluator<'q, 't> {
    /// `initial[i]`: part i is an initial (`normalise::is_initial`).
    pub(super) fn new(
        parts: &'q [TermRef<'t>],
        initial: Vec<bool>,
        hits: Hits,
    ) -> Evaluator<'q, 't> {
        let weights: Vec<f64> = parts.iter().map(|p| score::part_weight(p.chars)).collect();
        let initials_credit = initial
            .iter()
            .zip(&weights)
            .filter(|(init, _)| **init)
            .map(|(_, w)| INITIAL_CREDIT * w)
            .sum();
        Evaluator {
            parts,
            total: weights.iter().sum(),
            weights,
            initial,
            initials_credit,
            hits,
        }
    }

    /// The query's total weight.
    pub(super) fn total(&self) -> f64 {
        self.total
    }

    /// What the query's initials can earn outside the hits.
    pub(super) fn initials_credit(&self) -> f64 {
        self.initials_credit
    }

    /// The query weight of the parts in `parts` (bit i: part i).
    fn covered(&self, parts: u32) -> f64 {
        self.weights
            .iter()
            .enumerate()
            .filter(|(i, _)| parts & (1 << i) != 0)
            .map(|(_, w)| w)
            .sum()
    }

    /// Each hit term once (ascending), with its best credit: similarity times the query weight
    /// the hit covers. (Computed on demand: only searches with many candidates need it.)
    pub(super) fn term_credits(&self) -> Vec<(u32, f32)> {
        let mut credits: Vec<(u32, f32)> = Vec::new();
        for hit in self.hits.all() {
            let credit = (hit.similarity * self.covered(hit.parts)) as f32;
            match credits.last_mut() {
                Some((term, best)) if *term == hit.term => *best = best.max(credit),
                _ => credits.push((hit.term, credit)),
            }
        }
        credits
    }

    /// The same query with only the hits that an alignment reaching similarity `need` can use,
    /// or `None` when `need` is no more than the review threshold (every hit can then be used).
    ///
    /// A hit covering query weight `w` at similarity `s` loses `(1 - s) * w` of the total
    /// against an exact pairing, and an alignment's similarity is at most what its pairs earn
    /// over the total: a form aligned through a hit that loses more than `(1 - need) * total`
    /// cannot reach `need`.
    pub(super) fn reaching(&self, need: f64) -> Option<Evaluator<'q, 't>> {
        if need <= REVIEW_THRESHOLD + EPSILON {
            return None;
        }
        let slack = (1.0 - need) * self.total + EPSILON;
        let list: Vec<Hit> = self
            .hits
            .all()
            .iter()
            .filter(|hit| (1.0 - hit.similarity) * self.covered(hit.parts) <= slack)
            .copied()
            .collect();
        Some(Evaluator {
            parts: self.parts,
            weights: self.weights.clone(),
            initial: self.initial.clone(),
            total: self.total,
            initials_credit: self.initials_credit,
            hits: Hits::new(list),
        })
    }

    pub(super) fn weights(&self) -> &[f64] {
        &self.weights
    }

    pub(super) fn initial(&self) -> &[bool] {
        &self.initial
    }

    pub(super) fn hits(&self) -> &Hits {
        &self.hits
    }

    /// An upper bound on the similarity of `form` (see the module comment).
    pub(super) fn bound(&self, index: &NameIndex, form: &Form<'_>) -> f64 {
        let mut best = [0.0f64; MAX_PARTS];
        for (b, init) in best.iter_mut().zip(&self.initial) {
            *b = if *init { INITIAL_CREDIT } else { 0.0 };
        }
        let mut listed_best = [0.0f64; MAX_PARTS];
        // Bit j: some hit can pair listed part j.
        let mut pairable = 0u32;
        let count = form.parts();
        let ids = form.terms();
        for (position, term) in ids.iter().enumerate() {
            // A joined listed unit is counted at its first part.
            let first_listed = position.checked_sub(count).unwrap_or(position);
            let hits = self.hits.of(*term);
            if !hits.is_empty() {
                let covers = if position < count { 0b1 } else { 0b11 };
                pairable |= covers << first_listed;
            }
            let mut credit_here = 0.0f64;
            for hit in hits {
                let mut covered = 0.0;
                for (i, (b, w)) in best.iter_mut().zip(&self.weights).enumerate() {
                    if hit.parts & (1 << i) != 0 {
                        *b = b.max(hit.similarity);
                        covered += w;
                    }
                }
                credit_here = credit_here.max(hit.similarity * covered);
            }
            if let Some(slot) = listed_best.get_mut(first_listed) {
                *slot = slot.max(credit_here);
            }
        }
        let by_query: f64 = best.iter().zip(&self.weights).map(|(b, w)| b * w).sum();
        let by_listed: f64 = listed_best.iter().sum::<f64>() + self.initials_credit;
        let credit = by_query.min(by_listed);
        // The listed parts no hit can pair are left over, each costing a fifth of its weight.
        // Their lengths are read only for a form the bound would otherwise let through, and not
        // for a query with initials: those pair outside the hits (`pair_query_initials`).
        let loose = credit / self.total;
        if loose + EPSILON < REVIEW_THRESHOLD || self.initial.contains(&true) {
            return loose;
        }
        let left: f64 = ids
            .iter()
            .take(count)
            .enumerate()
            .filter(|(j, _)| pairable & (1 << j) == 0)
            .map(|(j, id)| index.part_weight_in(form, j, *id))
            .sum();
        credit / (self.total + UNMATCHED_LISTED_WEIGHT * left)
    }

    /// Aligns `form` with the query from the hits, as `score::align` would.
    pub(super) fn align(
        &self,
        index: &NameIndex,
        form: &Form<'_>,
        scratch: &mut Scratch,
    ) -> FormMatch {
        scratch.query_weights.clone_from(&self.weights);
        scratch.candidates.clear();
        scratch.listed_weights.clear();
        let count = form.parts();
        for (position, term) in form.terms().iter().enumerate() {
            let (listed, listed_len) = if position < count {
                let weight = index.part_weight_in(form, position, *term);
                scratch.listed_weights.push(weight);
                (position, 1)
            } else {
                (position - count, 2)
            };
            for hit in self.hits.of(*term) {
                scratch.candidates.push(score::pair(
                    hit.parts.trailing_zeros() as usize,
                    hit.parts.count_ones() as usize,
                    listed,
                    listed_len,
                    hit.similarity,
                    hit.initial,
                ));
            }
        }
        if self.initial.iter().any(|i| *i) {
            self.pair_query_initials(index, form, &mut scratch.candidates);
        }
        let outcome = score::choose(scratch);
        FormMatch {
            form: form.id(),
            similarity: outcome.similarity,
            initials: outcome.initials,
        }
    }

    /// The pairs `score::align` makes for a query initial: with each listed (single) part of at
    /// least two chars that starts with its letter, where the two have no similarity.
    fn pair_query_initials(&self, index: &NameIndex, form: &Form<'_>, candidates: &mut Vec<Pair>) {
        let (count, ids) = (form.parts(), form.terms());
        for (i, part) in self.parts.iter().enumerate() {
            if !self.initial.get(i).copied().unwrap_or(false) {
                continue;
            }
            for (j, id) in ids.iter().take(count).enumerate() {
                let Some(listed) = index.term(*id) else {
                    continue;
                };
                let paired = candidates.iter().any(|c| {
                    c.query == i && c.query_len == 1 && c.listed == j && c.listed_len == 1
                });
                if !paired && is_initial_pair(*part, listed) {
                    candidates.push(score::pair(i, 1, j, 1, INITIAL_CREDIT, true));
                }
            }
        }
    }
}
