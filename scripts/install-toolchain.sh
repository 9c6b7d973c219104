#!/usr/bin/env bash
# Installs everything the build and the tests need, skipping what is already there at the right
# version. Safe to run on every `make run` / `make test`: a warm machine costs a few seconds.
# Pinned versions and the reasons for them: see ../shared/TOOLCHAIN.md (offline-proven recipe).
set -euo pipefail

CARGO_LEPTOS_VERSION=0.3.10       # 0.3.11 needs rustc 1.96
WASM_BINDGEN_VERSION=0.2.130      # must equal the wasm-bindgen pinned in Cargo.toml
BINARYEN_VERSION=132.0.0          # Debian's wasm-opt 108 writes a broken release wasm

here="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
want_system="${INSTALL_SYSTEM_PACKAGES:-1}"

log() { printf '==> %s\n' "$*"; }

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages: ${missing[*]} (run as root or install them yourself)"
    return 1
  fi
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

if [ "$want_system" = 1 ]; then
  apt_install pkg-config libssl-dev chromium postgresql python3-aiosmtpd
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  log "cargo install cargo-leptos $CARGO_LEPTOS_VERSION (about 13 minutes on 2 cores)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: a locked dependency of this version is missing from the registry index.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

tools="$here/tools"
if [ ! -x "$tools/node_modules/.bin/wasm-opt" ] || ! "$tools/node_modules/.bin/wasm-opt" --version | grep -q "${BINARYEN_VERSION%%.*}"; then
  log "npm install binaryen@$BINARYEN_VERSION"
  (cd "$tools" && npm install --no-audit --no-fund --silent)
fi

if [ -f "$here/e2e/package.json" ] && [ ! -d "$here/e2e/node_modules/@playwright/test" ]; then
  log "npm install (e2e)"
  (cd "$here/e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --silent)
fi
log "toolchain ready"
