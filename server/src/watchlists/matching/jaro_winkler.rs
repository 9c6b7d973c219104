//! Jaro-Winkler over `char` slices, without allocating: the matcher compares thousands of name
//! parts per query, and the normalised parts are already `char` slices. Same definition as
//! `strsim::jaro_winkler` (match window `max(len)/2 - 1`, Winkler prefix of at most 4 chars,
//! weight 0.1, boost only above 0.7; INDICATORS.md §6.1-6.2), which a test checks.

/// Longest input compared; the rest of a longer input is ignored. Normalised name parts are cut
/// at 32 chars and joined parts at 64 (`normalise::MAX_TOKEN_CHARS`), so nothing real is lost.
pub const MAX_CHARS: usize = 64;

/// Jaro similarity in 0..=1.
pub fn jaro(a: &[char], b: &[char]) -> f64 {
    let a = &a[..a.len().min(MAX_CHARS)];
    let b = &b[..b.len().min(MAX_CHARS)];
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut a_matched = [false; MAX_CHARS];
    let mut b_matched = [false; MAX_CHARS];
    let mut matches = 0usize;
    for (i, ca) in a.iter().enumerate() {
        let low = i.saturating_sub(window);
        let high = (i + window + 1).min(b.len());
        if let Some(j) = (low..high).find(|&j| !b_matched[j] && b[j] == *ca) {
            a_matched[i] = true;
            b_matched[j] = true;
            matches += 1;
        }
    }
    if matches == 0 {
        return 0.0;
    }
    // Matched chars of `a` and of `b`, each in order, compared pairwise: half the mismatches are
    // the transpositions.
    let mut mismatched = 0usize;
    let mut j = 0usize;
    for (i, ca) in a.iter().enumerate() {
        if !a_matched[i] {
            continue;
        }
        while j < b.len() && !b_matched[j] {
            j += 1;
        }
        if j < b.len() {
            if b[j] != *ca {
                mismatched += 1;
            }
            j += 1;
        }
    }
    let m = matches as f64;
    let t = (mismatched / 2) as f64;
    (m / a.len() as f64 + m / b.len() as f64 + (m - t) / m) / 3.0
}

/// Jaro-Winkler similarity in 0..=1.
pub fn jaro_winkler(a: &[char], b: &[char]) -> f64 {
    let sim = jaro(a, b);
    if sim > 0.7 {
        let prefix = a.iter().zip(b).take(4).take_while(|(x, y)| x == y).count();
        sim + 0.1 * prefix as f64 * (1.0 - sim)
    } else {
        sim
    }
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
