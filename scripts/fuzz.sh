#!/usr/bin/env bash
# Fuzzes every watch-list parser for a short time (issue 4 item 6): each target must survive
# FUZZ_SECONDS of libFuzzer's mutations of the sample files without a crash, a hang (a single
# input over FUZZ_TIMEOUT seconds) or running out of memory. A failing input is saved under
# server/fuzz/artifacts/<target>/ and the script fails.
#
# cargo-fuzz drives libFuzzer; the targets are built without a sanitizer (`-s none`: the parsers
# are safe Rust, `unsafe_code` is forbidden), which needs no nightly compiler, in the dev profile
# with debug assertions, which builds in a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

CARGO_FUZZ_VERSION=0.13.2
FUZZ_SECONDS="${FUZZ_SECONDS:-20}"
FUZZ_TIMEOUT="${FUZZ_TIMEOUT:-10}"

if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
  echo "cargo install cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

FIXTURES=server/tests/fixtures/watchlists
seed() { # seed TARGET FILE...: the sample files are where the mutations start
  local target="$1"
  shift
  mkdir -p "server/fuzz/corpus/$target"
  cp "$@" "server/fuzz/corpus/$target/"
}
seed custom "$FIXTURES/custom.csv"
seed ftm "$FIXTURES/opensanctions/entities.ftm.json"
seed targets_simple "$FIXTURES/opensanctions/targets.simple.csv"
seed ofac_xml "$FIXTURES/ofac/sdn_advanced.xml"
# The OFAC target reads its four files from one input, split on NUL bytes.
mkdir -p server/fuzz/corpus/ofac_csv
{
  cat "$FIXTURES/ofac/sdn.csv"; printf '\0'
  cat "$FIXTURES/ofac/alt.csv"; printf '\0'
  cat "$FIXTURES/ofac/add.csv"; printf '\0'
  cat "$FIXTURES/ofac/sdn_comments.csv"
} > server/fuzz/corpus/ofac_csv/sample-set

for target in ofac_csv ofac_xml ftm targets_simple custom; do
  echo "fuzzing $target for ${FUZZ_SECONDS}s"
  cargo fuzz run --fuzz-dir server/fuzz --dev -s none "$target" \
    "server/fuzz/corpus/$target" -- \
    -max_total_time="$FUZZ_SECONDS" -timeout="$FUZZ_TIMEOUT" -rss_limit_mb=2048 \
    -max_len=262144 -print_final_stats=1
done
echo "fuzzing: no crash, hang or leak in any parser"
