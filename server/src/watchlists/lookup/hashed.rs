//! Listed ID-document and bank-account numbers against a profile's. A profile keeps only a keyed
//! hash and the last four characters of each such number (`profiles::protect`, SECURITY.md G1),
//! so a list's numbers are hashed when the list is loaded, under the same key and every purpose a
//! profile's number can have been hashed under, and the hashes compared (KNOWN-03 for a listed
//! passport or ID number, KNOWN-07 for an incident's account).
//!
//! Neither number reaches a finding in clear: a hit shows the last four characters of each side.

use crate::profiles::protect::{id_purpose, keyed_hash, last4, ACCOUNT_PURPOSE, IBAN_PURPOSE};
use crate::watchlists::matching::{IdentifierKind, ListIdentifier};
use clearance_app::model::profile::{ProfileDocument, ID_DOCUMENT_TYPES};
use std::collections::HashMap;

/// A listed number, as a hit shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct ListedNumber {
    pub kind: IdentifierKind,
    pub entry_id: String,
    /// The listed number's last four characters.
    pub last4: String,
}

/// A list's ID and account numbers by their keyed hashes.
#[derive(Default)]
pub(super) struct HashedNumbers {
    by_hash: HashMap<String, Vec<ListedNumber>>,
}

impl HashedNumbers {
    /// Hashes each listed ID number under every document type's purpose (a list rarely says
    /// which document a number is on in the product's terms, and a profile may file it under
    /// another type), and each account under both account purposes (an IBAN, or a routing and
    /// account number written `routing/account` or run together).
    pub fn new(key: &[u8], identifiers: &[ListIdentifier]) -> HashedNumbers {
        let mut by_hash: HashMap<String, Vec<ListedNumber>> = HashMap::new();
        for listed in identifiers {
            let purposes: Vec<String> = match listed.kind {
                IdentifierKind::IdNumber => {
                    ID_DOCUMENT_TYPES.iter().map(|t| id_purpose(t)).collect()
                }
                IdentifierKind::BankAccount => vec![IBAN_PURPOSE.into(), ACCOUNT_PURPOSE.into()],
                _ => continue,
            };
            let shown = last4(&listed.value);
            if shown.is_empty() {
                continue;
            }
            for purpose in purposes {
                let number = ListedNumber {
                    kind: listed.kind,
                    entry_id: listed.entry_id.clone(),
                    last4: shown.clone(),
                };
                let same = by_hash
                    .entry(keyed_hash(key, &purpose, &listed.value))
                    .or_default();
                if !same.contains(&number) {
                    same.push(number);
                }
            }
        }
        HashedNumbers { by_hash }
    }

    /// The listed numbers whose hash is `hash`.
    pub fn find(&self, hash: &str) -> &[ListedNumber] {
        self.by_hash
            .get(hash)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }
}

/// A profile's hashed number: the field it is in, its hash and its last four. (Its kind needs no
/// saying: a hash under a document's purpose only equals a listed ID number's, and one under an
/// account's only a listed account's.)
pub(super) struct ProfileNumber<'a> {
    pub field: String,
    pub hash: &'a str,
    pub last4: &'a str,
}

/// The hashed numbers of a profile's identity documents and payment instructions.
pub(super) fn profile_numbers(profile: &ProfileDocument) -> Vec<ProfileNumber<'_>> {
    let documents = profile
        .identity
        .id_documents
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            Some(ProfileNumber {
                field: format!("identity.id_documents[{i}].number"),
                hash: d.number_hash.as_deref()?,
                last4: d.number_last4.as_deref().unwrap_or_default(),
            })
        });
    let accounts = profile
        .payment_instructions
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            Some(ProfileNumber {
                field: format!("payment_instructions[{i}].account"),
                hash: p.account_hash.as_deref()?,
                last4: p.account_last4.as_deref().unwrap_or_default(),
            })
        });
    documents
        .chain(accounts)
        .filter(|n| !n.hash.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::protect::protect;
    use clearance_app::model::profile::{IdDocument, PaymentInstruction};

    const KEY: &[u8] = b"a test key of a fair length 0123456789";

    fn listed(kind: IdentifierKind, value: &str) -> ListIdentifier {
        ListIdentifier {
            entry_id: "e1".into(),
            kind,
            value: value.into(),
        }
    }

    fn protected(doc_type: &str, number: &str, iban: &str) -> ProfileDocument {
        let mut doc = ProfileDocument::default();
        doc.identity.id_documents.push(IdDocument {
            doc_type: doc_type.into(),
            number: Some(number.into()),
            ..IdDocument::default()
        });
        doc.payment_instructions.push(PaymentInstruction {
            iban: Some(iban.into()),
            ..PaymentInstruction::default()
        });
        protect(&mut doc, KEY);
        doc
    }

    #[test]
    fn a_listed_number_finds_the_profile_number_it_equals_under_any_document_type() {
        let numbers = HashedNumbers::new(
            KEY,
            &[
                listed(IdentifierKind::IdNumber, "PS-563 410 123"),
                listed(IdentifierKind::BankAccount, "GB33BUKB20201555555555"),
            ],
        );
        for doc_type in ID_DOCUMENT_TYPES {
            let doc = protected(doc_type, "ps563410123", "gb33 bukb 2020 1555 5555 55");
            let found: Vec<(String, Vec<ListedNumber>)> = profile_numbers(&doc)
                .into_iter()
                .map(|n| (n.field, numbers.find(n.hash).to_vec()))
                .collect();
            assert_eq!(found.len(), 2);
            assert_eq!(found[0].0, "identity.id_documents[0].number");
            assert_eq!(found[0].1.len(), 1, "{doc_type}");
            assert_eq!(found[0].1[0].kind, IdentifierKind::IdNumber);
            assert_eq!(found[0].1[0].last4, "0123");
            assert_eq!(found[1].0, "payment_instructions[0].account");
            assert_eq!(found[1].1.len(), 1);
            assert_eq!(found[1].1[0].kind, IdentifierKind::BankAccount);
            assert_eq!(found[1].1[0].last4, "5555");
        }
    }

    #[test]
    fn another_number_or_another_key_finds_nothing() {
        let doc = protected("passport", "563410123", "GB33BUKB20201555555555");
        let other_number =
            HashedNumbers::new(KEY, &[listed(IdentifierKind::IdNumber, "563410124")]);
        let other_key = HashedNumbers::new(
            b"another key",
            &[listed(IdentifierKind::IdNumber, "563410123")],
        );
        for numbers in [other_number, other_key] {
            assert!(profile_numbers(&doc)
                .iter()
                .all(|n| numbers.find(n.hash).is_empty()));
        }
    }

    #[test]
    fn an_account_listed_as_routing_and_account_finds_the_pair_entered_apart() {
        let numbers = HashedNumbers::new(
            KEY,
            &[listed(
                IdentifierKind::BankAccount,
                "021000021/000123456789",
            )],
        );
        let mut doc = ProfileDocument::default();
        doc.payment_instructions.push(PaymentInstruction {
            routing_number: Some("021000021".into()),
            account_number: Some("0001 2345 6789".into()),
            ..PaymentInstruction::default()
        });
        protect(&mut doc, KEY);
        let profile = profile_numbers(&doc);
        assert_eq!(numbers.find(profile[0].hash).len(), 1);
    }

    #[test]
    fn other_kinds_of_identifier_are_not_hashed() {
        let numbers = HashedNumbers::new(KEY, &[listed(IdentifierKind::Email, "a@example.com")]);
        assert!(numbers.by_hash.is_empty());
    }
}
