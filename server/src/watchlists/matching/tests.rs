//! The hard cases of issue 4 (items 3 and 8) through the whole [`Matcher`]; exact identifiers
//! and the index against the exhaustive scan are in the submodules.

use super::*;
use std::collections::BTreeSet;

mod generate;
mod identifiers;
mod index;

fn person(entry: &str, name: &str, birth_dates: &[&str], nationalities: &[&str]) -> ListName {
    ListName {
        entry_id: entry.to_owned(),
        name: name.to_owned(),
        is_alias: false,
        kind: NameKind::Person,
        birth_dates: birth_dates.iter().map(|d| (*d).to_owned()).collect(),
        nationalities: nationalities.iter().map(|n| (*n).to_owned()).collect(),
    }
}

fn organization(entry: &str, name: &str) -> ListName {
    ListName {
        kind: NameKind::Organization,
        ..person(entry, name, &[], &[])
    }
}

fn alias(name: ListName) -> ListName {
    ListName {
        is_alias: true,
        ..name
    }
}

fn identifier(entry: &str, kind: IdentifierKind, value: &str) -> ListIdentifier {
    ListIdentifier {
        entry_id: entry.to_owned(),
        kind,
        value: value.to_owned(),
    }
}

fn query(name: &str) -> NameQuery<'_> {
    NameQuery {
        name,
        ..NameQuery::default()
    }
}

fn sdn() -> Matcher {
    Matcher::new(
        &[
            person("100", "KIM, Jong Un", &["8 Jan 1984"], &["KP"]),
            person("200", "PAK, Jong Il", &[], &["Korea, North"]),
            person("300", "KIM, Min-jun", &["15 Mar 1990"], &[]),
            person("400", "SIM, Hyo'n-so'p", &[], &[]),
            person("500", "AL-RASHIDI, Mohammed Abdullah", &[], &[]),
            person("600", "KHORASHADIZADEH, Ali", &["21 Sep 1979"], &["Iran"]),
            person("700", "SMITH, John Adam", &["1970-01-01"], &[]),
            organization("24977", "YANBIAN SILVERSTAR NETWORK TECHNOLOGY CO., LTD."),
            alias(organization(
                "24977",
                "SILVER STAR INTERNET TECHNOLOGY CORPORATION",
            )),
            organization("27307", "LAZARUS GROUP"),
            alias(organization("27307", "HIDDEN COBRA")),
        ],
        &[
            identifier(
                "27307",
                IdentifierKind::Wallet,
                "0x098B716B8Aaf21512996dC57EB0615e2383E2f96",
            ),
            identifier(
                "600",
                IdentifierKind::Wallet,
                "149w62rY42aZBox8fGcmqNsXUzSStKeq8C",
            ),
            identifier("600", IdentifierKind::Email, "toppglasses@gmail.com"),
            identifier("600", IdentifierKind::IdNumber, "T14553558"),
            identifier("28264", IdentifierKind::Phone, "8613314257947"),
            identifier("24977", IdentifierKind::Domain, "silverstar.example"),
        ],
    )
}

fn top(matcher: &Matcher, q: &NameQuery<'_>) -> Option<NameMatch> {
    matcher.match_name(q).into_iter().next()
}

/// The index and the exhaustive scan agree on every name and score.
fn assert_index_is_exhaustive(matcher: &Matcher, q: &NameQuery<'_>) {
    let ids = |matches: Vec<NameMatch>| -> BTreeSet<(usize, u64)> {
        matches
            .into_iter()
            .map(|m| (m.name_index, m.score.to_bits()))
            .collect()
    };
    assert_eq!(
        ids(matcher.match_name_all(q)),
        ids(matcher.match_name_exhaustive(q, Gate::Comparable)),
        "{q:?}"
    );
    assert_eq!(
        ranked(matcher.match_name(q)),
        best_per_entry(matcher.match_name_exhaustive(q, Gate::Comparable)),
        "{q:?}"
    );
}

/// The fields that identify a returned match.
type Ranked = Vec<(String, usize, u64, Severity)>;

fn ranked(matches: Vec<NameMatch>) -> Ranked {
    matches
        .into_iter()
        .map(|m| (m.entry_id, m.name_index, m.score.to_bits(), m.severity))
        .collect()
}

/// What `match_name` must return, from every match: the best name per entry (higher score,
/// critical, closer name, primary, lower name index), best first (the same order, then entry id), at most
/// `MAX_RESULTS`.
fn best_per_entry(all: Vec<NameMatch>) -> Ranked {
    let order = |a: &NameMatch, b: &NameMatch| {
        b.score
            .total_cmp(&a.score)
            .then(b.severity.cmp(&a.severity))
            .then(b.name_similarity.total_cmp(&a.name_similarity))
            .then(a.is_alias.cmp(&b.is_alias))
            .then(a.entry_id.cmp(&b.entry_id))
            .then(a.name_index.cmp(&b.name_index))
    };
    let mut all = all;
    all.sort_by(order);
    let mut seen = BTreeSet::new();
    all.retain(|m| seen.insert(m.entry_id.clone()));
    all.truncate(MAX_RESULTS);
    ranked(all)
}

#[test]
fn kim_jong_un_in_any_spelling_is_a_critical_hold() {
    let matcher = sdn();
    for name in [
        "Kim Jong-un",
        "Kim Jong Un",
        "KIM Jong Un",
        "JONG UN, Kim",
        "Kim Jongun",
        "김정은",
    ] {
        let found = top(&matcher, &query(name)).unwrap_or_else(|| panic!("{name}: no match"));
        assert_eq!(found.entry_id, "100", "{name}");
        assert!(found.score >= CRITICAL_THRESHOLD, "{name}: {}", found.score);
        assert_eq!(found.severity, Severity::Critical, "{name}");
        assert_index_is_exhaustive(&matcher, &query(name));
    }
}

#[test]
fn agreeing_qualifiers_raise_the_score_and_are_explained() {
    let matcher = sdn();
    let q = NameQuery {
        name: "Kim Jong Un",
        birth_date: Some("1984-01-08"),
        nationality: Some("KP"),
    };
    let found = top(&matcher, &q).unwrap_or_else(|| panic!("no match"));
    assert_eq!(found.severity, Severity::Critical);
    assert_eq!(found.score, 1.0);
    let features: Vec<&str> = found.explanation.iter().map(|f| f.name).collect();
    for feature in [
        "name_similarity",
        "aligned_parts",
        "date_of_birth",
        "nationality",
        "name_type",
        "decision",
    ] {
        assert!(
            features.contains(&feature),
            "{feature} missing from {features:?}"
        );
    }
    let dob = found.explanation.iter().find(|f| f.name == "date_of_birth");
    assert!(
        dob.is_some_and(|f| f.detail.starts_with("same day")),
        "{dob:?}"
    );
}

#[test]
fn pak_and_park_are_one_surname() {
    let matcher = sdn();
    let found = top(&matcher, &query("Park Jong Il")).unwrap_or_else(|| panic!("no match"));
    assert_eq!(found.entry_id, "200");
    assert!(found.score >= CRITICAL_THRESHOLD, "{}", found.score);
    let aligned = found.explanation.iter().find(|f| f.name == "aligned_parts");
    assert!(
        aligned.is_some_and(|f| f.detail.contains("romanisation class")),
        "{aligned:?}"
    );
}

#[test]
fn mccune_reischauer_apostrophes_do_not_matter() {
    let matcher = sdn();
    for name in ["Sim Hyon-sop", "SIM Hyon Sop", "Hyonsop Sim"] {
        let found = top(&matcher, &query(name)).unwrap_or_else(|| panic!("{name}: no match"));
        assert_eq!(found.entry_id, "400", "{name}");
        assert!(found.score >= CRITICAL_THRESHOLD, "{name}: {}", found.score);
    }
}

#[test]
fn initials_score_but_never_make_a_critical_hold() {
    let matcher = sdn();
    assert!(matcher
        .match_name(&query("K. J. Un"))
        .iter()
        .all(|m| m.severity == Severity::Review));
    // A middle initial is enough for a review, even with the same date of birth, never more.
    let q = NameQuery {
        name: "John A. Smith",
        birth_date: Some("1970-01-01"),
        nationality: None,
    };
    let found = top(&matcher, &q).unwrap_or_else(|| panic!("no match"));
    assert_eq!(found.entry_id, "700");
    assert_eq!(found.severity, Severity::Review);
    assert!(found.explanation.iter().any(|f| f.name == "initials"));
    assert_index_is_exhaustive(&matcher, &q);
}

#[test]
fn a_common_name_with_another_birth_date_stays_below_critical() {
    let matcher = sdn();
    let with_dob = |dob: &'static str| NameQuery {
        name: "Kim Min-jun",
        birth_date: Some(dob),
        nationality: None,
    };
    for dob in ["1990-07-02", "1985-01-01"] {
        for found in matcher.match_name(&with_dob(dob)) {
            assert_eq!(found.severity, Severity::Review, "{dob}: {found:?}");
            assert!(found.score < CRITICAL_THRESHOLD, "{dob}: {}", found.score);
        }
    }
    // Another year: not even a review.
    assert!(matcher
        .match_name(&with_dob("1985-01-01"))
        .iter()
        .all(|m| m.entry_id != "300"));
    // The same date: a hold.
    let same = top(&matcher, &with_dob("1990-03-15")).unwrap_or_else(|| panic!("no match"));
    assert_eq!(
        (same.entry_id.as_str(), same.severity),
        ("300", Severity::Critical)
    );
}

#[test]
fn a_contradicting_nationality_rules_out_a_hold() {
    let matcher = sdn();
    let q = NameQuery {
        name: "Ali Khorashadizadeh",
        birth_date: None,
        nationality: Some("CN"),
    };
    let found = top(&matcher, &q).unwrap_or_else(|| panic!("no match"));
    assert_eq!(
        (found.entry_id.as_str(), found.severity),
        ("600", Severity::Review)
    );
}

#[test]
fn organisations_match_with_or_without_their_legal_form_and_by_alias() {
    let matcher = sdn();
    for name in [
        "Yanbian Silverstar Network Technology",
        "Yanbian Silverstar Network Technology Co., Ltd.",
        "YANBIAN SILVER STAR NETWORK TECHNOLOGY CO LTD",
    ] {
        let found = top(&matcher, &query(name)).unwrap_or_else(|| panic!("{name}: no match"));
        assert_eq!(found.entry_id, "24977", "{name}");
        assert!(found.score >= CRITICAL_THRESHOLD, "{name}: {}", found.score);
        assert_index_is_exhaustive(&matcher, &query(name));
    }
    let found = top(&matcher, &query("Silver Star Internet Technology Corp"))
        .unwrap_or_else(|| panic!("no match"));
    assert_eq!(found.entry_id, "24977");
    assert!(found.is_alias);
    // One entry appears once, with its best name.
    let lazarus = matcher.match_name(&query("Lazarus Group"));
    assert_eq!(lazarus.len(), 1);
    assert!(!lazarus[0].is_alias);
}

#[test]
fn unrelated_names_do_not_match() {
    let matcher = sdn();
    for name in [
        "Ada Lovelace",
        "Grace Hopper",
        "Wang Wei",
        "Kim",
        "",
        "  ,  ",
        "Jong Un Kimberly-Smith",
    ] {
        let found = matcher.match_name(&query(name));
        assert!(found.is_empty(), "{name}: {found:?}");
        assert_index_is_exhaustive(&matcher, &query(name));
    }
}

#[test]
fn the_index_finds_typos_and_transliterations() {
    let matcher = sdn();
    for name in [
        "Mohammed Abdullah Al-Rashidy", // one substitution
        "Mohammed Abdullah Al-Rahsidi", // one transposition
        "Mohamed Abdullah Al-Rashidi",  // one deletion
        "Muhammad Abdallah Al Rashidi", // transliteration
        "Khorashadizade Ali",           // one deletion, reordered
    ] {
        let found = matcher.match_name(&query(name));
        assert!(
            found
                .iter()
                .any(|m| m.entry_id == "500" || m.entry_id == "600"),
            "{name}: {found:?}"
        );
        assert_index_is_exhaustive(&matcher, &query(name));
    }
}

/// An employer's name is compared with listed organisations only: otherwise a dozen persons
/// listed under the same words could fill the ten matches returned and hide the company.
#[test]
fn an_employer_is_matched_among_organisations_only() {
    let mut names: Vec<ListName> = (0..12)
        .map(|i| {
            person(
                &format!("a{i:02}"),
                "Korea Sobaeksu Trading Company",
                &[],
                &[],
            )
        })
        .collect();
    names.push(organization("z", "Korea Sobaeksu Trading Company"));
    let matcher = Matcher::new(&names, &[]);
    let everyone = matcher.match_name(&query("Korea Sobaeksu Trading Company"));
    assert_eq!(everyone.len(), MAX_RESULTS);
    assert!(
        everyone.iter().all(|m| m.kind == NameKind::Person),
        "{everyone:?}"
    );
    let employers = matcher.match_organization("Korea Sobaeksu Trading Company");
    assert_eq!(employers.len(), 1, "{employers:?}");
    assert_eq!(employers[0].entry_id, "z");
    assert_eq!(employers[0].kind, NameKind::Organization);
}
