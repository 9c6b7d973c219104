//! Random secrets from the operating system.

use base64::Engine;

/// `n` random bytes from the OS.
pub fn bytes(n: usize) -> Vec<u8> {
    let mut out = vec![0u8; n];
    // getrandom only fails when the OS has no entropy source at all; there is nothing safe to
    // fall back to, so that is the one place a panic is the honest answer.
    #[allow(clippy::expect_used)]
    getrandom::fill(&mut out).expect("the operating system's random source is unavailable");
    out
}

/// A URL-safe random token with 256 bits of entropy (invite links).
pub fn url_token() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes(32))
}

/// A shorter random id (token ids, CSP nonces): 128 bits.
pub fn token_id() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes(16))
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_distinct_and_url_safe() {
        let (a, b) = (super::url_token(), super::url_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    }
}
