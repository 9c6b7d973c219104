//! Watch-list matching speed, memory and recall (issue 4, item 7). Prints figures; asserts
//! nothing.
//!
//!     cargo bench -p server --bench watchlist                 # 1,000,000 names
//!     BENCH_NAMES=100000 cargo bench -p server --bench watchlist
//!     BENCH_BRUTE=50 cargo bench -p server --bench watchlist  # fewer exhaustive scans
//!     BENCH_DIAG=1 cargo bench -p server --bench watchlist    # + the part pairs behind misses
//!     BENCH_DIAG=1 BENCH_DIAG_OUT=pairs.tsv cargo bench …     # … and all of them to a file
//!     BENCH_REPEAT="han, han" cargo bench -p server --bench watchlist  # one name, for a profiler
//!     BENCH_REPEAT_TIMES=20000 …                              # … screened this often (2000)
//!     BENCH_COLD=1 BENCH_REPEAT=… …                           # … with the caches evicted each time
//!     BENCH_SLOW=40 cargo bench -p server --bench watchlist   # the 40 slowest profiles, not 5
//!
//! 1. Generates entries (deterministic): persons with Korean, Chinese, Arabic, Slavic and Latin
//!    names (common names from real pools, a long tail of generated surnames), aliases that are
//!    transliteration variants, `SURNAME, Given` reorderings, hyphen/space/joined spellings and
//!    some typos; organisations with legal forms; dates of birth, nationalities; a wallet or an
//!    email for some entries.
//! 2. Builds the matcher and reports the time and the memory (resident set before and after,
//!    and the matcher's own count of its heap bytes).
//! 3. Screens 2,000 profiles (a third listed names, a third variants of listed names, a third
//!    unrelated names; each a name with a date of birth and nationality most of the time, one
//!    email and one wallet) and reports p50 / p99 per profile, and for the five slowest the
//!    index search alone and how many names they match. Target: p99 under 1 ms.
//! 4. For the first BENCH_BRUTE profiles, scans every name with the same scorer (the index must
//!    find exactly the same names, and the best-first search the same best match per entry)
//!    and with plain Jaro-Winkler on every pair of name parts (no comparability gate), and
//!    reports the index's recall against each at 0.85 and the speed ratio. Target: recall ≥ 99%. With BENCH_DIAG, also the most frequent part pairs that the
//!    plain scan paired and the comparability rule (`term.rs`) did not, by shared prefix length.
// The name pools are slices of slices; clippy suggests dropping a `*` that type inference needs.
#![allow(clippy::explicit_auto_deref)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use clearance_server::watchlists::matching::normalise::{normalise, Style};
use clearance_server::watchlists::matching::score::part_similarity;
use clearance_server::watchlists::matching::term::{comparable, NameTerms, Term};
use clearance_server::watchlists::matching::{
    Gate, IdentifierKind, ListName, Matcher, NameMatch, NameQuery, Severity, MAX_RESULTS,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::{Duration, Instant};

mod corpus;
mod pools;

use corpus::*;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

/// Resident set size in MiB (Linux; 0 elsewhere).
fn resident_mib() -> f64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|v| v.parse::<f64>().ok())
        })
        .map_or(0.0, |pages| pages * 4096.0 / (1024.0 * 1024.0))
}

fn names_of(matches: &[NameMatch]) -> BTreeSet<usize> {
    matches.iter().map(|m| m.name_index).collect()
}

/// What identifies a returned match: entry, name, score.
fn ranked(matches: &[NameMatch]) -> Vec<(String, usize, u64)> {
    matches
        .iter()
        .map(|m| (m.entry_id.clone(), m.name_index, m.score.to_bits()))
        .collect()
}

/// What `match_name` must return, from every match: the best name per entry, in the product's
/// order (score, critical, name similarity, primary, entry id, name), at most `MAX_RESULTS`.
fn best_per_entry(mut all: Vec<NameMatch>) -> Vec<(String, usize, u64)> {
    all.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.severity.cmp(&a.severity))
            .then(b.name_similarity.total_cmp(&a.name_similarity))
            .then(a.is_alias.cmp(&b.is_alias))
            .then(a.entry_id.cmp(&b.entry_id))
            .then(a.name_index.cmp(&b.name_index))
    });
    let mut seen = BTreeSet::new();
    all.retain(|m| seen.insert(m.entry_id.clone()));
    all.truncate(MAX_RESULTS);
    ranked(&all)
}

fn main() {
    let count: usize = std::env::var("BENCH_NAMES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let brute: usize = std::env::var("BENCH_BRUTE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if count > 200_000 { 100 } else { 200 });

    let rss_start = resident_mib();
    let started = Instant::now();
    let (names, identifiers, entries) = generate(count);
    let aliases = names.iter().filter(|n| n.is_alias).count();
    println!(
        "generated {} names ({} entries, {} aliases) and {} identifiers in {:.2?}",
        names.len(),
        entries.len(),
        aliases,
        identifiers.len(),
        started.elapsed()
    );
    for sample in names.iter().step_by((names.len() / 12).max(1)).take(12) {
        println!(
            "  e.g. {:<48} {}",
            sample.name,
            if sample.is_alias { "(alias)" } else { "" }
        );
    }

    let rss_before = resident_mib();
    let started = Instant::now();
    let matcher = Matcher::new(&names, &identifiers);
    let build = started.elapsed();
    let rss_after = resident_mib();
    let stats = matcher.stats();
    println!(
        "build: {:.2?} ({:.0} names/s); {} distinct normalised names, {} terms ({} with lookups precomputed), {} keys, {} postings",
        build, names.len() as f64 / build.as_secs_f64(), stats.forms, stats.terms, stats.precomputed_terms, stats.keys, stats.postings
    );
    println!(
        "memory: matcher heap ≈ {:.0} MiB ({:.0} bytes/name); resident set {:.0} MiB at start, {:.0} MiB before build, {:.0} MiB after (+{:.0} MiB)",
        stats.heap_bytes as f64 / (1024.0 * 1024.0),
        stats.heap_bytes as f64 / names.len().max(1) as f64,
        rss_start, rss_before, rss_after, rss_after - rss_before
    );

    if let Ok(name) = std::env::var("BENCH_REPEAT") {
        // For a profiler: one name screened over and over.
        let q = NameQuery {
            name: &name,
            ..NameQuery::default()
        };
        let times: u32 = std::env::var("BENCH_REPEAT_TIMES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(2000)
            .max(1);
        // BENCH_COLD: evict the caches before each screening (as in a run of many profiles,
        // where each finds little of the index cached), timing the screenings alone.
        let mut evict = std::env::var("BENCH_COLD")
            .is_ok()
            .then(|| vec![0u64; 8 << 20]);
        let mut spent = Duration::ZERO;
        for round in 0..times {
            if let Some(buffer) = evict.as_mut() {
                for (i, word) in buffer.iter_mut().enumerate() {
                    *word = word.wrapping_add(i as u64 ^ u64::from(round));
                }
                std::hint::black_box(&buffer);
            }
            let started = Instant::now();
            std::hint::black_box(matcher.match_name(&q));
            spent += started.elapsed();
        }
        println!("{name:?}: {:.2?} per screening", spent / times);
        return;
    }
    let profiles = profiles(&entries, 2000);
    let mut timings = Vec::with_capacity(profiles.len());
    let mut slowest = Vec::with_capacity(profiles.len());
    let (mut flagged, mut critical, mut visited, mut aligned) = (0usize, 0usize, 0usize, 0usize);
    for profile in &profiles {
        let q = query(profile);
        let started = Instant::now();
        let found = matcher.match_name(&q);
        let email = matcher.match_identifier(IdentifierKind::Email, &profile.email);
        let wallet = matcher.match_identifier(IdentifierKind::Wallet, &profile.wallet);
        timings.push(started.elapsed());
        flagged += usize::from(!found.is_empty() || !email.is_empty() || !wallet.is_empty());
        critical += usize::from(found.iter().any(|m| m.severity == Severity::Critical));
        let counts = matcher.search_counts(&q);
        visited += counts.visited;
        aligned += counts.aligned;
        slowest.push((
            timings[timings.len() - 1],
            profile.name.clone(),
            counts.visited,
            counts.aligned,
        ));
    }
    timings.sort();
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    let shown: usize = std::env::var("BENCH_SLOW")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    for (took, name, visited, aligned) in slowest.iter().take(shown) {
        let q = NameQuery {
            name,
            ..NameQuery::default()
        };
        let started = Instant::now();
        let _ = matcher.search_counts(&q);
        let search = started.elapsed();
        let matches = matcher.match_name_all(&q).len();
        println!(
            "  slow: {took:.2?} {name:?}: {visited} names visited, {aligned} aligned, {matches} matched; the index search alone {search:.2?}"
        );
    }
    println!(
        "screening one profile (name + email + wallet; {} profiles, {} with a match, {} critical): mean {:.2?}, p50 {:.2?}, p99 {:.2?}, max {:.2?}   [target: p99 under 1 ms]",
        timings.len(), flagged, critical,
        timings.iter().sum::<Duration>() / timings.len().max(1) as u32,
        percentile(&timings, 0.50), percentile(&timings, 0.99), timings[timings.len() - 1]
    );
    println!(
        "index work per profile: {:.0} candidate names visited, {:.1} aligned, of {} (mean)",
        visited as f64 / profiles.len() as f64,
        aligned as f64 / profiles.len() as f64,
        stats.forms
    );

    let brute = brute.min(profiles.len());
    let labels = ["listed", "variant", "unrelated"];
    let (mut same, mut same_found, mut best_same) = (0usize, 0usize, 0usize);
    let (mut plain, mut plain_found) = ([0usize; 3], [0usize; 3]);
    let (mut index_time, mut scan_time) = (Duration::ZERO, Duration::ZERO);
    let diagnose = std::env::var("BENCH_DIAG").is_ok();
    let mut missed_pairs: HashMap<(String, String), usize> = HashMap::new();
    let started = Instant::now();
    for (i, profile) in profiles.iter().take(brute).enumerate() {
        let q = query(profile);
        let t = Instant::now();
        let indexed = names_of(&matcher.match_name_all(&q));
        index_time += t.elapsed();
        let t = Instant::now();
        let scanned_all = matcher.match_name_exhaustive(&q, Gate::Comparable);
        scan_time += t.elapsed();
        let scanned = names_of(&scanned_all);
        best_same += usize::from(ranked(&matcher.match_name(&q)) == best_per_entry(scanned_all));
        let reference = names_of(&matcher.match_name_exhaustive(&q, Gate::PlainJaroWinkler));
        same += scanned.len();
        same_found += scanned.intersection(&indexed).count();
        if diagnose {
            count_missed_pairs(&names, profile, &reference, &indexed, &mut missed_pairs);
        }
        plain[profile.kind] += reference.len();
        plain_found[profile.kind] += reference.intersection(&indexed).count();
        if (i + 1) % 25 == 0 {
            println!(
                "  scanned {}/{} profiles exhaustively ({:.0?})",
                i + 1,
                brute,
                started.elapsed()
            );
        }
    }
    if !missed_pairs.is_empty() {
        print_missed_pairs(&missed_pairs);
    }
    let ratio = |found: usize, total: usize| {
        if total == 0 {
            100.0
        } else {
            100.0 * found as f64 / total as f64
        }
    };
    println!(
        "recall against the exhaustive scan with the same scorer ({brute} profiles): {:.2}% ({same_found}/{same})   [must be 100%]",
        ratio(same_found, same)
    );
    println!(
        "best matches (match_name, best first) equal to the exhaustive scan's best per entry: {best_same}/{brute} profiles   [must be all]"
    );
    let (all, all_found) = (
        plain.iter().sum::<usize>(),
        plain_found.iter().sum::<usize>(),
    );
    println!(
        "recall against plain Jaro-Winkler on every pair of parts, at 0.85: {:.2}% ({all_found}/{all})   [target: ≥ 99%]",
        ratio(all_found, all)
    );
    for (k, label) in labels.iter().enumerate() {
        println!(
            "  {label:<9} queries: {:.2}% ({}/{})",
            ratio(plain_found[k], plain[k]),
            plain_found[k],
            plain[k]
        );
    }
    println!(
        "speed: index {:.2?} per profile, exhaustive scan {:.2?} per profile: {:.0}x faster",
        index_time / brute.max(1) as u32,
        scan_time / brute.max(1) as u32,
        scan_time.as_secs_f64() / index_time.as_secs_f64().max(1e-9)
    );
}

/// For the names the plain scan found and the index did not: the part pairs Jaro-Winkler pairs
/// (at the pair floor) that are not comparable, counted.
fn count_missed_pairs(
    names: &[ListName],
    profile: &Profile,
    reference: &BTreeSet<usize>,
    indexed: &BTreeSet<usize>,
    out: &mut HashMap<(String, String), usize>,
) {
    let units = |terms: &NameTerms| -> Vec<Term> {
        terms
            .parts
            .iter()
            .chain(terms.joined.iter().flatten())
            .cloned()
            .collect()
    };
    let query = units(&NameTerms::new(&normalise(&profile.name, Style::Person)));
    for missed in reference.difference(indexed) {
        let Some(listed) = names.get(*missed) else {
            continue;
        };
        let listed = units(&NameTerms::new(&normalise(&listed.name, Style::Person)));
        for a in &query {
            for b in &listed {
                if a.joined && b.joined {
                    continue;
                }
                if part_similarity(a.view(), b.view(), Gate::PlainJaroWinkler) > 0.0
                    && !comparable(a.view(), b.view())
                {
                    *out.entry((a.text(), b.text())).or_default() += 1;
                }
            }
        }
    }
}

fn print_missed_pairs(pairs: &HashMap<(String, String), usize>) {
    let mut by_prefix: BTreeMap<usize, usize> = BTreeMap::new();
    for ((a, b), n) in pairs {
        let shared = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        *by_prefix.entry(shared.min(4)).or_default() += n;
    }
    println!("part pairs behind the misses, by shared prefix length: {by_prefix:?}");
    if let Ok(path) = std::env::var("BENCH_DIAG_OUT") {
        let mut text = String::new();
        for ((a, b), n) in pairs {
            text.push_str(&format!("{n}\t{a}\t{b}\n"));
        }
        std::fs::write(path, text).unwrap();
    }
    let mut top: Vec<_> = pairs.iter().collect();
    top.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
    for ((a, b), n) in top.iter().take(20) {
        println!("  {n:>5} {a} / {b}");
    }
}
