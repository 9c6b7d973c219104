//! The shrink guard: a new version much smaller than the list's active one is refused unless
//! the importer says the list really shrank.
//!
//! A list file cut short at a line boundary (an interrupted download, a spreadsheet export of
//! the first page) parses cleanly, so the parsers cannot tell it from a real list; but
//! activating it would drop every match on the missing entries without a word. Sanctions lists
//! grow or lose a few entries per update, never half, so "fewer than half the active version's
//! entries" is the sign of a truncated file. Small lists (an incident list of a dozen rows) are
//! edited by hand, where halving is ordinary, so they are not guarded.

/// Lists with fewer entries than this are not guarded.
pub const GUARDED_FROM: i64 = 20;

/// The active version a new one replaces: its id and entry count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Replaced {
    pub version: i64,
    pub entries: i64,
}

/// Why a new version of `entries` entries may not replace `active` (`None`: it may), unless
/// `accepted` (the importer confirmed that the list shrank).
pub fn shrink_refusal(entries: i64, active: Option<Replaced>, accepted: bool) -> Option<String> {
    let active = active?;
    let shrank_by_half =
        active.entries >= GUARDED_FROM && entries.saturating_mul(2) < active.entries;
    (shrank_by_half && !accepted).then(|| {
        format!(
            "This version has {entries} entries, fewer than half of the {} in the active version {}: is the file cut short? The active version stays. If the list really shrank, import it again accepting a much smaller list.",
            active.entries, active.version
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTIVE: Replaced = Replaced {
        version: 7,
        entries: 1000,
    };

    #[test]
    fn a_version_under_half_the_active_one_is_refused_with_both_counts() {
        let refusal = shrink_refusal(499, Some(ACTIVE), false).expect("refused");
        assert!(refusal.contains("499 entries"), "{refusal}");
        assert!(
            refusal.contains("1000 in the active version 7"),
            "{refusal}"
        );
        assert!(refusal.contains("The active version stays"), "{refusal}");
    }

    #[test]
    fn half_or_more_passes_and_so_does_growth() {
        for entries in [500, 999, 1000, 5000] {
            assert_eq!(
                shrink_refusal(entries, Some(ACTIVE), false),
                None,
                "{entries}"
            );
        }
    }

    #[test]
    fn the_importer_may_accept_a_shrink() {
        assert_eq!(shrink_refusal(1, Some(ACTIVE), true), None);
    }

    #[test]
    fn a_first_version_and_small_lists_are_not_guarded() {
        assert_eq!(shrink_refusal(1, None, false), None, "nothing to replace");
        let small = Replaced {
            version: 2,
            entries: GUARDED_FROM - 1,
        };
        assert_eq!(shrink_refusal(1, Some(small), false), None);
        let guarded = Replaced {
            entries: GUARDED_FROM,
            ..small
        };
        assert!(shrink_refusal(GUARDED_FROM / 2 - 1, Some(guarded), false).is_some());
        assert_eq!(shrink_refusal(GUARDED_FROM / 2, Some(guarded), false), None);
    }
}
