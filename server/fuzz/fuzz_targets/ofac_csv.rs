//! The OFAC CSV set: the input is split on NUL bytes into sdn.csv, alt.csv, add.csv and
//! sdn_comments.csv (missing parts are empty). Any input must give entries or an error, never a
//! panic or a hang.
#![no_main]

use clearance_server::watchlists::{parse_ofac_csv, OfacCsvFiles};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(4, |b| *b == 0);
    let mut next = || parts.next().unwrap_or_default();
    let files = OfacCsvFiles {
        sdn: next(),
        alt: next(),
        add: next(),
        comments: next(),
    };
    let _ = parse_ofac_csv("fuzz", &files);
});
