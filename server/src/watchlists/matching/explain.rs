//! The per-feature explanation each match carries, for the screening page (issue 4 item 3): the
//! name similarity and how the parts aligned, the date of birth and nationality qualifiers,
//! primary name or alias, and why the severity is what it is.

use super::qualifiers::{DobAgreement, NationalityAgreement};
use super::romanisation::class_name;
use super::score::{
    token_sort_jaro_winkler, Pair, Scratch, CRITICAL_THRESHOLD, INITIALS_CAP, REVIEW_THRESHOLD,
};
use super::term::{NameTerms, TermRef};
use super::{Feature, NameKind, Severity};

/// How the query's parts met the listed name's parts.
pub fn alignment(
    query: &NameTerms,
    listed: &[TermRef<'_>],
    scratch: &Scratch,
    similarity: f64,
    initials: bool,
) -> Vec<Feature> {
    let query_parts: Vec<TermRef<'_>> = query.parts.iter().map(|t| t.view()).collect();
    let text = |parts: &[TermRef<'_>], start: usize, len: usize| -> String {
        parts
            .iter()
            .skip(start)
            .take(len)
            .map(|p| p.chars.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("+")
    };
    let mut features = vec![Feature::new(
        "name_similarity",
        format!("{similarity:.3} (order-insensitive Jaro-Winkler over aligned name parts)"),
    )];
    let described: Vec<String> = scratch
        .chosen
        .iter()
        .map(|pair| {
            let q = text(&query_parts, pair.query, pair.query_len);
            let l = text(listed, pair.listed, pair.listed_len);
            format!(
                "{q} ~ {l} {:.2}{}",
                pair.similarity,
                why(pair, &query_parts, listed)
            )
        })
        .collect();
    if !described.is_empty() {
        features.push(Feature::new("aligned_parts", described.join("; ")));
    }
    let unmatched = |parts: &[TermRef<'_>], used: &dyn Fn(usize) -> bool| -> Vec<String> {
        (0..parts.len())
            .filter(|i| !used(*i))
            .map(|i| text(parts, i, 1))
            .collect()
    };
    let covers = |pairs: &[Pair], query_side: bool, i: usize| {
        pairs.iter().any(|p| {
            let (start, len) = if query_side {
                (p.query, p.query_len)
            } else {
                (p.listed, p.listed_len)
            };
            (start..start + len).contains(&i)
        })
    };
    let left_query = unmatched(&query_parts, &|i| covers(&scratch.chosen, true, i));
    let left_listed = unmatched(listed, &|i| covers(&scratch.chosen, false, i));
    if !left_query.is_empty() || !left_listed.is_empty() {
        features.push(Feature::new(
            "unmatched_parts",
            format!(
                "query: {}; listed: {}",
                or_none(&left_query),
                or_none(&left_listed)
            ),
        ));
    }
    features.push(Feature::new(
        "token_sort_jaro_winkler",
        format!(
            "{:.3} (whole-string, for information; not scored)",
            token_sort_jaro_winkler(&query_parts, listed)
        ),
    ));
    if initials {
        features.push(Feature::new(
            "initials",
            format!("an initial matched a full name part (low weight; capped at {INITIALS_CAP}, never critical)"),
        ));
    }
    features
}

fn why(pair: &Pair, query: &[TermRef<'_>], listed: &[TermRef<'_>]) -> String {
    if pair.initial {
        return " (initial)".to_owned();
    }
    if pair.query_len > 1 || pair.listed_len > 1 {
        return " (written together)".to_owned();
    }
    match (query.get(pair.query), listed.get(pair.listed)) {
        (Some(q), Some(l)) if q.chars == l.chars => String::new(),
        (Some(q), Some(l)) if q.class.is_some() && q.class == l.class => {
            format!(
                " (romanisation class {})",
                class_name(q.class.unwrap_or(u16::MAX))
            )
        }
        _ => " (spelling)".to_owned(),
    }
}

fn or_none(parts: &[String]) -> String {
    if parts.is_empty() {
        "none".to_owned()
    } else {
        parts.join(" ")
    }
}

/// The qualifiers of one match, for [`qualifiers`].
#[derive(Clone, Copy, Debug)]
pub struct Qualified<'a> {
    pub dob: DobAgreement,
    pub query_dob: Option<&'a str>,
    pub listed_dobs: &'a [String],
    pub nationality: NationalityAgreement,
    pub query_nationality: Option<&'a str>,
    pub listed_nationalities: &'a [String],
}

/// Date of birth, nationality, name type and list kind.
pub fn qualifiers(q: &Qualified<'_>, is_alias: bool, kind: NameKind) -> Vec<Feature> {
    let dob_text = match q.dob {
        DobAgreement::Unknown => "not compared (missing or unreadable on one side)",
        DobAgreement::Exact => "same day",
        DobAgreement::Consistent => "consistent (same year or range, no day on one side)",
        DobAgreement::DayDisjoint => "same year, different month or day",
        DobAgreement::YearDisjoint => "different year",
    };
    let nationality_text = match q.nationality {
        NationalityAgreement::Unknown => "not compared (missing on one side)",
        NationalityAgreement::Match => "one of the entry's",
        NationalityAgreement::Mismatch => "none of the entry's",
    };
    vec![
        Feature::new(
            "date_of_birth",
            format!(
                "{dob_text}: query {}, listed {} ({:+.2})",
                q.query_dob.unwrap_or("none"),
                or_none(q.listed_dobs),
                q.dob.adjustment()
            ),
        ),
        Feature::new(
            "nationality",
            format!(
                "{nationality_text}: query {}, listed {} ({:+.2})",
                q.query_nationality.unwrap_or("none"),
                or_none(q.listed_nationalities),
                q.nationality.adjustment()
            ),
        ),
        Feature::new(
            "name_type",
            if is_alias { "alias" } else { "primary name" }.to_owned(),
        ),
        Feature::new(
            "list_kind",
            match kind {
                NameKind::Person => "person",
                NameKind::Organization => "organisation",
            }
            .to_owned(),
        ),
    ]
}

/// Why the severity is what it is (INDICATORS.md §6.4 step 7, KNOWN-01).
pub fn decision(score: f64, severity: Severity, contradicted: bool, initials: bool) -> Feature {
    let detail = match severity {
        Severity::Critical => format!(
            "critical: score {score:.3} ≥ {CRITICAL_THRESHOLD} and no qualifier contradicts"
        ),
        Severity::Review if score >= CRITICAL_THRESHOLD && contradicted => {
            format!("review: score {score:.3} ≥ {CRITICAL_THRESHOLD} but a qualifier contradicts")
        }
        Severity::Review if score >= CRITICAL_THRESHOLD && initials => {
            format!("review: score {score:.3}, but matched through an initial")
        }
        Severity::Review => format!("review: score {score:.3} ≥ {REVIEW_THRESHOLD}"),
    };
    Feature::new("decision", detail)
}
