//! `apply_to`: what the form changes and what it keeps.
use super::super::fill::tests::filled_form;
use super::*;

/// A stored document with parts the form never shows and secrets already protected.
pub(crate) fn stored() -> ProfileDocument {
    let mut doc = filled_form().to_document();
    doc.identity.dob = Some("1990-04-01T00:00:00Z".into());
    let id = &mut doc.identity.id_documents[0];
    id.number_hash = Some("id-hash".into());
    id.number_last4 = Some("4567".into());
    id.expiry = Some("2031-01-01".into());
    let pay = &mut doc.payment_instructions[0];
    pay.account_hash = Some("iban-hash".into());
    pay.account_last4 = Some("6819".into());
    pay.iban_country = Some("GB".into());
    pay.bank_name = Some("NatWest".into());
    doc.payment_instructions.push(PaymentInstruction {
        method: "paypal".into(),
        platform_account: Some("ada@example.com".into()),
        ..Default::default()
    });
    doc.contact.emails[0].domain_type = Some("free".into());
    doc.contact.phones[0].carrier = Some("EE".into());
    doc.interview_observations[1].video_requested = Some(true);
    doc.interview_observations[1].notes = Some("Audio only; video was asked for".into());
    doc.addresses[0].household_declared = true;
    doc.employment[0].domain_created_at = Some("2024-01-02".into());
    doc.devices = vec![Device {
        serial: Some("C02XK1".into()),
        ..Default::default()
    }];
    doc.logins = vec![Login {
        ts: "2026-01-05T09:00:00Z".into(),
        ..Default::default()
    }];
    doc.resume.simhash64 = Some("0123456789abcdef".into());
    doc
}

#[test]
fn saving_the_form_as_shown_changes_nothing() {
    let original = stored();
    let mut doc = original.clone();
    PersonForm::from_document(&original).apply_to(&mut doc);
    assert_eq!(doc, original);
}

#[test]
fn what_the_form_does_not_show_is_kept() {
    let original = stored();
    let mut form = PersonForm::from_document(&original);
    form.legal_name = "Augusta Ada King".into();
    form.phones[1] = "+14155550199".into();
    form.interview_camera[1] = "no".into();
    form.employer_domains[0] = "babbage.example.net".into();
    form.home_city = "Marylebone".into();
    let mut doc = original.clone();
    form.apply_to(&mut doc);

    assert_eq!(doc.identity.legal_name.full, "Augusta Ada King");
    assert_eq!(doc.identity.dob, original.identity.dob, "time kept");
    assert_eq!(
        (doc.devices.clone(), doc.logins.clone(), doc.resume.clone()),
        (
            original.devices.clone(),
            original.logins.clone(),
            original.resume.clone()
        )
    );
    assert_eq!(doc.payment_instructions, original.payment_instructions);
    assert_eq!(doc.identity.id_documents, original.identity.id_documents);
    assert_eq!(doc.contact.emails, original.contact.emails);
    assert_eq!(doc.contact.phones[0].carrier.as_deref(), Some("EE"));
    assert_eq!(doc.contact.phones[1].e164, "+14155550199");
    let round = &doc.interview_observations[1];
    assert_eq!(
        (
            round.camera_on,
            round.video_requested,
            round.notes.is_some()
        ),
        (Some(false), Some(true), true)
    );
    assert_eq!(
        doc.employment[0].domain_created_at, None,
        "the old domain's"
    );
    assert_eq!(
        (
            doc.addresses[0].city.as_deref(),
            doc.addresses[0].household_declared
        ),
        (Some("Marylebone"), true)
    );
}

#[test]
fn a_blank_secret_keeps_the_stored_hash_and_a_typed_one_replaces_it() {
    let original = stored();
    let mut form = PersonForm::from_document(&original);
    form.bank_country = "DE".into();
    let mut doc = original.clone();
    form.apply_to(&mut doc);
    let pay = &doc.payment_instructions[0];
    assert_eq!(pay.bank_country.as_deref(), Some("DE"));
    assert_eq!(
        (
            pay.iban.as_deref(),
            pay.account_hash.as_deref(),
            pay.account_last4.as_deref()
        ),
        (None, Some("iban-hash"), Some("6819"))
    );

    form.iban = "DE89 3704 0044 0532 0130 00".into();
    form.id_doc_number = "Y7654321".into();
    let mut doc = original.clone();
    form.apply_to(&mut doc);
    assert_eq!(
        doc.payment_instructions[0].iban.as_deref(),
        Some("DE89 3704 0044 0532 0130 00"),
        "the server hashes it again on save"
    );
    assert_eq!(
        doc.identity.id_documents[0].number.as_deref(),
        Some("Y7654321")
    );
    assert_eq!(
        doc.payment_instructions[1], original.payment_instructions[1],
        "the second instruction is not the form's"
    );
}

#[test]
fn a_cleared_section_is_removed_and_a_new_one_added() {
    let mut form = PersonForm::from_document(&stored());
    form.wallet_address = String::new();
    form.ship_line1 = String::new();
    form.ship_city = String::new();
    form.ship_postal_code = String::new();
    form.ship_country = String::new();
    let mut doc = stored();
    form.apply_to(&mut doc);
    assert!(doc.crypto_wallets.is_empty());
    assert_eq!(doc.addresses.len(), 1);

    let mut empty = ProfileDocument::default();
    filled_form().apply_to(&mut empty);
    assert_eq!(empty, filled_form().to_document(), "all new: as entered");
}
