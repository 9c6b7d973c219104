//! Checks a profile document and normalises what has a canonical form (country codes upper-case,
//! e-mail addresses lower-case). The first problem is reported with its field path, so a person
//! or a script can fix it.

use crate::scoring::dates;
use clearance_app::model::email::Email;
use clearance_app::model::error::AppError;
use clearance_app::model::profile::{ProfileDocument, ID_DOCUMENT_TYPES};

const MAX_NAME: usize = 200;
const MAX_TEXT: usize = 2000;
const MAX_ROWS: usize = 200;
const KINDS: [&str; 2] = ["candidate", "contractor"];

type Check = Result<(), AppError>;

fn bad(field: impl Into<String>, message: impl Into<String>) -> AppError {
    AppError::malformed(field, message)
}

fn text(field: &str, value: &str, max: usize) -> Check {
    if value.chars().count() > max {
        return Err(bad(
            field,
            format!("is too long (at most {max} characters)"),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(bad(field, "contains control characters"));
    }
    Ok(())
}

fn country(field: &str, value: &mut Option<String>) -> Check {
    if let Some(code) = value.as_mut() {
        *code = code.trim().to_uppercase();
        if code.is_empty() {
            *value = None;
        } else if code.len() != 2 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(bad(
                field,
                format!("\"{code}\" is not a two-letter ISO 3166 country code, e.g. US"),
            ));
        }
    }
    Ok(())
}

/// A document type, normalised (`Driver License` -> `driver_license`). Only the types the
/// product offers are accepted: a listed ID number is compared with a profile's under each of
/// them (`watchlists/lookup/hashed.rs`), so a number filed under another type could never match.
fn document_type(field: &str, value: &mut String) -> Check {
    let normalised: String = value
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    if !ID_DOCUMENT_TYPES.contains(&normalised.as_str()) {
        let offered = ID_DOCUMENT_TYPES.join(", ");
        let message = if normalised.is_empty() {
            format!("is missing; say which document this is: one of {offered}")
        } else {
            format!(
                "\"{}\" is not a document type the product knows; use one of {offered}",
                value.trim()
            )
        };
        return Err(bad(field, message));
    }
    *value = normalised;
    Ok(())
}

fn date(field: &str, value: &Option<String>) -> Check {
    match value.as_deref().map(str::trim) {
        Some(d) if !d.is_empty() && dates::instant(d).is_none() => Err(bad(
            field,
            format!("\"{d}\" is not a date; use YYYY-MM-DD or RFC 3339"),
        )),
        _ => Ok(()),
    }
}

/// A 64-bit perceptual hash (ID-03, LINK-04): 16 hex digits, stored lower-case.
fn phash(field: &str, value: &mut String) -> Check {
    let hash = value.trim().to_ascii_lowercase();
    if hash.len() != 16 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad(
            field,
            "is not a 64-bit perceptual hash: 16 hex digits, e.g. 9f2a0c1e4b7d3a65",
        ));
    }
    *value = hash;
    Ok(())
}

/// An optional perceptual hash: blank is none, anything else must be one.
fn optional_phash(field: &str, value: &mut Option<String>) -> Check {
    if let Some(hash) = value.as_mut() {
        if hash.trim().is_empty() {
            *value = None;
        } else {
            phash(field, hash)?;
        }
    }
    Ok(())
}

fn rows<T>(field: &str, list: &[T]) -> Check {
    if list.len() > MAX_ROWS {
        return Err(bad(
            field,
            format!(
                "has {} entries; at most {MAX_ROWS} are accepted",
                list.len()
            ),
        ));
    }
    Ok(())
}

/// Validates and normalises `doc` in place.
pub fn validate(doc: &mut ProfileDocument) -> Check {
    if doc.kind.trim().is_empty() {
        doc.kind = "candidate".into();
    }
    doc.kind = doc.kind.trim().to_lowercase();
    if !KINDS.contains(&doc.kind.as_str()) {
        return Err(bad("kind", "must be candidate or contractor"));
    }
    let name = doc.identity.legal_name.full.trim().to_owned();
    if name.is_empty() {
        return Err(bad("identity.legal_name.full", "is required"));
    }
    text("identity.legal_name.full", &name, MAX_NAME)?;
    doc.identity.legal_name.full = name;
    date("identity.dob", &doc.identity.dob)?;
    for (i, code) in doc.identity.nationality.iter_mut().enumerate() {
        let mut wrapped = Some(code.clone());
        country(&format!("identity.nationality[{i}]"), &mut wrapped)?;
        *code = wrapped.unwrap_or_default();
    }
    doc.identity.nationality.retain(|c| !c.is_empty());
    country(
        "identity.claimed_residence.country",
        &mut doc.identity.claimed_residence.country,
    )?;
    rows("identity.name_variants", &doc.identity.name_variants)?;
    for (i, v) in doc.identity.name_variants.iter().enumerate() {
        text(
            &format!("identity.name_variants[{i}].value"),
            &v.value,
            MAX_NAME,
        )?;
    }
    for (i, d) in doc.identity.id_documents.iter_mut().enumerate() {
        document_type(&format!("identity.id_documents[{i}].type"), &mut d.doc_type)?;
        country(
            &format!("identity.id_documents[{i}].issuing_country"),
            &mut d.issuing_country,
        )?;
        date(&format!("identity.id_documents[{i}].expiry"), &d.expiry)?;
        optional_phash(
            &format!("identity.id_documents[{i}].photo_phash"),
            &mut d.photo_phash,
        )?;
    }
    rows("contact.emails", &doc.contact.emails)?;
    for (i, e) in doc.contact.emails.iter_mut().enumerate() {
        let field = format!("contact.emails[{i}].address");
        e.address = Email::parse(&e.address)
            .map_err(|m| bad(&field, m))?
            .to_string();
        date(
            &format!("contact.emails[{i}].first_seen_at"),
            &e.first_seen_at,
        )?;
    }
    rows("contact.phones", &doc.contact.phones)?;
    for (i, p) in doc.contact.phones.iter_mut().enumerate() {
        let compact: String = p
            .e164
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-' && *c != '(' && *c != ')')
            .collect();
        let digits = compact.strip_prefix('+').unwrap_or("");
        if !(7..=15).contains(&digits.len())
            || !digits.chars().all(|c| c.is_ascii_digit())
            || digits.starts_with('0')
        {
            return Err(bad(
                format!("contact.phones[{i}].e164"),
                format!(
                    "\"{}\" is not an E.164 number, e.g. +14155550123",
                    p.e164.trim()
                ),
            ));
        }
        p.e164 = compact;
        country(&format!("contact.phones[{i}].country"), &mut p.country)?;
    }
    rows("addresses", &doc.addresses)?;
    for (i, a) in doc.addresses.iter_mut().enumerate() {
        text(&format!("addresses[{i}].line1"), &a.line1, MAX_TEXT)?;
        country(&format!("addresses[{i}].country"), &mut a.country)?;
    }
    rows("employment", &doc.employment)?;
    for (i, job) in doc.employment.iter_mut().enumerate() {
        text(
            &format!("employment[{i}].employer_name"),
            &job.employer_name,
            MAX_NAME,
        )?;
        country(&format!("employment[{i}].country"), &mut job.country)?;
        date(&format!("employment[{i}].start"), &job.start)?;
        date(&format!("employment[{i}].end"), &job.end)?;
        date(
            &format!("employment[{i}].domain_created_at"),
            &job.domain_created_at,
        )?;
    }
    for (i, school) in doc.education.iter_mut().enumerate() {
        country(&format!("education[{i}].country"), &mut school.country)?;
    }
    rows("payment_instructions", &doc.payment_instructions)?;
    for (i, pay) in doc.payment_instructions.iter_mut().enumerate() {
        country(
            &format!("payment_instructions[{i}].bank_country"),
            &mut pay.bank_country,
        )?;
        if let Some(crypto) = &pay.crypto {
            wallet(
                &format!("payment_instructions[{i}].crypto.address"),
                &crypto.address,
            )?;
        }
    }
    for (i, w) in doc.crypto_wallets.iter().enumerate() {
        wallet(&format!("crypto_wallets[{i}].address"), &w.address)?;
    }
    rows("photos", &doc.photos)?;
    for (i, photo) in doc.photos.iter_mut().enumerate() {
        phash(&format!("photos[{i}].phash"), &mut photo.phash)?;
        if let Some(source) = &photo.source {
            text(&format!("photos[{i}].source"), source, MAX_NAME)?;
        }
        date(&format!("photos[{i}].captured_at"), &photo.captured_at)?;
    }
    rows("interview_observations", &doc.interview_observations)?;
    for (i, round) in doc.interview_observations.iter_mut().enumerate() {
        optional_phash(
            &format!("interview_observations[{i}].snapshot_phash"),
            &mut round.snapshot_phash,
        )?;
    }
    date("application.submitted_at", &doc.application.submitted_at)?;
    date(
        "application.employment_start",
        &doc.application.employment_start,
    )?;
    rows("logins", &doc.logins)?;
    rows("activity_events", &doc.activity_events)?;
    rows("repo_events", &doc.repo_events)?;
    Ok(())
}

fn wallet(field: &str, address: &str) -> Check {
    let address = address.trim();
    if address.is_empty()
        || address.len() > 128
        || !address.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return Err(bad(
            field,
            "is not a crypto address (letters and digits only, at most 128)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
