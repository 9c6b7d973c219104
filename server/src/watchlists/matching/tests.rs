//! The hard cases of issue 4 (items 3 and 8) through the whole [`Matcher`], and the index
//! against the exhaustive scan on a generated corpus.

use super::*;
use std::collections::BTreeSet;

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

#[test]
fn wallets_match_by_chain_rules() {
    let matcher = sdn();
    let evm = matcher.match_identifier(
        IdentifierKind::Wallet,
        "0x098b716b8aaf21512996dc57eb0615e2383e2f96",
    );
    assert_eq!(evm.len(), 1);
    assert_eq!(
        (evm[0].entry_id.as_str(), evm[0].indicator),
        ("27307", "KNOWN-02")
    );
    assert_eq!(evm[0].severity, Severity::Critical);
    assert_eq!(
        evm[0].matched_value,
        "0x098B716B8Aaf21512996dC57EB0615e2383E2f96"
    );
    assert!(matcher
        .match_identifier(IdentifierKind::Wallet, "149W62RY42AZBOX8FGCMQNSXUZSSTKEQ8C")
        .is_empty());
    assert_eq!(
        matcher
            .match_identifier(IdentifierKind::Wallet, "149w62rY42aZBox8fGcmqNsXUzSStKeq8C")
            .len(),
        1
    );
}

#[test]
fn contacts_and_documents_match_canonically() {
    let matcher = sdn();
    let hits = |kind, value| -> Vec<(String, &'static str)> {
        matcher
            .match_identifier(kind, value)
            .into_iter()
            .map(|m| (m.entry_id, m.indicator))
            .collect()
    };
    let known_03 = |entry: &str| vec![(entry.to_owned(), "KNOWN-03")];
    assert_eq!(
        hits(IdentifierKind::Email, "Topp.Glasses+jobs@googlemail.com"),
        known_03("600")
    );
    assert_eq!(
        hits(IdentifierKind::Phone, "+86 133 1425 7947"),
        known_03("28264")
    );
    assert_eq!(
        hits(IdentifierKind::Phone, "0086 133-1425-7947"),
        known_03("28264")
    );
    assert_eq!(
        hits(IdentifierKind::IdNumber, "t 1455 3558"),
        known_03("600")
    );
    assert_eq!(
        hits(
            IdentifierKind::Domain,
            "https://www.SilverStar.example/jobs"
        ),
        known_03("24977")
    );
    assert!(hits(IdentifierKind::Email, "someone@example.com").is_empty());
    assert!(hits(IdentifierKind::Phone, "n/a").is_empty());
}

/// A small deterministic generator (xorshift), so every run checks the same names.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

#[rustfmt::skip]
const FAMILY: &[&str] = &[
    "Kim", "Lee", "Park", "Choi", "Jung", "Ri", "Pak", "Wang", "Li", "Zhang", "Liu", "Chen",
    "Al-Rashid", "Haddad", "Khoury", "Hamdan", "Ivanov", "Petrov", "Smirnov", "Kuznetsov", "Smith",
    "Garcia", "Rossi", "Muller", "Silva", "Nguyen",
];
#[rustfmt::skip]
const GIVEN: &[&str] = &[
    "Jong-un", "Min Jun", "Song-chol", "Hyon", "Wei", "Xiaoming", "Haoran", "Mohammed", "Muhammad",
    "Ahmed", "Hussein", "Youssef", "Abdul Rahman", "Ivan", "Sergei", "Aleksandr", "Alexander",
    "Olga", "Natalia", "James", "Maria", "Jose", "Giulia", "J.", "K. J.",
];
#[rustfmt::skip]
const SYLLABLES: &[&str] = &[
    "ba", "ko", "ri", "ma", "ne", "to", "sa", "vi", "lo", "de", "zu", "ha",
];

fn generated_name(rng: &mut Rng) -> String {
    let family = if rng.below(3) == 0 {
        let count = 2 + rng.below(2);
        let word: String = (0..count).map(|_| rng.pick(SYLLABLES)).collect();
        let mut chars = word.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or(word)
    } else {
        rng.pick(FAMILY).to_owned()
    };
    let given = rng.pick(GIVEN);
    match rng.below(3) {
        0 => format!("{}, {given}", family.to_uppercase()),
        1 => format!("{given} {family}"),
        _ => format!("{family} {given}"),
    }
}

/// One substitution, transposition, deletion or insertion inside the name.
fn typo(rng: &mut Rng, name: &str) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    if chars.len() < 4 {
        return name.to_owned();
    }
    let i = 1 + rng.below(chars.len() - 2);
    match rng.below(4) {
        0 => chars[i] = ['a', 'e', 'o', 'n', 'r', 'k'][rng.below(6)],
        1 => chars.swap(i, i + 1),
        2 => {
            chars.remove(i);
        }
        _ => chars.insert(i, ['a', 'h', 'n'][rng.below(3)]),
    }
    chars.into_iter().collect()
}

#[test]
fn the_index_never_misses_a_name_the_exhaustive_scan_finds() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut names = Vec::new();
    for entry in 0..1500 {
        let name = generated_name(&mut rng);
        names.push(person(&entry.to_string(), &name, &[], &[]));
        if rng.below(3) == 0 {
            names.push(alias(person(
                &entry.to_string(),
                &typo(&mut rng, &name),
                &[],
                &[],
            )));
        }
        if rng.below(10) == 0 {
            let org = format!("{} Trading Co., Ltd.", rng.pick(FAMILY));
            names.push(organization(&format!("o{entry}"), &org));
        }
    }
    let matcher = Matcher::new(&names, &[]);
    let mut found = 0;
    for i in 0..150 {
        let listed = names[rng.below(names.len())].name.clone();
        let name = match i % 3 {
            0 => listed,
            1 => typo(&mut rng, &listed),
            _ => generated_name(&mut rng),
        };
        let q = query(&name);
        assert_index_is_exhaustive(&matcher, &q);
        found += matcher.match_name_all(&q).len();
    }
    assert!(found > 60, "the corpus should produce matches: {found}");
}

#[test]
fn the_index_visits_a_small_part_of_the_list() {
    let mut rng = Rng(7);
    let mut names: Vec<ListName> = (0..3000)
        .map(|i| person(&i.to_string(), &generated_name(&mut rng), &[], &[]))
        .collect();
    names.push(person("petrov", "PETROV, Ivan", &[], &[]));
    let matcher = Matcher::new(&names, &[]);
    let terms = NameTerms::new(&normalise("Ivan Petrov", Style::Person));
    let search = matcher.index.search(&terms, index::PERSON);
    assert!(
        search.visited * 4 < matcher.index.form_count(),
        "{search:?}"
    );
    assert!(!search.matches.is_empty());
}
