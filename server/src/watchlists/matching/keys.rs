//! The key table of a name index: every vocabulary term filed under each of its lookup keys
//! (`term::keys`), as one array of `(hash, term row)` sorted by hash, with a directory on the
//! hashes' top bits so that a lookup searches a handful of keys, not millions: a query part has
//! about twenty keys, and a binary search over the whole array costs a cache miss per step.
//! A short part's keys list hundreds of terms, most of which the similarity bound rejects: the
//! rows (`vocabulary::TermRow`) carry what the bound reads, so those cost no further reads.

use super::index::range;
use super::term::keys;
use super::vocabulary::{TermRow, Vocabulary};

/// The directory has about one bucket per this many keys (a power of two of buckets).
const KEYS_PER_BUCKET: usize = 4;

#[derive(Debug)]
pub(super) struct KeyTable {
    hashes: Vec<u64>,
    terms: Vec<TermRow>,
    /// Where the hashes of each value of their top `bits` bits start in `hashes`, and one more
    /// entry marking the end.
    directory: Vec<u32>,
    bits: u32,
}

impl KeyTable {
    pub(super) fn new(vocabulary: &Vocabulary) -> KeyTable {
        let mut keyed: Vec<(u64, u32)> = Vec::new();
        let mut buffer = Vec::new();
        for id in 0..vocabulary.len() as u32 {
            if let Some(term) = vocabulary.get(id) {
                buffer.clear();
                keys(term, &mut buffer);
                keyed.extend(buffer.iter().map(|k| (*k, id)));
            }
        }
        keyed.sort_unstable();
        keyed.dedup();
        let (hashes, terms): (Vec<u64>, Vec<TermRow>) = keyed
            .into_iter()
            .filter_map(|(hash, id)| Some((hash, vocabulary.row(id)?)))
            .unzip();
        let bits = (hashes.len() / KEYS_PER_BUCKET).max(2).ilog2().clamp(1, 24);
        KeyTable {
            directory: directory(&hashes, bits),
            bits,
            hashes,
            terms,
        }
    }

    /// The terms filed under `key` (a superset of the terms having it: keys are hashes).
    pub(super) fn terms_with(&self, key: u64) -> &[TermRow] {
        let top = (key >> (64 - self.bits)) as usize;
        let Some(bucket) = range(&self.directory, top) else {
            return &[];
        };
        let hashes = self.hashes.get(bucket.clone()).unwrap_or_default();
        let start = hashes.partition_point(|h| *h < key);
        let same = hashes
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|h| **h == key)
            .count();
        let start = bucket.start + start;
        self.terms.get(start..start + same).unwrap_or_default()
    }

    /// The number of `(key, term)` entries.
    pub(super) fn len(&self) -> usize {
        self.hashes.len()
    }

    pub(super) fn heap_bytes(&self) -> usize {
        self.hashes.capacity() * 8
            + self.terms.capacity() * std::mem::size_of::<TermRow>()
            + self.directory.capacity() * 4
    }
}

/// For sorted `hashes`: where those of each value of their top `bits` bits start, and the end.
fn directory(hashes: &[u64], bits: u32) -> Vec<u32> {
    let buckets = 1usize << bits;
    let mut starts = Vec::with_capacity(buckets + 1);
    let mut next = 0usize;
    for top in 0..buckets {
        while hashes
            .get(next)
            .is_some_and(|h| ((h >> (64 - bits)) as usize) < top)
        {
            next += 1;
        }
        starts.push(u32::try_from(next).unwrap_or(u32::MAX));
    }
    starts.push(u32::try_from(hashes.len()).unwrap_or(u32::MAX));
    starts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::watchlists::matching::term::Term;

    /// Every key of every term finds the term, whatever bucket its hash falls in, and a key no
    /// term has finds nothing.
    #[test]
    fn every_key_finds_its_terms_through_the_directory() {
        let mut vocabulary = Vocabulary::new();
        let words = [
            "kim", "jong", "un", "petrov", "orlenko", "popenko", "xuantian", "ab",
        ];
        for word in words {
            vocabulary.push(&Term::single(word.chars().collect()));
        }
        let table = KeyTable::new(&vocabulary);
        assert!(table.len() > words.len());
        for id in 0..vocabulary.len() as u32 {
            let term = vocabulary.get(id).unwrap();
            let mut buffer = Vec::new();
            keys(term, &mut buffer);
            for key in buffer {
                let rows = table.terms_with(key);
                assert!(rows.iter().any(|row| row.term == id), "{:?}", term.chars);
                // Each row carries its term's summary.
                assert!(rows
                    .iter()
                    .all(|row| vocabulary.row(row.term) == Some(*row)));
            }
        }
        let unknown = Term::single("zzzzqx".chars().collect());
        let mut buffer = Vec::new();
        keys(unknown.view(), &mut buffer);
        assert!(buffer.iter().all(|key| table.terms_with(*key).is_empty()));
    }

    #[test]
    fn the_directory_marks_where_each_bucket_starts() {
        let hashes = [0u64, 1, 1 << 62, 3 << 62, u64::MAX];
        assert_eq!(directory(&hashes, 2), vec![0, 2, 3, 3, 5]);
        assert_eq!(directory(&[], 1), vec![0, 0, 0]);
    }
}
