use crate::api::people::CreatePerson;
use crate::components::feedback::action_error;
use crate::model::person_form::{EMAIL_ROWS, INTERVIEW_ROWS, JOB_ROWS, PHONE_ROWS, REFERENCE_ROWS};
use leptos::prelude::*;
use leptos_meta::Title;

/// `form[name]`, or `form[name][i]` for a row of a repeatable section.
fn field(name: &str, row: Option<usize>) -> String {
    match row {
        Some(i) => format!("form[{name}][{i}]"),
        None => format!("form[{name}]"),
    }
}

/// A labelled input. `id` doubles as the label target.
fn input(
    label: &'static str,
    name: &'static str,
    kind: &'static str,
    row: Option<usize>,
    hint: &'static str,
) -> impl IntoView {
    let id = match row {
        Some(i) => format!("{name}-{i}"),
        None => name.to_owned(),
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id type=kind name=field(name, row) placeholder=hint maxlength="500"/>
        </div>
    }
}

fn choice(
    label: &'static str,
    name: &'static str,
    row: Option<usize>,
    options: &'static [(&'static str, &'static str)],
) -> impl IntoView {
    let id = match row {
        Some(i) => format!("{name}-{i}"),
        None => name.to_owned(),
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=field(name, row)>
                {options.iter().map(|(value, text)| view! { <option value=*value>{*text}</option> }).collect_view()}
            </select>
        </div>
    }
}

const YES_NO: &[(&str, &str)] = &[("", "Not recorded"), ("yes", "Yes"), ("no", "No")];

/// HR enters a candidate or contractor, section by section. Blank rows are ignored; the server
/// checks every value and names the field it refuses.
#[component]
pub fn NewPerson() -> impl IntoView {
    let create = ServerAction::<CreatePerson>::new();
    view! {
        <Title text="Add a person"/>
        <h1>"Add a person"</h1>
        <p class="hint">"Only the legal name is required. Everything entered is checked against the indicator catalogue as soon as you save; bank and ID numbers are stored only as keyed hashes and their last four characters."</p>
        {action_error(create)}
        <ActionForm action=create attr:class="sections">
            <fieldset>
                <legend>"Identity"</legend>
                {choice("Kind", "kind", None, &[("candidate", "Candidate"), ("contractor", "Contractor")])}
                {input("Legal name", "legal_name", "text", None, "As on the ID document")}
                {input("Preferred or former name", "preferred_name", "text", None, "")}
                {input("Date of birth", "dob", "date", None, "")}
                {input("Nationality", "nationality", "text", None, "ISO codes, e.g. US, KR")}
                {input("City of residence", "residence_city", "text", None, "")}
                {input("Country of residence", "residence_country", "text", None, "e.g. US")}
                {input("Time zone", "timezone", "text", None, "e.g. America/Chicago")}
                {input("Languages", "languages", "text", None, "e.g. en, ko")}
                {choice("ID document", "id_doc_type", None, &[("", "None"), ("passport", "Passport"), ("national_id", "National ID"), ("driver_license", "Driver licence"), ("residence_permit", "Residence permit")])}
                {input("Issuing country", "id_doc_country", "text", None, "e.g. US")}
                {input("Document number", "id_doc_number", "text", None, "Stored as a keyed hash")}
                {input("Name on the document", "id_doc_name", "text", None, "")}
            </fieldset>
            <fieldset>
                <legend>"Contact"</legend>
                {(0..EMAIL_ROWS).map(|i| input("E-mail address", "emails", "email", Some(i), "")).collect_view()}
                {(0..PHONE_ROWS).map(|i| view! {
                    {input("Phone (E.164)", "phones", "tel", Some(i), "+14155550123")}
                    {choice("Line type", "phone_types", Some(i), &[("", "Unknown"), ("mobile", "Mobile"), ("landline", "Landline"), ("voip", "VoIP")])}
                }).collect_view()}
            </fieldset>
            <fieldset>
                <legend>"Addresses"</legend>
                {input("Home address", "home_line1", "text", None, "Street and number, unit")}
                {input("Home city", "home_city", "text", None, "")}
                {input("Home postal code", "home_postal_code", "text", None, "")}
                {input("Home country", "home_country", "text", None, "e.g. US")}
                {input("Laptop shipping address", "ship_line1", "text", None, "Where equipment goes")}
                {input("Shipping city", "ship_city", "text", None, "")}
                {input("Shipping postal code", "ship_postal_code", "text", None, "")}
                {input("Shipping country", "ship_country", "text", None, "")}
            </fieldset>
            <fieldset>
                <legend>"Employment and online presence"</legend>
                {(0..JOB_ROWS).map(|i| view! {
                    {input("Employer", "employers", "text", Some(i), "")}
                    {input("Employer web domain", "employer_domains", "text", Some(i), "example.com")}
                    {input("Country", "employer_countries", "text", Some(i), "")}
                }).collect_view()}
                {input("GitHub login", "github_login", "text", None, "")}
                {input("GitHub account created", "github_created", "date", None, "")}
                {input("LinkedIn URL", "linkedin_url", "url", None, "")}
            </fieldset>
            <fieldset>
                <legend>"Payment instructions"</legend>
                {choice("Method", "pay_method", None, &[("", "None yet"), ("ach", "ACH"), ("wire", "Wire"), ("sepa", "SEPA"), ("paypal", "PayPal"), ("payoneer", "Payoneer"), ("wise", "Wise"), ("crypto", "Crypto")])}
                {input("Platform", "pay_platform", "text", None, "e.g. Payoneer")}
                {input("Bank country", "bank_country", "text", None, "e.g. US")}
                {input("Account holder name", "account_holder", "text", None, "")}
                {input("IBAN", "iban", "text", None, "Stored as a keyed hash")}
                {choice("Crypto chain", "wallet_chain", None, &[("", "—"), ("ethereum", "Ethereum"), ("bitcoin", "Bitcoin"), ("tron", "Tron")])}
                {input("Crypto wallet address", "wallet_address", "text", None, "")}
            </fieldset>
            <fieldset>
                <legend>"Interviews"</legend>
                {(0..INTERVIEW_ROWS).map(|i| view! {
                    {choice("Round mode", "interview_modes", Some(i), &[("", "—"), ("video", "Video"), ("audio", "Audio"), ("chat", "Chat"), ("onsite", "On site")])}
                    {choice("Camera on", "interview_camera", Some(i), YES_NO)}
                    {choice("Liveness prompt (hand wave)", "interview_liveness", Some(i), &[("", "Not asked"), ("pass", "Passed"), ("fail", "Failed"), ("declined", "Declined")])}
                    {choice("Same person as before", "interview_same_person", Some(i), &[("", "—"), ("true", "Yes"), ("false", "No"), ("unsure", "Unsure")])}
                }).collect_view()}
            </fieldset>
            <fieldset>
                <legend>"References and source"</legend>
                {(0..REFERENCE_ROWS).map(|i| view! {
                    {input("Reference name", "reference_names", "text", Some(i), "")}
                    {input("Reference e-mail", "reference_emails", "email", Some(i), "")}
                    {input("Reference company", "reference_companies", "text", Some(i), "")}
                }).collect_view()}
                {choice("Source", "source_type", None, &[("", "—"), ("job_board", "Job board"), ("referral", "Referral"), ("staffing_agency", "Staffing agency"), ("direct_outreach", "Direct outreach")])}
                {input("Agency name", "agency_name", "text", None, "")}
            </fieldset>
            <button type="submit" class="primary">"Save and screen"</button>
        </ActionForm>
    }
}
