#!/usr/bin/env bash
# Every check, in the order that fails fastest: formatting, lints for both builds, unit and
# integration tests on SQLite and PostgreSQL, then the browser tests (JavaScript on and off).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-toolchain.sh
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy (server, ssr)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "clippy (browser, hydrate)"
cargo clippy -p clearance-app --lib --target wasm32-unknown-unknown --features hydrate --locked -- -D warnings

step "PostgreSQL for the integration tests"
TEST_DATABASE_URL="$(bash scripts/postgres.sh)"
export TEST_DATABASE_URL

step "unit and integration tests (SQLite and PostgreSQL)"
cargo test --workspace --locked

step "end-to-end tests in Chromium (JavaScript on and off)"
rm -rf target/e2e-data
export CLEARANCE_DATA_DIR="$PWD/target/e2e-data" CLEARANCE_MAIL_POLL_MS=200
cargo leptos end-to-end

if [ "${FREE_BUILD_BEFORE_FUZZING:-0}" = 1 ]; then
  # The fuzz targets build into server/fuzz/target; CI frees the tests' build first (.ci/run).
  step "freeing the tests' build ($(du -sh target/debug | cut -f1)) for the fuzz build"
  rm -rf target/debug
fi

step "fuzzing the watch-list parsers (${FUZZ_SECONDS:-20} s each)"
bash scripts/fuzz.sh

step "all checks passed"
