//! A cheaper first cut of step 3 (`evaluate.rs`) for searches with many candidates: a common
//! name's candidates run to tens of thousands (every listed name with a `han`-like part and
//! another `han`-like part), and bounding each one reads its terms from memory scattered over
//! the whole index.
//!
//! Instead, every hit term adds its best credit (similarity times the query weight it covers)
//! to each form it is posted in, walking the postings in order. A form's sum is at least the
//! bound by listed parts in `evaluate.rs` (which takes, per listed part, the best of the same
//! credits; a term a form holds twice is posted twice), so a form whose sum cannot reach the
//! review threshold is dropped without reading it.

use super::evaluate::Evaluator;
use super::index::NameIndex;
use super::score::REVIEW_THRESHOLD;

/// From this many candidates on, the sums are worth their walk over the postings. Tests use
/// them from a few candidates on, so the index-against-exhaustive tests check them too.
#[cfg(not(test))]
pub(super) const ACCUMULATE_FROM: usize = 2048;
#[cfg(test)]
pub(super) const ACCUMULATE_FROM: usize = 8;
/// The postings walked per candidate, at most, for the sums to pay (measured with the
/// benchmark: bounding a form directly costs about as much as walking this many postings).
const WALK_PER_CANDIDATE: usize = 8;
/// Margin for the `f32` sums (a few dozen terms of weight under 100: errors far below this).
const MARGIN: f64 = 1e-3;

impl NameIndex {
    /// The candidates (sorted or not; of kind `kinds` or more, as [`NameIndex::postings_in`]
    /// lists them) whose summed credit can reach the review threshold.
    ///
    /// When the hit terms' postings are long against the candidates (common syllables such as
    /// `min` and `lin` are posted in tens of thousands of forms), walking them costs more than
    /// it saves, and the candidates are returned as they are.
    pub(super) fn by_summed_credit(
        &self,
        evaluator: &Evaluator<'_, '_>,
        candidates: Vec<u32>,
        kinds: u8,
    ) -> Vec<u32> {
        let credits = evaluator.term_credits();
        let walk: usize = credits
            .iter()
            .map(|(term, _)| self.postings_in(*term, kinds).len())
            .sum();
        if walk > WALK_PER_CANDIDATE * candidates.len() {
            return candidates;
        }
        let mut sums = self.take_accumulator();
        for (term, credit) in &credits {
            for form in self.postings_in(*term, kinds) {
                if let Some(sum) = sums.get_mut(*form as usize) {
                    *sum += *credit;
                }
            }
        }
        let needed = REVIEW_THRESHOLD * evaluator.total() - evaluator.initials_credit() - MARGIN;
        let kept = candidates
            .into_iter()
            .filter(|form| {
                sums.get(*form as usize)
                    .is_some_and(|sum| f64::from(*sum) >= needed)
            })
            .collect();
        for (term, _) in &credits {
            for form in self.postings_in(*term, kinds) {
                if let Some(sum) = sums.get_mut(*form as usize) {
                    *sum = 0.0;
                }
            }
        }
        self.return_accumulator(sums);
        kept
    }

    /// A zeroed sum per form: a pooled one, or a new one.
    fn take_accumulator(&self) -> Vec<f32> {
        let pooled = self
            .accumulators
            .lock()
            .ok()
            .and_then(|mut pool| pool.pop());
        pooled.unwrap_or_else(|| vec![0.0; self.form_count()])
    }

    /// Returns a buffer (zeroed again) to the pool.
    fn return_accumulator(&self, sums: Vec<f32>) {
        if let Ok(mut pool) = self.accumulators.lock() {
            pool.push(sums);
        }
    }
}
