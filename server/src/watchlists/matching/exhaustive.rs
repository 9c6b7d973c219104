//! Aligning a query with whole forms of a name index: the exhaustive scan that every form is
//! aligned in (the reference the index search must equal, for the tests and the benchmark),
//! and the alignment of one form that a match's explanation is built from.

use super::index::{FormMatch, NameIndex};
use super::score::{align, Gate, Outcome, Scratch, Side, REVIEW_THRESHOLD};
use super::term::{NameTerms, Term, TermRef};

impl NameIndex {
    /// The same answer as `NameIndex::search` (with `Gate::Comparable`) by aligning every form:
    /// the reference for tests and the benchmark. `Gate::PlainJaroWinkler` compares every pair
    /// of parts instead.
    pub fn exhaustive(&self, query: &NameTerms, kinds: u8, gate: Gate) -> Vec<FormMatch> {
        let q_parts: Vec<TermRef<'_>> = query.parts.iter().map(Term::view).collect();
        let q_joined: Vec<Option<TermRef<'_>>> = query
            .joined
            .iter()
            .map(|j| j.as_ref().map(Term::view))
            .collect();
        let q_side = Side {
            parts: &q_parts,
            joined: &q_joined,
        };
        let (mut l_parts, mut l_joined) = (Vec::new(), Vec::new());
        let mut scratch = Scratch::default();
        let mut matches = Vec::new();
        for form in 0..self.form_count() as u32 {
            if self.form_kind(form) & kinds == 0 {
                continue;
            }
            let outcome = self.align_form(
                form,
                &q_side,
                gate,
                &mut l_parts,
                &mut l_joined,
                &mut scratch,
            );
            if let Some(outcome) = outcome.filter(|o| o.similarity >= REVIEW_THRESHOLD) {
                matches.push(FormMatch {
                    form,
                    similarity: outcome.similarity,
                    initials: outcome.initials,
                });
            }
        }
        matches
    }

    /// Aligns the query with one form; `scratch.chosen` then holds the pairs.
    pub fn align_form<'a>(
        &'a self,
        form: u32,
        query: &Side<'_, '_>,
        gate: Gate,
        parts: &mut Vec<TermRef<'a>>,
        joined: &mut Vec<Option<TermRef<'a>>>,
        scratch: &mut Scratch,
    ) -> Option<Outcome> {
        self.form_terms_into(form, parts, joined)?;
        Some(align(
            query,
            &Side {
                parts: parts.as_slice(),
                joined: joined.as_slice(),
            },
            gate,
            scratch,
        ))
    }
}
