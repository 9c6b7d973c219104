//! THE ENGINE: pure functions from a profile document (plus lookups the caller did: links to
//! other profiles, watch-list hits) to findings and a score. No I/O, no clock, no database: the
//! time is passed in. Every rule cites its indicator id in INDICATORS.md §2.
//!
//! Guardrails (INDICATORS.md §0): findings route to a person and never reject anyone by
//! themselves; no protected attribute is an input (the profile document has no field for one);
//! nationality and language appear only in consistency checks between the person's own claims.

pub mod access;
pub mod behaviour;
pub mod dates;
pub mod finding;
pub mod identity;
pub mod known;
pub mod links;
pub mod names;
pub mod payment;
pub mod score;

pub use finding::{Evidence, Family, Finding, Severity};

use clearance_app::model::profile::ProfileDocument;

/// Stored with every screening: the same inputs and rules version give the same output.
pub const RULES_VERSION: &str = "2026.11-3";

/// Everything a screening reads.
#[derive(Clone, Debug)]
pub struct Input<'a> {
    pub profile: &'a ProfileDocument,
    /// "Now", as Unix seconds (UTC), supplied by the caller.
    pub now: i64,
}

/// The result of screening one profile.
#[derive(Clone, Debug, PartialEq)]
pub struct Screening {
    pub findings: Vec<Finding>,
    pub score: u8,
    pub band: score::Band,
    pub rules_version: &'static str,
}

/// Runs every single-profile rule family and scores the result. Findings come out in a stable
/// order (family, then indicator id) so that equal inputs give byte-equal screenings.
pub fn screen(input: &Input<'_>) -> Screening {
    screen_with(input, Lookups::default())
}

/// What the caller looked up for this profile: other profiles sharing its link keys, and
/// watch-list matches.
#[derive(Clone, Copy, Debug, Default)]
pub struct Lookups<'a> {
    pub links: &'a [links::LinkHit],
    pub watchlist: &'a [known::WatchlistHit],
    /// The referrer and co-referees, for a referred person (BEH-08).
    pub referral: Option<&'a behaviour::referrals::Referral>,
}

/// [`screen`] plus the cross-profile links and watch-list hits.
pub fn screen_with(input: &Input<'_>, lookups: Lookups<'_>) -> Screening {
    let mut findings = Vec::new();
    for family in FAMILIES {
        family(input, &mut findings);
    }
    let profile = input.profile;
    findings.extend(links::link_findings(
        &links::link_keys(profile),
        &links::identity_key(profile),
        lookups.links,
    ));
    findings.extend(known::findings(lookups.watchlist));
    if let Some(referral) = lookups.referral {
        findings.extend(behaviour::referrals::beh_08_referral_chain(
            profile, referral,
        ));
    }
    finish(findings)
}

/// Scores findings gathered elsewhere too (links and watch-list hits are added by the caller).
pub fn finish(mut findings: Vec<Finding>) -> Screening {
    findings.sort_by(|a, b| (a.family, a.indicator).cmp(&(b.family, b.indicator)));
    let (score, band) = score::score(&findings);
    Screening {
        findings,
        score,
        band,
        rules_version: RULES_VERSION,
    }
}

/// Trimmed, non-empty text of an optional profile field (rules ignore blank values).
pub(crate) fn text(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// Runs one rule family on a profile at `now` (the families' tests share this harness).
#[cfg(test)]
pub(crate) fn run_family(
    evaluate: fn(&Input<'_>, &mut Vec<Finding>),
    profile: &ProfileDocument,
    now: i64,
) -> Vec<Finding> {
    let mut out = Vec::new();
    evaluate(&Input { profile, now }, &mut out);
    out
}

/// The single-profile rule families, each `fn(&Input, &mut Vec<Finding>)`.
const FAMILIES: &[fn(&Input<'_>, &mut Vec<Finding>)] = &[
    identity::evaluate,
    payment::evaluate,
    behaviour::evaluate,
    access::evaluate,
];
