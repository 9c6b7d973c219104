//! The first pass of a best-first search (`candidates.rs`): align first the forms that hold
//! the query's parts as written.
//!
//! A common name (`PETROV, Oleg`, `dong, ting`) has thousands of candidates, and bounding each
//! one reads its terms from memory scattered over the whole index. But the caller wants only
//! its best few matches, and when the name is listed many times those are its exact spellings.
//! So the forms hit exactly (similarity 1) by the parts the candidates must have are bounded
//! and aligned first; what the caller keeps of them raises the floor, and the hits that cannot
//! be part of an alignment reaching it are dropped (`Evaluator::reaching`) before the search
//! gathers the other candidates, which are then far fewer. The pass only changes the order in
//! which forms are aligned and drops forms that cannot make the caller's list, so the answer
//! is the same.

use super::candidates::{Floor, Room, Search};
use super::evaluate::Evaluator;
use super::hits::Hit;
use super::index::{FormMatch, NameIndex};
use super::score::{Scratch, REVIEW_THRESHOLD};

/// The first pass is skipped when more forms hold the parts as written: aligning them all
/// would cost more than the pruning saves (a query of only very common parts).
const SEED_AT_MOST: usize = 512;

impl NameIndex {
    /// Aligns the forms that hold the query's parts exactly (at most [`SEED_AT_MOST`]), best
    /// bound first, raising `floor` by what `visit` returns; returns them, sorted, so that the
    /// rest of the search skips them.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn seed(
        &self,
        evaluator: &Evaluator<'_, '_>,
        kinds: u8,
        room: &Room<'_>,
        floor: &mut Floor,
        visit: &mut dyn FnMut(FormMatch) -> Floor,
        scratch: &mut Scratch,
        search: &mut Search,
    ) -> Vec<u32> {
        let exact: Vec<Hit> = evaluator
            .hits()
            .all()
            .iter()
            .filter(|hit| hit.similarity >= 1.0 && !hit.initial)
            .copied()
            .collect();
        let Some(mut forms) = self.candidates(
            &exact,
            evaluator.weights(),
            evaluator.initial(),
            REVIEW_THRESHOLD,
            kinds,
        ) else {
            return Vec::new();
        };
        if forms.len() > SEED_AT_MOST {
            return Vec::new();
        }
        forms.sort_unstable();
        search.visited += forms.len();
        let bounded = self.bounded(evaluator, forms.clone(), kinds, Some(room), &[]);
        self.align_in_order(
            evaluator,
            bounded,
            Some(room),
            floor,
            visit,
            scratch,
            search,
        );
        forms
    }
}
