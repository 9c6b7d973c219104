//! Cross-profile links (INDICATORS.md §4): the normalised keys a profile contributes to the link
//! index (§4.1), and the findings made from the other profiles sharing them (§4.2).
//!
//! The caller looks keys up in an index (never by scanning every profile) and passes the hits
//! back; this module stays pure. Links route to a person and are never merged automatically:
//! families share addresses and recruiters share mailboxes, so a link between the same claimed
//! identity, a declared household or an agency mailbox does not count.
//!
//! Not covered here: near-duplicate resumes (SimHash distance, LINK-03 "near") and photos
//! (LINK-04) need a similarity index rather than equal keys; referral rings (LINK-08 cycles) and
//! GitHub co-contribution (LINK-10) need a graph walk.

use super::finding::Severity;

mod findings;
mod keys;

pub use findings::{link_findings, LinkHit};
pub use keys::{canonical_email, canonical_phone, canonical_wallet, identity_key, link_keys};

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
        }
    }

    pub fn parse(text: &str) -> Option<LinkKind> {
        ALL_KINDS.into_iter().find(|k| k.as_str() == text)
    }

    /// The catalogue row, its severity when two distinct identities share the key, and what a
    /// person reads.
    fn rule(self) -> (&'static str, Severity, &'static str, &'static str) {
        match self {
            LinkKind::Phone => (
                "LINK-01",
                Severity::High,
                "Phone number shared with another person's profile",
                "S4",
            ),
            LinkKind::Email => (
                "LINK-02",
                Severity::High,
                "E-mail address shared with another person's profile",
                "S4",
            ),
            LinkKind::ResumeText => (
                "LINK-03",
                Severity::High,
                "Same resume text as another person's profile",
                "S4",
            ),
            LinkKind::Address => (
                "LINK-05",
                Severity::High,
                "Address shared with another person's profile (possible laptop farm)",
                "S6; S9",
            ),
            LinkKind::Payout => (
                "LINK-06",
                Severity::Critical,
                "Payout account or wallet shared with another person's profile",
                "S1; S5",
            ),
            LinkKind::Device => (
                "LINK-07",
                Severity::Critical,
                "Device or MFA authenticator shared with another person's profile",
                "S1; S12",
            ),
            LinkKind::Reference => (
                "LINK-08",
                Severity::Medium,
                "Same reference as another person's profile",
                "S9; S17",
            ),
            LinkKind::EmployerDomain => (
                "LINK-09",
                Severity::Medium,
                "Obscure prior employer shared with several other applicants",
                "S7; S9",
            ),
        }
    }
}

const ALL_KINDS: [LinkKind; 8] = [
    LinkKind::Phone,
    LinkKind::Email,
    LinkKind::ResumeText,
    LinkKind::Address,
    LinkKind::Payout,
    LinkKind::Device,
    LinkKind::Reference,
    LinkKind::EmployerDomain,
];

/// §4.2: three or more identities at one address or payout account is a facilitator cluster.
pub const CLUSTER_MIN_IDENTITIES: usize = 3;
/// LINK-09: an employer domain counts only when this many applicants share it.
pub const EMPLOYER_DOMAIN_MIN_IDENTITIES: usize = 3;

/// One key a profile contributes to the index.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LinkKey {
    pub kind: LinkKind,
    /// The normalised key (hashed where the value is sensitive).
    pub key: String,
    /// Where in the profile it comes from, for evidence.
    pub field: String,
}

#[cfg(test)]
mod tests {
    use super::*;
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
    }
}
