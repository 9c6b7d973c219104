//! What a list version gives the matcher: every name and identifier of its entries, and a digest
//! of each entry so a reviewed match can tell when the entry changed.

use crate::watchlists::entry::{AliasKind, Entry, EntryKind};
use crate::watchlists::matching::{IdentifierKind, ListIdentifier, ListName, NameKind};
use sha2::{Digest, Sha256};

/// A matcher's inputs from parsed entries: every name (primary and aliases, with the entry's
/// qualifiers) and every identifier.
pub fn matcher_inputs(entries: &[Entry]) -> (Vec<ListName>, Vec<ListIdentifier>) {
    let mut names = Vec::new();
    let mut identifiers = Vec::new();
    for entry in entries {
        let kind = match entry.kind {
            EntryKind::Person | EntryKind::Other => NameKind::Person,
            EntryKind::Organization | EntryKind::Vessel | EntryKind::Aircraft => {
                NameKind::Organization
            }
        };
        let aliases = entry
            .aliases
            .iter()
            .filter(|a| a.kind != AliasKind::Weak)
            .map(|a| (a.name.as_str(), true));
        for (name, is_alias) in std::iter::once((entry.name.as_str(), false)).chain(aliases) {
            if name.trim().is_empty() {
                continue;
            }
            names.push(ListName {
                entry_id: entry.id.clone(),
                name: name.to_owned(),
                is_alias,
                kind,
                birth_dates: entry.birth_dates.clone(),
                nationalities: entry.nationalities.clone(),
            });
        }
        let values = (entry
            .wallets
            .iter()
            .map(|w| (IdentifierKind::Wallet, &w.address)))
        .chain(entry.emails.iter().map(|v| (IdentifierKind::Email, v)))
        .chain(entry.phones.iter().map(|v| (IdentifierKind::Phone, v)))
        .chain(
            entry
                .id_numbers
                .iter()
                .map(|v| (IdentifierKind::IdNumber, &v.number)),
        )
        .chain(entry.websites.iter().map(|v| (IdentifierKind::Domain, v)))
        .chain(
            entry
                .bank_accounts
                .iter()
                .map(|v| (IdentifierKind::BankAccount, v)),
        )
        .chain(
            entry
                .github_logins
                .iter()
                .map(|v| (IdentifierKind::GithubLogin, v)),
        )
        .chain(entry.addresses.iter().map(|v| (IdentifierKind::Address, v)));
        identifiers.extend(values.map(|(kind, value)| ListIdentifier {
            entry_id: entry.id.clone(),
            kind,
            value: value.clone(),
        }));
    }
    (names, identifiers)
}

/// The first 12 hex digits of SHA-256 over the entry's JSON.
pub fn entry_digest(entry: &Entry) -> String {
    let json = serde_json::to_vec(entry).unwrap_or_default();
    hex::encode(&Sha256::digest(&json)[..6])
}
