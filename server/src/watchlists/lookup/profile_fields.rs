//! What of a profile is looked up on the lists, each value with the field it came from (the
//! finding's evidence names it).

use crate::watchlists::matching::IdentifierKind;
use clearance_app::model::profile::ProfileDocument;

/// A name of the profile to screen, with the field it came from.
pub(super) fn profile_names(profile: &ProfileDocument) -> Vec<(String, &str)> {
    let identity = &profile.identity;
    let mut names = vec![(
        "identity.legal_name.full".to_owned(),
        identity.legal_name.full.as_str(),
    )];
    for (i, former) in identity.legal_name.former_names.iter().enumerate() {
        names.push((format!("identity.legal_name.former_names[{i}]"), former));
    }
    for (i, variant) in identity.name_variants.iter().enumerate() {
        names.push((format!("identity.name_variants[{i}].value"), &variant.value));
    }
    let mut seen = Vec::new();
    names.retain(|(_, n)| {
        let key = n.trim().to_lowercase();
        !key.is_empty() && !seen.contains(&key) && {
            seen.push(key);
            true
        }
    });
    names
}

/// The profile's identifiers to look up exactly, with their fields.
pub(super) fn profile_identifiers(
    profile: &ProfileDocument,
) -> Vec<(String, IdentifierKind, &str)> {
    let mut out = Vec::new();
    for (i, w) in profile.crypto_wallets.iter().enumerate() {
        out.push((
            format!("crypto_wallets[{i}].address"),
            IdentifierKind::Wallet,
            w.address.as_str(),
        ));
    }
    // KNOWN-02 reads payout addresses as well as the wallets the person declared.
    for (i, payment) in profile.payment_instructions.iter().enumerate() {
        if let Some(crypto) = &payment.crypto {
            out.push((
                format!("payment_instructions[{i}].crypto.address"),
                IdentifierKind::Wallet,
                crypto.address.as_str(),
            ));
        }
    }
    for (i, e) in profile.contact.emails.iter().enumerate() {
        out.push((
            format!("contact.emails[{i}].address"),
            IdentifierKind::Email,
            e.address.as_str(),
        ));
    }
    for (i, p) in profile.contact.phones.iter().enumerate() {
        out.push((
            format!("contact.phones[{i}].e164"),
            IdentifierKind::Phone,
            p.e164.as_str(),
        ));
    }
    if let Some(login) = profile.online_presence.github.login.as_deref() {
        out.push((
            "online_presence.github.login".into(),
            IdentifierKind::GithubLogin,
            login,
        ));
    }
    for (i, site) in profile.online_presence.portfolio_sites.iter().enumerate() {
        out.push((
            format!("online_presence.portfolio_sites[{i}].url"),
            IdentifierKind::Domain,
            site.url.as_str(),
        ));
    }
    for (i, job) in profile.employment.iter().enumerate() {
        if let Some(domain) = job.employer_domain.as_deref() {
            out.push((
                format!("employment[{i}].employer_domain"),
                IdentifierKind::Domain,
                domain,
            ));
        }
    }
    out.retain(|(_, _, v)| !v.trim().is_empty());
    out
}
