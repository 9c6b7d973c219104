//! Korean romanisation equivalence classes (INDICATORS.md §6.4 step 4): the same surname or
//! syllable is written `Pak`, `Park` or `Bak`; `Ri`, `Rhee`, `Lee`, `Yi` or `I`, depending on
//! McCune-Reischauer (OFAC, DPRK usage), Revised Romanisation (South Korea, our Hangul
//! transliteration) or personal habit. Each spelling maps to a class; two name parts in the same
//! class compare as near-equal (`score::CLASS_SIMILARITY`). This is synonym expansion, not a
//! rewrite: the spelling itself is kept and still compared letter by letter.
//!
//! The first block is §6.4 step 4 verbatim (plus the issue's `Jung`, `Un/Eun`, `Song/Sung`); the
//! second block adds frequent DPRK given-name syllables in the same spirit **[design]**.
//! A spelling belongs to one class only (a test checks).

use std::collections::HashMap;
use std::sync::LazyLock;

/// Each row is one class; the first spelling names it in explanations.
#[rustfmt::skip]
const CLASSES: &[&[&str]] = &[
    // §6.4 step 4
    &["kim", "gim"],
    &["pak", "park", "bak", "bahk"],
    &["ri", "rhee", "lee", "yi", "i", "li", "rhie"],
    &["choe", "choi", "chwe", "choy"],
    &["jong", "chong", "jeong", "chung", "jung", "cheong"],
    &["kang", "gang"],
    &["ko", "koh", "go"],
    &["han", "hahn"],
    &["jang", "chang"],
    &["jon", "jeon", "chon", "chun"],
    &["sim", "shim"],
    &["ryu", "yu", "yoo", "ryoo"],
    &["o", "oh"],
    &["un", "eun"],
    &["song", "sung", "seong"],
    // [design] further DPRK/ROK syllables with several common spellings
    &["chol", "cheol", "chul"],
    &["hyon", "hyun", "hyeon"],
    &["yong", "young", "yeong", "ryong"],
    &["myong", "myung", "myeong"],
    &["sok", "seok", "suk"],
    &["hyok", "hyuk", "hyeok"],
    &["kwang", "gwang"],
    &["kyong", "kyung", "gyeong", "gyong"],
    &["yun", "yoon"],
    &["jun", "joon"],
    &["sop", "seop", "sub"],
    &["won", "weon"],
    &["hui", "hee"],
    &["su", "soo"],
    &["jin", "chin"],
    &["tok", "deok", "dok", "duk"],
    &["pom", "beom", "bum"],
    &["chan", "chhan"],
    &["pyong", "byeong", "byung", "pyeong"],
];

static CLASS_OF: LazyLock<HashMap<&'static str, u16>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (class, spellings) in CLASSES.iter().enumerate() {
        let class = u16::try_from(class).unwrap_or(u16::MAX);
        for spelling in spellings.iter() {
            map.entry(*spelling).or_insert(class);
        }
    }
    map
});

/// The class of a normalised (lower-case, mark-free) name part, if it has one.
pub fn class_of(token: &str) -> Option<u16> {
    CLASS_OF.get(token).copied()
}

/// The class of a name part given as chars (avoids building a `String` for long parts, which
/// never have a class).
pub fn class_of_chars(token: &[char]) -> Option<u16> {
    if token.len() > 6 {
        return None;
    }
    let text: String = token.iter().collect();
    class_of(&text)
}

/// The spelling that names a class in explanations (`pak` for Pak/Park/Bak).
pub fn class_name(class: u16) -> &'static str {
    CLASSES
        .get(usize::from(class))
        .and_then(|spellings| spellings.first())
        .copied()
        .unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn spellings_of_one_name_share_a_class() {
        assert_eq!(class_of("pak"), class_of("park"));
        assert_eq!(class_of("bak"), class_of("park"));
        assert_eq!(class_of("kim"), class_of("gim"));
        assert_eq!(class_of("lee"), class_of("ri"));
        assert_eq!(class_of("yi"), class_of("rhee"));
        assert_eq!(class_of("choi"), class_of("choe"));
        assert_eq!(class_of("jong"), class_of("jung"));
        assert_eq!(class_of("chong"), class_of("jeong"));
        assert_eq!(class_of("un"), class_of("eun"));
        assert_eq!(class_of("song"), class_of("sung"));
        assert!(class_of("kim").is_some());
        assert_eq!(class_name(class_of("park").unwrap_or(u16::MAX)), "pak");
    }

    #[test]
    fn different_names_do_not_share_a_class() {
        assert_ne!(class_of("kim"), class_of("pak"));
        assert_ne!(class_of("jong"), class_of("jang"));
        assert_eq!(class_of("smith"), None);
        assert_eq!(class_of_chars(&['s', 'm', 'i', 't', 'h']), None);
    }

    #[test]
    fn every_spelling_is_in_one_class_only_and_is_normalised() {
        let mut seen = HashSet::new();
        for spellings in CLASSES {
            for spelling in spellings.iter() {
                assert!(seen.insert(*spelling), "{spelling} is in two classes");
                assert!(
                    spelling.chars().all(|c| c.is_ascii_lowercase()),
                    "{spelling}"
                );
                assert!(
                    spelling.len() <= 6,
                    "{spelling} is longer than class_of_chars looks"
                );
            }
        }
    }
}
