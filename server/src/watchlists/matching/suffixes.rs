//! The vocabulary's terms in suffix order, so that the terms ending like a query unit (the last
//! [`super::term::SUFFIX_LEN`] chars, `term::share_suffix`) within a range of lengths are one range, with
//! each term's length and bucket counts (`score::bucket_layers`) stored beside its id: a lookup bounds the whole range
//! by reading memory in order, as the prefix lookup does (`vocabulary.rs`). Jaro gives a shared
//! ending no bonus, so most of such a range is rejected by that bound alone.

use super::score::bucket_layers;
use super::term::suffix;
use super::vocabulary::Vocabulary;

/// A term in suffix order.
#[derive(Clone, Copy, Debug)]
pub(super) struct SuffixRow {
    /// `score::bucket_layers` of the term's chars.
    pub layers: u64,
    pub term: u32,
    pub len: u16,
    joined: bool,
}

/// Every term of at least [`super::term::SUFFIX_LEN`] chars, sorted by whether joined, suffix, length.
#[derive(Debug, Default)]
pub(super) struct SuffixOrder {
    rows: Vec<SuffixRow>,
}

impl SuffixOrder {
    pub(super) fn new(vocabulary: &Vocabulary) -> SuffixOrder {
        let mut rows: Vec<SuffixRow> = (0..vocabulary.len() as u32)
            .filter_map(|id| {
                let term = vocabulary.get(id)?;
                suffix(term.chars)?;
                Some(SuffixRow {
                    layers: bucket_layers(term.chars),
                    term: id,
                    len: u16::try_from(term.chars.len()).unwrap_or(u16::MAX),
                    joined: term.joined,
                })
            })
            .collect();
        rows.sort_by_cached_key(|row| {
            let ending = vocabulary
                .get(row.term)
                .and_then(|t| suffix(t.chars))
                .map(<[char]>::to_vec);
            (row.joined, ending, row.len, row.term)
        });
        rows.shrink_to_fit();
        SuffixOrder { rows }
    }

    /// The single (or joined) terms ending with `ending` (of [`super::term::SUFFIX_LEN`] chars) whose
    /// length is in `lengths`.
    pub(super) fn with_suffix(
        &self,
        vocabulary: &Vocabulary,
        joined: bool,
        ending: &[char],
        lengths: std::ops::RangeInclusive<usize>,
    ) -> &[SuffixRow] {
        let key = |row: &SuffixRow| {
            let chars = vocabulary
                .get(row.term)
                .map(|t| t.chars)
                .unwrap_or_default();
            (
                row.joined,
                suffix(chars).unwrap_or_default(),
                usize::from(row.len),
            )
        };
        let low = self
            .rows
            .partition_point(|row| key(row) < (joined, ending, *lengths.start()));
        let high = self
            .rows
            .partition_point(|row| key(row) <= (joined, ending, *lengths.end()));
        self.rows.get(low..high.max(low)).unwrap_or_default()
    }

    pub(super) fn heap_bytes(&self) -> usize {
        self.rows.capacity() * std::mem::size_of::<SuffixRow>()
    }
}
