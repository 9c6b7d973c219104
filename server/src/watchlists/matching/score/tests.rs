use super::super::normalise::{normalise, Style};
use super::super::term::NameTerms;
use super::*;

fn terms(name: &str, style: Style) -> NameTerms {
    NameTerms::new(&normalise(name, style))
}

fn score(query: &str, listed: &str) -> f64 {
    score_as(query, listed, Style::Person).similarity
}

fn score_as(query: &str, listed: &str, style: Style) -> Outcome {
    let (q, l) = (terms(query, style), terms(listed, style));
    let q_parts: Vec<TermRef<'_>> = q.parts.iter().map(|t| t.view()).collect();
    let q_joined: Vec<Option<TermRef<'_>>> = q
        .joined
        .iter()
        .map(|t| t.as_ref().map(|t| t.view()))
        .collect();
    let l_parts: Vec<TermRef<'_>> = l.parts.iter().map(|t| t.view()).collect();
    let l_joined: Vec<Option<TermRef<'_>>> = l
        .joined
        .iter()
        .map(|t| t.as_ref().map(|t| t.view()))
        .collect();
    let mut scratch = Scratch::default();
    align(
        &Side {
            parts: &q_parts,
            joined: &q_joined,
        },
        &Side {
            parts: &l_parts,
            joined: &l_joined,
        },
        Gate::Comparable,
        &mut scratch,
    )
}

#[test]
fn spellings_of_kim_jong_un_score_one() {
    for query in [
        "Kim Jong-un",
        "Kim Jong Un",
        "KIM Jong Un",
        "KIM, Jong Un",
        "JONG UN, Kim",
        "Kim Jongun",
        "김정은",
    ] {
        assert!(
            score(query, "KIM, Jong Un") >= 0.95,
            "{query}: {}",
            score(query, "KIM, Jong Un")
        );
        assert!(score(query, "Kim Jong-un") >= 0.95, "{query}");
    }
}

#[test]
fn pak_and_park_are_the_same_name() {
    assert!(score("Pak Jong Un", "Park Jong Un") >= 0.95);
    assert!(score("Ri Song Chol", "Lee Sung Cheol") >= 0.95);
}

#[test]
fn typos_score_high_but_other_people_do_not() {
    assert!(score("Jonathan Smith", "Jonathon Smith") >= 0.9);
    assert!(score("Mohammed Hussein", "Muhammad Hussain") >= REVIEW_THRESHOLD);
    assert!(score("Kim Jong Un", "Kim Jong Il") < REVIEW_THRESHOLD);
    assert!(score("Kim Min Jun", "Kim Min Ji") < REVIEW_THRESHOLD);
    assert!(score("Ada Lovelace", "Grace Hopper") < 0.5);
    assert_eq!(score("", "Kim"), 0.0);
}

#[test]
fn extra_listed_parts_cost_less_than_extra_query_parts() {
    let listed_extra = score("John Smith", "John Bartholomew Smith");
    let query_extra = score("John Bartholomew Smith", "John Smith");
    assert!(
        listed_extra > 0.75 && listed_extra < REVIEW_THRESHOLD,
        "{listed_extra}"
    );
    assert!(query_extra < 0.5, "{query_extra}");
    assert!(score("Kim", "KIM, Jong Un") < REVIEW_THRESHOLD);
    let longer = score("Kim Jong Un", "Kim Jong Un Chol");
    assert!(
        (REVIEW_THRESHOLD..CRITICAL_THRESHOLD).contains(&longer),
        "{longer}"
    );
}

#[test]
fn initials_count_little_and_never_reach_critical() {
    let initials = score_as("K. J. Un", "Kim Jong Un", Style::Person);
    assert!(initials.initials);
    assert!(
        initials.similarity > 0.3 && initials.similarity < REVIEW_THRESHOLD,
        "{}",
        initials.similarity
    );
    let middle = score_as("John A. Smith", "John Adam Smith", Style::Person);
    assert!(
        middle.initials
            && middle.similarity >= REVIEW_THRESHOLD
            && middle.similarity <= INITIALS_CAP
    );
}

#[test]
fn organisations_match_without_their_legal_form() {
    let org = |q: &str, l: &str| score_as(q, l, Style::Organization).similarity;
    assert_eq!(
        org(
            "Yanbian Silverstar Network Technology",
            "YANBIAN SILVERSTAR NETWORK TECHNOLOGY CO., LTD."
        ),
        1.0
    );
    assert!(
        org(
            "Yanbian Silver Star Network Technology Co Ltd",
            "YANBIAN SILVERSTAR NETWORK TECHNOLOGY CO., LTD."
        ) >= 0.95
    );
    assert!(org("Sobaeksu United Co.", "KOREA SOBAEKSU UNITED CO.") >= REVIEW_THRESHOLD);
    assert!(org("Sobaeku United Corp", "SOBAEKSU UNITED CORP.") >= REVIEW_THRESHOLD);
}

#[test]
fn part_similarity_respects_the_floor_and_the_gate() {
    let (a, b) = (
        super::super::term::Term::single(vec!['u', 'n']),
        super::super::term::Term::single(vec!['a', 'n']),
    );
    assert_eq!(part_similarity(a.view(), b.view(), Gate::Comparable), 0.0);
    let (a, b) = (
        super::super::term::Term::single(vec!['j', 'o', 'n', 'g']),
        super::super::term::Term::single(vec!['j', 'a', 'n', 'g']),
    );
    assert!(part_similarity(a.view(), b.view(), Gate::Comparable) >= PAIR_FLOOR);
}

#[test]
fn token_sort_is_reported_for_information() {
    let q = terms("jong kim", Style::Person);
    let l = terms("jang kam", Style::Person);
    let qv: Vec<TermRef<'_>> = q.parts.iter().map(|t| t.view()).collect();
    let lv: Vec<TermRef<'_>> = l.parts.iter().map(|t| t.view()).collect();
    assert!(token_sort_jaro_winkler(&qv, &lv) > 0.8);
}

/// Deterministic pseudo-random parts (xorshift from `seed`) of 1 to `max_len` chars of
/// `alphabet`.
fn random_parts(alphabet: &str, seed: u64, max_len: usize) -> impl FnMut() -> Vec<char> {
    let alphabet: Vec<char> = alphabet.chars().collect();
    let mut state = seed;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    move || {
        let len = 1 + next(max_len);
        (0..len).map(|_| alphabet[next(alphabet.len())]).collect()
    }
}

#[test]
fn the_common_char_bound_never_drops_a_pair_jaro_winkler_would_keep() {
    // A small alphabet (many shared letters, repeats, transpositions) plus a few non-Latin chars
    // that share buckets.
    let mut part = random_parts("aeikmnorsu\u{e9}\u{44f}\u{5c71}", 0x2545_f491_4f6c_dd1d, 9);
    for _ in 0..50_000 {
        let (a, b) = (part(), part());
        let m = common_chars_bound(&a, &b) as f64;
        let bound = 0.6 * ((m / a.len() as f64 + m / b.len() as f64 + 1.0) / 3.0) + 0.4;
        let jw = jaro_winkler(&a, &b);
        assert!(
            m > 0.0 || jw == 0.0,
            "{a:?} {b:?}: no common char but Jaro-Winkler {jw}"
        );
        assert!(bound + 1e-12 >= jw, "{a:?} {b:?}: bound {bound} < {jw}");
    }
}

#[test]
fn the_common_char_table_agrees_with_the_bound_it_tabulates() {
    for len in 0..=70 {
        let needed = CommonNeeded::new(len);
        for other in 0..=70 {
            for common in 0..=len.min(other) {
                for prefix in 0..=MAX_PREFIX {
                    assert_eq!(
                        needed.allows(other, common, prefix),
                        could_reach_floor_with_prefix(len, other, common, prefix),
                        "{len} / {other} with {common} in common, prefix {prefix}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_prefix_bound_never_drops_a_pair_jaro_winkler_would_keep() {
    let mut part = random_parts("aeikmnor", 0x9e37_79b9_7f4a_7c15, 10);
    let mut kept = 0;
    for _ in 0..50_000 {
        let (a, b) = (part(), part());
        let prefix = winkler_prefix(&a, &b);
        let common = common_chars_bound(&a, &b);
        let sim = jaro_winkler(&a, &b) * length_penalty(a.len(), b.len());
        if sim >= PAIR_FLOOR {
            kept += 1;
            assert!(
                could_reach_floor_with_prefix(a.len(), b.len(), common, prefix),
                "{a:?} {b:?}: {sim} dropped"
            );
        }
    }
    assert!(
        kept > 100,
        "the parts should include pairs over the floor: {kept}"
    );
}

/// The two-layer bound the suffix lookup uses: never below the chars the two parts have in
/// common (so never below what Jaro matches), never above the one-layer bound, and it keeps
/// every pair Jaro-Winkler keeps.
#[test]
fn the_layered_common_char_bound_is_tighter_and_still_a_bound() {
    let mut part = random_parts("aeginq\u{e9}\u{44f}\u{5c71}", 0x1234_5678_9abc_def1, 10);
    let (mut kept, mut tighter) = (0, 0);
    for _ in 0..50_000 {
        let (a, b) = (part(), part());
        let counts = BucketCounts::new(&a);
        let layered = counts.common_with_layers(bucket_layers(&b), b.len());
        let single = common_chars_bound(&a, &b);
        let mut rest = b.clone();
        let in_common = a
            .iter()
            .filter(|c| {
                rest.iter()
                    .position(|d| d == *c)
                    .map(|i| rest.swap_remove(i))
                    .is_some()
            })
            .count();
        assert!(layered >= in_common, "{a:?} {b:?}: {layered} < {in_common}");
        assert!(layered <= single, "{a:?} {b:?}: {layered} > {single}");
        tighter += usize::from(layered < single);
        let prefix = winkler_prefix(&a, &b);
        if jaro_winkler(&a, &b) * length_penalty(a.len(), b.len()) >= PAIR_FLOOR {
            kept += 1;
            assert!(could_reach_floor_with_prefix(
                a.len(),
                b.len(),
                layered,
                prefix
            ));
        }
    }
    assert!(
        kept > 100 && tighter > 1000,
        "kept {kept}, tighter {tighter}"
    );
}
