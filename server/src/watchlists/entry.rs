//! The one shape every list becomes: an [`Entry`] with its names and the identifiers the matcher
//! compares exactly (KNOWN-01..04, 06, 07 in INDICATORS.md §2.3). Values are kept as the list
//! writes them (trimmed); canonicalising (lower-cased EVM addresses, E.164 phones, registrable
//! domains) is the matcher's job, so an entry can always be shown as the list had it.

use serde::{Deserialize, Serialize};

/// At most this many values are kept per field of one entry (real entries have at most a few
/// dozen); past it, values are dropped, so a hostile file cannot make de-duplication quadratic.
pub const MAX_VALUES: usize = 500;

/// What an entry designates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Person,
    Organization,
    Vessel,
    Aircraft,
    /// Unknown or not a party (a custom list's bare identifier, a wallet without a holder).
    #[default]
    Other,
}

/// How much weight a name other than the primary one deserves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AliasKind {
    /// OFAC `aka`/`nka` in `alt.csv`; FtM `name` (beyond the first) and `alias`.
    Strong,
    /// OFAC "a.k.a. '…'" in Remarks (OFAC's low-quality AKAs); FtM `weakAlias`.
    Weak,
    /// OFAC `fka`; FtM `previousName`.
    Former,
}

/// Another name of the entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Alias {
    pub name: String,
    pub kind: AliasKind,
}

/// A government or registry number: passport, national ID, USCC, IMO, …
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IdNumber {
    /// The list's own label (`Passport`, `Unified Social Credit Code (USCC)`, `passportNumber`).
    pub kind: String,
    pub number: String,
    /// The issuing country, ISO alpha-2 where derivable.
    pub country: Option<String>,
}

/// A digital-currency address (KNOWN-02, INDICATORS.md §5.3).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Wallet {
    /// Upper-cased ticker (`XBT`, `ETH`, `USDT`), when the list says.
    pub ticker: Option<String>,
    /// As written: case matters for BTC and Tron, so nothing is folded here.
    pub address: String,
}

/// One listed party or indicator.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The list, e.g. `us_ofac_sdn`.
    pub source: String,
    /// The list's own id: OFAC `ent_num`, an FtM entity id, `custom:<hash>`.
    pub id: String,
    pub kind: EntryKind,
    /// The primary name; empty for an entry that is only an identifier (a custom list's wallet
    /// row), which the name matcher skips.
    pub name: String,
    pub aliases: Vec<Alias>,
    /// Sanctions programmes (`DPRK3`, `CYBER2`).
    pub programs: Vec<String>,
    /// As written (`21 Sep 1979`, `circa 1960`, `1979-09-21`).
    pub birth_dates: Vec<String>,
    /// ISO alpha-2 where derivable, else as written. For organisations: country/jurisdiction.
    pub nationalities: Vec<String>,
    pub id_numbers: Vec<IdNumber>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    /// Websites or bare domains, as written.
    pub websites: Vec<String>,
    /// One line per address, parts joined with ", ".
    pub addresses: Vec<String>,
    pub wallets: Vec<Wallet>,
    pub bank_accounts: Vec<String>,
    pub github_logins: Vec<String>,
    /// The list's free text (OFAC Remarks with their continuation; FtM `notes`; a custom label).
    pub remarks: Option<String>,
    /// Where the list says the information comes from (a custom row's `source`, FtM `sourceUrl`).
    pub provenance: Option<String>,
}

impl Entry {
    /// An entry with no details yet.
    pub fn new(source: &str, id: impl Into<String>, kind: EntryKind, name: &str) -> Entry {
        Entry {
            source: source.to_owned(),
            id: id.into(),
            kind,
            name: collapse_spaces(name),
            ..Entry::default()
        }
    }

    /// Adds an alias unless it is blank, the primary name or already there (case-insensitive).
    pub fn add_alias(&mut self, name: &str, kind: AliasKind) {
        let name = collapse_spaces(name);
        if name.is_empty()
            || self.aliases.len() >= MAX_VALUES
            || name.eq_ignore_ascii_case(&self.name)
        {
            return;
        }
        if !self
            .aliases
            .iter()
            .any(|a| a.name.eq_ignore_ascii_case(&name))
        {
            self.aliases.push(Alias { name, kind });
        }
    }

    /// Adds an identity number unless blank or already there.
    pub fn add_id_number(&mut self, kind: &str, number: &str, country: Option<String>) {
        let number = number.trim();
        if number.is_empty() || self.id_numbers.len() >= MAX_VALUES {
            return;
        }
        let id = IdNumber {
            kind: kind.trim().to_owned(),
            number: number.to_owned(),
            country: country.filter(|c| !c.is_empty()),
        };
        if !self.id_numbers.contains(&id) {
            self.id_numbers.push(id);
        }
    }

    /// Adds a wallet unless the address is blank or already there.
    pub fn add_wallet(&mut self, ticker: Option<&str>, address: &str) {
        let address = address.trim();
        if address.is_empty() || self.wallets.len() >= MAX_VALUES {
            return;
        }
        let ticker = ticker
            .map(|t| t.trim().to_ascii_uppercase())
            .filter(|t| !t.is_empty());
        if !self
            .wallets
            .iter()
            .any(|w| w.address == address && w.ticker == ticker)
        {
            self.wallets.push(Wallet {
                ticker,
                address: address.to_owned(),
            });
        }
    }
}

/// Adds a trimmed, space-collapsed value to a list unless blank or already there.
pub fn push_unique(list: &mut Vec<String>, value: &str) {
    let value = collapse_spaces(value);
    if value.is_empty() || list.len() >= MAX_VALUES || list.contains(&value) {
        return;
    }
    list.push(value);
}

/// Trims and turns every run of whitespace into one space (`"No. 213-214,  Building 2"`).
pub fn collapse_spaces(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lazarus() -> Entry {
        Entry::new(
            "us_ofac_sdn",
            "27307",
            EntryKind::Organization,
            " LAZARUS  GROUP ",
        )
    }

    #[test]
    fn a_new_entry_has_a_clean_name_and_nothing_else() {
        let entry = lazarus();
        assert_eq!(entry.name, "LAZARUS GROUP");
        assert_eq!(entry.id, "27307");
        assert!(entry.aliases.is_empty() && entry.wallets.is_empty());
    }

    #[test]
    fn aliases_skip_blanks_the_primary_name_and_repeats() {
        let mut entry = lazarus();
        entry.add_alias("Lazarus Group", AliasKind::Strong);
        entry.add_alias("  ", AliasKind::Strong);
        entry.add_alias("HIDDEN COBRA", AliasKind::Weak);
        entry.add_alias("Hidden  Cobra", AliasKind::Strong);
        assert_eq!(
            entry.aliases,
            vec![Alias {
                name: "HIDDEN COBRA".into(),
                kind: AliasKind::Weak
            }]
        );
    }

    #[test]
    fn wallets_keep_the_address_case_and_upper_case_the_ticker() {
        let mut entry = lazarus();
        entry.add_wallet(Some("eth"), " 0x098B716B8Aaf21512996dC57EB0615e2383E2f96 ");
        entry.add_wallet(Some("ETH"), "0x098B716B8Aaf21512996dC57EB0615e2383E2f96");
        entry.add_wallet(None, "");
        assert_eq!(
            entry.wallets,
            vec![Wallet {
                ticker: Some("ETH".into()),
                address: "0x098B716B8Aaf21512996dC57EB0615e2383E2f96".into()
            }]
        );
    }

    #[test]
    fn id_numbers_and_plain_values_are_deduplicated() {
        let mut entry = lazarus();
        entry.add_id_number("Passport", "T14553558", Some("IR".into()));
        entry.add_id_number("Passport", " T14553558 ", Some("IR".into()));
        entry.add_id_number("Passport", "", None);
        assert_eq!(entry.id_numbers.len(), 1);
        push_unique(&mut entry.emails, " a@b.co ");
        push_unique(&mut entry.emails, "a@b.co");
        assert_eq!(entry.emails, vec!["a@b.co"]);
    }

    #[test]
    fn a_field_stops_growing_at_the_cap() {
        let mut entry = lazarus();
        for i in 0..MAX_VALUES + 10 {
            push_unique(&mut entry.phones, &i.to_string());
            entry.add_alias(&format!("alias {i}"), AliasKind::Strong);
        }
        assert_eq!(entry.phones.len(), MAX_VALUES);
        assert_eq!(entry.aliases.len(), MAX_VALUES);
    }

    #[test]
    fn kinds_serialise_in_snake_case() {
        assert_eq!(
            serde_json::to_string(&EntryKind::Organization).unwrap(),
            "\"organization\""
        );
    }
}
