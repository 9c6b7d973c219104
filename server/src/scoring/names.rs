//! Comparing personal names (INDICATORS.md §6.4, the parts the screening rules need): NFKD with
//! combining marks removed, case-folded, punctuation and hyphens to spaces, `SURNAME, Given`
//! reordered, then Jaro-Winkler over the sorted tokens, so order and spelling variants of the
//! same name score high while different people score low.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The tokens of a name, normalised, in their original order.
pub fn tokens(name: &str) -> Vec<String> {
    let reordered = match name.split_once(',') {
        // "KIM, Jong Un" → "Jong Un KIM"
        Some((family, given)) if !given.trim().is_empty() => format!("{} {}", given, family),
        _ => name.to_owned(),
    };
    let folded: String = reordered
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    folded.split_whitespace().map(str::to_owned).collect()
}

/// The normalised name with tokens sorted (order-insensitive comparisons and join keys).
pub fn sorted_key(name: &str) -> String {
    let mut tokens = tokens(name);
    tokens.sort();
    tokens.join(" ")
}

/// Token-sort Jaro-Winkler similarity in 0..=1 (1: the same name up to order and accents).
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (sorted_key(a), sorted_key(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    strsim::jaro_winkler(&a, &b)
}

/// Share of `candidate`'s tokens that also occur in `reference` (ID-11).
pub fn token_overlap(candidate: &str, reference: &str) -> f64 {
    let candidate = tokens(candidate);
    let reference = tokens(reference);
    if candidate.is_empty() {
        return 0.0;
    }
    let shared = candidate.iter().filter(|t| reference.contains(t)).count();
    shared as f64 / candidate.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_case_accents_and_punctuation_do_not_matter() {
        assert_eq!(sorted_key("KIM, Jong-un"), sorted_key("jong un kim"));
        assert_eq!(sorted_key("José Álvarez"), "alvarez jose");
        assert!(similarity("Kim Jong Un", "KIM, Jong-un") > 0.99);
    }

    #[test]
    fn spelling_variants_score_high_and_different_people_low() {
        assert!(similarity("Jonathan Smith", "Jonathon Smith") > 0.9);
        assert!(similarity("Ada Lovelace", "Grace Hopper") < 0.7);
        assert_eq!(similarity("", "Ada"), 0.0);
    }

    #[test]
    fn token_overlap_counts_shared_name_parts() {
        assert_eq!(token_overlap("Ada", "Ada Lovelace"), 1.0);
        assert_eq!(token_overlap("devguy 42", "Ada Lovelace"), 0.0);
    }
}
