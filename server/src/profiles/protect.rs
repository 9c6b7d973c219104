//! Bank-account and identity-document numbers are never stored in clear (issue 3; SECURITY.md
//! G1/G6): each is replaced by an HMAC-SHA-256 under a server key, for matching across profiles,
//! and its last four characters, for display. The IBAN's country prefix is kept (PAY-02).

use clearance_app::model::profile::ProfileDocument;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Upper-case letters and digits only: `GB29 NWBK 6016 1331 9268 19` and `gb29nwbk60161331926819`
/// are the same account.
fn compact(number: &str) -> String {
    number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The purpose an IBAN is hashed under.
pub const IBAN_PURPOSE: &str = "iban";
/// The purpose a routing and account number pair is hashed under (as `routing/account`).
pub const ACCOUNT_PURPOSE: &str = "account";

/// The purpose an identity document's number is hashed under: its type's.
pub fn id_purpose(doc_type: &str) -> String {
    format!("id:{}", doc_type.to_lowercase())
}

/// `HMAC(key, purpose ‖ 0x00 ‖ number)` in hex; the purpose keeps kinds of number apart.
pub fn keyed_hash(key: &[u8], purpose: &str, number: &str) -> String {
    let mut mac = match Hmac::<Sha256>::new_from_slice(key) {
        Ok(mac) => mac,
        // HMAC accepts keys of any length; this branch cannot be taken.
        Err(_) => return String::new(),
    };
    mac.update(purpose.as_bytes());
    mac.update(&[0]);
    mac.update(compact(number).as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The last four letters or digits of a number, the part of it kept for display.
pub fn last4(number: &str) -> String {
    let compacted = compact(number);
    compacted
        .chars()
        .skip(compacted.chars().count().saturating_sub(4))
        .collect()
}

/// Replaces every clear number in `doc` with its keyed hash and last four characters.
pub fn protect(doc: &mut ProfileDocument, key: &[u8]) {
    for pay in &mut doc.payment_instructions {
        if let Some(iban) = pay.iban.take().filter(|n| !compact(n).is_empty()) {
            pay.account_hash = Some(keyed_hash(key, IBAN_PURPOSE, &iban));
            pay.account_last4 = Some(last4(&iban));
            pay.iban_country = Some(compact(&iban).chars().take(2).collect());
        }
        let routing = pay.routing_number.take().unwrap_or_default();
        if let Some(account) = pay.account_number.take().filter(|n| !compact(n).is_empty()) {
            pay.account_hash = Some(keyed_hash(
                key,
                ACCOUNT_PURPOSE,
                &format!("{}/{}", compact(&routing), compact(&account)),
            ));
            pay.account_last4 = Some(last4(&account));
        }
    }
    for document in &mut doc.identity.id_documents {
        if let Some(number) = document.number.take().filter(|n| !compact(n).is_empty()) {
            let purpose = id_purpose(&document.doc_type);
            document.number_hash = Some(keyed_hash(key, &purpose, &number));
            document.number_last4 = Some(last4(&number));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clearance_app::model::profile::{IdDocument, PaymentInstruction};

    const KEY: &[u8] = b"test key of enough length 0123456789";

    #[test]
    fn an_iban_is_replaced_by_its_hash_last_four_and_country() {
        let mut doc = ProfileDocument {
            payment_instructions: vec![PaymentInstruction {
                iban: Some("GB29 NWBK 6016 1331 9268 19".into()),
                ..Default::default()
            }],
            ..Default::default()
        };
        protect(&mut doc, KEY);
        let pay = &doc.payment_instructions[0];
        assert_eq!(pay.iban, None);
        assert_eq!(pay.account_last4.as_deref(), Some("6819"));
        assert_eq!(pay.iban_country.as_deref(), Some("GB"));
        assert_eq!(pay.account_hash.as_deref().map(str::len), Some(64));
        let json = serde_json::to_string(&doc).unwrap();
        assert!(
            !json.contains("NWBK") && !json.contains("60161331926819"),
            "{json}"
        );
    }

    #[test]
    fn the_same_account_written_differently_hashes_the_same_and_keys_matter() {
        assert_eq!(
            keyed_hash(KEY, "iban", "GB29 NWBK 6016 1331 9268 19"),
            keyed_hash(KEY, "iban", "gb29nwbk60161331926819")
        );
        assert_ne!(
            keyed_hash(KEY, "iban", "GB29NWBK60161331926819"),
            keyed_hash(b"another key", "iban", "GB29NWBK60161331926819")
        );
        assert_ne!(
            keyed_hash(KEY, "iban", "123"),
            keyed_hash(KEY, "id:passport", "123")
        );
    }

    #[test]
    fn document_and_account_numbers_are_hashed_too() {
        let mut doc = ProfileDocument::default();
        doc.identity.id_documents = vec![IdDocument {
            doc_type: "passport".into(),
            number: Some("X1234567".into()),
            ..Default::default()
        }];
        doc.payment_instructions = vec![PaymentInstruction {
            routing_number: Some("021000021".into()),
            account_number: Some("000123456789".into()),
            ..Default::default()
        }];
        protect(&mut doc, KEY);
        assert_eq!(
            doc.identity.id_documents[0].number_last4.as_deref(),
            Some("4567")
        );
        assert!(doc.identity.id_documents[0].number.is_none());
        assert_eq!(
            doc.payment_instructions[0].account_last4.as_deref(),
            Some("6789")
        );
        assert!(
            doc.payment_instructions[0].account_number.is_none()
                && doc.payment_instructions[0].routing_number.is_none()
        );
    }
}
