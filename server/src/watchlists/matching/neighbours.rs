//! Step 1 of the index search (`hits.rs`), done at build time for every term of two forms or
//! more.
//!
//! Looking a query unit up costs from a tenth to half a millisecond (thousands of rows
//! scanned, hundreds of Jaro computations), and most of a query's units are listed name parts:
//! common ones (`kim`, `mohammed`, `petrov`), and the parts of the listed name a profile is,
//! or is a variant of, which the name's aliases list again. For every term posted in at least
//! [`FREQUENT_FROM`] forms the index looks it up once as a query unit when it is built, and a
//! query unit equal to one of them reads the answer instead of computing it. A unit is wholly
//! determined by its chars and whether it is joined (`Term::single`, `Term::joined`), so the
//! answer is the very one the lookup would give: the search's results do not change.

use super::index::NameIndex;
use super::term::TermRef;
use std::collections::HashMap;

/// A term posted in at least this many forms has its lookup computed at build time. Measured
/// at a million names (`benches/watchlist`): from ten forms (19,509 terms, 97 MiB, about 2 s of
/// build on two cores) to two (113,061 terms, about 700 MiB, 10 s more), p99 per profile fell
/// from 1.4 to 1.05 ms and the mean from 0.47 to 0.37 ms; every term (one form: typos and
/// invented words that profiles rarely repeat) gained nothing more for twice the build.
pub(super) const FREQUENT_FROM: usize = 2;

/// A term and what its lookup found (`NameIndex::unit_terms`).
type Lookup = (u32, Vec<(u32, f64)>);

/// The lookups of the frequent terms: per term, the terms it is comparable with (ascending)
/// and their similarity.
#[derive(Debug, Default)]
pub(super) struct Neighbours {
    /// A frequent term's chars -> its slot, for single and for joined terms.
    singles: HashMap<Box<[char]>, u32>,
    joins: HashMap<Box<[char]>, u32>,
    /// Slot `i`'s neighbours: `terms[offsets[i]..offsets[i + 1]]`, with their similarities.
    offsets: Vec<u32>,
    terms: Vec<u32>,
    similarities: Vec<f64>,
}

impl Neighbours {
    /// Looks up every term of `index` posted in at least [`FREQUENT_FROM`] forms, on every
    /// core.
    pub(super) fn build(index: &NameIndex) -> Neighbours {
        let frequent: Vec<u32> = (0..index.term_count() as u32)
            .filter(|id| index.postings_of(*id).len() >= FREQUENT_FROM)
            .collect();
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = frequent.len().div_ceil(threads).max(1);
        let looked_up: Vec<Vec<Lookup>> = std::thread::scope(|scope| {
            let workers: Vec<_> = frequent
                .chunks(chunk)
                .map(|ids| {
                    scope.spawn(move || {
                        ids.iter()
                            .filter_map(|id| Some((*id, index.unit_terms(index.term(*id)?))))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|worker| worker.join().unwrap_or_default())
                .collect()
        });
        let mut neighbours = Neighbours {
            offsets: vec![0],
            ..Neighbours::default()
        };
        for (id, found) in looked_up.into_iter().flatten() {
            let Some(term) = index.term(id) else { continue };
            let slot = (neighbours.offsets.len() - 1) as u32;
            let map = if term.joined {
                &mut neighbours.joins
            } else {
                &mut neighbours.singles
            };
            map.insert(term.chars.into(), slot);
            for (neighbour, similarity) in found {
                neighbours.terms.push(neighbour);
                neighbours.similarities.push(similarity);
            }
            neighbours.offsets.push(neighbours.terms.len() as u32);
        }
        neighbours
    }

    /// The precomputed lookup of `unit`, if it is a frequent term.
    pub(super) fn of(&self, unit: TermRef<'_>) -> Option<(&[u32], &[f64])> {
        let map = if unit.joined {
            &self.joins
        } else {
            &self.singles
        };
        let slot = *map.get(unit.chars)? as usize;
        let range = super::index::range(&self.offsets, slot)?;
        Some((
            self.terms.get(range.clone())?,
            self.similarities.get(range)?,
        ))
    }

    /// How many terms have their lookup precomputed.
    pub(super) fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    /// Heap bytes (the maps counted at their keys' and slots' size).
    pub(super) fn heap_bytes(&self) -> usize {
        let keys: usize = self
            .singles
            .keys()
            .chain(self.joins.keys())
            .map(|k| k.len() * 4 + 24)
            .sum();
        keys + self.offsets.capacity() * 4
            + self.terms.capacity() * 4
            + self.similarities.capacity() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::watchlists::matching::index::PERSON;
    use crate::watchlists::matching::term::Term;

    fn index(names: &[String]) -> NameIndex {
        NameIndex::build(names.iter().enumerate().map(|(i, name)| {
            let parts = name.split(' ').map(str::to_owned).collect();
            (i as u32, parts, PERSON)
        }))
    }

    fn text(index: &NameIndex, id: u32) -> String {
        index
            .term(id)
            .map_or(String::new(), |t| t.chars.iter().collect())
    }

    #[test]
    fn a_frequent_term_reads_the_lookup_a_query_would_compute() {
        let given = [
            "chol", "min", "jong", "song", "hyon", "nam", "il", "chun", "sok", "hui", "yong", "ho",
        ];
        // `kim` in twelve forms, `jong un` joined in ten, `chol` in five, the other given names
        // in one or two; `gim`, `kimm` and `ri` in one.
        let mut names: Vec<String> = given.iter().map(|g| format!("kim {g}")).collect();
        names.extend(given.iter().take(10).map(|g| format!("{g} jong un")));
        names.extend(["gim chol", "kimm chol", "ri chol"].map(str::to_owned));
        let index = index(&names);

        let kim = Term::single("kim".chars().collect());
        let (terms, similarities) = index.neighbours.of(kim.view()).expect("kim is frequent");
        let read: Vec<(u32, f64)> = terms
            .iter()
            .copied()
            .zip(similarities.iter().copied())
            .collect();
        assert_eq!(read, index.unit_terms(kim.view()));
        let found: Vec<String> = terms.iter().map(|t| text(&index, *t)).collect();
        for near in ["kim", "gim", "kimm"] {
            assert!(found.contains(&near.to_owned()), "{near} in {found:?}");
        }
        assert!(!found.contains(&"ri".to_owned()), "{found:?}");

        let jongun = Term::joined(&['j', 'o', 'n', 'g'], &['u', 'n']);
        let (terms, _) = index
            .neighbours
            .of(jongun.view())
            .expect("jongun is frequent");
        assert_eq!(
            terms.len(),
            index.unit_terms(jongun.view()).len(),
            "a joined unit reads the joined term's lookup"
        );
        // The same chars as a single part are another unit, not precomputed.
        let single = Term::single("jongun".chars().collect());
        assert!(index.neighbours.of(single.view()).is_none());
        // Terms in a single form are looked up at query time.
        for rare in ["gim", "kimm", "ri", "yong", "ho"] {
            let term = Term::single(rare.chars().collect());
            assert!(index.neighbours.of(term.view()).is_none(), "{rare}");
        }
        assert_eq!(
            index.precomputed_count(),
            13,
            "kim, jong, un, chol, the eight other given names before `jong un`, and jongun"
        );
    }
}
