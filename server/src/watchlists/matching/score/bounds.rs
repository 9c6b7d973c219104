//! Upper bounds on a part pair's similarity that need no Jaro: from the chars the two parts
//! can have in common (counted per bucket, so a vocabulary scan reads a term's length and one
//! `u32`) and the Winkler prefix they share. The index uses them to skip comparisons
//! (`hits.rs`); every bound is at least the similarity, which the tests check on random parts.

use super::super::jaro_winkler::MAX_CHARS;
use super::{length_penalty, PAIR_FLOOR};

/// Whether parts of `a` and `b` chars with at most `common` matching chars can reach
/// [`PAIR_FLOOR`] (unless they share a romanisation class): Jaro is at most
/// `(common/a + common/b + 1) / 3`, Winkler adds at most 0.4 of the rest, and the length
/// penalty applies.
pub fn could_reach_floor(a: usize, b: usize, common: usize) -> bool {
    could_reach_floor_with_prefix(a, b, common, MAX_PREFIX)
}

/// [`could_reach_floor`] for parts known to share a Winkler prefix of `prefix` chars (at most
/// [`MAX_PREFIX`]): Winkler then adds at most `0.1 × prefix` of the rest.
pub fn could_reach_floor_with_prefix(a: usize, b: usize, common: usize, prefix: usize) -> bool {
    let (common, la, lb) = (common as f64, a.max(1) as f64, b.max(1) as f64);
    let jaro_max = (common / la + common / lb + 1.0) / 3.0;
    let boost = 0.1 * prefix.min(MAX_PREFIX) as f64;
    common > 0.0 && (jaro_max + boost * (1.0 - jaro_max)) * length_penalty(a, b) >= PAIR_FLOOR
}

/// The Winkler prefix two parts share: their equal leading chars, at most [`MAX_PREFIX`].
pub fn winkler_prefix(a: &[char], b: &[char]) -> usize {
    a.iter()
        .zip(b)
        .take(MAX_PREFIX)
        .take_while(|(x, y)| x == y)
        .count()
}

/// For one part, the fewest chars in common (by [`BucketCounts::common_with`]) with which a part
/// of each length, sharing a Winkler prefix of each length, could reach [`PAIR_FLOOR`]:
/// [`could_reach_floor_with_prefix`] as a table lookup, for scans that test thousands of parts
/// against one. The table for every pair of lengths up to [`MAX_CHARS`] is computed once.
#[derive(Clone, Copy, Debug)]
pub struct CommonNeeded {
    len: usize,
    /// `[prefix][other length]`, `u8::MAX` where nothing reaches.
    table: &'static [[u8; MAX_CHARS + 1]; MAX_PREFIX + 1],
}

/// Winkler's prefix counts at most this many chars.
pub const MAX_PREFIX: usize = 4;

type NeededTable = [[[u8; MAX_CHARS + 1]; MAX_PREFIX + 1]; MAX_CHARS + 1];

static NEEDED: std::sync::OnceLock<Box<NeededTable>> = std::sync::OnceLock::new();

impl CommonNeeded {
    pub fn new(len: usize) -> CommonNeeded {
        let all = NEEDED.get_or_init(|| {
            let mut all = Box::new([[[u8::MAX; MAX_CHARS + 1]; MAX_PREFIX + 1]; MAX_CHARS + 1]);
            for (len, by_prefix) in all.iter_mut().enumerate() {
                for (prefix, by_other) in by_prefix.iter_mut().enumerate() {
                    for (other, needed) in by_other.iter_mut().enumerate() {
                        let reaches =
                            |c: &usize| could_reach_floor_with_prefix(len, other, *c, prefix);
                        if let Some(common) = (1..=len.min(other)).find(reaches) {
                            *needed = u8::try_from(common).unwrap_or(u8::MAX);
                        }
                    }
                }
            }
            all
        });
        let row = all.get(len.min(MAX_CHARS)).unwrap_or(&all[0]);
        CommonNeeded { len, table: row }
    }

    /// [`could_reach_floor_with_prefix`] for this part and one of `other` chars with `common`
    /// in common and a shared prefix of `prefix` chars.
    pub fn allows(&self, other: usize, common: usize, prefix: usize) -> bool {
        let prefix = prefix.min(MAX_PREFIX);
        match self.table.get(prefix).and_then(|row| row.get(other)) {
            Some(needed) if self.len <= MAX_CHARS => common >= usize::from(*needed),
            _ => could_reach_floor_with_prefix(self.len, other, common, prefix),
        }
    }
}

/// The lengths of the parts that a part of `len` chars could reach [`PAIR_FLOOR`] with (by
/// [`could_reach_floor`] with every char in common), outside a romanisation class.
pub fn lengths_reaching_floor(len: usize) -> std::ops::RangeInclusive<usize> {
    let reaches = |other: usize| could_reach_floor(len, other, len.min(other));
    let low = (1..=MAX_CHARS).find(|other| reaches(*other)).unwrap_or(1);
    let high = (1..=MAX_CHARS)
        .rev()
        .find(|other| reaches(*other))
        .unwrap_or(0);
    low..=high
}

/// The part as Jaro-Winkler sees it (it ignores chars past [`MAX_CHARS`]).
fn clip(chars: &[char]) -> &[char] {
    chars.get(..MAX_CHARS).unwrap_or(chars)
}

/// A bucket per char for [`common_chars_bound`]: one per Latin letter, the rest shared (sharing
/// only makes the bound larger, never wrong).
fn bucket(c: char) -> u32 {
    match c {
        'a'..='z' => u32::from(c) - u32::from('a'),
        _ => 26 + u32::from(c) % 6,
    }
}

/// The buckets of a part's chars as two bit sets in one `u64`: the low half the buckets that
/// occur, the high half those that occur twice or more. Against
/// [`BucketCounts::common_with_layers`] it bounds the common chars more tightly than
/// [`common_chars_bound`] does for parts built of the same few letters (`qianggang` /
/// `xiaoguang`, with three `g`s and two `a`s against two and two).
pub fn bucket_layers(chars: &[char]) -> u64 {
    let (mut once, mut twice) = (0u32, 0u32);
    for c in clip(chars) {
        let bit = 1u32 << bucket(*c);
        twice |= once & bit;
        once |= bit;
    }
    u64::from(once) | (u64::from(twice) << 32)
}

/// A query part's chars counted per bucket, as layers of bit sets (layer k: the buckets that
/// occur more than k times), so bounding the chars in common with any part needs only that
/// part's [`bucket_layers`].
#[derive(Clone, Debug, Default)]
pub struct BucketCounts {
    /// Layers 0 and 1 in one `u64`, laid out as [`bucket_layers`] lays out the other part's
    /// (layer 0 meets the buckets it has, layer 1 those it has twice): a single AND and
    /// population count bounds most pairs, a part rarely having a bucket three times.
    first_two: u64,
    /// Layers 2 and up.
    rest: Vec<u32>,
    len: usize,
}

impl BucketCounts {
    pub fn new(chars: &[char]) -> BucketCounts {
        let chars = clip(chars);
        let mut layers: Vec<u32> = Vec::new();
        for c in chars {
            let bit = 1u32 << bucket(*c);
            match layers.iter_mut().find(|layer| **layer & bit == 0) {
                Some(layer) => *layer |= bit,
                None => layers.push(bit),
            }
        }
        let layer = |k: usize| u64::from(layers.get(k).copied().unwrap_or(0));
        BucketCounts {
            first_two: layer(0) | (layer(1) << 32),
            rest: layers.get(2..).unwrap_or_default().to_vec(),
            len: chars.len(),
        }
    }

    /// An upper bound on the chars Jaro can match between this part and a part of `len` chars
    /// with [`bucket_layers`] `layers`: per bucket, one char if the other part has it once, all
    /// of this part's if it has it twice or more.
    pub fn common_with_layers(&self, layers: u64, len: usize) -> usize {
        let twice = (layers >> 32) as u32;
        let shared = (self.first_two & layers).count_ones()
            + self
                .rest
                .iter()
                .map(|layer| (layer & twice).count_ones())
                .sum::<u32>();
        (shared as usize).min(self.len).min(len.min(MAX_CHARS))
    }
}

/// An upper bound on the chars Jaro can match between `a` and `b`: the chars of `a` whose bucket
/// occurs in `b`, and never more than either length.
pub fn common_chars_bound(a: &[char], b: &[char]) -> usize {
    let in_b = b.iter().fold(0u32, |mask, c| mask | (1 << bucket(*c)));
    let shared = a.iter().filter(|c| in_b & (1 << bucket(**c)) != 0).count();
    shared.min(a.len()).min(b.len())
}
