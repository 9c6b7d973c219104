//! Step 1 of the index search (`candidates.rs`): the vocabulary terms each query unit (a part,
//! or two adjacent parts joined) is comparable with, and their part similarity.
//!
//! A unit finds its terms by its keys (`term::keys`), by its prefix, by its ending and by its
//! prefix shifted by a leading letter: the terms sharing a prefix are one range of the sorted
//! vocabulary, those sharing an ending or the chars after the first one range of another
//! order of it (`orders.rs`), and within each only the lengths that can reach the pair floor;
//! a term's bucket counts reject most of a range before its chars are read. A unit equal to a
//! frequent term reads the lookup the index did for that term when it was built
//! (`neighbours.rs`).

use super::index::NameIndex;
use super::jaro_winkler::Positions;
use super::orders::OrderBy;
use super::score::{
    self, part_similarity_to, winkler_prefix, BucketCounts, CommonNeeded, Gate, INITIAL_CREDIT,
    MAX_PREFIX,
};
use super::term::{class_key, keys, prefix, second_prefix, suffix, Term, TermRef, PREFIX_LEN};
use super::vocabulary::{third_code, TermRow};
use std::collections::HashMap;

/// A vocabulary term that a query unit is comparable with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Hit {
    pub term: u32,
    /// The query parts the unit covers (bit i: part i).
    pub parts: u32,
    pub similarity: f64,
    /// A listed initial paired with a query part starting with its letter.
    pub initial: bool,
}

/// The vocabulary terms each query unit was found comparable with, by the unit's chars and
/// whether it is joined: a query read two ways (as a person's name reordered, and as written)
/// looks its parts up once.
#[derive(Default)]
pub struct HitCache {
    units: HashMap<UnitKey, Vec<(u32, f64)>>,
}

/// A query unit's chars, and whether it is a joined pair of parts.
type UnitKey = (Vec<char>, bool);

/// A query's hits, sorted by term, with a hash table from a term to its run of hits: the
/// search looks up every term of every candidate form, tens of thousands for a common name.
pub(super) struct Hits {
    list: Vec<Hit>,
    /// Open addressing, linear probing: (term, start, end) of each run; `EMPTY` terms are free.
    table: Vec<(u32, u32, u32)>,
    shift: u32,
}

const EMPTY: u32 = u32::MAX;

impl Hits {
    /// From hits sorted by term.
    pub(super) fn new(list: Vec<Hit>) -> Hits {
        let runs = list.chunk_by(|a, b| a.term == b.term).count();
        let size = (runs * 2).next_power_of_two().max(8);
        let mut hits = Hits {
            table: vec![(EMPTY, 0, 0); size],
            shift: 64 - size.trailing_zeros(),
            list: Vec::new(),
        };
        let mut start = 0usize;
        for run in list.chunk_by(|a, b| a.term == b.term) {
            let term = run.first().map_or(EMPTY, |h| h.term);
            let mut slot = hits.slot(term);
            while let Some(entry) = hits.table.get_mut(slot) {
                if entry.0 == EMPTY {
                    *entry = (term, start as u32, (start + run.len()) as u32);
                    break;
                }
                slot = (slot + 1) & (size - 1);
            }
            start += run.len();
        }
        hits.list = list;
        hits
    }

    fn slot(&self, term: u32) -> usize {
        (u64::from(term).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// The hits on `term`.
    pub(super) fn of(&self, term: u32) -> &[Hit] {
        let mask = self.table.len() - 1;
        let mut slot = self.slot(term);
        while let Some(&(found, start, end)) = self.table.get(slot) {
            if found == term {
                return self
                    .list
                    .get(start as usize..end as usize)
                    .unwrap_or_default();
            }
            if found == EMPTY {
                break;
            }
            slot = (slot + 1) & mask;
        }
        &[]
    }

    /// Every hit, sorted by term.
    pub(super) fn all(&self) -> &[Hit] {
        &self.list
    }
}

impl NameIndex {
    /// The terms each query unit (part, or joined pair of parts) can pair with, sorted by term,
    /// best similarity first.
    pub(super) fn hits(
        &self,
        parts: &[TermRef<'_>],
        joined: &[Option<TermRef<'_>>],
        initial: &[bool],
        cache: &mut HitCache,
    ) -> Vec<Hit> {
        let n = parts.len();
        let mut units: Vec<(TermRef<'_>, u32)> = parts
            .iter()
            .enumerate()
            .map(|(i, p)| (*p, 1u32 << i))
            .collect();
        for (i, unit) in joined.iter().enumerate().take(n.saturating_sub(1)) {
            let Some(unit) = unit else { continue };
            units.push((*unit, 0b11u32 << i));
        }
        let mut hits = Vec::new();
        for (unit, mask) in &units {
            if let Some((terms, similarities)) = self.neighbours.of(*unit) {
                hits.extend(
                    terms
                        .iter()
                        .zip(similarities)
                        .map(|(term, similarity)| Hit {
                            term: *term,
                            parts: *mask,
                            similarity: *similarity,
                            initial: false,
                        }),
                );
                continue;
            }
            let cached = cache
                .units
                .entry((unit.chars.to_vec(), unit.joined))
                .or_insert_with(|| self.unit_terms(*unit));
            hits.extend(cached.iter().map(|(term, similarity)| Hit {
                term: *term,
                parts: *mask,
                similarity: *similarity,
                initial: false,
            }));
        }
        self.listed_initials(parts, initial, &mut hits);
        // A total order (a hit of a unit beats an initial's at equal similarity, as it came
        // first), so the cheaper unstable sort keeps the same hit of each term and parts.
        hits.sort_unstable_by(|a, b| {
            a.term
                .cmp(&b.term)
                .then(a.parts.cmp(&b.parts))
                .then(b.similarity.total_cmp(&a.similarity))
                .then(a.initial.cmp(&b.initial))
        });
        hits.dedup_by(|later, kept| later.term == kept.term && later.parts == kept.parts);
        hits
    }

    /// The terms one unit is comparable with, each once, with their similarity.
    pub(super) fn unit_terms(&self, unit: TermRef<'_>) -> Vec<(u32, f64)> {
        let lengths = score::lengths_reaching_floor(unit.chars.len());
        let in_range = |joined: bool| {
            prefix(unit.chars)
                .map(|p| self.terms_with_prefix(joined, p, lengths.clone()))
                .unwrap_or(0..0)
        };
        // A joined unit is never aligned with a joined term.
        let (singles, joins) = (
            in_range(false),
            if unit.joined { 0..0 } else { in_range(true) },
        );

        let counts = BucketCounts::new(unit.chars);
        let needed = CommonNeeded::new(unit.chars.len());
        let positions = Positions::new(unit.chars);
        // Whether a term of `len` chars and bucket counts `layers` can reach the pair floor
        // with a Winkler prefix of `prefix` chars (a bound on its similarity, before its chars
        // are read).
        let may_reach = |len: usize, layers: u64, prefix: usize| {
            needed.allows(len, counts.common_with_layers(layers, len), prefix)
        };

        let mut buffer = Vec::new();
        keys(unit, &mut buffer);
        // A term found by key that begins with the unit's prefix is in the prefix's range,
        // where the scan below finds it (unless its length cannot reach the floor). The others
        // begin with at most one char in common with the unit, so most are rejected by the bound
        // with a one-char Winkler prefix, read from their rows. Neither holds for the terms
        // under the unit's romanisation class key: two spellings of a class pair whatever the
        // bound says, so they are all kept. A term usually shares several keys with a unit (its
        // deletion variants): compare each term once.
        let in_prefix_range = |id: u32| singles.contains(&id) || joins.contains(&id);
        let class = class_key(unit);
        let mut by_key: Vec<TermRow> = buffer
            .iter()
            .flat_map(|key| {
                let of_class = Some(*key) == class;
                self.terms_with_key(*key)
                    .iter()
                    .filter(move |row| {
                        !(unit.joined && row.joined)
                            && (of_class
                                || (!in_prefix_range(row.term)
                                    && may_reach(usize::from(row.len), row.layers, 1)))
                    })
                    .copied()
            })
            .collect();
        by_key.sort_unstable_by_key(|row| row.term);
        by_key.dedup_by_key(|row| row.term);
        let found_by_key = |id: u32| by_key.binary_search_by_key(&id, |row| row.term).is_ok();
        // Most of the prefix's range is too different to reach the floor, which the terms'
        // rows show without reading their chars: they share the unit's first two chars, and a
        // longer Winkler prefix only when their third char is the unit's too.
        let unit_third = third_code(unit.chars);
        let shared_prefix = |row: &TermRow| {
            let third_differs = unit_third != 0 && row.third != 0 && row.third != unit_third;
            if unit.chars.len() <= PREFIX_LEN || usize::from(row.len) <= PREFIX_LEN || third_differs
            {
                PREFIX_LEN
            } else {
                MAX_PREFIX
            }
        };
        let by_prefix = singles
            .clone()
            .chain(joins.clone())
            .filter_map(|id| self.term_row(id))
            .filter(|row| {
                may_reach(usize::from(row.len), row.layers, shared_prefix(row))
                    && (unit.class.is_none() || !found_by_key(row.term))
            });
        // The terms found by their ending, or by a leading letter dropped or added (by the
        // unit's chars after its first, or theirs), but for those found by key or prefix already.
        // Those left begin with at most one char in common with the unit (any other would be in
        // the prefix's range, which covers the same lengths), so Winkler's prefix adds little and
        // the bound with a one-char prefix rejects most of each range.
        let elsewhere = |row: &TermRow| {
            !in_prefix_range(row.term)
                && may_reach(usize::from(row.len), row.layers, 1)
                && !found_by_key(row.term)
        };
        let (mut rows, mut shifted) = (Vec::new(), Vec::new());
        for joined in [false, true] {
            if joined && unit.joined {
                continue; // never aligned with each other
            }
            if let Some(ending) = suffix(unit.chars) {
                rows.push(self.terms_ordered_by(OrderBy::Suffix, joined, ending, lengths.clone()));
            }
            if let Some(start) = prefix(unit.chars) {
                rows.push(self.terms_ordered_by(
                    OrderBy::SecondPrefix,
                    joined,
                    start,
                    lengths.clone(),
                ));
            }
            if let Some(rest) = second_prefix(unit.chars) {
                shifted.push(self.terms_with_prefix(joined, rest, lengths.clone()));
            }
        }
        let by_order = rows.into_iter().flatten().copied().filter(elsewhere);
        let by_shift = shifted
            .into_iter()
            .flatten()
            .filter_map(|id| self.term_row(id))
            .filter(elsewhere);
        by_key
            .iter()
            .copied()
            .chain(by_prefix)
            .chain(by_order)
            .chain(by_shift)
            .filter_map(|row| {
                let term = self.term_of_row(row)?;
                if unit.joined && term.joined {
                    return None; // never aligned with each other
                }
                // The bound again, with the prefix the two actually share, before Jaro. (Two
                // spellings of a romanisation class pair whatever it says.)
                let same_class = !unit.joined
                    && !term.joined
                    && unit.class.is_some()
                    && unit.class == term.class;
                if !same_class
                    && !may_reach(
                        usize::from(row.len),
                        row.layers,
                        winkler_prefix(unit.chars, term.chars),
                    )
                {
                    return None;
                }
                let similarity = part_similarity_to(unit, &positions, term, Gate::Comparable);
                (similarity > 0.0).then_some((row.term, similarity))
            })
            .collect()
    }

    /// A listed initial pairs with a query part (not itself an initial) that starts with its
    /// letter, at [`INITIAL_CREDIT`].
    fn listed_initials(&self, parts: &[TermRef<'_>], initial: &[bool], hits: &mut Vec<Hit>) {
        let mut buffer = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            let Some(first) = part.chars.first() else {
                continue;
            };
            if initial.get(i).copied().unwrap_or(true) {
                continue;
            }
            let letter = Term::single(vec![*first]);
            buffer.clear();
            keys(letter.view(), &mut buffer);
            for key in &buffer {
                for row in self.terms_with_key(*key) {
                    let id = &row.term;
                    let Some(term) = self.term(*id) else { continue };
                    if !term.joined
                        && term.chars.len() == 1
                        && term.chars.first() == Some(first)
                        && super::normalise::is_initial(term.chars)
                    {
                        hits.push(Hit {
                            term: *id,
                            parts: 1 << i,
                            similarity: INITIAL_CREDIT,
                            initial: true,
                        });
                    }
                }
            }
        }
    }
}
