//! What each kind of link key means: how its hits become findings, the family they are shown
//! under, and the catalogue row (INDICATORS.md §2.6, §2.4 BEH-10) with its severity and sources.

use super::{LinkKind, BEH_10_MAX_DISTANCE, LINK_03_NEAR_MAX_DISTANCE, LINK_04_MAX_DISTANCE};
use crate::scoring::finding::{Family, Severity};

impl LinkKind {
    /// How the kind's hits become findings.
    pub(super) fn matching(self) -> Matching {
        match self {
            LinkKind::Phone
            | LinkKind::Email
            | LinkKind::ResumeText
            | LinkKind::Address
            | LinkKind::Payout
            | LinkKind::Device
            | LinkKind::Reference
            | LinkKind::EmployerDomain => Matching::Exact,
            LinkKind::ResumeSimhash => Matching::Near {
                max_distance: LINK_03_NEAR_MAX_DISTANCE,
                band_prefix: "r",
            },
            LinkKind::CoverLetterSimhash => Matching::Near {
                max_distance: BEH_10_MAX_DISTANCE,
                band_prefix: "c",
            },
            LinkKind::PhotoPhash => Matching::Near {
                max_distance: LINK_04_MAX_DISTANCE,
                band_prefix: "p",
            },
            LinkKind::GithubLogin => Matching::Cluster,
        }
    }

    /// The exact kind whose finding already reports what a near match of this kind would: an
    /// identical resume has the same digest and the same SimHash, and is reported once (LINK-03).
    pub(super) fn exact_twin(self) -> Option<LinkKind> {
        match self {
            LinkKind::ResumeSimhash => Some(LinkKind::ResumeText),
            LinkKind::Phone
            | LinkKind::Email
            | LinkKind::ResumeText
            | LinkKind::Address
            | LinkKind::Payout
            | LinkKind::Device
            | LinkKind::Reference
            | LinkKind::EmployerDomain
            | LinkKind::CoverLetterSimhash
            | LinkKind::PhotoPhash
            | LinkKind::GithubLogin => None,
        }
    }

    /// The family its findings are shown under: BEH-10 is a behavioural indicator that the link
    /// index happens to find; every other kind is a link.
    pub(super) fn family(self) -> Family {
        match self {
            LinkKind::CoverLetterSimhash => Family::Behaviour,
            LinkKind::Phone
            | LinkKind::Email
            | LinkKind::ResumeText
            | LinkKind::Address
            | LinkKind::Payout
            | LinkKind::Device
            | LinkKind::Reference
            | LinkKind::EmployerDomain
            | LinkKind::ResumeSimhash
            | LinkKind::PhotoPhash
            | LinkKind::GithubLogin => Family::Link,
        }
    }

    /// The catalogue row, its severity when two distinct identities share the key, and what a
    /// person reads.
    pub(super) fn rule(self) -> (&'static str, Severity, &'static str, &'static str) {
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
            LinkKind::ResumeSimhash => (
                "LINK-03",
                Severity::High,
                "Nearly the same resume text as another person's profile",
                "S4",
            ),
            LinkKind::CoverLetterSimhash => (
                "BEH-10",
                Severity::Medium,
                "Nearly the same cover letter as another applicant's (reused template)",
                "S1",
            ),
            LinkKind::PhotoPhash => (
                "LINK-04",
                Severity::High,
                "Same photo as on another person's profile",
                "S2; S4; S17",
            ),
            LinkKind::GithubLogin => (
                "LINK-10",
                Severity::Medium,
                "GitHub co-contribution cluster: login or collaborators shared with other \
                 applicants",
                "S17",
            ),
        }
    }
}

/// How the hits of a kind of key become findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Matching {
    /// One finding per shared key (§4.2).
    Exact,
    /// Banded keys of a 64-bit similarity hash: a hit counts when the full hashes differ in at
    /// most `max_distance` bits. `band_prefix` starts the kind's band keys.
    Near {
        max_distance: u32,
        band_prefix: &'static str,
    },
    /// Every shared key of the kind adds to one finding (LINK-10).
    Cluster,
}
