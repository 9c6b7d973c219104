//! The vocabulary of a name index: every distinct name part (and joined pair of parts) once,
//! in flat arenas, numbered in sorted order (single before joined, then by prefix, length and
//! chars) so that the parts sharing a prefix within a range of lengths are one range of ids,
//! stored side by side.

use super::index::range;
use super::score::bucket_layers;
use super::term::{Term, TermRef, PREFIX_LEN};

const NO_CLASS: u16 = u16::MAX;

/// A term's id beside what bounds its similarity without reading its chars (its length and
/// bucket counts, `score::bucket_layers`) and whether it is joined. The lists that a lookup
/// scans by the thousand (`keys.rs`, `orders.rs`) store rows, not bare ids: a term the bound
/// rejects then costs no read elsewhere in a vocabulary of hundreds of megabytes, where each
/// would be a cache miss.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct TermRow {
    pub layers: u64,
    pub term: u32,
    pub len: u16,
    pub joined: bool,
    /// The term's third char when it is ASCII, else 0 ([`third_code`]). The terms of a prefix's
    /// range share their first two chars; those whose third differs from the query unit's share
    /// a Winkler prefix of exactly two, which bounds them more tightly without reading their
    /// chars. (It fills what would be padding: a row stays 16 bytes.)
    pub third: u8,
}

/// A part's third char as [`TermRow::third`] stores it: the ASCII code, or 0 when the part is
/// shorter or the char is not ASCII (unknown: it may equal anything).
pub(super) fn third_code(chars: &[char]) -> u8 {
    match chars.get(2) {
        Some(c) if c.is_ascii() => *c as u8,
        _ => 0,
    }
}

/// The vocabulary's terms, in arenas.
#[derive(Debug)]
pub(super) struct Vocabulary {
    chars: Vec<char>,
    char_offsets: Vec<u32>,
    classes: Vec<u16>,
    /// Per term: its row, so a scan of a range of ids bounds each term's similarity without
    /// reading its chars.
    rows: Vec<TermRow>,
}

impl Vocabulary {
    pub(super) fn new() -> Vocabulary {
        Vocabulary {
            chars: Vec::new(),
            char_offsets: vec![0],
            classes: Vec::new(),
            rows: Vec::new(),
        }
    }

    pub(super) fn push(&mut self, term: &Term) -> u32 {
        self.push_ref(term.view())
    }

    pub(super) fn get(&self, id: u32) -> Option<TermRef<'_>> {
        self.get_with_row(*self.rows.get(id as usize)?)
    }

    /// The term of a row the caller has read already (one memory read fewer).
    pub(super) fn get_with_row(&self, row: TermRow) -> Option<TermRef<'_>> {
        let i = row.term as usize;
        let chars = self.chars.get(range(&self.char_offsets, i)?)?;
        let class = *self.classes.get(i)?;
        Some(TermRef {
            chars,
            class: (class != NO_CLASS).then_some(class),
            joined: row.joined,
        })
    }

    /// Heap bytes held by the arenas.
    pub(super) fn heap_bytes(&self) -> usize {
        self.chars.capacity() * 4
            + self.char_offsets.capacity() * 4
            + self.classes.capacity() * 2
            + self.rows.capacity() * std::mem::size_of::<TermRow>()
    }

    pub(super) fn len(&self) -> usize {
        self.rows.len()
    }

    /// The same terms numbered in [`order_key`] order, and each old id's new one.
    pub(super) fn sorted(self) -> (Vocabulary, Vec<u32>) {
        let mut order: Vec<u32> = (0..self.len() as u32).collect();
        order.sort_by(|a, b| {
            let x = self.get(*a).map(order_key);
            let y = self.get(*b).map(order_key);
            x.cmp(&y)
        });
        let mut sorted = Vocabulary::new();
        let mut renumbered = vec![0u32; self.len()];
        for old in order {
            let Some(term) = self.get(old) else { continue };
            let new = sorted.push_ref(term);
            if let Some(slot) = renumbered.get_mut(old as usize) {
                *slot = new;
            }
        }
        (sorted, renumbered)
    }

    pub(super) fn push_ref(&mut self, term: TermRef<'_>) -> u32 {
        let id = self.rows.len() as u32;
        self.chars.extend_from_slice(term.chars);
        self.char_offsets.push(self.chars.len() as u32);
        self.classes.push(term.class.unwrap_or(NO_CLASS));
        self.rows.push(TermRow {
            layers: bucket_layers(term.chars),
            term: id,
            len: u16::try_from(term.chars.len()).unwrap_or(u16::MAX),
            joined: term.joined,
            third: third_code(term.chars),
        });
        id
    }

    /// Term `id`'s row.
    pub(super) fn row(&self, id: u32) -> Option<TermRow> {
        self.rows.get(id as usize).copied()
    }

    /// The ids of the single (or joined) terms beginning with `prefix` (of [`PREFIX_LEN`]
    /// chars), of `lengths` chars (the vocabulary is sorted by [`order_key`], so they are one
    /// range).
    pub(super) fn with_prefix(
        &self,
        joined: bool,
        prefix: &[char],
        lengths: std::ops::RangeInclusive<usize>,
    ) -> std::ops::Range<u32> {
        // The sort order, without the chars after the length.
        let key = |id: u32| {
            self.get(id).map(|t| {
                let (joined, prefix, len, _) = order_key(t);
                (joined, prefix, len)
            })
        };
        let len = self.len() as u32;
        let low = partition(len, |id| key(id) < Some((joined, prefix, *lengths.start())));
        let high = partition(len, |id| key(id) <= Some((joined, prefix, *lengths.end())));
        low..high.max(low)
    }
}

/// The order of the vocabulary: single terms, then joined; by the first [`PREFIX_LEN`] chars,
/// then length, then chars.
fn order_key<'t>(term: TermRef<'t>) -> (bool, &'t [char], usize, &'t [char]) {
    let prefix = term.chars.get(..PREFIX_LEN).unwrap_or(term.chars);
    (term.joined, prefix, term.chars.len(), term.chars)
}

/// The first id in `0..len` for which `before` is false (`before` must be true on a prefix of
/// the range and false after it).
fn partition(len: u32, before: impl Fn(u32) -> bool) -> u32 {
    let (mut low, mut high) = (0u32, len);
    while low < high {
        let mid = low + (high - low) / 2;
        if before(mid) {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    low
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_sixteen_bytes_and_knows_an_ascii_third_char() {
        assert_eq!(std::mem::size_of::<TermRow>(), 16);
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        assert_eq!(third_code(&chars("anzeko")), b'z');
        assert_eq!(third_code(&chars("an")), 0, "no third char");
        assert_eq!(third_code(&chars("anž")), 0, "not ASCII: unknown");
    }
}
