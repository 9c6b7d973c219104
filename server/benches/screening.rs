//! Screening speed on a realistic store (issue 3, item 8). Prints figures; asserts nothing.
//!
//!     cargo bench -p server --bench screening            # 100,000 profiles
//!     BENCH_PROFILES=10000 cargo bench -p server --bench screening
//!
//! 1. Generates profiles (deterministic): mostly clean, some sharing an address or a payout
//!    account (small laptop farms), some with payment-routing and interview red flags.
//! 2. Imports them into a fresh SQLite file through the real import path (validation, hashing,
//!    link index, screening, audit) and reports the time.
//! 3. Screens 2,000 random stored profiles again, each including its link-index lookups, and
//!    reports p50 / p99 per profile. Targets: import under 60 s, p99 under 10 ms.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use clearance_app::model::profile::ProfileDocument;
use clearance_app::model::request::RequestContext;
use clearance_app::model::role::Role;
use clearance_app::model::user::Actor;
use clearance_server::auth::token::TokenKeys;
use clearance_server::profiles::import::Parsed;
use clearance_server::scoring::{self, links, Input, Lookups};
use clearance_server::services::sessions::CookiePolicy;
use clearance_server::services::Services;
use clearance_server::store::db::Db;
use clearance_server::store::{link_index, people};
use serde_json::json;
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift), so every run measures the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const GIVEN: &[&str] = &[
    "James", "Mary", "Wei", "Ji-woo", "Olga", "Ahmed", "Sofia", "Carlos", "Yuki", "Priya", "Liam",
    "Chen", "Fatima", "Ivan", "Emma", "Min-jun",
];
const FAMILY: &[&str] = &[
    "Smith", "Kim", "Wang", "Park", "Ivanova", "Hassan", "Garcia", "Tanaka", "Patel", "Brown",
    "Li", "Lee", "Novak", "Rossi", "Nguyen", "Silva",
];
const COUNTRIES: &[&str] = &["US", "US", "US", "GB", "DE", "PL", "ES", "CA", "KR", "JP"];

fn profile(rng: &mut Rng, i: u64) -> serde_json::Value {
    let name = format!("{} {} {}", rng.pick(GIVEN), rng.pick(FAMILY), i);
    let country = rng.pick(COUNTRIES);
    // About 1 in 50 profiles ships to one of 500 shared addresses; 1 in 100 shares a payout.
    let shipping = if rng.chance(2) {
        format!("{} Farm Road", rng.next() % 500)
    } else {
        format!("{i} Main Street")
    };
    let account = if rng.chance(1) {
        format!("{:012}", rng.next() % 300)
    } else {
        format!("{:012}", 1_000_000 + i)
    };
    let (bank, holder) = if rng.chance(3) {
        ("CN", "Li Wei".to_owned())
    } else {
        (country, name.clone())
    };
    json!({
        "kind": if rng.chance(30) { "contractor" } else { "candidate" },
        "identity": {
            "legal_name": { "full": name },
            "name_variants": [{ "value": name, "source": "resume" }],
            "dob": format!("19{:02}-0{}-1{}", 60 + rng.next() % 40, 1 + rng.next() % 9, rng.next() % 9),
            "nationality": [country],
            "claimed_residence": { "country": country },
            "claimed_timezone": "America/Chicago"
        },
        "contact": {
            "emails": [{ "address": format!("person{i}@example.com") }],
            "phones": [{ "e164": format!("+1555{:07}", i), "line_type": if rng.chance(5) { "voip" } else { "mobile" } }]
        },
        "addresses": [
            { "type": "residential", "line1": format!("{i} Main Street"), "postal_code": "10001", "country": country },
            { "type": "laptop_shipping", "line1": shipping, "postal_code": "10001", "country": country }
        ],
        "employment": [{ "employer_name": "Acme Corp", "employer_domain": format!("acme{}.example", i % 5000) }],
        "payment_instructions": [{ "method": "wire", "bank_country": bank, "account_holder_name": holder,
                                   "routing_number": "021000021", "account_number": account }],
        "interview_observations": [{ "round": 1, "mode": "video", "camera_on": !rng.chance(3) }]
    })
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn main() {
    let count: u64 = std::env::var("BENCH_PROFILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::connect(&format!("sqlite://{}/bench.db", dir.path().display())).await.unwrap();
        let keys = TokenKeys::new(&[7u8; 32], "bench").unwrap();
        let services = Services::new(db.clone(), keys, CookiePolicy { secure: false }, vec![9u8; 32]);
        let mut req = RequestContext::internal("bench");
        req.actor = Some(Actor { user_id: 1, email: "bench@example.com".into(), role: Role::Admin });

        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let started = Instant::now();
        let rows: Parsed = (0..count)
            .map(|i| {
                let row = usize::try_from(i + 1).unwrap();
                (row, serde_json::from_value::<ProfileDocument>(profile(&mut rng, i)).map_err(|_| unreachable!()))
            })
            .collect();
        println!("generated {count} profiles in {:.2?}", started.elapsed());

        let started = Instant::now();
        let report = services
            .import_people(&req, rows, &|done, total| {
                if done % 10_000 < 250 {
                    println!("  imported {done}/{total}");
                }
            })
            .await
            .unwrap();
        let import_time = started.elapsed();
        assert!(report.failed.is_empty(), "{:?}", report.failed.first());
        let size = std::fs::metadata(dir.path().join("bench.db")).map(|m| m.len()).unwrap_or(0);
        println!(
            "import: {} profiles in {:.1?} ({:.0} profiles/s), database {:.0} MiB   [target: under 60 s for 100,000]",
            report.imported,
            import_time,
            report.imported as f64 / import_time.as_secs_f64(),
            size as f64 / (1024.0 * 1024.0)
        );

        let mut conn = db.reader().acquire().await.unwrap();
        let mut timings = Vec::new();
        let mut flagged = 0usize;
        for _ in 0..2000 {
            let id = report.ids[(rng.next() % report.ids.len() as u64) as usize];
            let started = Instant::now();
            let person = people::find(&mut conn, id).await.unwrap().unwrap();
            let doc: ProfileDocument = serde_json::from_str(&person.document).unwrap();
            let keys = links::link_keys(&doc);
            let hits = link_index::link_hits(&mut conn, id, &keys).await.unwrap();
            let result = scoring::screen_with(&Input { profile: &doc, now: 1_795_000_000 }, Lookups { links: &hits, watchlist: &[], referral: None });
            timings.push(started.elapsed());
            flagged += usize::from(!result.findings.is_empty());
        }
        timings.sort();
        println!(
            "screening one stored profile incl. link lookups ({} samples, {} with findings): p50 {:.2?}, p99 {:.2?}, max {:.2?}   [target: p99 under 10 ms]",
            timings.len(),
            flagged,
            percentile(&timings, 0.50),
            percentile(&timings, 0.99),
            timings[timings.len() - 1]
        );
    });
}
