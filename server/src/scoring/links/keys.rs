//! The normalised keys a profile contributes to the link index (INDICATORS.md §4.1).

use super::bands::{band_keys, hash_hex, parse_hash64};
use super::cluster::LINK_10_IGNORED_LOGINS;
use super::rules::Matching;
use super::{LinkKey, LinkKind};
use crate::scoring::names;
use clearance_app::model::profile::ProfileDocument;
use sha2::{Digest, Sha256};

/// Free-mail providers that ignore dots in the local part (§4.1).
const DOT_BLIND_DOMAINS: [&str; 2] = ["gmail.com", "googlemail.com"];

/// LINK-10: the longest GitHub login.
const GITHUB_LOGIN_MAX: usize = 39;

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

/// LINK-10: a GitHub login as GitHub compares them: case-insensitive, without a leading `@` or a
/// `github.com/` profile URL around it. `None` when it cannot be a login (ASCII letters, digits
/// and hyphens, at most 39), which leaves out app accounts such as `dependabot[bot]`, and for the
/// placeholder and bot accounts found in countless repositories ([`LINK_10_IGNORED_LOGINS`]).
pub fn canonical_github_login(text: &str) -> Option<String> {
    let lower = text.trim().to_ascii_lowercase();
    let login = match lower.split_once("github.com/") {
        Some((_, path)) => path.split('/').next().unwrap_or(path),
        None => lower.as_str(),
    };
    let login = login.trim().trim_start_matches('@');
    let valid = (1..=GITHUB_LOGIN_MAX).contains(&login.len())
        && !login.starts_with('-')
        && login
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !LINK_10_IGNORED_LOGINS.contains(&login);
    valid.then(|| login.to_owned())
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
            keys.push(LinkKey {
                kind,
                key,
                field,
                payload: String::new(),
            });
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
    // LINK-10: the own login and every collaborator, under one kind, so that two applicants meet
    // when one lists the other or both list the same collaborator.
    let github = &p.online_presence.github;
    push(
        LinkKind::GithubLogin,
        github.login.as_deref().and_then(canonical_github_login),
        "online_presence.github.login".into(),
    );
    for (i, login) in github.collaborators.iter().enumerate() {
        push(
            LinkKind::GithubLogin,
            canonical_github_login(login),
            format!("online_presence.github.collaborators[{i}]"),
        );
    }
    near_keys(&mut keys, p);
    keys.sort();
    // One row per key in the index. Two own hashes sharing a band keep one payload for it; the
    // findings compare every own hash of the kind with every hit, so no near copy is lost.
    keys.dedup_by(|a, b| a.kind == b.kind && a.key == b.key);
    keys
}

/// LINK-03 near, BEH-10 and LINK-04: the bands of each readable similarity hash, each carrying
/// the full hash as its payload. Unreadable hashes contribute nothing.
fn near_keys(keys: &mut Vec<LinkKey>, p: &ProfileDocument) {
    let mut hashes: Vec<(LinkKind, Option<&str>, String)> = vec![
        (
            LinkKind::ResumeSimhash,
            p.resume.simhash64.as_deref(),
            "resume.simhash64".into(),
        ),
        (
            LinkKind::CoverLetterSimhash,
            p.resume.cover_letter_simhash64.as_deref(),
            "resume.cover_letter_simhash64".into(),
        ),
    ];
    for (i, photo) in p.photos.iter().enumerate() {
        let field = format!("photos[{i}].phash");
        hashes.push((LinkKind::PhotoPhash, Some(photo.phash.as_str()), field));
    }
    for (i, doc) in p.identity.id_documents.iter().enumerate() {
        let field = format!("identity.id_documents[{i}].photo_phash");
        hashes.push((LinkKind::PhotoPhash, doc.photo_phash.as_deref(), field));
    }
    for (kind, text, field) in hashes {
        let Matching::Near {
            max_distance,
            band_prefix,
        } = kind.matching()
        else {
            continue;
        };
        let Some(hash) = text.and_then(parse_hash64) else {
            continue;
        };
        let payload = hash_hex(hash);
        keys.extend(
            band_keys(band_prefix, hash, max_distance)
                .into_iter()
                .map(|key| LinkKey {
                    kind,
                    key,
                    field: field.clone(),
                    payload: payload.clone(),
                }),
        );
    }
}

/// Who claims to be whom: profiles with the same identity key are the same claimed person.
pub fn identity_key(p: &ProfileDocument) -> String {
    format!(
        "{}|{}",
        names::sorted_key(&p.identity.legal_name.full),
        p.identity.dob.as_deref().unwrap_or("")
    )
}
