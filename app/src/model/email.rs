//! A validated, canonical e-mail address. Parsing is strict on purpose: addresses end up in mail
//! headers (SECURITY.md E4) and in unique indexes, so anything unusual is refused at the edge.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An e-mail address, trimmed and lower-cased, of a conservative shape.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

const MAX_LEN: usize = 254;
const MAX_LOCAL_LEN: usize = 64;

impl Email {
    pub fn parse(input: &str) -> Result<Email, String> {
        let value = input.trim().to_lowercase();
        if value.is_empty() {
            return Err("Enter an e-mail address.".into());
        }
        if value.len() > MAX_LEN {
            return Err(format!(
                "An e-mail address has at most {MAX_LEN} characters."
            ));
        }
        let invalid = || format!("\"{}\" is not a valid e-mail address.", printable(input));
        let (local, domain) = value.split_once('@').ok_or_else(invalid)?;
        if local.is_empty() || local.len() > MAX_LOCAL_LEN || domain.contains('@') {
            return Err(invalid());
        }
        let local_ok = local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c))
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..");
        let domain_ok = domain.contains('.')
            && domain.split('.').all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if local_ok && domain_ok {
            Ok(Email(value))
        } else {
            Err(invalid())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn domain(&self) -> &str {
        self.0.split_once('@').map(|(_, d)| d).unwrap_or_default()
    }
}

/// Keeps control characters out of error messages that echo input.
fn printable(input: &str) -> String {
    input.chars().filter(|c| !c.is_control()).take(80).collect()
}

impl TryFrom<String> for Email {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Email::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_trimmed_and_lower_cased() {
        assert_eq!(
            Email::parse("  Ada.Lovelace@Example.COM ")
                .unwrap()
                .as_str(),
            "ada.lovelace@example.com"
        );
    }

    #[test]
    fn ordinary_addresses_are_accepted() {
        for ok in [
            "a@b.co",
            "first.last+tag@sub.example.org",
            "o'brien@example.ie",
        ] {
            assert!(Email::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn malformed_addresses_are_refused() {
        for bad in [
            "",
            "plain",
            "@example.com",
            "a@",
            "a@b",
            "a@@b.com",
            "a b@example.com",
            "a@exa mple.com",
            ".a@example.com",
            "a..b@example.com",
            "a@-example.com",
            "\"quoted\"@example.com",
            "a@example.com>",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn header_injection_is_impossible() {
        let err = Email::parse("x@example.com\r\nBcc: attacker@evil.example").unwrap_err();
        assert!(!err.contains('\r') && !err.contains('\n'), "{err:?}");
    }

    #[test]
    fn overlong_addresses_are_refused_with_the_limit() {
        let long = format!("{}@example.com", "a".repeat(250));
        assert!(Email::parse(&long).unwrap_err().contains("254"));
    }

    #[test]
    fn deserialising_validates() {
        assert!(serde_json::from_str::<Email>("\"not-an-email\"").is_err());
        assert_eq!(
            serde_json::from_str::<Email>("\"A@B.CO\"")
                .unwrap()
                .as_str(),
            "a@b.co"
        );
    }
}
