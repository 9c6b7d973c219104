//! An edit form applied to the stored document. Only what the form shows can change, and only
//! where the person changed what it showed: parts the form does not cover (devices, logins, the
//! resume, a second payout account, an interviewer's notes, …) are kept, and so is every value
//! left as shown, even where the form shows it in a simpler shape (a date without its time).
//! Bank and ID numbers are never shown, so a blank one means "unchanged": the stored keyed hash
//! and last four characters stay. A number typed in replaces them (the server protects it again
//! before storing).

use super::fill::address_index;
use super::{list, opt, PersonForm};
use crate::model::profile::*;

/// The person changed what the form showed (surrounding spaces aside).
pub(super) fn edited(typed: &str, shown: &str) -> bool {
    typed.trim() != shown.trim()
}

/// Overwrites an optional value the person changed; keeps it otherwise.
pub(super) fn set(stored: &mut Option<String>, typed: &str, shown: &str) {
    if edited(typed, shown) {
        *stored = opt(typed);
    }
}

impl PersonForm {
    /// Writes what the person changed in this form into `doc` (see the module comment).
    pub fn apply_to(&self, doc: &mut ProfileDocument) {
        let shown = PersonForm::from_document(doc);
        self.apply_identity(&shown, doc);
        self.apply_id_document(&shown, &mut doc.identity.id_documents);
        self.apply_contact(doc);
        self.apply_addresses(&shown, &mut doc.addresses);
        self.apply_employment(doc);
        let (github, linkedin) = (
            &mut doc.online_presence.github,
            &mut doc.online_presence.linkedin,
        );
        set(&mut github.login, &self.github_login, &shown.github_login);
        set(
            &mut github.created_at,
            &self.github_created,
            &shown.github_created,
        );
        set(&mut linkedin.url, &self.linkedin_url, &shown.linkedin_url);
        self.apply_payment(&shown, &mut doc.payment_instructions);
        self.apply_wallet(&shown, &mut doc.crypto_wallets);
        self.apply_interviews(doc);
        self.apply_references(doc);
        let source = &mut doc.source_channel;
        set(
            &mut source.channel_type,
            &self.source_type,
            &shown.source_type,
        );
        set(
            &mut source.agency_name,
            &self.agency_name,
            &shown.agency_name,
        );
    }

    fn apply_identity(&self, shown: &PersonForm, doc: &mut ProfileDocument) {
        if edited(&self.kind, &shown.kind) {
            doc.kind = self.kind.trim().to_owned();
        }
        let identity = &mut doc.identity;
        if edited(&self.legal_name, &shown.legal_name) {
            identity.legal_name.full = self.legal_name.trim().to_owned();
        }
        set(
            &mut identity.legal_name.preferred_name,
            &self.preferred_name,
            &shown.preferred_name,
        );
        set(&mut identity.dob, &self.dob, &shown.dob);
        if edited(&self.nationality, &shown.nationality) {
            identity.nationality = list(&self.nationality);
        }
        let residence = &mut identity.claimed_residence;
        set(
            &mut residence.city,
            &self.residence_city,
            &shown.residence_city,
        );
        set(
            &mut residence.country,
            &self.residence_country,
            &shown.residence_country,
        );
        set(
            &mut identity.claimed_timezone,
            &self.timezone,
            &shown.timezone,
        );
        if edited(&self.languages, &shown.languages) {
            identity.languages_claimed = list(&self.languages);
        }
    }

    /// The form's ID document is the first one (`to_document` writes at most one).
    fn apply_id_document(&self, shown: &PersonForm, documents: &mut Vec<IdDocument>) {
        let number = opt(&self.id_doc_number);
        let visible = [
            (&self.id_doc_type, &shown.id_doc_type),
            (&self.id_doc_country, &shown.id_doc_country),
            (&self.id_doc_name, &shown.id_doc_name),
        ];
        if number.is_none() && visible.iter().all(|(t, s)| !edited(t, s)) {
            return;
        }
        if documents.is_empty() {
            documents.extend(self.id_document());
            return;
        }
        if number.is_none() && visible.iter().all(|(t, _)| opt(t).is_none()) {
            // Every shown value cleared ("None" chosen): the document goes, with its number.
            documents.remove(0);
            return;
        }
        if let Some(document) = documents.first_mut() {
            if edited(&self.id_doc_type, &shown.id_doc_type) {
                document.doc_type = opt(&self.id_doc_type).unwrap_or_else(|| "passport".into());
            }
            set(
                &mut document.issuing_country,
                &self.id_doc_country,
                &shown.id_doc_country,
            );
            set(
                &mut document.ocr_name,
                &self.id_doc_name,
                &shown.id_doc_name,
            );
            // Blank keeps `number_hash` and `number_last4`; a new number replaces them on save.
            if number.is_some() {
                document.number = number;
            }
        }
    }

    fn apply_addresses(&self, shown: &PersonForm, addresses: &mut Vec<Address>) {
        apply_address(
            addresses,
            "residential",
            [
                &self.home_line1,
                &self.home_city,
                &self.home_postal_code,
                &self.home_country,
            ],
            [
                &shown.home_line1,
                &shown.home_city,
                &shown.home_postal_code,
                &shown.home_country,
            ],
            self.home_address(),
        );
        apply_address(
            addresses,
            "laptop_shipping",
            [
                &self.ship_line1,
                &self.ship_city,
                &self.ship_postal_code,
                &self.ship_country,
            ],
            [
                &shown.ship_line1,
                &shown.ship_city,
                &shown.ship_postal_code,
                &shown.ship_country,
            ],
            self.shipping_address(),
        );
    }

    /// The form's payment instruction is the first one; any others are kept as they are.
    fn apply_payment(&self, shown: &PersonForm, payments: &mut Vec<PaymentInstruction>) {
        let iban = opt(&self.iban);
        let visible = [
            (&self.pay_method, &shown.pay_method),
            (&self.pay_platform, &shown.pay_platform),
            (&self.bank_country, &shown.bank_country),
            (&self.account_holder, &shown.account_holder),
        ];
        if iban.is_none() && visible.iter().all(|(t, s)| !edited(t, s)) {
            return;
        }
        if payments.is_empty() {
            payments.extend(self.payment());
            return;
        }
        if iban.is_none() && visible.iter().all(|(t, _)| opt(t).is_none()) {
            // Every shown value cleared: the instruction goes, with its account.
            payments.remove(0);
            return;
        }
        if let Some(pay) = payments.first_mut() {
            if edited(&self.pay_method, &shown.pay_method) {
                pay.method = opt(&self.pay_method).unwrap_or_else(|| "other".into());
            }
            set(&mut pay.platform, &self.pay_platform, &shown.pay_platform);
            set(
                &mut pay.bank_country,
                &self.bank_country,
                &shown.bank_country,
            );
            set(
                &mut pay.account_holder_name,
                &self.account_holder,
                &shown.account_holder,
            );
            // Blank keeps `account_hash`, `account_last4` and `iban_country`; a new IBAN
            // replaces them on save.
            if iban.is_some() {
                pay.iban = iban;
            }
        }
    }

    /// The form's wallet is the first one; any others are kept as they are.
    fn apply_wallet(&self, shown: &PersonForm, wallets: &mut Vec<CryptoWallet>) {
        if !edited(&self.wallet_chain, &shown.wallet_chain)
            && !edited(&self.wallet_address, &shown.wallet_address)
        {
            return;
        }
        if wallets.is_empty() {
            wallets.extend(self.wallet());
            return;
        }
        match opt(&self.wallet_address) {
            None => {
                wallets.remove(0);
            }
            Some(address) => {
                if let Some(wallet) = wallets.first_mut() {
                    if edited(&self.wallet_chain, &shown.wallet_chain) {
                        wallet.chain = opt(&self.wallet_chain).unwrap_or_else(|| "ethereum".into());
                    }
                    wallet.address = address;
                }
            }
        }
    }
}

/// One of the form's two addresses (street, city, postal code, country), by type.
fn apply_address(
    addresses: &mut Vec<Address>,
    kind: &str,
    typed: [&String; 4],
    shown: [&String; 4],
    new: Option<Address>,
) {
    if typed.iter().zip(shown).all(|(t, s)| !edited(t, s)) {
        return;
    }
    let Some(index) = address_index(addresses, kind) else {
        addresses.extend(new);
        return;
    };
    if new.is_none() {
        // No street: `to_document` leaves such an address out, so clearing it removes it.
        addresses.remove(index);
        return;
    }
    if let Some(address) = addresses.get_mut(index) {
        let [line1, city, postal, country] = typed;
        if edited(line1, shown[0]) {
            address.line1 = line1.trim().to_owned();
        }
        set(&mut address.city, city, shown[1]);
        set(&mut address.postal_code, postal, shown[2]);
        set(&mut address.country, country, shown[3]);
        // What a lookup derived from the old address no longer holds.
        (address.address_kind, address.lat, address.lon) = (None, None, None);
    }
}

#[cfg(test)]
pub(super) mod tests;
