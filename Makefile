# The two commands of the README, and a few helpers. Each installs what it needs first.
.PHONY: run test toolchain build release user clean-data

export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

## Build and serve on http://127.0.0.1:3000 (SQLite in ./data, created on start).
run: toolchain
	cargo leptos serve

## Every check: fmt, clippy (ssr + hydrate), unit + integration tests (SQLite + PostgreSQL), e2e.
test:
	bash scripts/test.sh

toolchain:
	bash scripts/install-toolchain.sh

build: toolchain
	cargo leptos build

release: toolchain
	cargo leptos build --release --precompress

## Create an account: make user EMAIL=you@example.com ROLE=admin (asks for the password).
user:
	cargo run --quiet -p server -- create-user --email "$(EMAIL)" --role "$(or $(ROLE),admin)"

## Remove the local database, signing key and mail outbox.
clean-data:
	rm -rf data
