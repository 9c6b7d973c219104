//! The vocabulary's terms in another order than its own (by prefix): by a few chars taken
//! elsewhere, such as the ending (`term::suffix`, for `term::share_suffix`) or the chars after
//! the first (`term::second_prefix`, for `term::share_shifted_prefix`). The terms with the same
//! such chars within a range of lengths are one range, with each term's length and bucket
//! counts (`score::bucket_layers`) stored beside its id: a lookup bounds the whole range by
//! reading memory in order, as the prefix lookup does (`vocabulary.rs`). Those terms begin
//! differently from the query unit, so Winkler's prefix adds little and most of a range is
//! rejected by that bound alone.

use super::vocabulary::{TermRow, Vocabulary};

/// The orders an index keeps besides its vocabulary's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum OrderBy {
    /// By the last [`super::term::SUFFIX_LEN`] chars (`term::suffix`).
    Suffix,
    /// By the chars after the first (`term::second_prefix`).
    SecondPrefix,
}

/// Which chars of a term an order sorts by (`None`: the term is not in the order).
pub(super) type OrderKey = fn(&[char]) -> Option<&[char]>;

/// Every term that has the key, sorted by whether joined, key, length.
#[derive(Debug)]
pub(super) struct TermOrder {
    rows: Vec<TermRow>,
    key: OrderKey,
}

impl TermOrder {
    pub(super) fn new(vocabulary: &Vocabulary, key: OrderKey) -> TermOrder {
        let mut rows: Vec<TermRow> = (0..vocabulary.len() as u32)
            .filter_map(|id| {
                key(vocabulary.get(id)?.chars)?;
                vocabulary.row(id)
            })
            .collect();
        rows.sort_by_cached_key(|row| {
            let chars = vocabulary
                .get(row.term)
                .and_then(|t| key(t.chars))
                .map(<[char]>::to_vec);
            (row.joined, chars, row.len, row.term)
        });
        rows.shrink_to_fit();
        TermOrder { rows, key }
    }

    /// The single (or joined) terms whose key is `chars` and whose length is in `lengths`.
    pub(super) fn with_key(
        &self,
        vocabulary: &Vocabulary,
        joined: bool,
        chars: &[char],
        lengths: std::ops::RangeInclusive<usize>,
    ) -> &[TermRow] {
        let order = |row: &TermRow| {
            let term = vocabulary
                .get(row.term)
                .map(|t| t.chars)
                .unwrap_or_default();
            (
                row.joined,
                (self.key)(term).unwrap_or_default(),
                usize::from(row.len),
            )
        };
        let low = self
            .rows
            .partition_point(|row| order(row) < (joined, chars, *lengths.start()));
        let high = self
            .rows
            .partition_point(|row| order(row) <= (joined, chars, *lengths.end()));
        self.rows.get(low..high.max(low)).unwrap_or_default()
    }

    pub(super) fn heap_bytes(&self) -> usize {
        self.rows.capacity() * std::mem::size_of::<TermRow>()
    }
}
