//! Name normalisation, INDICATORS.md §6.4 steps 1-3, 5 and 6: NFKC; `SURNAME, Given` reordered
//! (OFAC's convention for individuals); case-folded; combining marks stripped (`Raúl` -> `raul`,
//! McCune-Reischauer `ŏ` -> `o`); apostrophes dropped inside a part (`Hyo'n-so'p` ->
//! `hyon sop`, `O'Brien` -> `obrien`); hyphens, dashes, dots and other punctuation split parts
//! (`Jong-un` -> `jong un`; the joined form `jongun` is matched by the scorer's joined pairs, step
//! 2); Hangul and Cyrillic transliterated (`script.rs`); for organisations, legal-form suffixes
//! removed (step 6). Single letters stay as parts: they are initials (step 5), which the scorer
//! matches with low weight.
//!
//! The romanisation classes of step 4 are not applied here (they are synonyms, not rewrites):
//! see `romanisation.rs` and `term.rs`.

use super::script;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Bytes of a name read; the rest is ignored (real names are far shorter).
pub const MAX_NAME_BYTES: usize = 512;
/// Name parts kept; later ones are ignored.
pub const MAX_TOKENS: usize = 12;
/// Chars kept per name part.
pub const MAX_TOKEN_CHARS: usize = 32;

/// How a name is read: persons get `SURNAME, Given` reordering; organisations lose their legal
/// form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Style {
    Person,
    Organization,
}

/// Legal-form words (INDICATORS.md §6.4 step 6; watchman's company-suffix removal, §6.1), as they
/// are after normalisation (`Co., Ltd.` -> `co ltd`; `L.L.C.` -> `llc`, see [`normalise`]).
#[rustfmt::skip]
const LEGAL_FORMS: &[&str] = &[
    "llc", "ltd", "limited", "co", "company", "corp", "corporation", "inc", "incorporated",
    "gmbh", "ag", "kg", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "plc", "pte", "pty",
    "jsc", "ojsc", "cjsc", "pjsc", "ooo", "oao", "zao", "pao", "tov", "fze", "fzco", "fzc",
    "fzllc", "lp", "llp", "oy", "ab", "kft", "sro", "jv",
];

/// Whether a normalised part is a legal form.
pub fn is_legal_form(token: &str) -> bool {
    LEGAL_FORMS.contains(&token)
}

/// The normalised parts of a name, in reading order (given names first for a reordered person).
/// Never fails: a name with nothing readable gives no parts.
pub fn normalise(name: &str, style: Style) -> Vec<String> {
    let name = cut(name, MAX_NAME_BYTES);
    let composed: String = name.nfkc().collect();
    let ordered = match style {
        Style::Person => reorder(&composed),
        Style::Organization => composed,
    };
    let folded = fold(&ordered);
    let plain: String = folded.nfd().filter(|c| !is_combining_mark(*c)).collect();
    let mut tokens: Vec<String> = plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| t.chars().take(MAX_TOKEN_CHARS).collect())
        .collect();
    if style == Style::Organization {
        tokens = join_letter_runs(tokens);
        let kept: Vec<String> = tokens
            .iter()
            .filter(|t| !is_legal_form(t))
            .cloned()
            .collect();
        if !kept.is_empty() {
            tokens = kept;
        }
    }
    tokens.truncate(MAX_TOKENS);
    tokens
}

/// `SURNAME, Given Names` -> `Given Names SURNAME` when there is exactly one comma with words on
/// both sides (INDICATORS.md §5.2: OFAC individuals; watchman does the same, §6.1).
fn reorder(name: &str) -> String {
    let mut parts = name.split(',');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(family), Some(given), None)
            if !family.trim().is_empty() && !given.trim().is_empty() =>
        {
            format!("{} {}", given.trim(), family.trim())
        }
        _ => name.to_owned(),
    }
}

/// Case-folds and transliterates char by char; apostrophes vanish, letters without a
/// decomposition get their base letters, Hangul syllables and Chinese characters become parts
/// of their own.
fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        if is_apostrophe(c) || c == '\u{0640}' {
            // Apostrophes join (`Hyo'n` -> `hyon`); U+0640 is the Arabic tatweel (stretching).
            continue;
        }
        if let Some(syllable) = script::romanise_hangul(c) {
            out.push(' ');
            out.push_str(&syllable);
            out.push(' ');
            continue;
        }
        if script::is_cjk_ideograph(c) {
            out.push(' ');
            out.push(c);
            out.push(' ');
            continue;
        }
        for lower in c.to_lowercase() {
            if let Some(latin) = script::transliterate_cyrillic(lower) {
                out.push_str(latin);
                continue;
            }
            match lower {
                'ß' => out.push_str("ss"),
                'æ' => out.push_str("ae"),
                'œ' => out.push_str("oe"),
                'þ' => out.push_str("th"),
                'ø' => out.push('o'),
                'đ' | 'ð' => out.push('d'),
                'ł' => out.push('l'),
                'ħ' => out.push('h'),
                'ı' => out.push('i'),
                'ŧ' => out.push('t'),
                other => out.push(other),
            }
        }
    }
    out
}

/// Apostrophe-like marks, including the ones McCune-Reischauer uses (`'`, `’`, `ʼ`).
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}'
            | '\u{2018}'
            | '\u{02BC}'
            | '\u{02BB}'
            | '`'
            | '\u{00B4}'
            | '\u{02B9}'
            | '\u{2032}'
    )
}

/// For organisations, dotted abbreviations come apart into letters (`L.L.C.` -> `l l c`); runs
/// of single letters are joined back (`llc`, `jsc`, `abc`) so legal forms and acronyms stay whole.
fn join_letter_runs(tokens: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(tokens.len());
    let mut run = String::new();
    for token in tokens {
        if token.chars().count() == 1 {
            run.push_str(&token);
            continue;
        }
        if !run.is_empty() {
            out.push(std::mem::take(&mut run));
        }
        out.push(token);
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// The longest prefix of `text` of at most `max` bytes that ends on a char boundary.
fn cut(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

/// Whether a normalised part is an initial: one letter.
pub fn is_initial(token: &[char]) -> bool {
    token.len() == 1 && token.first().is_some_and(|c| c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str) -> Vec<String> {
        normalise(name, Style::Person)
    }

    fn org(name: &str) -> Vec<String> {
        normalise(name, Style::Organization)
    }

    #[test]
    fn case_hyphens_and_order_do_not_survive() {
        assert_eq!(person("Kim Jong-un"), ["kim", "jong", "un"]);
        assert_eq!(person("KIM Jong Un"), ["kim", "jong", "un"]);
        assert_eq!(person("KIM, Jong Un"), ["jong", "un", "kim"]);
        assert_eq!(person("JONG UN, Kim"), ["kim", "jong", "un"]);
        assert_eq!(person("Kim Jong\u{2010}un"), ["kim", "jong", "un"]);
    }

    #[test]
    fn marks_and_apostrophes_are_stripped() {
        assert_eq!(person("SIM, Hyo'n-so'p"), ["hyon", "sop", "sim"]);
        assert_eq!(person("KIM, Se-u\u{2019}n"), ["se", "un", "kim"]);
        assert_eq!(person("Raúl Gómez"), ["raul", "gomez"]);
        assert_eq!(person("Hyŏn Ŭn"), ["hyon", "un"]);
        assert_eq!(person("Łukasz Straße"), ["lukasz", "strasse"]);
        assert_eq!(person("O'Brien"), ["obrien"]);
    }

    #[test]
    fn fullwidth_and_ligatures_are_compatibility_folded() {
        assert_eq!(person("ＫＩＭ　Ｊｏｎｇ"), ["kim", "jong"]);
        assert_eq!(person("ﬁnn"), ["finn"]);
    }

    #[test]
    fn other_scripts_are_transliterated_or_split() {
        assert_eq!(person("김정은"), ["gim", "jeong", "eun"]);
        assert_eq!(person("Иван Петров"), ["ivan", "petrov"]);
        assert_eq!(person("金正恩"), ["金", "正", "恩"]);
        assert_eq!(person("محمد"), ["محمد"]);
    }

    #[test]
    fn initials_stay_as_single_letters() {
        assert_eq!(person("K. J. Un"), ["k", "j", "un"]);
        assert!(is_initial(&['k']));
        assert!(!is_initial(&['7']));
        assert!(!is_initial(&['k', 'i']));
    }

    #[test]
    fn organisations_lose_their_legal_form() {
        assert_eq!(
            org("YANBIAN SILVERSTAR NETWORK TECHNOLOGY CO., LTD."),
            ["yanbian", "silverstar", "network", "technology"]
        );
        assert_eq!(org("SOBAEKSU UNITED CORP."), ["sobaeksu", "united"]);
        assert_eq!(org("Acme L.L.C."), ["acme"]);
        assert_eq!(org("Co. Ltd."), ["co", "ltd"]);
        // A person's name is not searched for legal forms, nor reordered as an organisation.
        assert_eq!(person("Ivan Co"), ["ivan", "co"]);
    }

    #[test]
    fn blank_hostile_and_huge_names_do_not_panic() {
        assert!(person("").is_empty());
        assert!(person(" ,;- ").is_empty());
        assert!(person(",Kim").len() == 1);
        let huge = "Ωmega-".repeat(10_000);
        let tokens = person(&huge);
        assert!(tokens.len() <= MAX_TOKENS);
        let long = "a".repeat(200);
        assert_eq!(person(&long)[0].chars().count(), MAX_TOKEN_CHARS);
    }
}
