//! The normalised keys a profile contributes to the link index (INDICATORS.md §4.1).

use super::{LinkKey, LinkKind};
use crate::scoring::names;
use clearance_app::model::profile::ProfileDocument;
use sha2::{Digest, Sha256};

/// Free-mail providers that ignore dots in the local part (§4.1).
const DOT_BLIND_DOMAINS: [&str; 2] = ["gmail.com", "googlemail.com"];

/// Provider-aware canonical e-mail: lower-case, `+tag` removed, Gmail dots removed.
pub fn canonical_email(address: &str) -> Option<String> {
    let lower = address.trim().to_lowercase();
    let (local, domain) = lower.split_once('@')?;
    let local = local.split('+').next().unwrap_or(local);
    let (local, domain) = if DOT_BLIND_DOMAINS.contains(&domain) {
        (local.replace('.', ""), "gmail.com")
    } else {
        (local.to_owned(), domain)
    };
    (!local.is_empty() && !domain.is_empty()).then(|| format!("{local}@{domain}"))
}

/// E.164 digits with the leading `+`, or `None` when too short to be a number.
pub fn canonical_phone(e164: &str) -> Option<String> {
    let digits: String = e164.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 7).then(|| format!("+{digits}"))
}

/// Crypto addresses: EVM (0x…) case-insensitive, everything else exact (§4.1).
pub fn canonical_wallet(address: &str) -> String {
    let trimmed = address.trim();
    if trimmed.len() == 42 && trimmed.starts_with("0x") {
        trimmed.to_lowercase()
    } else {
        trimmed.to_owned()
    }
}

fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

fn alnum_lower(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every key of a profile, deduplicated, in a stable order.
pub fn link_keys(p: &ProfileDocument) -> Vec<LinkKey> {
    let mut keys = Vec::new();
    let mut push = |kind, key: Option<String>, field: String| {
        if let Some(key) = key.filter(|k| !k.is_empty()) {
            keys.push(LinkKey { kind, key, field });
        }
    };
    for (i, phone) in p.contact.phones.iter().enumerate() {
        push(
            LinkKind::Phone,
            canonical_phone(&phone.e164),
            format!("contact.phones[{i}].e164"),
        );
    }
    for (i, email) in p.contact.emails.iter().enumerate() {
        // An agency mailbox would fuse every candidate the agency sent (§4.1 exclusion).
        if email.domain_type.as_deref() != Some("agency") {
            push(
                LinkKind::Email,
                canonical_email(&email.address),
                format!("contact.emails[{i}].address"),
            );
        }
    }
    push(
        LinkKind::ResumeText,
        p.resume
            .normalized_text_sha256
            .as_ref()
            .map(|h| h.trim().to_lowercase()),
        "resume.normalized_text_sha256".into(),
    );
    for (i, address) in p.addresses.iter().enumerate() {
        if address.household_declared || address.line1.trim().is_empty() {
            continue;
        }
        let parts = [
            address.line1.as_str(),
            address.line2.as_deref().unwrap_or(""),
            address.postal_code.as_deref().unwrap_or(""),
            address.country.as_deref().unwrap_or(""),
        ];
        let normalised = parts
            .iter()
            .map(|p| alnum_lower(p))
            .collect::<Vec<_>>()
            .join("|");
        push(
            LinkKind::Address,
            Some(sha256_hex(&normalised)),
            format!("addresses[{i}]"),
        );
    }
    for (i, pay) in p.payment_instructions.iter().enumerate() {
        push(
            LinkKind::Payout,
            pay.account_hash.clone(),
            format!("payment_instructions[{i}].account_hash"),
        );
        let platform_account = pay
            .platform_account
            .as_deref()
            .map(|a| canonical_email(a).unwrap_or_else(|| a.trim().to_lowercase()));
        push(
            LinkKind::Payout,
            platform_account,
            format!("payment_instructions[{i}].platform_account"),
        );
        if let Some(crypto) = &pay.crypto {
            push(
                LinkKind::Payout,
                Some(canonical_wallet(&crypto.address)),
                format!("payment_instructions[{i}].crypto.address"),
            );
        }
    }
    for (i, wallet) in p.crypto_wallets.iter().enumerate() {
        push(
            LinkKind::Payout,
            Some(canonical_wallet(&wallet.address)),
            format!("crypto_wallets[{i}].address"),
        );
    }
    for (i, device) in p.devices.iter().enumerate() {
        push(
            LinkKind::Device,
            device
                .serial
                .as_ref()
                .map(|s| format!("serial:{}", s.trim().to_lowercase())),
            format!("devices[{i}].serial"),
        );
    }
    for (i, login) in p.logins.iter().enumerate() {
        push(
            LinkKind::Device,
            login
                .mfa_device_id
                .as_ref()
                .map(|m| format!("mfa:{}", m.trim())),
            format!("logins[{i}].mfa_device_id"),
        );
    }
    for (i, reference) in p.references.iter().enumerate() {
        push(
            LinkKind::Reference,
            reference.email.as_deref().and_then(canonical_email),
            format!("references[{i}].email"),
        );
        push(
            LinkKind::Reference,
            reference.phone.as_deref().and_then(canonical_phone),
            format!("references[{i}].phone"),
        );
    }
    for (i, job) in p.employment.iter().enumerate() {
        let domain = job
            .employer_domain
            .as_deref()
            .map(|d| d.trim().trim_start_matches("www.").to_lowercase());
        push(
            LinkKind::EmployerDomain,
            domain,
            format!("employment[{i}].employer_domain"),
        );
    }
    keys.sort();
    keys.dedup_by(|a, b| a.kind == b.kind && a.key == b.key);
    keys
}

/// Who claims to be whom: profiles with the same identity key are the same claimed person.
pub fn identity_key(p: &ProfileDocument) -> String {
    format!(
        "{}|{}",
        names::sorted_key(&p.identity.legal_name.full),
        p.identity.dob.as_deref().unwrap_or("")
    )
}
