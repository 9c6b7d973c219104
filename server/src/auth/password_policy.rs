//! What a new password must be (SECURITY.md A4). Pure.
//!
//! Clearance has no second factor yet, so the minimum is 15 characters (ASVS 5 6.2.1). There are
//! no composition rules; instead obviously guessable passwords are refused: a common word padded
//! with digits, too few distinct characters, keyboard or number runs, or the user's own address.
//! The machine is offline, so there is no breached-password corpus; the built-in list covers the
//! patterns that survive a 15-character minimum.

/// Fewer characters than this are refused.
pub const MIN_CHARS: usize = 15;
/// More bytes than this are refused before any hashing, at sign-in too (long-password DoS).
pub const MAX_BYTES: usize = 1024;
/// A password needs at least this many distinct characters.
const MIN_DISTINCT: usize = 5;

/// Words that, padded with digits and symbols, make up most long common passwords.
const COMMON_WORDS: &[&str] = &[
    "password",
    "passw0rd",
    "qwerty",
    "qwertyuiop",
    "asdfgh",
    "zxcvbn",
    "letmein",
    "welcome",
    "admin",
    "administrator",
    "iloveyou",
    "monkey",
    "dragon",
    "football",
    "baseball",
    "sunshine",
    "princess",
    "changeme",
    "secret",
    "master",
    "trustno1",
    "clearance",
    "login",
    "abc",
];

/// Keyboard and counting runs.
const RUNS: &[&str] = &[
    "0123456789012345678901234567890",
    "9876543210987654321098765432109",
    "abcdefghijklmnopqrstuvwxyz",
    "qwertyuiopasdfghjklzxcvbnm",
    "1qaz2wsx3edc4rfv5tgb6yhn",
];

/// Checks a new password; the error tells the person what to do instead.
pub fn check_new_password(password: &str, email: &str) -> Result<(), String> {
    if password.len() > MAX_BYTES {
        return Err(format!("A password has at most {MAX_BYTES} bytes."));
    }
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(format!(
            "Use at least {MIN_CHARS} characters (you typed {chars}). A few unrelated words make a \
             strong password that is easy to remember."
        ));
    }
    let lower = password.to_lowercase();
    let mut distinct: Vec<char> = lower.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < MIN_DISTINCT {
        return Err(
            "This password repeats too few characters: choose something less predictable.".into(),
        );
    }
    let letters: String = lower.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty()
        || COMMON_WORDS
            .iter()
            .any(|w| letters == *w || letters == w.repeat(2))
    {
        return Err(
            "This password is a common word padded with numbers or symbols: it is among \
                    the first an attacker tries."
                .into(),
        );
    }
    let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    if RUNS.iter().any(|run| is_mostly_run(&compact, run)) {
        return Err(
            "This password is a keyboard or number sequence: choose something less \
                    predictable."
                .into(),
        );
    }
    let local = email.split('@').next().unwrap_or_default().to_lowercase();
    if local.len() >= 4 && lower.contains(&local) {
        return Err("Do not use your e-mail address in your password.".into());
    }
    Ok(())
}

/// True when at least 12 consecutive characters of `candidate` appear in a run.
fn is_mostly_run(candidate: &str, run: &str) -> bool {
    const WINDOW: usize = 12;
    let chars: Vec<char> = candidate.chars().collect();
    chars.len() >= WINDOW
        && chars
            .windows(WINDOW)
            .any(|w| run.contains(&w.iter().collect::<String>()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMAIL: &str = "ada@example.com";

    #[test]
    fn a_long_passphrase_is_accepted() {
        assert_eq!(
            check_new_password("correct horse battery staple", EMAIL),
            Ok(())
        );
    }

    #[test]
    fn a_128_character_unicode_password_is_accepted() {
        let pw: String = "Grüße-ünd-Ключ-鍵-🔑-".chars().cycle().take(128).collect();
        assert_eq!(check_new_password(&pw, EMAIL), Ok(()));
    }

    #[test]
    fn fourteen_characters_are_too_few_and_the_message_says_how_many() {
        let err = check_new_password("Tr0ub4dor&3xyz", EMAIL).unwrap_err();
        assert!(err.contains("at least 15") && err.contains("14"), "{err}");
    }

    #[test]
    fn common_words_padded_with_digits_are_refused() {
        for pw in [
            "password1234567",
            "Password!234567890",
            "qwerty123456789!",
            "clearance2026!!!",
        ] {
            assert!(check_new_password(pw, EMAIL).is_err(), "{pw}");
        }
    }

    #[test]
    fn runs_and_repeats_are_refused() {
        for pw in [
            "123456789012345",
            "aaaaaaaaaaaaaaaa",
            "abababababababab",
            "qwertyuiopasdfgh",
            "1qaz2wsx3edc4rfv",
        ] {
            assert!(check_new_password(pw, EMAIL).is_err(), "{pw}");
        }
    }

    #[test]
    fn the_users_own_address_is_refused() {
        let err = check_new_password("my name is ada, hello!", "ada.l@example.com");
        assert!(
            err.is_ok(),
            "'ada' is shorter than 4 characters and not checked"
        );
        assert!(check_new_password("lovelace rules the world", "lovelace@example.com").is_err());
    }

    #[test]
    fn an_oversized_password_is_refused_before_anything_else() {
        let err = check_new_password(&"x".repeat(MAX_BYTES + 1), EMAIL).unwrap_err();
        assert!(err.contains("1024"), "{err}");
    }
}
