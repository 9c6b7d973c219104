//! The index against the exhaustive scan on generated names: same answers, a fraction of the work.

use super::generate::*;
use super::*;

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

/// A name is also read as an organisation's (`WANG, Jing` as `wang jing`), and that reading is
/// compared with the organisations alone: its candidates come from the organisations'
/// postings (`NameIndex::postings_in`), not from the thousands of persons sharing its parts,
/// and the answers are still the exhaustive scan's.
#[test]
fn an_organisation_reading_gathers_only_organisations() {
    // A hundred persons named `WANG, Jing` and a distinct third part: a hundred forms.
    let mut names: Vec<ListName> = (0..100)
        .map(|i| {
            let third = format!("{}{}", SYLLABLES[i % 12], SYLLABLES[i / 12]);
            person(&format!("p{i}"), &format!("WANG, Jing {third}"), &[], &[])
        })
        .collect();
    names.push(organization("wj", "Wang Jing Trading Co., Ltd."));
    names.push(organization("jw", "Jing Wang Holdings"));
    let matcher = Matcher::new(&names, &[]);

    let terms = NameTerms::new(&normalise("Wang Jing", Style::Organization));
    let as_organization = matcher.index.search(&terms, index::ORGANIZATION);
    let as_either = matcher
        .index
        .search(&terms, index::PERSON | index::ORGANIZATION);
    assert!(as_organization.visited <= 2, "{as_organization:?}");
    assert!(as_either.visited >= 100, "{as_either:?}");
    assert!(as_organization
        .matches
        .iter()
        .all(|m| as_either.matches.contains(m)));

    for name in ["WANG, Jing", "Wang Jing Trading", "Jing Wang Holdings Ltd"] {
        assert_index_is_exhaustive(&matcher, &query(name));
    }
    let found = matcher.match_organization("Wang Jing Trading");
    assert_eq!(
        found.first().map(|m| m.entry_id.as_str()),
        Some("wj"),
        "{found:?}"
    );
}

/// Jaro-Winkler's prefix bonus pairs `petrenko` with `petrov` (0.82 after the length penalty):
/// a plain scan finds `PETROV, Ivan` for `Ivan Petrenko` at review level, and so must the index.
#[test]
fn the_index_pairs_parts_that_begin_alike_as_a_plain_scan_does() {
    let names = [
        person("petrov", "PETROV, Ivan", &[], &[]),
        person("ivanov", "IVANOV, Petr", &[], &[]),
        person("sidorov", "SIDOROV, Ivan", &[], &[]),
    ];
    let matcher = Matcher::new(&names, &[]);
    let q = query("Ivan Petrenko");
    let entries = |matches: Vec<NameMatch>| -> BTreeSet<String> {
        matches.into_iter().map(|m| m.entry_id).collect()
    };
    let found = matcher.match_name_all(&q);
    assert!(
        found
            .iter()
            .any(|m| m.entry_id == "petrov" && m.severity == Severity::Review),
        "{found:?}"
    );
    assert_eq!(
        entries(found),
        entries(matcher.match_name_exhaustive(&q, Gate::PlainJaroWinkler))
    );
    assert_index_is_exhaustive(&matcher, &q);
}

/// Jaro counts common chars in any order and gives no bonus for a shared start, so a plain
/// scan also pairs parts that begin differently but end alike (`orlenko`/`popenko`, 0.81) or
/// hold the same letters but one (`robeov`/`vorobev`, 0.84), joined or not
/// (`juantian`/`xuan tian`), or begin alike once a leading letter is dropped
/// (`yevgeniy`/`evgeny`). The index finds them by their ending and their chars after the first
/// (`orders.rs`) and by their letter keys.
#[test]
fn the_index_pairs_parts_that_begin_differently_as_a_plain_scan_does() {
    let names = [
        person("popenko", "POPENKO, Ivan", &[], &[]),
        person("vorobev", "VOROBEV, Oleg", &[], &[]),
        person("xuan", "LI, Xuan Tian", &[], &[]),
        person("ivanov", "IVANOV, Petr", &[], &[]),
        person("kozlov", "KOZLOV, Oleg", &[], &[]),
        person("evgeny", "EVGENY, Ivan", &[], &[]),
        person("yevgeniy", "YEVGENIY, Petr", &[], &[]),
    ];
    let matcher = Matcher::new(&names, &[]);
    let entries = |matches: Vec<NameMatch>| -> BTreeSet<String> {
        matches.into_iter().map(|m| m.entry_id).collect()
    };
    for (name, expected) in [
        ("Ivan Orlenko", "popenko"),
        ("Oleg Robeov", "vorobev"),
        ("Li Juantian", "xuan"),
        ("Yevgeniy Ivan", "evgeny"),
        ("Petr Evgeny", "yevgeniy"),
    ] {
        let q = query(name);
        let found = matcher.match_name_all(&q);
        assert_eq!(
            entries(found.clone()),
            BTreeSet::from([expected.to_owned()]),
            "{name}"
        );
        assert_eq!(
            entries(found),
            entries(matcher.match_name_exhaustive(&q, Gate::PlainJaroWinkler)),
            "{name}"
        );
        assert_index_is_exhaustive(&matcher, &q);
    }
}

/// A common name matches far more entries than `match_name` returns; the search stops once no
/// other name can make the cut, and what it returns is exactly the best entries of a full scan,
/// with the qualifiers (which can lift a lower-scoring name over a better one) taken into
/// account.
#[test]
fn the_best_matches_of_a_common_name_are_those_of_a_full_scan() {
    let mut rng = Rng(11);
    let dates = ["1970-01-01", "1982-05-17", "1982", "1990-12-30"];
    let countries = ["KP", "CN", "RU", "US"];
    let names: Vec<ListName> = (0..600)
        .map(|i| {
            let family = rng.pick(&["Kim", "Kimm", "Gim", "Kin", "Kim"]);
            let given = rng.pick(&["Chol", "Chul", "Cheol", "Chol Su", "Chol-jin", "Cho"]);
            let name = if rng.below(2) == 0 {
                format!("{family} {given}")
            } else {
                format!("{}, {given}", family.to_uppercase())
            };
            let dob = rng.pick(&dates);
            let country = rng.pick(&countries);
            person(&format!("e{i}"), &name, &[dob], &[country])
        })
        .collect();
    let matcher = Matcher::new(&names, &[]);
    for (name, birth_date, nationality) in [
        ("Kim Chol", Some("1982-05-17"), Some("KP")),
        ("Kim Chol", None, None),
        ("Kim Cheol", Some("1990-12-30"), Some("North Korea")),
        ("Gim Cheol", Some("1970"), None),
        ("KIM, Chul", None, Some("RU")),
    ] {
        let q = NameQuery {
            name,
            birth_date,
            nationality,
        };
        assert!(
            matcher.match_name_all(&q).len() > 3 * MAX_RESULTS,
            "{name}: the corpus should hold many matches"
        );
        assert_eq!(matcher.match_name(&q).len(), MAX_RESULTS, "{name}");
        assert_index_is_exhaustive(&matcher, &q);
    }
    // Born years away from every listed date: no name can make the threshold.
    for birth_date in ["1960-01-01", "2001"] {
        let q = NameQuery {
            name: "Kim Chol",
            birth_date: Some(birth_date),
            nationality: Some("KP"),
        };
        assert!(matcher.match_name(&q).is_empty(), "{birth_date}");
        assert_index_is_exhaustive(&matcher, &q);
    }
}

/// `Han Han` against `HAN, Li`: both query parts' best hit is the one listed `han`, which can
/// pair only once, so the bound leaves the form out without aligning it.
#[test]
fn one_listed_part_is_not_counted_for_two_query_parts() {
    let givens = ["Li", "Wei", "Jun", "Mei", "Bo", "Tao", "Yu", "Qing"];
    let mut names: Vec<ListName> = givens
        .iter()
        .enumerate()
        .map(|(i, given)| person(&i.to_string(), &format!("HAN, {given}"), &[], &[]))
        .collect();
    names.push(person("hanhan", "Han Han", &[], &[]));
    let matcher = Matcher::new(&names, &[]);
    let terms = NameTerms::new(&normalise("Han Han", Style::Person));
    let search = matcher.index.search(&terms, index::PERSON);
    assert_eq!(search.visited, names.len(), "{search:?}");
    assert_eq!(search.aligned, 1, "{search:?}");
    assert_eq!(search.matches.len(), 1, "{search:?}");
    assert_index_is_exhaustive(&matcher, &query("Han Han"));
}

/// `Ho Zi` against `HO Zi Ming`: both query parts pair exactly, but `ming` is left over and
/// costs a fifth of its weight (4 / 4.8 < 0.85), which the bound counts since nothing in the
/// query can pair it, so only the exact name is aligned.
#[test]
fn a_listed_part_nothing_can_pair_lowers_the_bound() {
    let mut names = vec![
        person("short", "Ho Zi", &[], &[]),
        person("long", "HO Zi Ming", &[], &[]),
    ];
    let terms = NameTerms::new(&normalise("Ho Zi", Style::Person));
    let search = Matcher::new(&names, &[])
        .index
        .search(&terms, index::PERSON);
    assert_eq!((search.visited, search.aligned), (2, 1), "{search:?}");
    assert_eq!(search.matches.len(), 1, "{search:?}");
    // With an initial in the query, a listed part may pair outside the hits (`k` with
    // `konstantinopolsky`, 0.94 against a bound of 0.80 were it counted as left over).
    names.push(person("initial", "Ho Zi M.", &[], &[]));
    names.push(person(
        "alexander",
        "Alexander Petrovich Konstantinopolsky",
        &[],
        &[],
    ));
    let matcher = Matcher::new(&names, &[]);
    for name in ["Ho Zi", "Ho Zi M.", "Ho Zi Mi", "Alexander Petrovich K."] {
        assert_index_is_exhaustive(&matcher, &query(name));
    }
    let query = NameTerms::new(&normalise("Alexander Petrovich K.", Style::Person));
    assert_eq!(matcher.index.search(&query, index::PERSON).matches.len(), 1);
}

/// Ties at the top score are broken by name similarity, so once the tenth best match of a name
/// listed many times is its exact spelling at score 1 and critical, the search skips every near
/// spelling. Below score 1 it must not: a nearer spelling can be outscored by a further one
/// whose date of birth and nationality agree.
#[test]
fn a_near_spelling_with_agreeing_qualifiers_outranks_a_closer_one_without() {
    let mut names: Vec<ListName> = (0..15)
        .map(|i| person(&format!("close{i:02}"), "Gim Chol", &[], &[]))
        .collect();
    names.extend((0..5).map(|i| person(&format!("born{i}"), "Kim Chal", &["1982-05-17"], &["KP"])));
    let exact: Vec<ListName> = (0..15)
        .map(|i| person(&format!("exact{i:02}"), "Kim Chol", &[], &[]))
        .collect();
    let q = NameQuery {
        name: "Kim Chol",
        birth_date: Some("1982-05-17"),
        nationality: Some("KP"),
    };

    let matcher = Matcher::new(&names, &[]);
    let found = matcher.match_name(&q);
    let entries: Vec<&str> = found.iter().map(|m| m.entry_id.as_str()).collect();
    assert_eq!(found.len(), MAX_RESULTS, "{entries:?}");
    assert!(
        entries.iter().take(5).all(|e| e.starts_with("born")),
        "the agreeing qualifiers lift the further spelling first: {found:#?}"
    );
    let (first, last) = (&found[0], &found[MAX_RESULTS - 1]);
    assert!(first.score > last.score, "{first:?} / {last:?}");
    assert!(first.name_similarity < last.name_similarity);
    assert_index_is_exhaustive(&matcher, &q);

    // With the exact spelling listed fifteen times, the best ten are all exact, and the search
    // aligns nothing else once they are kept.
    names.extend(exact);
    let matcher = Matcher::new(&names, &[]);
    let found = matcher.match_name(&q);
    assert!(
        found.iter().all(|m| m.entry_id.starts_with("exact")),
        "at score 1, the exact spelling ranks before the qualified near one: {found:#?}"
    );
    assert_index_is_exhaustive(&matcher, &q);
}

/// A search handed a floor (what the caller kept from another reading of the name) aligns only
/// the forms that can reach it.
#[test]
fn a_search_starts_from_the_floor_it_is_handed() {
    let mut names: Vec<ListName> = ["Kim Chol", "KIM, Chol", "Kimm Chol", "Gim Chul", "Kim Cho"]
        .iter()
        .enumerate()
        .map(|(i, name)| person(&i.to_string(), name, &[], &[]))
        .collect();
    names.push(person("other", "Ri Song", &[], &[]));
    let matcher = Matcher::new(&names, &[]);
    let terms = NameTerms::new(&normalise("Kim Chol", Style::Person));
    let room = candidates::Room {
        most: 0.0,
        of: &|_| 0.0,
    };
    let search_from = |floor: candidates::Floor| {
        let mut visited = Vec::new();
        let search = matcher.index.search_best_first(
            &terms,
            index::PERSON,
            &mut hits::HitCache::default(),
            &room,
            floor,
            &mut |found| {
                visited.push(found.similarity);
                floor
            },
        );
        (search.aligned, visited)
    };
    let (aligned, visited) = search_from(candidates::Floor::REVIEW);
    assert_eq!((aligned, visited.len()), (5, 5), "{visited:?}");
    let top = candidates::Floor {
        score: 1.0,
        similarity: 1.0,
    };
    let (aligned, visited) = search_from(top);
    assert_eq!(
        aligned, 2,
        "only the exact forms, `kim chol` and `chol kim`"
    );
    assert_eq!(visited, [1.0, 1.0]);
}
