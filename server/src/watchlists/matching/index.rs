//! The name index of one list version, built once, so that a query scores only the names that
//! can reach the review threshold (the search itself is in `candidates.rs`, the exhaustive scan
//! it must equal in `exhaustive.rs`).
//!
//! Every distinct normalised name (a *form*; aliases and entries that normalise alike share
//! one) is a sequence of *terms* from a vocabulary of distinct name parts, plus the joined forms
//! of its adjacent parts (§6.4 step 2: `jong un` is also indexed as `jongun`). Each term is filed
//! under its keys (`term::keys`: exact, deletion variants, romanisation class, consonant
//! skeleton) in one sorted array, and each term lists the forms that contain it. The vocabulary
//! is numbered in sorted order (by prefix, then length), so the terms sharing a prefix within a
//! range of lengths are one range of ids, stored side by side (a prefix lookup reads memory in
//! order). The arrays are flat (`Vec<u32>` with offsets; a form's terms in a fixed-size record,
//! `form_table.rs`), so the index costs a few hundred bytes per name.

use super::form_table::{Form, FormTable};
use super::keys::KeyTable;
use super::neighbours::Neighbours;
use super::orders::{OrderBy, TermOrder};
use super::score;
use super::term::{joinable, second_prefix, suffix, Term, TermRef};
use super::vocabulary::{TermRow, Vocabulary};
use std::collections::HashMap;

/// Form kinds (bit set: one form may be both a person's and an organisation's name).
pub const PERSON: u8 = 1;
pub const ORGANIZATION: u8 = 2;

const NO_TERM: u32 = u32::MAX;

/// Entry `i` of an array split by offsets (`values[offsets[i]..offsets[i + 1]]`).
fn entry<'v>(offsets: &[u32], values: &'v [u32], i: u32) -> &'v [u32] {
    range(offsets, i as usize)
        .and_then(|r| values.get(r))
        .unwrap_or_default()
}

/// Entry `i` of an offsets array: `offsets[i]..offsets[i + 1]`.
pub(super) fn range(offsets: &[u32], i: usize) -> Option<std::ops::Range<usize>> {
    Some(*offsets.get(i)? as usize..*offsets.get(i + 1)? as usize)
}

/// A form at or above the review threshold, with its name similarity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FormMatch {
    pub form: u32,
    pub similarity: f64,
    /// The alignment used an initial (such a match is never critical).
    pub initials: bool,
}

/// The name index of one list version.
#[derive(Debug)]
pub struct NameIndex {
    vocabulary: Vocabulary,
    /// The vocabulary by ending, and by the chars after the first (`orders.rs`).
    by_suffix: TermOrder,
    by_second_prefix: TermOrder,
    keys: KeyTable,
    posting_offsets: Vec<u32>,
    postings: Vec<u32>,
    /// The same postings for the organisations' forms alone: a person's name is also read as
    /// an organisation's (`matching.rs`), and its common parts are in thousands of persons'
    /// forms but few organisations'.
    organization_offsets: Vec<u32>,
    organization_postings: Vec<u32>,
    /// Per form: its kind bits, its part terms, then its joined terms (`NO_TERM` where not
    /// joinable), and its parts' lengths.
    forms: FormTable,
    name_offsets: Vec<u32>,
    names: Vec<u32>,
    /// The lookups of the frequent terms, computed once (`neighbours.rs`).
    pub(super) neighbours: Neighbours,
    /// Zeroed per-form buffers for `accumulate.rs`, reused across searches.
    pub(super) accumulators: std::sync::Mutex<Vec<Vec<f32>>>,
}

impl NameIndex {
    /// Builds the index from `(name id, normalised parts, kind bit)`; names without parts are
    /// skipped.
    pub fn build(names: impl IntoIterator<Item = (u32, Vec<String>, u8)>) -> NameIndex {
        let mut vocabulary = Vocabulary::new();
        let mut singles: HashMap<String, u32> = HashMap::new();
        let mut joins: HashMap<String, u32> = HashMap::new();
        let mut forms: HashMap<Vec<u32>, u32> = HashMap::new();
        let mut table = FormTable::default();
        let mut form_of_name: Vec<(u32, u32)> = Vec::new();
        for (name, mut tokens, kind) in names {
            tokens.truncate(score::MAX_PARTS);
            if tokens.is_empty() {
                continue;
            }
            let ids: Vec<u32> = tokens
                .iter()
                .map(|t| {
                    intern(&mut vocabulary, &mut singles, t, || {
                        Term::single(t.chars().collect())
                    })
                })
                .collect();
            let form = if let Some(form) = forms.get(&ids) {
                *form
            } else {
                let chars: Vec<Vec<char>> = tokens.iter().map(|t| t.chars().collect()).collect();
                let joined: Vec<u32> = chars
                    .windows(2)
                    .map(|pair| match pair {
                        [a, b] if joinable(a, b) => {
                            let text: String = a.iter().chain(b).collect();
                            intern(&mut vocabulary, &mut joins, &text, || Term::joined(a, b))
                        }
                        _ => NO_TERM,
                    })
                    .collect();
                let parts: Vec<(u32, usize)> = ids
                    .iter()
                    .zip(&chars)
                    .map(|(id, c)| (*id, c.len()))
                    .collect();
                let form = table.push(0, &parts, &joined);
                forms.insert(ids, form);
                form
            };
            table.add_kinds(form, kind);
            form_of_name.push((form, name));
        }
        drop(forms);
        let form_count = table.len();
        let (vocabulary, renumbered) = vocabulary.sorted();
        table.renumber(&renumbered);

        let mut term_forms: Vec<(u32, u32)> = Vec::new();
        for form in 0..form_count as u32 {
            for term in table.terms(form) {
                if *term != NO_TERM {
                    term_forms.push((*term, form));
                }
            }
        }
        // A term a form holds twice (`han han`) is posted twice: `accumulate.rs` sums postings.
        term_forms.sort_unstable();
        let (posting_offsets, postings) = compress(vocabulary.len(), &term_forms);
        term_forms.retain(|(_, form)| table.kinds(*form) & ORGANIZATION != 0);
        let (organization_offsets, organization_postings) = compress(vocabulary.len(), &term_forms);
        drop(term_forms);

        let keys = KeyTable::new(&vocabulary);

        form_of_name.sort_unstable();
        let (name_offsets, names) = compress(form_count, &form_of_name);
        let mut index = NameIndex {
            by_suffix: TermOrder::new(&vocabulary, suffix),
            by_second_prefix: TermOrder::new(&vocabulary, second_prefix),
            vocabulary,
            keys,
            posting_offsets,
            postings,
            organization_offsets,
            organization_postings,
            forms: table,
            name_offsets,
            names,
            neighbours: Neighbours::default(),
            accumulators: std::sync::Mutex::new(Vec::new()),
        };
        index.neighbours = Neighbours::build(&index);
        index
    }

    /// The terms of a form, as the scorer takes them.
    pub fn form_terms_into<'a>(
        &'a self,
        form: u32,
        parts: &mut Vec<TermRef<'a>>,
        joined: &mut Vec<Option<TermRef<'a>>>,
    ) -> Option<()> {
        let form = self.forms.get(form)?;
        let (ids, count) = (form.terms(), form.parts());
        parts.clear();
        joined.clear();
        for id in ids.get(..count)? {
            parts.push(self.vocabulary.get(*id)?);
        }
        for id in ids.get(count..)? {
            joined.push(if *id == NO_TERM {
                None
            } else {
                self.vocabulary.get(*id)
            });
        }
        Some(())
    }

    /// The names (ids given to [`NameIndex::build`]) that normalise to a form.
    pub fn names_of(&self, form: u32) -> &[u32] {
        entry(&self.name_offsets, &self.names, form)
    }

    pub fn form_count(&self) -> usize {
        self.forms.len()
    }

    pub fn term_count(&self) -> usize {
        self.vocabulary.len()
    }

    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    pub fn posting_count(&self) -> usize {
        self.postings.len()
    }

    /// How many terms have their lookup computed at build time.
    pub fn precomputed_count(&self) -> usize {
        self.neighbours.len()
    }

    /// Heap bytes held by the index arrays.
    pub fn heap_bytes(&self) -> usize {
        self.vocabulary.heap_bytes()
            + self.by_suffix.heap_bytes()
            + self.by_second_prefix.heap_bytes()
            + self.keys.heap_bytes()
            + (self.posting_offsets.capacity() + self.postings.capacity()) * 4
            + (self.organization_offsets.capacity() + self.organization_postings.capacity()) * 4
            + self.forms.heap_bytes()
            + (self.name_offsets.capacity() + self.names.capacity()) * 4
            + self.neighbours.heap_bytes()
    }

    /// The forms containing a term.
    pub(super) fn postings_of(&self, term: u32) -> &[u32] {
        entry(&self.posting_offsets, &self.postings, term)
    }

    /// The forms containing a term, of kind `kinds` or more: only organisations' when the
    /// kinds do not include persons (a superset of those of kind `kinds` otherwise).
    pub(super) fn postings_in(&self, term: u32, kinds: u8) -> &[u32] {
        if kinds & PERSON != 0 {
            return self.postings_of(term);
        }
        entry(
            &self.organization_offsets,
            &self.organization_postings,
            term,
        )
    }

    /// The kind bits of a form (0 for an unknown form).
    pub(super) fn form_kind(&self, form: u32) -> u8 {
        self.forms.kinds(form)
    }

    /// A form's record (see [`FormTable::get`]).
    pub(super) fn form(&self, form: u32) -> Option<Form<'_>> {
        self.forms.get(form)
    }

    /// The weight in the score of part `j` (term `term`) of `form`: from the form's record when
    /// it holds the part's length, which saves a read of the vocabulary.
    pub(super) fn part_weight_in(&self, form: &Form<'_>, j: usize, term: u32) -> f64 {
        let len = form
            .part_length(j)
            .unwrap_or_else(|| self.term_row(term).map_or(0, |row| usize::from(row.len)));
        score::part_weight_of_len(len)
    }

    /// A vocabulary term.
    pub(super) fn term(&self, id: u32) -> Option<TermRef<'_>> {
        self.vocabulary.get(id)
    }

    /// The ids of the single (or joined) terms beginning with `prefix` (of [`PREFIX_LEN`]
    /// chars) whose length is in `lengths`.
    pub(super) fn terms_with_prefix(
        &self,
        joined: bool,
        prefix: &[char],
        lengths: std::ops::RangeInclusive<usize>,
    ) -> std::ops::Range<u32> {
        self.vocabulary.with_prefix(joined, prefix, lengths)
    }

    /// The single (or joined) terms whose ending or whose chars after the first (`by`) are
    /// `chars`, and whose length is in `lengths`, with their lengths and bucket counts.
    pub(super) fn terms_ordered_by(
        &self,
        by: OrderBy,
        joined: bool,
        chars: &[char],
        lengths: std::ops::RangeInclusive<usize>,
    ) -> &[TermRow] {
        let order = match by {
            OrderBy::Suffix => &self.by_suffix,
            OrderBy::SecondPrefix => &self.by_second_prefix,
        };
        order.with_key(joined, chars, lengths)
    }

    /// The term of a row (one memory read fewer than [`Self::term`]).
    pub(super) fn term_of_row(&self, row: TermRow) -> Option<TermRef<'_>> {
        self.vocabulary.get_with_row(row)
    }

    /// A term's row: its id, length, bucket counts and whether it is joined.
    pub(super) fn term_row(&self, id: u32) -> Option<TermRow> {
        self.vocabulary.row(id)
    }

    /// The terms filed under a key (a superset of the terms having it: keys are hashes).
    pub(super) fn terms_with_key(&self, key: u64) -> &[TermRow] {
        self.keys.terms_with(key)
    }
}

/// Interns a term: the id of `text` in `map`, adding `make()` to the vocabulary if new.
fn intern(
    vocabulary: &mut Vocabulary,
    map: &mut HashMap<String, u32>,
    text: &str,
    make: impl FnOnce() -> Term,
) -> u32 {
    if let Some(id) = map.get(text) {
        return *id;
    }
    let id = vocabulary.push(&make());
    map.insert(text.to_owned(), id);
    id
}

/// `(group, value)` pairs sorted by group -> offsets (one more than `groups`) and values.
fn compress(groups: usize, pairs: &[(u32, u32)]) -> (Vec<u32>, Vec<u32>) {
    let mut offsets = vec![0u32; groups + 1];
    for (group, _) in pairs {
        if let Some(count) = offsets.get_mut(*group as usize + 1) {
            *count += 1;
        }
    }
    let mut running = 0u32;
    for offset in offsets.iter_mut() {
        running += *offset;
        *offset = running;
    }
    (offsets, pairs.iter().map(|(_, value)| *value).collect())
}
