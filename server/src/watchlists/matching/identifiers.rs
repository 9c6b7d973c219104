//! Exact identifiers (INDICATORS.md §2.3 KNOWN-02, -03, -04, -06, -07): each value is brought to
//! a canonical form and looked up in a hash map; equal canonical forms are a hit. Both engines
//! of §6 treat such a hit as certain (score 1.0).
//!
//! * wallets: EVM `0x` + 40 hex lower-cased (EIP-55 case is only a checksum); bech32 (`bc1…`,
//!   `ltc1…`, `tb1…`) lower-cased (BIP-173: one address, upper or lower case); anything else
//!   (BTC base58 `1…`/`3…`, Tron `T…`) kept exactly: there, case is part of the address (§5.3);
//! * emails: lower-cased; for Gmail, dots and `+tags` dropped from the local part and
//!   `googlemail.com` read as `gmail.com` (Gmail ignores both);
//! * phones: digits with the country code (E.164 without `+`); `00` before the country code and a
//!   trunk `(0)` dropped;
//! * ID numbers and bank accounts: upper-cased, spaces, hyphens, dots and slashes dropped;
//! * domains: lower-cased, scheme, path, port, trailing dot and `www.` dropped;
//! * GitHub logins: lower-cased, `@` and `github.com/` dropped;
//! * addresses: folded to lower-case alphanumeric words.

use std::collections::HashMap;

/// What kind of value an identifier is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IdentifierKind {
    Wallet,
    Email,
    Phone,
    IdNumber,
    Domain,
    BankAccount,
    GithubLogin,
    Address,
}

impl IdentifierKind {
    /// The indicator a hit of this kind raises (INDICATORS.md §2.3). Custom lists may mean
    /// something more specific (KNOWN-06 community lists, KNOWN-04 employer domains); the caller
    /// that knows the list may override.
    pub fn indicator(self) -> &'static str {
        match self {
            IdentifierKind::Wallet => "KNOWN-02",
            IdentifierKind::Email
            | IdentifierKind::Phone
            | IdentifierKind::IdNumber
            | IdentifierKind::Domain => "KNOWN-03",
            IdentifierKind::GithubLogin => "KNOWN-06",
            IdentifierKind::BankAccount | IdentifierKind::Address => "KNOWN-07",
        }
    }
}

/// The canonical form of a value, or `None` when it is not a usable value of that kind (blank,
/// an email without `@`, a phone with too few digits).
pub fn canonical(kind: IdentifierKind, value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() || value.len() > 1024 {
        return None;
    }
    let canonical = match kind {
        IdentifierKind::Wallet => wallet(value),
        IdentifierKind::Email => email(value)?,
        IdentifierKind::Phone => phone(value)?,
        IdentifierKind::IdNumber | IdentifierKind::BankAccount => value
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.' | '/'))
            .flat_map(char::to_uppercase)
            .collect(),
        IdentifierKind::Domain => domain(value)?,
        IdentifierKind::GithubLogin => {
            let lower = value.to_lowercase();
            let login = lower
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_start_matches("www.")
                .trim_start_matches("github.com/")
                .trim_start_matches('@');
            login.split('/').next().unwrap_or_default().to_owned()
        }
        IdentifierKind::Address => value
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    };
    (!canonical.is_empty()).then_some(canonical)
}

fn wallet(value: &str) -> String {
    let is_evm = value.len() == 42
        && (value.starts_with("0x") || value.starts_with("0X"))
        && value.bytes().skip(2).all(|b| b.is_ascii_hexdigit());
    let lower = value.to_ascii_lowercase();
    let is_bech32 = ["bc1", "tb1", "ltc1", "bcrt1"]
        .iter()
        .any(|p| lower.starts_with(p));
    if is_evm || is_bech32 {
        lower
    } else {
        value.to_owned()
    }
}

fn email(value: &str) -> Option<String> {
    let lower = value.to_lowercase();
    let (local, domain) = lower.rsplit_once('@')?;
    if local.is_empty() || domain.is_empty() {
        return None;
    }
    if domain == "gmail.com" || domain == "googlemail.com" {
        let local = local.split('+').next().unwrap_or_default().replace('.', "");
        if local.is_empty() {
            return None;
        }
        return Some(format!("{local}@gmail.com"));
    }
    Some(format!("{local}@{domain}"))
}

/// Fewer digits than this is not a phone number (E.164 numbers have 8 to 15 with the country
/// code; 7 allows short national numbers some lists carry).
const MIN_PHONE_DIGITS: usize = 7;

fn phone(value: &str) -> Option<String> {
    let without_trunk = value.replace("(0)", "");
    let mut digits: String = without_trunk.chars().filter(char::is_ascii_digit).collect();
    if !without_trunk.trim_start().starts_with('+') && digits.starts_with("00") {
        digits = digits.get(2..).unwrap_or_default().to_owned();
    }
    (digits.len() >= MIN_PHONE_DIGITS && digits.len() <= 15).then_some(digits)
}

fn domain(value: &str) -> Option<String> {
    let lower = value.to_lowercase();
    let rest = lower
        .split_once("://")
        .map_or(lower.as_str(), |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.trim_end_matches('.');
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty() && host.contains('.')).then(|| host.to_owned())
}

/// One listed identifier, as the index keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedValue {
    /// Position of the entry in the matcher's entry table.
    pub entry: u32,
    /// The value as the list wrote it.
    pub value: String,
}

/// Canonical value -> listed values, per kind.
#[derive(Debug, Default)]
pub struct IdentifierIndex {
    values: HashMap<(IdentifierKind, String), Vec<ListedValue>>,
}

impl IdentifierIndex {
    /// Adds a listed value; unusable values are skipped.
    pub fn insert(&mut self, kind: IdentifierKind, value: &str, entry: u32) {
        let Some(key) = canonical(kind, value) else {
            return;
        };
        let listed = self.values.entry((kind, key)).or_default();
        if !listed.iter().any(|l| l.entry == entry) {
            listed.push(ListedValue {
                entry,
                value: value.trim().to_owned(),
            });
        }
    }

    /// The listed values equal to `value` after canonicalisation, with that canonical form.
    pub fn find(&self, kind: IdentifierKind, value: &str) -> (Option<String>, &[ListedValue]) {
        let Some(key) = canonical(kind, value) else {
            return (None, &[][..]);
        };
        let found = self
            .values
            .get(&(kind, key.clone()))
            .map(Vec::as_slice)
            .unwrap_or_default();
        (Some(key), found)
    }

    /// Distinct canonical values held.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether nothing is held.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Approximate heap bytes (for the benchmark's memory figure).
    pub fn heap_bytes(&self) -> usize {
        self.values
            .iter()
            .map(|((_, k), v)| {
                64 + k.capacity() + v.iter().map(|l| 32 + l.value.capacity()).sum::<usize>()
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::IdentifierKind::*;
    use super::*;

    fn c(kind: IdentifierKind, value: &str) -> Option<String> {
        canonical(kind, value)
    }

    #[test]
    fn evm_wallets_ignore_case_but_bitcoin_base58_does_not() {
        let lazarus = "0x098B716B8Aaf21512996dC57EB0615e2383E2f96";
        assert_eq!(c(Wallet, lazarus), c(Wallet, &lazarus.to_lowercase()));
        assert_eq!(
            c(Wallet, lazarus).as_deref(),
            Some("0x098b716b8aaf21512996dc57eb0615e2383e2f96")
        );
        let btc = "149w62rY42aZBox8fGcmqNsXUzSStKeq8C";
        assert_ne!(c(Wallet, btc), c(Wallet, &btc.to_lowercase()));
        assert_eq!(
            c(Wallet, " 149w62rY42aZBox8fGcmqNsXUzSStKeq8C ").as_deref(),
            Some(btc)
        );
        assert_eq!(
            c(Wallet, "BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ"),
            c(Wallet, "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq")
        );
    }

    #[test]
    fn gmail_ignores_dots_and_tags_other_domains_only_case() {
        assert_eq!(
            c(Email, "Kim.Jong+jobs@GoogleMail.com").as_deref(),
            Some("kimjong@gmail.com")
        );
        assert_eq!(
            c(Email, "kimjong@gmail.com"),
            c(Email, "k.i.m.jong+x@gmail.com")
        );
        assert_eq!(
            c(Email, "First.Last+x@Example.COM").as_deref(),
            Some("first.last+x@example.com")
        );
        assert_eq!(c(Email, "not-an-email"), None);
        assert_eq!(c(Email, "+tag@gmail.com"), None);
    }

    #[test]
    fn phones_compare_as_international_digits() {
        let e164 = Some("8613314257947".to_owned());
        assert_eq!(c(Phone, "+86 133 1425 7947"), e164);
        assert_eq!(c(Phone, "0086-133-1425-7947"), e164);
        assert_eq!(c(Phone, "8613314257947"), e164);
        assert_eq!(
            c(Phone, "+44 (0)20 7946 0018").as_deref(),
            Some("442079460018")
        );
        assert_eq!(c(Phone, "12345"), None);
    }

    #[test]
    fn id_numbers_domains_logins_and_addresses() {
        assert_eq!(c(IdNumber, "t 1455-3558").as_deref(), Some("T14553558"));
        assert_eq!(
            c(BankAccount, "de89 3704 0044 0532 0130 00").as_deref(),
            Some("DE89370400440532013000")
        );
        assert_eq!(
            c(Domain, "https://www.Example.com:443/jobs?x=1").as_deref(),
            Some("example.com")
        );
        assert_eq!(c(Domain, "example.com.").as_deref(), Some("example.com"));
        assert_eq!(c(Domain, "localhost"), None);
        assert_eq!(
            c(GithubLogin, "https://github.com/DevGuy42/repo").as_deref(),
            Some("devguy42")
        );
        assert_eq!(c(GithubLogin, "@DevGuy42").as_deref(), Some("devguy42"));
        assert_eq!(
            c(Address, "41 Ulitsa  Klary-Tsetskin,").as_deref(),
            Some("41 ulitsa klary tsetskin")
        );
        assert_eq!(c(IdNumber, "   "), None);
    }

    #[test]
    fn the_index_finds_canonical_equals_only() {
        let mut index = IdentifierIndex::default();
        index.insert(Wallet, "0x098B716B8Aaf21512996dC57EB0615e2383E2f96", 0);
        index.insert(Wallet, "149w62rY42aZBox8fGcmqNsXUzSStKeq8C", 1);
        index.insert(Email, "", 2);
        assert_eq!(index.len(), 2);
        let (key, found) = index.find(Wallet, "0x098b716b8aaf21512996dc57eb0615e2383e2f96");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].value, "0x098B716B8Aaf21512996dC57EB0615e2383E2f96");
        assert!(key.is_some());
        assert!(index
            .find(Wallet, "149W62RY42AZBOX8FGCMQNSXUZSSTKEQ8C")
            .1
            .is_empty());
        assert!(index.find(Email, "").1.is_empty());
    }
}
