//! A name part as the scorer and the index see it, and the rule that decides which two parts
//! are worth comparing at all.
//!
//! Two parts are *comparable* when they are equal, share a romanisation class (§6.4 step 4),
//! differ by one edit (they share a "deletion variant": the part itself or the part minus one
//! char, which covers one substitution, insertion, deletion or adjacent transposition, as in
//! SymSpell), begin with the same char and have the same consonant skeleton (Soundex-like
//! consonant codes with vowels dropped: `mohammed`/`muhammad`, `hussein`/`husayn`,
//! `alexander`/`aleksandr`), begin with the same two chars (`petrenko`/`petrov`: Jaro-Winkler's
//! prefix bonus lifts such pairs over the pair floor, so a plain Jaro-Winkler scan pairs them,
//! and so must we), end with the same three chars (`orlenko`/`popenko`, `juantian`/`xuantian`),
//! begin alike once one of them loses its first char (`yevgeniy`/`evgeny`), or have the same
//! letters but for one on each side, in any order (`robeov`/`vorobev`). Parts that are not
//! comparable score 0 whatever their Jaro-Winkler, in the same spirit as watchman's phonetic
//! first-letter filter and OFAC's first-letter gate (INDICATORS.md §6.1, §6.2). The last three
//! reasons are there for the recall target against a plain Jaro-Winkler scan (≥ 99%):
//! Jaro counts common chars in any order within a window and gives an ending no bonus, so parts
//! that begin differently reach the pair floor only when they share most of their letters, and
//! such parts nearly always share their ending, begin alike but for a leading letter, or share
//! all their letters but one. What is left out is what a plain scan would pair only rarely; the
//! benchmark measures what that costs in recall.
//!
//! Every reason for being comparable is a shared key, prefix, shifted prefix or ending, and the
//! index finds them all by lookups alone (keys in a sorted array, prefixes as a range of the
//! sorted vocabulary, endings and the chars after the first as ranges of other orders of it,
//! `orders.rs`), so it never misses a name the exhaustive scan with this rule would score
//! (`index.rs`).
//!
//! A *joined* part is two adjacent parts written together (`jong`+`un` -> `jongun`, §6.4 step 2);
//! it is comparable with a single part only when equal, of the same skeleton, prefix, shifted
//! prefix or ending, or of the same letters but one.

use super::romanisation;

/// Parts shorter than this have no deletion variants (a 2-char part minus one char would make
/// every 2-char part a neighbour of every initial).
pub const MIN_DELETION_LEN: usize = 3;
/// Skeletons shorter than this do not make two parts comparable.
pub const MIN_SKELETON_LEN: usize = 2;
/// Parts beginning with this many equal chars are comparable (both at least this long).
pub const PREFIX_LEN: usize = 2;
/// Parts ending with this many equal chars are comparable (both at least this long).
pub const SUFFIX_LEN: usize = 3;
/// Parts shorter than this have no letter variants (`share_letters_but_one`).
pub const MIN_LETTERS_LEN: usize = 4;

/// A name part with what comparisons need, owned (query side).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub chars: Vec<char>,
    pub class: Option<u16>,
    pub joined: bool,
}

/// A borrowed [`Term`] (the index keeps its terms in arenas).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TermRef<'a> {
    pub chars: &'a [char],
    pub class: Option<u16>,
    pub joined: bool,
}

impl Term {
    /// One normalised name part.
    pub fn single(chars: Vec<char>) -> Term {
        Term {
            class: romanisation::class_of_chars(&chars),
            chars,
            joined: false,
        }
    }

    /// Two adjacent parts written together.
    pub fn joined(first: &[char], second: &[char]) -> Term {
        let chars: Vec<char> = first.iter().chain(second).copied().collect();
        Term {
            class: None,
            chars,
            joined: true,
        }
    }

    /// The borrowed view.
    pub fn view(&self) -> TermRef<'_> {
        TermRef {
            chars: &self.chars,
            class: self.class,
            joined: self.joined,
        }
    }

    /// The part as text.
    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }
}

/// A name's parts and its joined adjacent pairs (`joined[i]` joins parts `i` and `i + 1`; `None`
/// where either is a single char: an initial is never glued to a neighbour).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameTerms {
    pub parts: Vec<Term>,
    pub joined: Vec<Option<Term>>,
}

impl NameTerms {
    /// From normalised parts (`normalise::normalise`).
    pub fn new(tokens: &[String]) -> NameTerms {
        let parts: Vec<Term> = tokens
            .iter()
            .map(|t| Term::single(t.chars().collect()))
            .collect();
        let joined = parts
            .windows(2)
            .map(|pair| match pair {
                [a, b] if joinable(&a.chars, &b.chars) => Some(Term::joined(&a.chars, &b.chars)),
                _ => None,
            })
            .collect();
        NameTerms { parts, joined }
    }
}

/// Whether two adjacent parts get a joined form (both at least two chars).
pub fn joinable(first: &[char], second: &[char]) -> bool {
    first.len() >= 2 && second.len() >= 2
}

/// Consonant skeleton: Soundex consonant codes (b f p v: 1; c g j k q s x z: 2; d t: 3; l: 4;
/// m n: 5; r: 6), digits as themselves, vowels and h w y dropped, repeats collapsed. Other
/// scripts have no skeleton (the part is compared by its chars only).
pub fn skeleton(chars: &[char]) -> Vec<u8> {
    skeleton_codes(chars).collect()
}

/// [`skeleton`] without allocating: it is computed from the chars where needed rather than
/// stored, since reading a stored one costs a lookup a cache miss, and computing it a few
/// nanoseconds.
fn skeleton_codes(chars: &[char]) -> impl Iterator<Item = u8> + '_ {
    let mut last = None;
    chars.iter().filter_map(move |c| {
        let code = match c {
            'b' | 'f' | 'p' | 'v' => b'1',
            'c' | 'g' | 'j' | 'k' | 'q' | 's' | 'x' | 'z' => b'2',
            'd' | 't' => b'3',
            'l' => b'4',
            'm' | 'n' => b'5',
            'r' => b'6',
            '0'..='9' => u8::try_from(u32::from(*c)).unwrap_or(b'0'),
            _ => return None,
        };
        let repeated = last == Some(code);
        last = Some(code);
        (!repeated).then_some(code)
    })
}

/// Whether two parts are worth comparing (see the module comment).
pub fn comparable(a: TermRef<'_>, b: TermRef<'_>) -> bool {
    if a.chars == b.chars {
        return true;
    }
    if same_skeleton(a, b) {
        return true;
    }
    if share_prefix(a.chars, b.chars)
        || share_suffix(a.chars, b.chars)
        || share_shifted_prefix(a.chars, b.chars)
    {
        return true;
    }
    if share_letters_but_one(a.chars, b.chars) {
        return true;
    }
    if a.joined || b.joined {
        return false;
    }
    if a.class.is_some() && a.class == b.class {
        return true;
    }
    share_deletion_variant(a.chars, b.chars)
}

/// Whether two parts begin with the same char and have the same skeleton, of at least
/// [`MIN_SKELETON_LEN`] codes. The first char is part of the rule because a skeleton alone is
/// shared by tens of thousands of parts (`252`: `kang`, `jung`, `sung`, `zheng`, …), while the
/// pairs it is for (`mohammed`/`muhammad`, `yusuf`/`yousef`) begin alike; parts that begin
/// differently pair under Jaro-Winkler only when one edit apart, which the deletion variants
/// cover.
pub fn same_skeleton(a: TermRef<'_>, b: TermRef<'_>) -> bool {
    a.chars.first() == b.chars.first()
        && skeleton_codes(a.chars).eq(skeleton_codes(b.chars))
        && skeleton_codes(a.chars).nth(MIN_SKELETON_LEN - 1).is_some()
}

/// The prefix a part is found by (`None` for a part shorter than [`PREFIX_LEN`]).
pub fn prefix(chars: &[char]) -> Option<&[char]> {
    chars.get(..PREFIX_LEN)
}

/// Whether two parts begin with the same [`PREFIX_LEN`] chars.
pub fn share_prefix(a: &[char], b: &[char]) -> bool {
    matches!((prefix(a), prefix(b)), (Some(x), Some(y)) if x == y)
}

/// The suffix a part is found by (`None` for a part shorter than [`SUFFIX_LEN`]).
pub fn suffix(chars: &[char]) -> Option<&[char]> {
    chars.get(chars.len().checked_sub(SUFFIX_LEN)?..)
}

/// Whether two parts end with the same [`SUFFIX_LEN`] chars.
pub fn share_suffix(a: &[char], b: &[char]) -> bool {
    matches!((suffix(a), suffix(b)), (Some(x), Some(y)) if x == y)
}

/// The chars after a part's first, as many as a prefix (`None` for a part too short).
pub fn second_prefix(chars: &[char]) -> Option<&[char]> {
    chars.get(1..=PREFIX_LEN)
}

/// Whether one part, without its first char, begins as the other does: a leading letter
/// dropped or added (`yevgeniy`/`evgeny`, `hwang`/`wang`), which Winkler's prefix bonus does not
/// reward and Jaro alone may still pair.
pub fn share_shifted_prefix(a: &[char], b: &[char]) -> bool {
    let shifted = |x: &[char], y: &[char]| matches!((second_prefix(x), prefix(y)), (Some(p), Some(q)) if p == q);
    shifted(a, b) || shifted(b, a)
}

/// Whether two parts of at least [`MIN_LETTERS_LEN`] chars have the same letters but for one
/// on each side, in any order (`robeov`/`vorobev`, `orlenko`/`orlenok`): their sorted chars
/// share a *letter variant*, the sorted chars themselves or minus one of them. Computed by
/// counting, without sorting; `keys` files the same variants.
pub fn share_letters_but_one(a: &[char], b: &[char]) -> bool {
    if a.len() < MIN_LETTERS_LEN || b.len() < MIN_LETTERS_LEN || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    letters_only_in(a, b) <= 1 && letters_only_in(b, a) <= 1
}

/// How many of `x`'s chars (counted with repeats) `y` lacks. Quadratic, but parts are short and
/// this runs for every pair a lookup compares, so it allocates nothing.
fn letters_only_in(x: &[char], y: &[char]) -> usize {
    x.iter()
        .enumerate()
        .filter(|(i, c)| !x.get(..*i).unwrap_or_default().contains(c))
        .map(|(_, c)| {
            let count = |chars: &[char]| chars.iter().filter(|d| *d == c).count();
            count(x).saturating_sub(count(y))
        })
        .sum()
}

fn sorted(chars: &[char]) -> Vec<char> {
    let mut out = chars.to_vec();
    out.sort_unstable();
    out
}

/// Whether the deletion variants of `a` and `b` intersect, where the variants of a part are the
/// part itself and, from [`MIN_DELETION_LEN`] chars on, the part minus any one char. Computed
/// directly (no allocation); `index.rs` builds the same sets as keys.
pub fn share_deletion_variant(a: &[char], b: &[char]) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.len(), b.len());
    if la == lb + 1 {
        return la >= MIN_DELETION_LEN && is_one_deletion(a, b);
    }
    if lb == la + 1 {
        return lb >= MIN_DELETION_LEN && is_one_deletion(b, a);
    }
    if la != lb || la < MIN_DELETION_LEN {
        return false;
    }
    // Equal lengths: a minus char i equals b minus char j. With p the first and s the last
    // position where they differ, that holds iff one is the other shifted by one over p..s.
    let Some(p) = (0..la).find(|&k| a[k] != b[k]) else {
        return true;
    };
    let s = (0..la).rev().find(|&k| a[k] != b[k]).unwrap_or(p);
    (p..s).all(|k| a[k + 1] == b[k]) || (p..s).all(|k| b[k + 1] == a[k])
}

/// Whether `short` is `long` minus one char (`long.len() == short.len() + 1`).
fn is_one_deletion(long: &[char], short: &[char]) -> bool {
    let p = long.iter().zip(short).take_while(|(x, y)| x == y).count();
    match (long.get(p + 1..), short.get(p..)) {
        (Some(rest_long), Some(rest_short)) => rest_long == rest_short,
        _ => false,
    }
}

const TAG_DELETION: u64 = 1;
const TAG_CLASS: u64 = 2;
const TAG_SKELETON: u64 = 3;
const TAG_LETTERS: u64 = 4;

/// The lookup keys of a part: two parts are comparable only if they share one, a prefix or an
/// ending (the converse need not hold; lookups verify with [`comparable`]). Joined parts get only their exact,
/// letter and skeleton keys, matching the narrower rule for them.
pub fn keys(term: TermRef<'_>, out: &mut Vec<u64>) {
    out.push(hash(TAG_DELETION, term.chars.iter().map(|c| u32::from(*c))));
    if !term.joined {
        out.extend(class_key(term));
        if term.chars.len() >= MIN_DELETION_LEN {
            for skip in 0..term.chars.len() {
                let variant = term
                    .chars
                    .iter()
                    .enumerate()
                    .filter(move |(i, _)| *i != skip)
                    .map(|(_, c)| u32::from(*c));
                out.push(hash(TAG_DELETION, variant));
            }
        }
    }
    if term.chars.len() >= MIN_LETTERS_LEN {
        let letters = sorted(term.chars);
        out.push(hash(TAG_LETTERS, letters.iter().map(|c| u32::from(*c))));
        for (skip, c) in letters.iter().enumerate() {
            // Removing either of two equal chars gives the same variant: file it once.
            if skip > 0 && letters.get(skip - 1) == Some(c) {
                continue;
            }
            let variant = letters
                .iter()
                .enumerate()
                .filter(move |(i, _)| *i != skip)
                .map(|(_, c)| u32::from(*c));
            out.push(hash(TAG_LETTERS, variant));
        }
    }
    if skeleton_codes(term.chars)
        .nth(MIN_SKELETON_LEN - 1)
        .is_some()
    {
        let first = term.chars.first().map_or(0, |c| u32::from(*c));
        let skeleton = skeleton_codes(term.chars).map(u32::from);
        out.push(hash(TAG_SKELETON, std::iter::once(first).chain(skeleton)));
    }
}

/// The key of a part's romanisation class, if it has one (a joined part has none): the one key
/// under which every term is a candidate whatever its chars, as spellings of a class pair
/// whatever Jaro-Winkler says.
pub fn class_key(term: TermRef<'_>) -> Option<u64> {
    let class = term.class.filter(|_| !term.joined)?;
    Some(hash(TAG_CLASS, std::iter::once(u32::from(class))))
}

/// FNV-1a over 32-bit units with a final mix. Collisions only add candidates that the lookup
/// then rejects, so a fast non-cryptographic hash is enough.
fn hash(tag: u64, units: impl Iterator<Item = u32>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ tag;
    for unit in units {
        h ^= u64::from(unit);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests;
