//! Which imported rows go into which transaction. Pure.
//!
//! A person is screened when their chunk is stored, against everyone stored so far; when a later
//! chunk brings someone who shares a link key with them, they must be screened again at the end
//! of the import. Rows are therefore grouped so that people who share keys are stored together:
//! each group (the rows connected through shared keys) goes into one chunk where it fits, and the
//! chunks follow the groups' first rows, so the order of the file is kept as far as grouping
//! allows. A group larger than a chunk is split (its earlier parts are re-screened at the end, as
//! before). Keys held by very many rows of the import do not group: they would chain most of the
//! file into one group, and a key that common is rarely what a finding rests on.

use crate::scoring::links::{LinkKey, LinkKind};
use std::collections::HashMap;

/// Keys held by more rows of one import than this do not group rows.
pub const MAX_GROUPING_HOLDERS: usize = 50;

/// Row indices per chunk, every row exactly once; each chunk holds at most `chunk` rows.
pub fn plan(keys: &[Vec<LinkKey>], chunk: usize) -> Vec<Vec<usize>> {
    let chunk = chunk.max(1);
    let mut holders: HashMap<(LinkKind, &str), Vec<usize>> = HashMap::new();
    for (row, own) in keys.iter().enumerate() {
        for key in own {
            let rows = holders.entry((key.kind, key.key.as_str())).or_default();
            if rows.last() != Some(&row) {
                rows.push(row);
            }
        }
    }
    let mut groups = Groups::new(keys.len());
    for rows in holders.values() {
        if rows.len() <= MAX_GROUPING_HOLDERS {
            for pair in rows.windows(2) {
                groups.join(pair[0], pair[1]);
            }
        }
    }
    // Groups in the order of their first row (rows are visited in order, so the first time a
    // root is seen is its group's first row).
    let mut order: Vec<usize> = Vec::new();
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for row in 0..keys.len() {
        let root = groups.root(row);
        let rows = members.entry(root).or_default();
        if rows.is_empty() {
            order.push(root);
        }
        rows.push(row);
    }
    let mut chunks = Vec::new();
    let mut current: Vec<usize> = Vec::with_capacity(chunk);
    for root in order {
        let rows = members.remove(&root).unwrap_or_default();
        if !current.is_empty() && current.len() + rows.len() > chunk {
            chunks.push(std::mem::take(&mut current));
        }
        for row in rows {
            current.push(row);
            if current.len() == chunk {
                chunks.push(std::mem::take(&mut current));
            }
        }
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

/// Union-find over row indices.
struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    fn new(n: usize) -> Self {
        Groups {
            parent: (0..n).collect(),
        }
    }

    fn root(&mut self, mut row: usize) -> usize {
        while self.parent[row] != row {
            // Path halving keeps the trees flat.
            self.parent[row] = self.parent[self.parent[row]];
            row = self.parent[row];
        }
        row
    }

    /// Joins two groups under the smaller root, so a group's root is its first row.
    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            let (low, high) = if a < b { (a, b) } else { (b, a) };
            self.parent[high] = low;
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn key(name: &str) -> LinkKey {
        LinkKey {
            kind: LinkKind::Address,
            key: name.into(),
            field: "addresses[0]".into(),
            payload: String::new(),
        }
    }

    fn rows(spec: &[&[&str]]) -> Vec<Vec<LinkKey>> {
        spec.iter()
            .map(|keys| keys.iter().map(|k| key(k)).collect())
            .collect()
    }

    fn every_row_once(chunks: &[Vec<usize>], n: usize) {
        let mut all: Vec<usize> = chunks.iter().flatten().copied().collect();
        all.sort_unstable();
        assert_eq!(all, (0..n).collect::<Vec<_>>());
    }

    #[test]
    fn rows_sharing_keys_land_in_one_chunk_and_file_order_is_kept_otherwise() {
        // 0 and 3 share "a"; 3 and 5 share "b"; the rest share nothing.
        let keys = rows(&[&["a"], &["x"], &["y"], &["a", "b"], &["z"], &["b"]]);
        let chunks = plan(&keys, 3);
        every_row_once(&chunks, 6);
        assert_eq!(chunks[0], vec![0, 3, 5], "the group, in file order");
        assert_eq!(chunks[1], vec![1, 2, 4]);
    }

    #[test]
    fn a_group_that_does_not_fit_starts_a_new_chunk_and_a_huge_one_is_split() {
        let keys = rows(&[&["p"], &["g"], &["g"], &["g"], &["h"], &["h"]]);
        let chunks = plan(&keys, 3);
        every_row_once(&chunks, 6);
        assert_eq!(chunks, vec![vec![0], vec![1, 2, 3], vec![4, 5]]);
        let big: Vec<Vec<LinkKey>> = (0..7).map(|_| vec![key("same")]).collect();
        let chunks = plan(&big, 3);
        every_row_once(&chunks, 7);
        assert!(chunks.iter().all(|c| c.len() <= 3), "{chunks:?}");
    }

    #[test]
    fn very_common_keys_do_not_chain_the_file_into_one_group() {
        let n = MAX_GROUPING_HOLDERS + 10;
        let keys: Vec<Vec<LinkKey>> = (0..n)
            .map(|i| vec![key("everyone"), key(&format!("own-{i}"))])
            .collect();
        let chunks = plan(&keys, 250);
        assert_eq!(chunks.len(), 1);
        assert_eq!(
            chunks[0],
            (0..n).collect::<Vec<_>>(),
            "file order, untouched"
        );
        // Below the limit the same key groups (here: the two rows far apart come together).
        let mut few = rows(&[&["k"], &["u"], &["v"], &["k"]]);
        few.push(vec![]);
        assert_eq!(plan(&few, 2)[0], vec![0, 3]);
    }

    #[test]
    fn nothing_in_nothing_out_and_chunk_zero_means_one() {
        assert!(plan(&[], 250).is_empty());
        let keys = rows(&[&[], &[]]);
        assert_eq!(plan(&keys, 0), vec![vec![0], vec![1]]);
    }
}
