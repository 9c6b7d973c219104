//! Jaro-Winkler over `char` slices, without allocating: the matcher compares thousands of name
//! parts per query, and the normalised parts are already `char` slices. Same definition as
//! `strsim::jaro_winkler` (match window `max(len)/2 - 1`, Winkler prefix of at most 4 chars,
//! weight 0.1, boost only above 0.7; INDICATORS.md §6.1-6.2), which a test checks.

/// Longest input compared; the rest of a longer input is ignored. Normalised name parts are cut
/// at 32 chars and joined parts at 64 (`normalise::MAX_TOKEN_CHARS`), so nothing real is lost.
pub const MAX_CHARS: usize = 64;

/// Jaro similarity in 0..=1.
pub fn jaro(a: &[char], b: &[char]) -> f64 {
    Positions::new(a).jaro(b)
}

/// Jaro-Winkler similarity in 0..=1.
pub fn jaro_winkler(a: &[char], b: &[char]) -> f64 {
    Positions::new(a).jaro_winkler(b)
}

/// One side of many comparisons, prepared: where each char occurs, as a bit set of positions
/// (inputs are cut at [`MAX_CHARS`] = 64). Matching a part against it then costs a few bit
/// operations per char of that part instead of a scan of the match window, which is what makes
/// a query part's comparison with thousands of listed parts cheap.
///
/// Jaro's greedy matching pairs each char with the first unmatched equal char in its window.
/// Run from either side it matches the same positions (per char, both pair the k-th occurrences
/// in order), so this runs it from the other side, `b`, and takes the lowest free position of
/// the char in `a`; the tests compare it with `strsim` on many random pairs.
#[derive(Clone, Debug)]
pub struct Positions<'a> {
    chars: &'a [char],
    /// Bit i of `letters[k]`: `chars[i]` is the Latin letter `'a' + k`.
    letters: [u64; 26],
    /// The same for any other char (names in other scripts, digits).
    others: Vec<(char, u64)>,
}

impl<'a> Positions<'a> {
    pub fn new(chars: &'a [char]) -> Positions<'a> {
        let chars = chars.get(..MAX_CHARS).unwrap_or(chars);
        let mut positions = Positions {
            chars,
            letters: [0; 26],
            others: Vec::new(),
        };
        for (i, c) in chars.iter().enumerate() {
            let bit = 1u64 << i;
            match letter(*c).and_then(|k| positions.letters.get_mut(k)) {
                Some(set) => *set |= bit,
                None => match positions.others.iter_mut().find(|(o, _)| o == c) {
                    Some((_, set)) => *set |= bit,
                    None => positions.others.push((*c, bit)),
                },
            }
        }
        positions
    }

    /// The positions of `c`.
    fn of(&self, c: char) -> u64 {
        match letter(c) {
            Some(k) => self.letters.get(k).copied().unwrap_or(0),
            None => self
                .others
                .iter()
                .find(|(o, _)| *o == c)
                .map_or(0, |(_, set)| *set),
        }
    }

    /// Jaro similarity of the prepared chars (`a`) and `b`, in 0..=1.
    pub fn jaro(&self, b: &[char]) -> f64 {
        let a = self.chars;
        let b = b.get(..MAX_CHARS).unwrap_or(b);
        if a.is_empty() && b.is_empty() {
            return 1.0;
        }
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        let window = (a.len().max(b.len()) / 2).saturating_sub(1);
        let (mut a_matched, mut b_matched) = (0u64, 0u64);
        for (j, c) in b.iter().enumerate() {
            let free = self.of(*c) & !a_matched & bits(j.saturating_sub(window), j + window + 1);
            if free != 0 {
                a_matched |= free & free.wrapping_neg(); // the lowest
                b_matched |= 1 << j;
            }
        }
        let matches = a_matched.count_ones();
        if matches == 0 {
            return 0.0;
        }
        // Matched chars of `a` and of `b`, each in order, compared pairwise: half the mismatches
        // are the transpositions.
        let (mut rest_a, mut rest_b, mut mismatched) = (a_matched, b_matched, 0u32);
        while rest_a != 0 && rest_b != 0 {
            let (i, j) = (rest_a.trailing_zeros(), rest_b.trailing_zeros());
            if a.get(i as usize) != b.get(j as usize) {
                mismatched += 1;
            }
            rest_a &= rest_a - 1;
            rest_b &= rest_b - 1;
        }
        let m = f64::from(matches);
        let t = f64::from(mismatched / 2);
        (m / a.len() as f64 + m / b.len() as f64 + (m - t) / m) / 3.0
    }

    /// Jaro-Winkler similarity of the prepared chars and `b`, in 0..=1.
    pub fn jaro_winkler(&self, b: &[char]) -> f64 {
        let sim = self.jaro(b);
        if sim > 0.7 {
            let prefix = self
                .chars
                .iter()
                .zip(b)
                .take(4)
                .take_while(|(x, y)| x == y)
                .count();
            sim + 0.1 * prefix as f64 * (1.0 - sim)
        } else {
            sim
        }
    }
}

/// The index of a Latin lower-case letter.
fn letter(c: char) -> Option<usize> {
    c.is_ascii_lowercase().then(|| usize::from(c as u8 - b'a'))
}

/// Bits `low .. high` of a `u64` (`high` may pass 64).
fn bits(low: usize, high: usize) -> u64 {
    let below = |n: usize| if n >= 64 { u64::MAX } else { (1u64 << n) - 1 };
    below(high) & !below(low)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn agrees_with_strsim() {
        let pairs = [
            ("martha", "marhta"),
            ("dwayne", "duane"),
            ("dixon", "dicksonx"),
            ("jong", "jang"),
            ("kim", "kin"),
            ("un", "eun"),
            ("jongun", "jong"),
            ("mohammed", "muhammad"),
            ("abdulrahman", "abdurrahman"),
            ("", "abc"),
            ("abc", ""),
            ("", ""),
            ("a", "a"),
            ("김정은", "김정일"),
            ("crate", "trace"),
        ];
        for (a, b) in pairs {
            let ours = jaro_winkler(&chars(a), &chars(b));
            let theirs = strsim::jaro_winkler(a, b);
            assert!(
                (ours - theirs).abs() < 1e-12,
                "{a} / {b}: {ours} vs {theirs}"
            );
        }
    }

    /// A textbook Jaro (each char of `a` takes the first free equal char of `b` in its
    /// window), against which the bit-set version run from `b`'s side is checked.
    fn textbook_jaro(a: &[char], b: &[char]) -> f64 {
        if a.is_empty() || b.is_empty() {
            return if a.is_empty() && b.is_empty() {
                1.0
            } else {
                0.0
            };
        }
        let window = (a.len().max(b.len()) / 2).saturating_sub(1);
        let (mut a_matched, mut b_matched) = (vec![false; a.len()], vec![false; b.len()]);
        for (i, ca) in a.iter().enumerate() {
            let high = (i + window + 1).min(b.len());
            if let Some(j) =
                (i.saturating_sub(window)..high).find(|&j| !b_matched[j] && b[j] == *ca)
            {
                a_matched[i] = true;
                b_matched[j] = true;
            }
        }
        let left: Vec<char> = a
            .iter()
            .zip(&a_matched)
            .filter(|(_, m)| **m)
            .map(|(c, _)| *c)
            .collect();
        let right: Vec<char> = b
            .iter()
            .zip(&b_matched)
            .filter(|(_, m)| **m)
            .map(|(c, _)| *c)
            .collect();
        if left.is_empty() {
            return 0.0;
        }
        let m = left.len() as f64;
        let t = (left.iter().zip(&right).filter(|(x, y)| x != y).count() / 2) as f64;
        (m / a.len() as f64 + m / b.len() as f64 + (m - t) / m) / 3.0
    }

    /// Xorshift: deterministic random parts without a dependency.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }

        fn word(&mut self, alphabet: &[char]) -> Vec<char> {
            let len = self.below(14);
            (0..len)
                .map(|_| alphabet[self.below(alphabet.len())])
                .collect()
        }
    }

    #[test]
    fn bit_sets_agree_with_the_textbook_algorithm_and_strsim_on_random_parts() {
        // Small alphabets make repeated chars, where the two greedy directions could differ.
        let mut rng = Rng(0x2545_f491_4f6c_dd1d);
        for alphabet in ["ab", "abcd", "aeiouknr", "\u{ae40}\u{c815}a"] {
            let alphabet: Vec<char> = alphabet.chars().collect();
            for _ in 0..20_000 {
                let (a, b) = (rng.word(&alphabet), rng.word(&alphabet));
                let ours = jaro(&a, &b);
                assert_eq!(
                    ours.to_bits(),
                    textbook_jaro(&a, &b).to_bits(),
                    "{a:?} / {b:?}"
                );
                let (x, y): (String, String) = (a.iter().collect(), b.iter().collect());
                assert!((jaro_winkler(&a, &b) - strsim::jaro_winkler(&x, &y)).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn long_parts_use_every_bit() {
        let a: Vec<char> = "abcdefghijklmnopqrstuvwxyz".repeat(3).chars().collect();
        let b: Vec<char> = "abcdefghijklmnopqrstuvwxyz"
            .repeat(3)
            .chars()
            .rev()
            .collect();
        let ours = jaro(&a, &b);
        let textbook = textbook_jaro(&a[..MAX_CHARS], &b[..MAX_CHARS]);
        assert_eq!(ours.to_bits(), textbook.to_bits());
        assert_eq!(jaro(&a, &a), 1.0);
    }

    #[test]
    fn identical_is_one_and_disjoint_is_zero() {
        assert_eq!(jaro_winkler(&chars("kim"), &chars("kim")), 1.0);
        assert_eq!(jaro_winkler(&chars("abc"), &chars("xyz")), 0.0);
    }

    #[test]
    fn very_long_inputs_do_not_panic() {
        let long = chars(&"ab".repeat(500));
        let other = chars(&"ba".repeat(400));
        let sim = jaro_winkler(&long, &other);
        assert!((0.0..=1.0).contains(&sim));
    }
}
