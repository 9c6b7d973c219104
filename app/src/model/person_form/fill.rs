//! The edit form filled from a stored document: the inverse of `to_document` for what the form
//! covers. Bank and ID numbers are stored only as keyed hashes, so their inputs start blank.
//! The helpers here also tell `apply_to` what the form showed for each stored value.

use super::PersonForm;
use crate::model::profile::*;

/// What an input shows for an optional value.
pub(super) fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

/// `YYYY-MM-DD` of an ISO date or an RFC 3339 instant: a date input shows nothing else (the
/// browser blanks any other value).
pub(super) fn date_part(value: &Option<String>) -> String {
    let value = value.as_deref().unwrap_or("").trim();
    match value.get(..10) {
        Some(day) if day.bytes().all(|b| b.is_ascii_digit() || b == b'-') => day.to_owned(),
        _ => value.to_owned(),
    }
}

/// The value of a yes / no / not recorded select.
pub(super) fn yes_no_text(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    }
}

/// What identifies a row of e-mails, employers or references: its main value, ignoring case and
/// surrounding spaces. None: the entry has no such value and the form cannot show it.
pub(super) fn key(value: &str) -> Option<String> {
    let key = value.trim().to_lowercase();
    (!key.is_empty()).then_some(key)
}

/// A phone number without its spacing and punctuation (`+1 312-555 0130` is `+13125550130`).
pub(super) fn phone_key(value: &str) -> Option<String> {
    let key: String = value
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '+')
        .collect();
    (!key.is_empty()).then_some(key)
}

/// The form's address of this type: the first one, as `to_document` writes one of each.
pub(super) fn address_index(addresses: &[Address], kind: &str) -> Option<usize> {
    addresses
        .iter()
        .position(|a| a.address_type.eq_ignore_ascii_case(kind))
}

/// An interview round's row: mode, camera, hand-wave prompt, same person as before.
pub(super) fn interview_cells(round: &InterviewObservation) -> [String; 4] {
    [
        text(&round.mode),
        yes_no_text(round.camera_on).to_owned(),
        text(&round.liveness_prompts.hand_wave),
        text(&round.same_person_as_previous),
    ]
}

/// Street, city, postal code and country of one of the form's addresses.
fn address_cells(doc: &ProfileDocument, kind: &str) -> [String; 4] {
    match address_index(&doc.addresses, kind).and_then(|i| doc.addresses.get(i)) {
        Some(a) => [
            a.line1.clone(),
            text(&a.city),
            text(&a.postal_code),
            text(&a.country),
        ],
        None => Default::default(),
    }
}

impl PersonForm {
    /// Every field the form covers, from a stored document; the secret inputs stay blank.
    pub fn from_document(doc: &ProfileDocument) -> PersonForm {
        let identity = &doc.identity;
        let id_doc = identity.id_documents.first();
        let pay = doc.payment_instructions.first();
        let wallet = doc.crypto_wallets.first();
        let [home_line1, home_city, home_postal_code, home_country] =
            address_cells(doc, "residential");
        let [ship_line1, ship_city, ship_postal_code, ship_country] =
            address_cells(doc, "laptop_shipping");
        let mut form = PersonForm {
            kind: doc.kind.clone(),
            legal_name: identity.legal_name.full.clone(),
            preferred_name: text(&identity.legal_name.preferred_name),
            dob: date_part(&identity.dob),
            nationality: identity.nationality.join(", "),
            residence_city: text(&identity.claimed_residence.city),
            residence_country: text(&identity.claimed_residence.country),
            timezone: text(&identity.claimed_timezone),
            languages: identity.languages_claimed.join(", "),
            id_doc_type: id_doc.map(|d| d.doc_type.clone()).unwrap_or_default(),
            id_doc_country: id_doc.map(|d| text(&d.issuing_country)).unwrap_or_default(),
            // Stored only as a keyed hash: there is nothing to show.
            id_doc_number: String::new(),
            id_doc_name: id_doc.map(|d| text(&d.ocr_name)).unwrap_or_default(),
            home_line1,
            home_city,
            home_postal_code,
            home_country,
            ship_line1,
            ship_city,
            ship_postal_code,
            ship_country,
            github_login: text(&doc.online_presence.github.login),
            github_created: date_part(&doc.online_presence.github.created_at),
            linkedin_url: text(&doc.online_presence.linkedin.url),
            pay_method: pay.map(|p| p.method.clone()).unwrap_or_default(),
            pay_platform: pay.map(|p| text(&p.platform)).unwrap_or_default(),
            bank_country: pay.map(|p| text(&p.bank_country)).unwrap_or_default(),
            account_holder: pay
                .map(|p| text(&p.account_holder_name))
                .unwrap_or_default(),
            // Stored only as a keyed hash: there is nothing to show.
            iban: String::new(),
            wallet_chain: wallet.map(|w| w.chain.clone()).unwrap_or_default(),
            wallet_address: wallet.map(|w| w.address.clone()).unwrap_or_default(),
            source_type: text(&doc.source_channel.channel_type),
            agency_name: text(&doc.source_channel.agency_name),
            ..Default::default()
        };
        for email in &doc.contact.emails {
            if key(&email.address).is_some() {
                form.emails.push(email.address.clone());
            }
        }
        for phone in &doc.contact.phones {
            if phone_key(&phone.e164).is_some() {
                form.phones.push(phone.e164.clone());
                form.phone_types.push(text(&phone.line_type));
            }
        }
        for job in &doc.employment {
            if key(&job.employer_name).is_some() {
                form.employers.push(job.employer_name.clone());
                form.employer_domains.push(text(&job.employer_domain));
                form.employer_countries.push(text(&job.country));
            }
        }
        for [mode, camera, liveness, same] in doc.interview_observations.iter().map(interview_cells)
        {
            form.interview_modes.push(mode);
            form.interview_camera.push(camera);
            form.interview_liveness.push(liveness);
            form.interview_same_person.push(same);
        }
        for reference in &doc.references {
            if key(&reference.name).is_some() {
                form.reference_names.push(reference.name.clone());
                form.reference_emails.push(text(&reference.email));
                form.reference_companies.push(text(&reference.company));
            }
        }
        form
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A form as the edit page would show it: every field filled, secrets blank, values in the
    /// shape `from_document` writes them (lists joined by ", ", yes/no as words).
    pub(crate) fn filled_form() -> PersonForm {
        let s = |v: &str| v.to_owned();
        PersonForm {
            kind: s("contractor"),
            legal_name: s("Ada Lovelace"),
            preferred_name: s("Ada King"),
            dob: s("1990-04-01"),
            nationality: s("GB, US"),
            residence_city: s("London"),
            residence_country: s("GB"),
            timezone: s("Europe/London"),
            languages: s("en, fr"),
            id_doc_type: s("passport"),
            id_doc_country: s("GB"),
            id_doc_number: String::new(),
            id_doc_name: s("ADA LOVELACE"),
            emails: vec![s("ada@example.com"), s("ada.k@example.org")],
            phones: vec![s("+447700900123"), s("+14155550123")],
            phone_types: vec![s("mobile"), s("")],
            home_line1: s("12 St James's Square"),
            home_city: s("London"),
            home_postal_code: s("SW1Y 4JH"),
            home_country: s("GB"),
            ship_line1: s("1 Analytical Way"),
            ship_city: s("Cambridge"),
            ship_postal_code: s("CB2 1TN"),
            ship_country: s("GB"),
            employers: vec![s("Babbage & Co"), s("Royal Society")],
            employer_domains: vec![s("babbage.example"), s("")],
            employer_countries: vec![s("GB"), s("GB")],
            github_login: s("ada"),
            github_created: s("2012-12-10"),
            linkedin_url: s("https://www.linkedin.com/in/ada"),
            pay_method: s("sepa"),
            pay_platform: s("Wise"),
            bank_country: s("GB"),
            account_holder: s("Ada Lovelace"),
            iban: String::new(),
            wallet_chain: s("bitcoin"),
            wallet_address: s("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"),
            interview_modes: vec![s("video"), s("audio")],
            interview_camera: vec![s("yes"), s("")],
            interview_liveness: vec![s("pass"), s("")],
            interview_same_person: vec![s(""), s("true")],
            reference_names: vec![s("Charles Babbage")],
            reference_emails: vec![s("charles@example.com")],
            reference_companies: vec![s("Babbage & Co")],
            source_type: s("referral"),
            agency_name: String::new(),
        }
    }

    #[test]
    fn a_form_survives_the_round_trip_through_a_document() {
        let form = filled_form();
        assert_eq!(PersonForm::from_document(&form.to_document()), form);
    }

    #[test]
    fn secret_numbers_are_never_filled_back() {
        let mut doc = filled_form().to_document();
        doc.payment_instructions[0].iban = Some("GB29NWBK60161331926819".into());
        doc.payment_instructions[0].account_last4 = Some("6819".into());
        doc.identity.id_documents[0].number = Some("X1234567".into());
        let form = PersonForm::from_document(&doc);
        assert_eq!((form.iban.as_str(), form.id_doc_number.as_str()), ("", ""));
    }

    #[test]
    fn a_date_input_gets_the_day_of_a_stored_instant() {
        assert_eq!(
            date_part(&Some("1990-04-01T08:30:00Z".into())),
            "1990-04-01"
        );
        assert_eq!(date_part(&Some("1990-04-01".into())), "1990-04-01");
        assert_eq!(date_part(&None), "");
    }

    #[test]
    fn entries_without_their_main_value_get_no_row() {
        let mut doc = ProfileDocument::default();
        doc.contact.emails = vec![EmailContact::default()];
        doc.employment = vec![Employment {
            employer_name: " ".into(),
            ..Default::default()
        }];
        let form = PersonForm::from_document(&doc);
        assert!(form.emails.is_empty() && form.employers.is_empty());
    }
}
