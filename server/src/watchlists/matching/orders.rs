//! The vocabulary's terms in another order than its own (by prefix): by a few chars taken
//! elsewhere, such as the ending (`term::suffix`, for `term::share_suffix`) or the chars after
//! the first (`term::second_prefix`, for `term::share_shifted_prefix`). The terms with the same
//! such chars within a range of lengths are one range, with each term's length and bucket
//! counts (`score::bucket_layers`) stored beside its id: a lookup bounds the whole range by
//! reading memory in order, as the prefix lookup does (`vocabulary.rs`). Those terms begin
//! differently from the query unit, so Winkler's prefix adds little and most of a range is
//! rejected by that bound alone.

use super::term::{PREFIX_LEN, SUFFIX_LEN};
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

/// The most chars an order's key has.
const KEY_CHARS: usize = 3;
const _: () = assert!(SUFFIX_LEN <= KEY_CHARS && PREFIX_LEN <= KEY_CHARS);

/// An order's key, padded with NULs (which no name part has: the padded keys sort as the keys
/// do), beside whether its terms are joined: the directory's sort key.
type GroupKey = (bool, [char; KEY_CHARS]);

fn group_key(joined: bool, chars: &[char]) -> Option<GroupKey> {
    let mut padded = ['\0'; KEY_CHARS];
    padded.get_mut(..chars.len())?.copy_from_slice(chars);
    Some((joined, padded))
}

/// Every term that has the key, sorted by whether joined, key, length, with a directory of
/// where the terms of each key start: a lookup finds its key in the directory (a small array,
/// mostly in cache) and its lengths within the key's rows, without reading any term's chars.
#[derive(Debug)]
pub(super) struct TermOrder {
    rows: Vec<TermRow>,
    groups: Vec<(GroupKey, u32)>,
}

impl TermOrder {
    pub(super) fn new(vocabulary: &Vocabulary, key: OrderKey) -> TermOrder {
        let mut keyed: Vec<(GroupKey, u16, u32)> = (0..vocabulary.len() as u32)
            .filter_map(|id| {
                let term = vocabulary.get(id)?;
                let group = group_key(term.joined, key(term.chars)?)?;
                Some((group, vocabulary.row(id)?.len, id))
            })
            .collect();
        keyed.sort_unstable();
        let mut groups: Vec<(GroupKey, u32)> = Vec::new();
        let mut rows = Vec::with_capacity(keyed.len());
        for (group, _, id) in keyed {
            if groups.last().map(|(last, _)| *last) != Some(group) {
                groups.push((group, rows.len() as u32));
            }
            rows.extend(vocabulary.row(id));
        }
        groups.shrink_to_fit();
        TermOrder { rows, groups }
    }

    /// The single (or joined) terms whose key is `chars` and whose length is in `lengths`.
    pub(super) fn with_key(
        &self,
        joined: bool,
        chars: &[char],
        lengths: std::ops::RangeInclusive<usize>,
    ) -> &[TermRow] {
        let Some(wanted) = group_key(joined, chars) else {
            return &[];
        };
        let Ok(group) = self.groups.binary_search_by_key(&wanted, |(key, _)| *key) else {
            return &[];
        };
        let start = self
            .groups
            .get(group)
            .map_or(0, |(_, start)| *start as usize);
        let end = self
            .groups
            .get(group + 1)
            .map_or(self.rows.len(), |(_, start)| *start as usize);
        let rows = self.rows.get(start..end).unwrap_or_default();
        let low = rows.partition_point(|row| usize::from(row.len) < *lengths.start());
        let high = rows.partition_point(|row| usize::from(row.len) <= *lengths.end());
        rows.get(low..high.max(low)).unwrap_or_default()
    }

    pub(super) fn heap_bytes(&self) -> usize {
        self.rows.capacity() * std::mem::size_of::<TermRow>()
            + self.groups.capacity() * std::mem::size_of::<(GroupKey, u32)>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::watchlists::matching::term::{second_prefix, suffix, Term};

    /// A lookup finds exactly the terms of the key, joinedness and lengths asked for, in both
    /// orders, whatever the key's neighbours in the directory.
    #[test]
    fn a_lookup_finds_exactly_the_terms_with_the_key_and_a_length_in_range() {
        let words = [
            "popenko", "orlenko", "enko", "lenko", "evgeny", "yevgeny", "vgeny", "kim", "han",
            "an", "zhan", "chan", "xuantian", "tian",
        ];
        let mut vocabulary = Vocabulary::new();
        for word in words {
            vocabulary.push(&Term::single(word.chars().collect()));
        }
        let split: Vec<char> = "xuantian".chars().collect();
        let (first, second) = split.split_at(4);
        vocabulary.push(&Term::joined(first, second));
        for key in [suffix as OrderKey, second_prefix as OrderKey] {
            let order = TermOrder::new(&vocabulary, key);
            for id in 0..vocabulary.len() as u32 {
                let term = vocabulary.get(id).unwrap();
                let Some(chars) = key(term.chars) else {
                    continue;
                };
                for lengths in [1..=64, 4..=5, 6..=7, 8..=8] {
                    let mut found: Vec<u32> = order
                        .with_key(term.joined, chars, lengths.clone())
                        .iter()
                        .map(|row| row.term)
                        .collect();
                    found.sort_unstable();
                    let expected: Vec<u32> = (0..vocabulary.len() as u32)
                        .filter(|other| {
                            let other = vocabulary.get(*other).unwrap();
                            other.joined == term.joined
                                && key(other.chars) == Some(chars)
                                && lengths.contains(&other.chars.len())
                        })
                        .collect();
                    assert_eq!(found, expected, "{chars:?} {lengths:?}");
                }
            }
            let unknown: Vec<char> = "qqq".chars().collect();
            assert!(order.with_key(false, &unknown, 1..=64).is_empty());
        }
    }
}
