//! The comparability rule and the property the index relies on: comparable parts share a key
//! or a prefix.

use super::*;

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

fn single(s: &str) -> Term {
    Term::single(chars(s))
}

/// What the index finds `b` by, from `a`: a shared key, prefix, shifted prefix or ending.
fn found_by_index(a: &Term, b: &Term) -> bool {
    let (mut ka, mut kb) = (Vec::new(), Vec::new());
    keys(a.view(), &mut ka);
    keys(b.view(), &mut kb);
    ka.iter().any(|k| kb.contains(k))
        || share_prefix(&a.chars, &b.chars)
        || share_suffix(&a.chars, &b.chars)
        || share_shifted_prefix(&a.chars, &b.chars)
}

#[test]
fn one_edit_apart_is_comparable() {
    for (a, b) in [
        ("jonathan", "jonathon"), // substitution
        ("mohamed", "mohammed"),  // insertion
        ("xaby", "xbay"),         // transposition
        ("jon", "jong"),
        ("un", "eun"),
        ("kim", "kin"),
    ] {
        assert!(share_deletion_variant(&chars(a), &chars(b)), "{a} / {b}");
        assert!(comparable(single(a).view(), single(b).view()), "{a} / {b}");
    }
    assert!(!share_deletion_variant(&chars("un"), &chars("an")));
    assert!(!share_deletion_variant(&chars("kim"), &chars("lee")));
    assert!(!share_deletion_variant(&chars("abcd"), &chars("badc")));
}

#[test]
fn transliteration_variants_share_a_skeleton() {
    assert_eq!(skeleton(&chars("mohammed")), skeleton(&chars("muhammad")));
    assert_eq!(skeleton(&chars("hussein")), skeleton(&chars("husayn")));
    assert_eq!(skeleton(&chars("alexander")), skeleton(&chars("aleksandr")));
    assert!(comparable(single("yusuf").view(), single("yousef").view()));
    assert!(!comparable(single("smith").view(), single("jones").view()));
    // Two codes count only for parts that begin alike.
    assert!(comparable(
        single("mohammed").view(),
        single("muhammad").view()
    ));
    assert!(!comparable(single("sun").view(), single("chen").view()));
}

#[test]
fn a_shared_prefix_is_comparable() {
    assert!(comparable(
        single("petrenko").view(),
        single("petrov").view()
    ));
    assert!(comparable(
        single("ibrahimal").view(),
        single("ibrahim").view()
    ));
    assert!(!comparable(
        single("petrov").view(),
        single("ivanov").view()
    ));
    // An initial has no prefix: it pairs with a full part only as an initial.
    assert!(!comparable(single("p").view(), single("petrov").view()));
}

#[test]
fn romanisation_classes_are_comparable() {
    assert!(comparable(single("pak").view(), single("park").view()));
    assert!(comparable(single("lee").view(), single("ri").view()));
}

#[test]
fn joined_parts_need_equality_a_skeleton_a_prefix_an_ending_or_the_letters() {
    let joined = Term::joined(&chars("jong"), &chars("un"));
    assert_eq!(joined.text(), "jongun");
    assert!(comparable(joined.view(), single("jongun").view()));
    assert!(comparable(joined.view(), single("jongeun").view()));
    assert!(comparable(joined.view(), single("jong").view()));
    assert!(comparable(joined.view(), single("yongun").view())); // the ending
    let joined = Term::joined(&chars("juan"), &chars("tian"));
    assert!(comparable(joined.view(), single("xuantian").view()));
    assert!(!comparable(joined.view(), single("qiantang").view()));
}

#[test]
fn a_shared_ending_is_comparable() {
    assert!(share_suffix(&chars("orlenko"), &chars("popenko")));
    assert!(comparable(
        single("orlenko").view(),
        single("popenko").view()
    ));
    // Three chars: a shared `ov` or `an` is not enough.
    assert!(!share_suffix(&chars("petrov"), &chars("ivanov")));
    assert!(!comparable(
        single("petrov").view(),
        single("ivanov").view()
    ));
    assert!(!share_suffix(&chars("ab"), &chars("ab")));
    assert_eq!(suffix(&chars("kozlov")), Some(&chars("lov")[..]));
}

#[test]
fn a_leading_letter_dropped_or_added_is_comparable() {
    for (a, b) in [("yevgeniy", "evgeny"), ("hwang", "wang"), ("abcd", "bc")] {
        assert!(share_shifted_prefix(&chars(a), &chars(b)), "{a} / {b}");
        assert!(share_shifted_prefix(&chars(b), &chars(a)), "{b} / {a}");
    }
    assert!(comparable(
        single("yevgeniy").view(),
        single("evgeny").view()
    ));
    assert!(!share_shifted_prefix(&chars("yevgeniy"), &chars("vgeny")));
    assert!(!share_shifted_prefix(&chars("ab"), &chars("b")));
    assert_eq!(second_prefix(&chars("kim")), Some(&chars("im")[..]));
    assert_eq!(second_prefix(&chars("ki")), None);
}

#[test]
fn the_same_letters_but_one_are_comparable() {
    for (a, b) in [
        ("robeov", "vorobev"), // one more `v`
        ("orlenko", "orlenok"),
        ("dereov", "fedorev"),
        ("abcd", "dcba"),
        ("abcd", "xbcd"),
    ] {
        assert!(share_letters_but_one(&chars(a), &chars(b)), "{a} / {b}");
        assert!(share_letters_but_one(&chars(b), &chars(a)), "{b} / {a}");
        assert!(comparable(single(a).view(), single(b).view()), "{a} / {b}");
    }
    for (a, b) in [
        ("robeov", "vorobeva"), // two more
        ("abcd", "xycd"),       // two letters differ on each side
        ("abc", "cba"),         // too short
        ("abcdd", "abccc"),
    ] {
        assert!(!share_letters_but_one(&chars(a), &chars(b)), "{a} / {b}");
        assert!(!share_letters_but_one(&chars(b), &chars(a)), "{b} / {a}");
    }
}

/// The property the index relies on: comparable implies a shared key or prefix.
#[test]
fn comparable_parts_always_share_a_key() {
    let words = [
        "kim",
        "gim",
        "kin",
        "jong",
        "jung",
        "jeong",
        "un",
        "eun",
        "pak",
        "park",
        "lee",
        "ri",
        "i",
        "yi",
        "mohammed",
        "muhammad",
        "petrenko",
        "petrov",
        "pe",
        "mohamed",
        "ali",
        "alli",
        "hussein",
        "husayn",
        "ivan",
        "ivanov",
        "jon",
        "john",
        "jonathan",
        "jonathon",
        "xaby",
        "xbay",
        "anna",
        "ana",
        "li",
        "wei",
        "wie",
        "k",
        "77",
        "777",
        "金",
        "محمد",
        "محمود",
        "orlenko",
        "popenko",
        "orlenok",
        "robeov",
        "vorobev",
        "dereov",
        "fedorev",
        "xuantian",
        "yongun",
        "nujgo",
        "abcd",
        "dcba",
        "bcda",
        "abc",
        "cab",
        "yevgeniy",
        "evgeny",
        "hwang",
        "wang",
    ];
    let mut terms: Vec<Term> = words.iter().map(|w| single(w)).collect();
    terms.push(Term::joined(&chars("jong"), &chars("un")));
    terms.push(Term::joined(&chars("abdul"), &chars("rahman")));
    terms.push(single("abdulrahman"));
    terms.push(single("jongun"));
    terms.push(Term::joined(&chars("juan"), &chars("tian")));
    terms.push(Term::joined(&chars("gun"), &chars("jo")));
    for a in &terms {
        for b in &terms {
            if comparable(a.view(), b.view()) {
                assert!(found_by_index(a, b), "{} / {}", a.text(), b.text());
            }
        }
    }
}
