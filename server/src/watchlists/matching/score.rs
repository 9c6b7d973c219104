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

use super::jaro_winkler::{jaro_winkler, Positions};
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

pub mod bounds;
pub use bounds::*;

#[cfg(test)]
mod tests;
