//! The sections of the person form, shared by "Add a person" and "Edit": every input shows its
//! value from an initial `PersonForm`. Repeatable sections (e-mails, phones, employers,
//! interview rounds, references) start with some rows and, with JavaScript, have an "Add
//! another …" button that appends a blank row without re-rendering the rows already there, so
//! nothing typed is lost. Nothing here depends on the form's action either: a refused save
//! leaves the form as the person left it.

use super::form_fields::{choice, input, secret_input};
use crate::model::person_form::{
    PersonForm, EMAIL_ROWS, INTERVIEW_ROWS, JOB_ROWS, PHONE_ROWS, REFERENCE_ROWS,
};
use leptos::prelude::*;
use std::sync::Arc;

type Options = &'static [(&'static str, &'static str)];

const KINDS: Options = &[("candidate", "Candidate"), ("contractor", "Contractor")];
const ID_TYPES: Options = &[
    ("", "None"),
    ("passport", "Passport"),
    ("national_id", "National ID"),
    ("driver_license", "Driver licence"),
    ("residence_permit", "Residence permit"),
];
const LINE_TYPES: Options = &[
    ("", "Unknown"),
    ("mobile", "Mobile"),
    ("landline", "Landline"),
    ("voip", "VoIP"),
];
const PAY_METHODS: Options = &[
    ("", "None yet"),
    ("ach", "ACH"),
    ("wire", "Wire"),
    ("sepa", "SEPA"),
    ("paypal", "PayPal"),
    ("payoneer", "Payoneer"),
    ("wise", "Wise"),
    ("crypto", "Crypto"),
];
const CHAINS: Options = &[
    ("", "—"),
    ("ethereum", "Ethereum"),
    ("bitcoin", "Bitcoin"),
    ("tron", "Tron"),
];
const MODES: Options = &[
    ("", "—"),
    ("video", "Video"),
    ("audio", "Audio"),
    ("chat", "Chat"),
    ("onsite", "On site"),
];
const YES_NO: Options = &[("", "Not recorded"), ("yes", "Yes"), ("no", "No")];
const LIVENESS: Options = &[
    ("", "Not asked"),
    ("pass", "Passed"),
    ("fail", "Failed"),
    ("declined", "Declined"),
];
const SAME_PERSON: Options = &[
    ("", "—"),
    ("true", "Yes"),
    ("false", "No"),
    ("unsure", "Unsure"),
];
const SOURCES: Options = &[
    ("", "—"),
    ("job_board", "Job board"),
    ("referral", "Referral"),
    ("staffing_agency", "Staffing agency"),
    ("direct_outreach", "Direct outreach"),
];

/// How many rows the repeatable sections start with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rows {
    /// A new person: the usual number of rows (more if the form already has more filled).
    Default,
    /// An edit: every filled row and one blank one. Without JavaScript there is no "Add
    /// another", so someone who needs more rows saves and edits again.
    FilledPlusOne,
}

impl Rows {
    fn offered(self, filled: usize, default: usize) -> usize {
        match self {
            Rows::Default => filled.max(default),
            Rows::FilledPlusOne => filled + 1,
        }
    }
}

/// The last four characters of the stored bank and ID numbers, shown beside their inputs
/// (which are always blank: the numbers are stored only as keyed hashes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoredNumbers {
    pub iban_last4: Option<String>,
    pub id_number_last4: Option<String>,
}

/// Row `i`'s initial value; blank for a row added on the page.
fn cell(values: &[String], i: usize) -> String {
    values.get(i).cloned().unwrap_or_default()
}

/// A repeatable section's rows and its "Add another …" button. The `For` is keyed by row index,
/// so adding a row renders only the new row: the others keep their elements and what was typed
/// into them. Rows are numbered 0, 1, 2, … as `PersonForm`'s lists need.
fn repeatable<V: IntoView + 'static>(
    start: usize,
    add_label: &'static str,
    row: impl Fn(usize) -> V + Send + Clone + 'static,
) -> impl IntoView {
    let count = RwSignal::new(start);
    // Each row on a line of its own, so that a row's fields read across as one entry rather than
    // wrapping into the next row's columns.
    let row = move |i: usize| view! { <div class="row-group">{row(i)}</div> };
    view! {
        <For each=move || 0..count.get() key=|i: &usize| *i children=row/>
        // Does nothing without JavaScript, so it is hidden until the page has hydrated.
        <div class="field add-row js-only">
            <button type="button" class="secondary" on:click=move |_| count.update(|n| *n += 1)>
                {add_label}
            </button>
        </div>
    }
}

/// Every section of the person form, filled from `initial`.
#[component]
pub fn PersonFormSections(
    initial: PersonForm,
    rows: Rows,
    #[prop(optional)] stored: StoredNumbers,
) -> impl IntoView {
    let f = Arc::new(initial);
    let StoredNumbers {
        iban_last4,
        id_number_last4,
    } = stored;
    view! {
        <fieldset>
            <legend>"Identity"</legend>
            {choice("Kind", "kind", None, KINDS, f.kind.clone())}
            {input("Legal name", "legal_name", "text", None, "As on the ID document", f.legal_name.clone())}
            {input("Preferred or former name", "preferred_name", "text", None, "", f.preferred_name.clone())}
            {input("Date of birth", "dob", "date", None, "", f.dob.clone())}
            {input("Nationality", "nationality", "text", None, "ISO codes, e.g. US, KR", f.nationality.clone())}
            {input("City of residence", "residence_city", "text", None, "", f.residence_city.clone())}
            {input("Country of residence", "residence_country", "text", None, "e.g. US", f.residence_country.clone())}
            {input("Time zone", "timezone", "text", None, "e.g. America/Chicago", f.timezone.clone())}
            {input("Languages", "languages", "text", None, "e.g. en, ko", f.languages.clone())}
            {choice("ID document", "id_doc_type", None, ID_TYPES, f.id_doc_type.clone())}
            {input("Issuing country", "id_doc_country", "text", None, "e.g. US", f.id_doc_country.clone())}
            {secret_input("Document number", "id_doc_number", id_number_last4)}
            {input("Name on the document", "id_doc_name", "text", None, "", f.id_doc_name.clone())}
        </fieldset>
        <fieldset>
            <legend>"Contact"</legend>
            {emails(&f, rows)}
            {phones(&f, rows)}
        </fieldset>
        <fieldset>
            <legend>"Addresses"</legend>
            {input("Home address", "home_line1", "text", None, "Street and number, unit", f.home_line1.clone())}
            {input("Home city", "home_city", "text", None, "", f.home_city.clone())}
            {input("Home postal code", "home_postal_code", "text", None, "", f.home_postal_code.clone())}
            {input("Home country", "home_country", "text", None, "e.g. US", f.home_country.clone())}
            {input("Laptop shipping address", "ship_line1", "text", None, "Where equipment goes", f.ship_line1.clone())}
            {input("Shipping city", "ship_city", "text", None, "", f.ship_city.clone())}
            {input("Shipping postal code", "ship_postal_code", "text", None, "", f.ship_postal_code.clone())}
            {input("Shipping country", "ship_country", "text", None, "", f.ship_country.clone())}
        </fieldset>
        <fieldset>
            <legend>"Employment and online presence"</legend>
            {employers(&f, rows)}
            {input("GitHub login", "github_login", "text", None, "", f.github_login.clone())}
            {input("GitHub account created", "github_created", "date", None, "", f.github_created.clone())}
            {input("LinkedIn URL", "linkedin_url", "url", None, "", f.linkedin_url.clone())}
        </fieldset>
        <fieldset>
            <legend>"Payment instructions"</legend>
            {choice("Method", "pay_method", None, PAY_METHODS, f.pay_method.clone())}
            {input("Platform", "pay_platform", "text", None, "e.g. Payoneer", f.pay_platform.clone())}
            {input("Bank country", "bank_country", "text", None, "e.g. US", f.bank_country.clone())}
            {input("Account holder name", "account_holder", "text", None, "", f.account_holder.clone())}
            {secret_input("IBAN", "iban", iban_last4)}
            {choice("Crypto chain", "wallet_chain", None, CHAINS, f.wallet_chain.clone())}
            {input("Crypto wallet address", "wallet_address", "text", None, "", f.wallet_address.clone())}
        </fieldset>
        <fieldset>
            <legend>"Interviews"</legend>
            {interviews(&f, rows)}
        </fieldset>
        <fieldset>
            <legend>"References and source"</legend>
            {references(&f, rows)}
            {choice("Source", "source_type", None, SOURCES, f.source_type.clone())}
            {input("Agency name", "agency_name", "text", None, "", f.agency_name.clone())}
        </fieldset>
    }
}

fn emails(f: &Arc<PersonForm>, rows: Rows) -> impl IntoView {
    let form = Arc::clone(f);
    repeatable(
        rows.offered(f.emails.len(), EMAIL_ROWS),
        "Add another e-mail address",
        move |i| {
            input(
                "E-mail address",
                "emails",
                "email",
                Some(i),
                "",
                cell(&form.emails, i),
            )
        },
    )
}

fn phones(f: &Arc<PersonForm>, rows: Rows) -> impl IntoView {
    let form = Arc::clone(f);
    repeatable(
        rows.offered(f.phones.len(), PHONE_ROWS),
        "Add another phone",
        move |i| {
            view! {
                {input("Phone (E.164)", "phones", "tel", Some(i), "+14155550123", cell(&form.phones, i))}
                {choice("Line type", "phone_types", Some(i), LINE_TYPES, cell(&form.phone_types, i))}
            }
        },
    )
}

fn employers(f: &Arc<PersonForm>, rows: Rows) -> impl IntoView {
    let form = Arc::clone(f);
    repeatable(
        rows.offered(f.employers.len(), JOB_ROWS),
        "Add another employer",
        move |i| {
            view! {
                {input("Employer", "employers", "text", Some(i), "", cell(&form.employers, i))}
                {input("Employer web domain", "employer_domains", "text", Some(i), "example.com", cell(&form.employer_domains, i))}
                {input("Country", "employer_countries", "text", Some(i), "", cell(&form.employer_countries, i))}
            }
        },
    )
}

fn interviews(f: &Arc<PersonForm>, rows: Rows) -> impl IntoView {
    let form = Arc::clone(f);
    repeatable(
        rows.offered(f.interview_modes.len(), INTERVIEW_ROWS),
        "Add another interview round",
        move |i| {
            view! {
                {choice("Round mode", "interview_modes", Some(i), MODES, cell(&form.interview_modes, i))}
                {choice("Camera on", "interview_camera", Some(i), YES_NO, cell(&form.interview_camera, i))}
                {choice("Liveness prompt (hand wave)", "interview_liveness", Some(i), LIVENESS, cell(&form.interview_liveness, i))}
                {choice("Same person as before", "interview_same_person", Some(i), SAME_PERSON, cell(&form.interview_same_person, i))}
            }
        },
    )
}

fn references(f: &Arc<PersonForm>, rows: Rows) -> impl IntoView {
    let form = Arc::clone(f);
    repeatable(
        rows.offered(f.reference_names.len(), REFERENCE_ROWS),
        "Add another reference",
        move |i| {
            view! {
                {input("Reference name", "reference_names", "text", Some(i), "", cell(&form.reference_names, i))}
                {input("Reference e-mail", "reference_emails", "email", Some(i), "", cell(&form.reference_emails, i))}
                {input("Reference company", "reference_companies", "text", Some(i), "", cell(&form.reference_companies, i))}
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_offers_exactly_the_document_types_whose_numbers_are_matched() {
        // Watch-list matching hashes a listed ID number under each of these types' purposes.
        let offered: Vec<&str> = ID_TYPES
            .iter()
            .map(|(v, _)| *v)
            .filter(|v| !v.is_empty())
            .collect();
        assert_eq!(offered, crate::model::profile::ID_DOCUMENT_TYPES);
    }

    #[test]
    fn a_new_form_offers_the_usual_rows_and_an_edit_one_blank_row_more() {
        assert_eq!(Rows::Default.offered(0, PHONE_ROWS), PHONE_ROWS);
        assert_eq!(Rows::Default.offered(5, PHONE_ROWS), 5);
        assert_eq!(Rows::FilledPlusOne.offered(0, PHONE_ROWS), 1);
        assert_eq!(Rows::FilledPlusOne.offered(3, PHONE_ROWS), 4);
    }
}
