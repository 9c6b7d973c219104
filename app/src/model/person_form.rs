//! The web form for entering a person, as flat fields (so it works as a plain HTML form without
//! JavaScript), and its conversion into a profile document. Blank fields and blank rows are
//! left out; the server validates the result and names any field it refuses. The same form edits
//! a stored person: `fill` shows a document in it, `apply` and `rows` write the changes back.

mod apply;
mod fill;
mod rows;

use super::profile::*;
use serde::{Deserialize, Serialize};

/// Rows the new-person form offers for the repeatable sections; blank rows are ignored.
pub const EMAIL_ROWS: usize = 2;
pub const PHONE_ROWS: usize = 2;
pub const JOB_ROWS: usize = 3;
pub const INTERVIEW_ROWS: usize = 2;
pub const REFERENCE_ROWS: usize = 2;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonForm {
    pub kind: String,
    pub legal_name: String,
    pub preferred_name: String,
    pub dob: String,
    pub nationality: String,
    pub residence_city: String,
    pub residence_country: String,
    pub timezone: String,
    pub languages: String,
    pub id_doc_type: String,
    pub id_doc_country: String,
    pub id_doc_number: String,
    pub id_doc_name: String,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub phone_types: Vec<String>,
    pub home_line1: String,
    pub home_city: String,
    pub home_postal_code: String,
    pub home_country: String,
    pub ship_line1: String,
    pub ship_city: String,
    pub ship_postal_code: String,
    pub ship_country: String,
    pub employers: Vec<String>,
    pub employer_domains: Vec<String>,
    pub employer_countries: Vec<String>,
    pub github_login: String,
    pub github_created: String,
    pub linkedin_url: String,
    pub pay_method: String,
    pub pay_platform: String,
    pub bank_country: String,
    pub account_holder: String,
    pub iban: String,
    pub wallet_chain: String,
    pub wallet_address: String,
    pub interview_modes: Vec<String>,
    pub interview_camera: Vec<String>,
    pub interview_liveness: Vec<String>,
    pub interview_same_person: Vec<String>,
    pub reference_names: Vec<String>,
    pub reference_emails: Vec<String>,
    pub reference_companies: Vec<String>,
    pub source_type: String,
    pub agency_name: String,
}

/// What a refused save kept of the form, so the page can show it again with the error when the
/// browser runs no JavaScript (with JavaScript the page keeps the inputs itself). Bank and ID
/// numbers are never kept.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDraft {
    pub form: PersonForm,
    /// The version an edit form was filled from (none for a new person).
    pub version: Option<i64>,
}

/// The draft key of the entry form.
pub const NEW_PERSON_DRAFT: &str = "people/create";

/// The draft key of the edit form of person `id`.
pub fn edit_person_draft(id: i64) -> String {
    format!("people/update:{id}")
}

impl PersonForm {
    /// The form with the bank and ID numbers blanked (what a draft may keep).
    pub fn without_secrets(mut self) -> PersonForm {
        self.iban.clear();
        self.id_doc_number.clear();
        self
    }
}

fn opt(value: &str) -> Option<String> {
    let trimmed = value.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

fn at(list: &[String], i: usize) -> &str {
    list.get(i).map(String::as_str).unwrap_or("")
}

fn yes_no(value: &str) -> Option<bool> {
    match value.trim() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

fn list(value: &str) -> Vec<String> {
    value.split([',', ';']).filter_map(opt).collect()
}

fn address(kind: &str, line1: &str, city: &str, postal: &str, country: &str) -> Option<Address> {
    opt(line1).map(|line1| Address {
        address_type: kind.into(),
        line1,
        city: opt(city),
        postal_code: opt(postal),
        country: opt(country),
        ..Default::default()
    })
}

impl PersonForm {
    pub fn to_document(&self) -> ProfileDocument {
        let mut doc = ProfileDocument {
            kind: self.kind.trim().to_owned(),
            ..Default::default()
        };
        let identity = &mut doc.identity;
        identity.legal_name.full = self.legal_name.trim().to_owned();
        identity.legal_name.preferred_name = opt(&self.preferred_name);
        identity.dob = opt(&self.dob);
        identity.nationality = list(&self.nationality);
        identity.claimed_residence = Place {
            city: opt(&self.residence_city),
            region: None,
            country: opt(&self.residence_country),
        };
        identity.claimed_timezone = opt(&self.timezone);
        identity.languages_claimed = list(&self.languages);
        identity.id_documents.extend(self.id_document());
        doc.contact.emails = (0..self.emails.len())
            .filter_map(|i| self.email_row(i))
            .collect();
        doc.contact.phones = (0..self.phones.len())
            .filter_map(|i| self.phone_row(i))
            .collect();
        doc.addresses.extend(self.home_address());
        doc.addresses.extend(self.shipping_address());
        doc.employment = (0..self.employers.len())
            .filter_map(|i| self.job_row(i))
            .collect();
        doc.online_presence.github.login = opt(&self.github_login);
        doc.online_presence.github.created_at = opt(&self.github_created);
        doc.online_presence.linkedin.url = opt(&self.linkedin_url);
        doc.payment_instructions.extend(self.payment());
        doc.crypto_wallets.extend(self.wallet());
        doc.interview_observations = (0..self.interview_modes.len())
            .filter_map(|i| self.interview_row(i))
            .collect();
        doc.references = (0..self.reference_names.len())
            .filter_map(|i| self.reference_row(i))
            .collect();
        doc.source_channel.channel_type = opt(&self.source_type);
        doc.source_channel.agency_name = opt(&self.agency_name);
        doc
    }

    // One builder per part of the document, used by `to_document` and by `apply_to` (for parts
    // the stored document does not have yet), so a new part is the same either way. Each returns
    // None when the form leaves that part blank.

    fn id_document(&self) -> Option<IdDocument> {
        (opt(&self.id_doc_type).is_some() || opt(&self.id_doc_number).is_some()).then(|| {
            IdDocument {
                doc_type: opt(&self.id_doc_type).unwrap_or_else(|| "passport".into()),
                issuing_country: opt(&self.id_doc_country),
                number: opt(&self.id_doc_number),
                ocr_name: opt(&self.id_doc_name),
                ..Default::default()
            }
        })
    }

    fn email_row(&self, i: usize) -> Option<EmailContact> {
        opt(at(&self.emails, i)).map(|address| EmailContact {
            address,
            ..Default::default()
        })
    }

    fn phone_row(&self, i: usize) -> Option<PhoneContact> {
        opt(at(&self.phones, i)).map(|e164| PhoneContact {
            e164,
            line_type: opt(at(&self.phone_types, i)),
            ..Default::default()
        })
    }

    fn home_address(&self) -> Option<Address> {
        address(
            "residential",
            &self.home_line1,
            &self.home_city,
            &self.home_postal_code,
            &self.home_country,
        )
    }

    fn shipping_address(&self) -> Option<Address> {
        address(
            "laptop_shipping",
            &self.ship_line1,
            &self.ship_city,
            &self.ship_postal_code,
            &self.ship_country,
        )
    }

    fn job_row(&self, i: usize) -> Option<Employment> {
        opt(at(&self.employers, i)).map(|employer_name| Employment {
            employer_name,
            employer_domain: opt(at(&self.employer_domains, i)),
            country: opt(at(&self.employer_countries, i)),
            ..Default::default()
        })
    }

    fn payment(&self) -> Option<PaymentInstruction> {
        let paid = [
            &self.pay_method,
            &self.iban,
            &self.bank_country,
            &self.account_holder,
            &self.pay_platform,
        ];
        paid.iter()
            .any(|v| opt(v).is_some())
            .then(|| PaymentInstruction {
                method: opt(&self.pay_method).unwrap_or_else(|| "other".into()),
                platform: opt(&self.pay_platform),
                bank_country: opt(&self.bank_country),
                account_holder_name: opt(&self.account_holder),
                iban: opt(&self.iban),
                ..Default::default()
            })
    }

    fn wallet(&self) -> Option<CryptoWallet> {
        opt(&self.wallet_address).map(|address| CryptoWallet {
            chain: opt(&self.wallet_chain).unwrap_or_else(|| "ethereum".into()),
            asset: None,
            address,
        })
    }

    fn interview_row(&self, i: usize) -> Option<InterviewObservation> {
        let mode = opt(at(&self.interview_modes, i))?;
        Some(InterviewObservation {
            round: u32::try_from(i + 1).unwrap_or(1),
            video_requested: Some(mode == "video"),
            mode: Some(mode),
            camera_on: yes_no(at(&self.interview_camera, i)),
            liveness_prompts: LivenessPrompts {
                hand_wave: opt(at(&self.interview_liveness, i)),
                ..Default::default()
            },
            same_person_as_previous: opt(at(&self.interview_same_person, i)),
            ..Default::default()
        })
    }

    fn reference_row(&self, i: usize) -> Option<Reference> {
        opt(at(&self.reference_names, i)).map(|name| Reference {
            name,
            email: opt(at(&self.reference_emails, i)),
            company: opt(at(&self.reference_companies, i)),
            ..Default::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_fields_and_rows_are_left_out() {
        let form = PersonForm {
            legal_name: " Ada Lovelace ".into(),
            emails: vec!["ada@example.com".into(), "  ".into()],
            phones: vec!["".into(), "+441234567890".into()],
            phone_types: vec!["mobile".into(), "voip".into()],
            employers: vec!["".into(), "".into(), "".into()],
            ..Default::default()
        };
        let doc = form.to_document();
        assert_eq!(doc.identity.legal_name.full, "Ada Lovelace");
        assert_eq!(doc.contact.emails.len(), 1);
        assert_eq!(doc.contact.phones.len(), 1);
        assert_eq!(
            doc.contact.phones[0].line_type.as_deref(),
            Some("voip"),
            "the type of the same row"
        );
        assert!(
            doc.employment.is_empty()
                && doc.payment_instructions.is_empty()
                && doc.addresses.is_empty()
        );
    }

    #[test]
    fn sections_become_their_document_parts() {
        let form = PersonForm {
            legal_name: "A B".into(),
            nationality: "US, KR".into(),
            ship_line1: "742 Evergreen Terrace".into(),
            pay_method: "wire".into(),
            iban: "GB29NWBK60161331926819".into(),
            interview_modes: vec!["video".into()],
            interview_camera: vec!["no".into()],
            interview_liveness: vec!["declined".into()],
            ..Default::default()
        };
        let doc = form.to_document();
        assert_eq!(doc.identity.nationality, vec!["US", "KR"]);
        assert_eq!(doc.addresses[0].address_type, "laptop_shipping");
        assert_eq!(
            doc.payment_instructions[0].iban.as_deref(),
            Some("GB29NWBK60161331926819")
        );
        let round = &doc.interview_observations[0];
        assert_eq!(
            (round.camera_on, round.video_requested),
            (Some(false), Some(true))
        );
        assert_eq!(
            round.liveness_prompts.hand_wave.as_deref(),
            Some("declined")
        );
    }
}
