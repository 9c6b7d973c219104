//! Name similarity: an order-insensitive ("token-sort") Jaro-Winkler computed as the best
//! alignment of name parts, after watchman's `BestPairsJaroWinkler` and logic-v2's part
//! alignment (INDICATORS.md §6.1, §6.3), tuned for §6.4:
//!
//! * each query part is paired with at most one listed part, greedily by similarity; a part may
//!   also pair with two adjacent parts written together (`jongun` ~ `jong`+`un`, §6.4 step 2);
//! * part similarity is Jaro-Winkler with watchman's length penalty, raised to
//!   [`CLASS_SIMILARITY`] for two spellings of one Korean romanisation class (§6.4 step 4), and
//!   0 below [`PAIR_FLOOR`] or for parts that are not comparable (`term.rs`);
//! * an initial pairs with a full part starting with its letter for [`INITIAL_CREDIT`] only
//!   (logic-v2: INITIAL 0.9 at weight 0.5; §6.4 step 5), and a name matched through an initial is
//!   capped below critical;
//! * the score is the query's parts' similarities weighted by length (short Korean syllables
//!   count at least [`MIN_PART_WEIGHT`]); a query part with no counterpart costs its full
//!   weight and a listed part left over a fifth of its weight ([`UNMATCHED_LISTED_WEIGHT`], after
//!   logic-v2, §6.3): `Kim Jong Un` stays below review against `Kim Jong Il` and a bare `Kim`
//!   against every `KIM, …`, while a listed middle name costs less than a missing query part.
//!
//! Whole-string token-sort Jaro-Winkler (sort parts, join, compare) is reported in explanations
//! but not scored: it rewards shared prefixes across part boundaries (`jong kim` vs `jang kam`
//! scores 0.85) and cannot be bounded by an index.

use super::jaro_winkler::{jaro_winkler, Positions, MAX_CHARS};
use super::normalise::is_initial;
use super::term::{comparable, TermRef};

/// §6.4 step 7: a name at or above this is a match to review.
pub const REVIEW_THRESHOLD: f64 = 0.85;
/// §6.4 step 7 / KNOWN-01: at or above this, with no contradicting qualifier, a critical hold.
pub const CRITICAL_THRESHOLD: f64 = 0.95;
/// Part pairs below this similarity are not paired at all **[design]**.
pub const PAIR_FLOOR: f64 = 0.80;
/// Two spellings of one romanisation class (`Pak`/`Park`) **[design]**.
pub const CLASS_SIMILARITY: f64 = 0.97;
/// An initial against a full part (logic-v2 INITIAL 0.9 × weight 0.5).
pub const INITIAL_CREDIT: f64 = 0.45;
/// A name matched through an initial never scores above this (so never critical by itself).
pub const INITIALS_CAP: f64 = 0.94;
/// Weight of a listed part left unpaired, relative to a query part's (logic-v2
/// `nm_extra_result_name` 0.2; an unpaired query part weighs 1, logic-v2 0.8).
pub const UNMATCHED_LISTED_WEIGHT: f64 = 0.2;
/// Watchman's length penalty: below this length ratio, similarity × (1 - (1 - ratio) × 0.3).
pub const LENGTH_RATIO_CUTOFF: f64 = 0.9;
pub const LENGTH_PENALTY_WEIGHT: f64 = 0.3;
/// A part weighs its length in chars, at least this.
pub const MIN_PART_WEIGHT: usize = 2;
/// Parts of a name taken into account (the rest of a longer name is ignored).
pub const MAX_PARTS: usize = 16;

/// Which parts may be compared: the production rule, or every pair (the reference scan the
/// benchmark measures recall against).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gate {
    Comparable,
    PlainJaroWinkler,
}

/// One name for the scorer: its parts and the joined forms of adjacent parts
/// (`joined[i]` = parts `i` and `i + 1` written together; `None` where not joinable).
#[derive(Clone, Copy, Debug)]
pub struct Side<'s, 't> {
    pub parts: &'s [TermRef<'t>],
    pub joined: &'s [Option<TermRef<'t>>],
}

/// A chosen pairing: `query_len` query parts from `query` with `listed_len` listed parts from
/// `listed` (one side is always a single part).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pair {
    pub query: usize,
    pub query_len: usize,
    pub listed: usize,
    pub listed_len: usize,
    pub similarity: f64,
    pub initial: bool,
}

/// The result of aligning two names; the pairs are in the scratch passed to [`align`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Outcome {
    pub similarity: f64,
    pub initials: bool,
    /// Bit i set: query part i is paired.
    pub query_used: u32,
    /// Bit j set: listed part j is paired.
    pub listed_used: u32,
}

/// Reusable buffers, so scoring many candidates does not allocate. [`choose`] reads the
/// candidate pairs and the weights of both names' parts from here.
#[derive(Debug, Default)]
pub struct Scratch {
    pub candidates: Vec<Pair>,
    /// The pairs chosen by the last [`choose`] (or [`align`]).
    pub chosen: Vec<Pair>,
    pub query_weights: Vec<f64>,
    pub listed_weights: Vec<f64>,
}

/// The weight of a part in the score.
pub fn part_weight(chars: &[char]) -> f64 {
    part_weight_of_len(chars.len())
}

/// The weight of a part of `len` chars.
pub fn part_weight_of_len(len: usize) -> f64 {
    len.max(MIN_PART_WEIGHT) as f64
}

/// Similarity of two parts (single or joined) in 0..=1; 0 when below [`PAIR_FLOOR`].
pub fn part_similarity(a: TermRef<'_>, b: TermRef<'_>, gate: Gate) -> f64 {
    part_similarity_to(a, &Positions::new(a.chars), b, gate)
}

/// [`part_similarity`] with `a`'s char positions prepared, for comparing one part with many.
pub fn part_similarity_to(
    a: TermRef<'_>,
    a_positions: &Positions<'_>,
    b: TermRef<'_>,
    gate: Gate,
) -> f64 {
    if a.chars == b.chars {
        return 1.0;
    }
    let same_class = !a.joined && !b.joined && a.class.is_some() && a.class == b.class;
    let penalty = length_penalty(a.chars.len(), b.chars.len());
    let mut sim = a_positions.jaro_winkler(b.chars) * penalty;
    if same_class {
        sim = sim.max(CLASS_SIMILARITY);
    }
    // The gate is checked last: most pairs are already below the floor.
    if sim < PAIR_FLOOR || (gate == Gate::Comparable && !comparable(a, b)) {
        0.0
    } else {
        sim
    }
}

/// Watchman's length penalty (a factor in 0..=1) for parts of these lengths.
fn length_penalty(a: usize, b: usize) -> f64 {
    let (short, long) = (a.min(b) as f64, a.max(b) as f64);
    if long > 0.0 && short < LENGTH_RATIO_CUTOFF * long {
        1.0 - (1.0 - short / long) * LENGTH_PENALTY_WEIGHT
    } else {
        1.0
    }
}

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

/// The buckets of a part's chars as a bit set.
pub fn bucket_mask(chars: &[char]) -> u32 {
    clip(chars)
        .iter()
        .fold(0u32, |mask, c| mask | (1 << bucket(*c)))
}

/// A query part's chars counted per bucket, as layers of bit sets (layer k: the buckets that
/// occur more than k times), so [`common_chars_bound`] against any part needs only that
/// part's [`bucket_mask`].
#[derive(Clone, Debug, Default)]
pub struct BucketCounts {
    layers: Vec<u32>,
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
        BucketCounts {
            layers,
            len: chars.len(),
        }
    }

    /// [`common_chars_bound`] of this part against a part of `len` chars with bucket set
    /// `mask`.
    pub fn common_with(&self, mask: u32, len: usize) -> usize {
        let shared: u32 = self
            .layers
            .iter()
            .map(|layer| (layer & mask).count_ones())
            .sum();
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

/// An initial (one letter) against a longer single part starting with that letter.
pub fn is_initial_pair(a: TermRef<'_>, b: TermRef<'_>) -> bool {
    let one_way = |x: TermRef<'_>, y: TermRef<'_>| {
        !y.joined && is_initial(x.chars) && y.chars.len() >= 2 && y.chars.first() == x.chars.first()
    };
    !a.joined && !b.joined && (one_way(a, b) || one_way(b, a))
}

/// Aligns `query` with `listed` and scores the alignment (see the module comment). The chosen
/// pairs are left in `scratch.chosen`.
pub fn align(
    query: &Side<'_, '_>,
    listed: &Side<'_, '_>,
    gate: Gate,
    scratch: &mut Scratch,
) -> Outcome {
    scratch.candidates.clear();
    scratch.chosen.clear();
    let nq = query.parts.len().min(MAX_PARTS);
    let nl = listed.parts.len().min(MAX_PARTS);
    if nq == 0 || nl == 0 {
        return Outcome::default();
    }
    let (qp, lp) = (&query.parts[..nq], &listed.parts[..nl]);
    for (i, q) in qp.iter().enumerate() {
        for (j, l) in lp.iter().enumerate() {
            let sim = part_similarity(*q, *l, gate);
            if sim > 0.0 {
                scratch.candidates.push(pair(i, 1, j, 1, sim, false));
            } else if is_initial_pair(*q, *l) {
                scratch
                    .candidates
                    .push(pair(i, 1, j, 1, INITIAL_CREDIT, true));
            }
        }
    }
    for (i, joined) in query.joined.iter().enumerate().take(nq.saturating_sub(1)) {
        let Some(q) = joined else { continue };
        for (j, l) in lp.iter().enumerate() {
            let sim = part_similarity(*q, *l, gate);
            if sim > 0.0 {
                scratch.candidates.push(pair(i, 2, j, 1, sim, false));
            }
        }
    }
    for (j, joined) in listed.joined.iter().enumerate().take(nl.saturating_sub(1)) {
        let Some(l) = joined else { continue };
        for (i, q) in qp.iter().enumerate() {
            let sim = part_similarity(*q, *l, gate);
            if sim > 0.0 {
                scratch.candidates.push(pair(i, 1, j, 2, sim, false));
            }
        }
    }
    scratch.query_weights.clear();
    scratch
        .query_weights
        .extend(qp.iter().map(|p| part_weight(p.chars)));
    scratch.listed_weights.clear();
    scratch
        .listed_weights
        .extend(lp.iter().map(|p| part_weight(p.chars)));
    choose(scratch)
}

/// Chooses among `scratch.candidates` greedily (best similarity first, then the pair covering
/// more parts, then position), each part at most once, and scores the alignment with
/// `scratch.query_weights` and `scratch.listed_weights` (see the module comment). The chosen
/// pairs are left in `scratch.chosen`. The index calls this directly with candidates made from
/// similarities it has already computed; [`align`] makes them from the parts.
pub fn choose(scratch: &mut Scratch) -> Outcome {
    let Scratch {
        candidates,
        chosen,
        query_weights,
        listed_weights,
    } = scratch;
    chosen.clear();
    candidates.sort_by(|a, b| {
        b.similarity
            .total_cmp(&a.similarity)
            .then((b.query_len + b.listed_len).cmp(&(a.query_len + a.listed_len)))
            .then(a.query.cmp(&b.query))
            .then(a.listed.cmp(&b.listed))
    });
    let (mut query_used, mut listed_used) = (0u32, 0u32);
    for candidate in candidates.iter() {
        let q_mask = span(candidate.query, candidate.query_len);
        let l_mask = span(candidate.listed, candidate.listed_len);
        if query_used & q_mask == 0 && listed_used & l_mask == 0 {
            query_used |= q_mask;
            listed_used |= l_mask;
            chosen.push(*candidate);
        }
    }
    let mut credited = 0.0;
    for pair in chosen.iter() {
        for weight in query_weights.iter().skip(pair.query).take(pair.query_len) {
            credited += weight * pair.similarity;
        }
    }
    let query_weight: f64 = query_weights.iter().sum();
    let listed_left: f64 = listed_weights
        .iter()
        .enumerate()
        .filter(|(j, _)| listed_used & (1u32 << j) == 0)
        .map(|(_, weight)| weight)
        .sum();
    let mut similarity = credited / (query_weight + UNMATCHED_LISTED_WEIGHT * listed_left);
    let initials = chosen.iter().any(|p| p.initial);
    if initials {
        similarity = similarity.min(INITIALS_CAP);
    }
    Outcome {
        similarity: similarity.clamp(0.0, 1.0),
        initials,
        query_used,
        listed_used,
    }
}

pub fn pair(
    query: usize,
    query_len: usize,
    listed: usize,
    listed_len: usize,
    similarity: f64,
    initial: bool,
) -> Pair {
    Pair {
        query,
        query_len,
        listed,
        listed_len,
        similarity,
        initial,
    }
}

/// Bits `start .. start + len` (both below [`MAX_PARTS`], so no overflow).
fn span(start: usize, len: usize) -> u32 {
    ((1u32 << len) - 1) << start
}

/// Whole-string token-sort Jaro-Winkler (parts sorted and joined by spaces), for explanations.
pub fn token_sort_jaro_winkler(query: &[TermRef<'_>], listed: &[TermRef<'_>]) -> f64 {
    let sorted = |parts: &[TermRef<'_>]| -> Vec<char> {
        let mut texts: Vec<&[char]> = parts.iter().map(|p| p.chars).collect();
        texts.sort();
        texts.join(&' ')
    };
    jaro_winkler(&sorted(query), &sorted(listed))
}

#[cfg(test)]
mod tests;
