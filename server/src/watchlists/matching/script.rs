//! Non-Latin scripts in names. Hangul syllables are romanised with Revised Romanisation, one
//! name part per syllable (`김정은` -> `gim jeong eun`), and the romanisation classes of
//! `romanisation.rs` then match them with the McCune-Reischauer spellings OFAC uses (`gim`~`kim`,
//! `jeong`~`jong`, `eun`~`un`): INDICATORS.md §6.4 step 4 asks for both systems. Cyrillic is
//! transliterated letter by letter (a BGN/PCGN-like table), so `Иванов` meets `Ivanov`. Chinese
//! characters are not transliterated (that needs a pinyin dictionary); each becomes a name part
//! of its own, so `金正恩` and `金 正恩` compare equal.

/// RR initial consonants, in Unicode order (ㄱ ㄲ ㄴ ㄷ ㄸ ㄹ ㅁ ㅂ ㅃ ㅅ ㅆ ㅇ ㅈ ㅉ ㅊ ㅋ ㅌ ㅍ ㅎ).
const INITIALS: [&str; 19] = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h",
];
/// RR vowels, in Unicode order.
const VOWELS: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i",
];
/// RR final consonants, in Unicode order (the first is "no final").
const FINALS: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
];

const HANGUL_FIRST: u32 = 0xAC00;
const HANGUL_LAST: u32 = 0xD7A3;

/// Revised Romanisation of one precomposed Hangul syllable, or `None` for any other char.
pub fn romanise_hangul(c: char) -> Option<String> {
    let code = u32::from(c);
    if !(HANGUL_FIRST..=HANGUL_LAST).contains(&code) {
        return None;
    }
    let index = usize::try_from(code - HANGUL_FIRST).ok()?;
    let initial = INITIALS.get(index / (21 * 28))?;
    let vowel = VOWELS.get((index % (21 * 28)) / 28)?;
    let last = FINALS.get(index % 28)?;
    Some(format!("{initial}{vowel}{last}"))
}

/// Latin letters for one lower-case Cyrillic letter, or `None` for any other char. Hard and soft
/// signs give an empty string.
pub fn transliterate_cyrillic(c: char) -> Option<&'static str> {
    let latin = match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' => "i",
        'й' | 'ы' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ў' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ю' => "yu",
        'я' => "ya",
        'ї' => "yi",
        'є' => "ye",
        'ґ' => "g",
        _ => return None,
    };
    Some(latin)
}

/// CJK unified ideographs (the common blocks), which carry one syllable each.
pub fn is_cjk_ideograph(c: char) -> bool {
    matches!(u32::from(c),
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn romanise(text: &str) -> Vec<String> {
        text.chars().filter_map(romanise_hangul).collect()
    }

    #[test]
    fn hangul_names_are_romanised_per_syllable() {
        assert_eq!(romanise("김정은"), ["gim", "jeong", "eun"]);
        assert_eq!(romanise("박"), ["bak"]);
        assert_eq!(romanise("최"), ["choe"]);
        assert_eq!(romanise("이"), ["i"]);
        assert_eq!(romanise("류"), ["ryu"]);
        assert_eq!(romanise_hangul('a'), None);
    }

    #[test]
    fn cyrillic_is_transliterated() {
        let latin: String = "иванов"
            .chars()
            .map(|c| transliterate_cyrillic(c).unwrap_or("?"))
            .collect();
        assert_eq!(latin, "ivanov");
        assert_eq!(transliterate_cyrillic('щ'), Some("shch"));
        assert_eq!(transliterate_cyrillic('x'), None);
    }

    #[test]
    fn chinese_characters_are_recognised() {
        assert!(is_cjk_ideograph('金'));
        assert!(!is_cjk_ideograph('김'));
        assert!(!is_cjk_ideograph('k'));
    }
}
