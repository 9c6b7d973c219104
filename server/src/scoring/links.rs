//! Cross-profile links (INDICATORS.md §4): the normalised keys a profile contributes to the link
//! index (§4.1), and the findings made from the other profiles sharing them (§4.2).
//!
//! The caller looks keys up in an index (never by scanning every profile) and passes the hits
//! back; this module stays pure. Links route to a person and are never merged automatically:
//! families share addresses and recruiters share mailboxes, so a link between the same claimed
//! identity, a declared household or an agency mailbox does not count.
//!
//! Three ways a kind of key makes findings:
//! - exact keys (LINK-01, 02, 03 exact, 05 to 09): one finding per shared key;
//! - near keys (LINK-03 near, BEH-10, LINK-04): 64-bit similarity hashes indexed as bands
//!   ([`band_keys`]); a profile found through a band counts only when the full hashes (carried as
//!   the key's payload) are within the kind's Hamming distance, and all the bands of one field
//!   make one finding;
//! - cluster keys (LINK-10): GitHub logins, own and collaborators, all in one finding.
//!
//! Not covered here: referral rings (LINK-08 cycles) need a graph walk.

mod bands;
mod cluster;
mod findings;
#[cfg(test)]
mod fixtures;
mod keys;
mod near;
mod rules;

pub use bands::{band_keys, bands, hamming, hash_hex, parse_hash64, HASH_BITS};
pub use cluster::LINK_10_IGNORED_LOGINS;
pub use findings::{link_findings, LinkHit};
pub use keys::{
    canonical_email, canonical_github_login, canonical_phone, canonical_wallet, identity_key,
    link_keys,
};
pub use near::confirmed_hits;

/// What kind of artifact two profiles share.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinkKind {
    Phone,
    Email,
    ResumeText,
    Address,
    Payout,
    Device,
    Reference,
    EmployerDomain,
    /// A band of the resume's SimHash (LINK-03 near).
    ResumeSimhash,
    /// A band of the cover letter's SimHash (BEH-10).
    CoverLetterSimhash,
    /// A band of a photo's pHash (LINK-04).
    PhotoPhash,
    /// A GitHub login: the applicant's own or a collaborator's (LINK-10).
    GithubLogin,
}

impl LinkKind {
    /// The stable name stored in the index.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Phone => "phone",
            LinkKind::Email => "email",
            LinkKind::ResumeText => "resume_text",
            LinkKind::Address => "address",
            LinkKind::Payout => "payout",
            LinkKind::Device => "device",
            LinkKind::Reference => "reference",
            LinkKind::EmployerDomain => "employer_domain",
            LinkKind::ResumeSimhash => "resume_simhash",
            LinkKind::CoverLetterSimhash => "cover_letter_simhash",
            LinkKind::PhotoPhash => "photo_phash",
            LinkKind::GithubLogin => "github_login",
        }
    }

    pub fn parse(text: &str) -> Option<LinkKind> {
        ALL_KINDS.into_iter().find(|k| k.as_str() == text)
    }
}

const ALL_KINDS: [LinkKind; 12] = [
    LinkKind::Phone,
    LinkKind::Email,
    LinkKind::ResumeText,
    LinkKind::Address,
    LinkKind::Payout,
    LinkKind::Device,
    LinkKind::Reference,
    LinkKind::EmployerDomain,
    LinkKind::ResumeSimhash,
    LinkKind::CoverLetterSimhash,
    LinkKind::PhotoPhash,
    LinkKind::GithubLogin,
];

/// §4.2: three or more identities at one address or payout account is a facilitator cluster.
pub const CLUSTER_MIN_IDENTITIES: usize = 3;
/// LINK-09: an employer domain counts only when this many applicants share it.
pub const EMPLOYER_DOMAIN_MIN_IDENTITIES: usize = 3;
/// LINK-03 (near): resume SimHashes at most this many bits apart are near copies (§2: "SimHash
/// Hamming ≤ 3"); indexed as 4 bands of 16 bits.
pub const LINK_03_NEAR_MAX_DISTANCE: u32 = 3;
/// BEH-10: cover-letter SimHashes at most this many bits apart are one template (the LINK-03
/// near rule); indexed as 4 bands of 16 bits.
pub const BEH_10_MAX_DISTANCE: u32 = 3;
/// LINK-04: photo pHashes at most this many bits apart are the same image (§4.1 "Hamming ≤ 6");
/// indexed as 7 bands of 9 or 10 bits.
pub const LINK_04_MAX_DISTANCE: u32 = 6;

/// One key a profile contributes to the index.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LinkKey {
    pub kind: LinkKind,
    /// The normalised key (hashed where the value is sensitive); for near kinds, one band of the
    /// hash (`r3:9f2a`).
    pub key: String,
    /// Where in the profile it comes from, for evidence.
    pub field: String,
    /// Stored beside the key for the comparison a band alone cannot make: the full hash as 16
    /// lower-case hex digits for near kinds, empty for the others.
    pub payload: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::finding::Severity;
    use crate::scoring::names;
    use clearance_app::model::profile::*;

    fn person(name: &str) -> ProfileDocument {
        let mut p = ProfileDocument::default();
        p.identity.legal_name.full = name.into();
        p
    }

    fn hit(kind: LinkKind, key: &str, id: i64, who: &str) -> LinkHit {
        LinkHit {
            kind,
            key: key.into(),
            other_person_id: id,
            other_identity_key: format!("{}|", names::sorted_key(who)),
            other_payload: String::new(),
        }
    }

    #[test]
    fn emails_are_folded_provider_aware() {
        assert_eq!(
            canonical_email("J.Doe+jobs@GMail.com").as_deref(),
            Some("jdoe@gmail.com")
        );
        assert_eq!(
            canonical_email("j.doe+x@example.com").as_deref(),
            Some("j.doe@example.com")
        );
        assert_eq!(canonical_email("nope"), None);
    }

    #[test]
    fn wallets_fold_case_only_for_evm() {
        assert_eq!(
            canonical_wallet("0xAbCdEf0000000000000000000000000000000001"),
            "0xabcdef0000000000000000000000000000000001"
        );
        assert_eq!(canonical_wallet("bc1QxyZ"), "bc1QxyZ");
    }

    #[test]
    fn keys_skip_agency_mailboxes_and_declared_households() {
        let mut p = person("Ada Lovelace");
        p.contact.emails = vec![
            EmailContact {
                address: "ada@example.com".into(),
                ..Default::default()
            },
            EmailContact {
                address: "jobs@agency.example".into(),
                domain_type: Some("agency".into()),
                ..Default::default()
            },
        ];
        p.addresses = vec![Address {
            line1: "1 Main St".into(),
            household_declared: true,
            ..Default::default()
        }];
        let keys = link_keys(&p);
        assert_eq!(keys.len(), 1, "{keys:?}");
        assert_eq!(keys[0].key, "ada@example.com");
    }

    #[test]
    fn the_same_address_written_differently_gives_the_same_key() {
        let mut a = person("A");
        a.addresses = vec![Address {
            line1: "12 Elm Street".into(),
            line2: Some("Apt 4".into()),
            postal_code: Some("37201".into()),
            country: Some("US".into()),
            ..Default::default()
        }];
        let mut b = person("B");
        b.addresses = vec![Address {
            line1: "12 ELM STREET,".into(),
            line2: Some("apt. 4".into()),
            postal_code: Some("37201".into()),
            country: Some("us".into()),
            ..Default::default()
        }];
        assert_eq!(link_keys(&a), link_keys(&b));
    }

    #[test]
    fn a_phone_shared_with_someone_else_is_link_01_naming_them() {
        let own = vec![LinkKey {
            kind: LinkKind::Phone,
            key: "+15550100".into(),
            field: "contact.phones[0].e164".into(),
            payload: String::new(),
        }];
        let findings = link_findings(
            &own,
            "ada lovelace|",
            &[hit(LinkKind::Phone, "+15550100", 7, "Grace Hopper")],
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(
            (findings[0].indicator, findings[0].severity),
            ("LINK-01", Severity::High)
        );
        assert_eq!(findings[0].related_person_ids, vec![7]);
    }

    #[test]
    fn the_same_claimed_identity_twice_is_not_a_link() {
        let own = vec![LinkKey {
            kind: LinkKind::Phone,
            key: "+15550100".into(),
            field: "f".into(),
            payload: String::new(),
        }];
        assert!(link_findings(
            &own,
            "ada lovelace|",
            &[hit(LinkKind::Phone, "+15550100", 7, "Lovelace, Ada")]
        )
        .is_empty());
    }

    #[test]
    fn three_identities_at_one_address_or_payout_are_critical_two_are_high() {
        let own = vec![LinkKey {
            kind: LinkKind::Address,
            key: "h".into(),
            field: "addresses[0]".into(),
            payload: String::new(),
        }];
        let two = link_findings(&own, "a|", &[hit(LinkKind::Address, "h", 2, "B")]);
        assert_eq!(two[0].severity, Severity::High);
        let three = link_findings(
            &own,
            "a|",
            &[
                hit(LinkKind::Address, "h", 2, "B"),
                hit(LinkKind::Address, "h", 3, "C"),
            ],
        );
        assert_eq!(three[0].severity, Severity::Critical);
        assert_eq!(three[0].related_person_ids, vec![2, 3]);
    }

    #[test]
    fn an_employer_domain_needs_three_applicants() {
        let own = vec![LinkKey {
            kind: LinkKind::EmployerDomain,
            key: "tiny.example".into(),
            field: "employment[0].employer_domain".into(),
            payload: String::new(),
        }];
        assert!(link_findings(
            &own,
            "a|",
            &[hit(LinkKind::EmployerDomain, "tiny.example", 2, "B")]
        )
        .is_empty());
        let found = link_findings(
            &own,
            "a|",
            &[
                hit(LinkKind::EmployerDomain, "tiny.example", 2, "B"),
                hit(LinkKind::EmployerDomain, "tiny.example", 3, "C"),
            ],
        );
        assert_eq!(
            (found[0].indicator, found[0].severity),
            ("LINK-09", Severity::Medium)
        );
    }

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in ALL_KINDS {
            assert_eq!(LinkKind::parse(kind.as_str()), Some(kind));
        }
        let mut names: Vec<&str> = ALL_KINDS.iter().map(|k| k.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL_KINDS.len());
        assert_eq!(LinkKind::parse("resume_near"), None);
    }
}
