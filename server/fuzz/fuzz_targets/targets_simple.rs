//! OpenSanctions targets.simple.csv: any input must give entries or an error, never a panic or a hang.
#![no_main]

use clearance_server::watchlists::parse_targets_simple;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = parse_targets_simple("fuzz", data);
});
