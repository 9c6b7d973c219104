# syntax=docker/dockerfile:1
#
# Clearance in a container: a Leptos SSR + hydration server built with cargo-leptos.
#
#   docker build -t clearance .
#
#   # Once: create the first admin in the data volume (the password is prompted; for scripts,
#   # pass -e CLEARANCE_PASSWORD=… instead of -it):
#   docker run --rm -it -v clearance-data:/data clearance create-user --email you@example.com --role admin
#
#   # Serve (set CLEARANCE_PUBLIC_URL to the address people use; https:// makes cookies Secure):
#   docker run -d --name clearance -p 3000:3000 -v clearance-data:/data \
#       -e CLEARANCE_PUBLIC_URL=https://clearance.example.com clearance
#
# The toolchain pins (cargo-leptos 0.3.10, wasm-bindgen-cli 0.2.130, npm binaryen 132) and the
# reasons for them live in scripts/install-toolchain.sh; this file only runs it.

############################################################################ build
FROM rust:1.95-slim-bookworm AS build

# rust-toolchain.toml says "stable" (for developer machines); here the image's own toolchain is
# used instead, so rustup downloads no second one. RUST_VERSION comes from the rust image.
ENV RUSTUP_TOOLCHAIN=${RUST_VERSION}

RUN apt-get update \
    && apt-get install -y --no-install-recommends pkg-config libssl-dev nodejs npm ca-certificates \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# The toolchain in its own layer, before the sources: compiling cargo-leptos takes a long time,
# and this layer is reused as long as the script and tools/package.json do not change.
COPY scripts/install-toolchain.sh scripts/install-toolchain.sh
COPY tools/package.json tools/package.json
RUN INSTALL_SYSTEM_PACKAGES=0 bash scripts/install-toolchain.sh

# npm's wasm-opt first: Debian's binaryen writes a broken release wasm (it is not installed here,
# but cargo-leptos takes the first wasm-opt on PATH, so be explicit).
ENV PATH=/app/tools/node_modules/.bin:${PATH}

COPY . .
# --precompress writes .br/.gz next to the site files; the server serves them when asked.
RUN cargo leptos build --release --precompress

############################################################################ runtime
FROM debian:bookworm-slim AS runtime

RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 clearance \
    && useradd --system --uid 10001 --gid clearance --home-dir /data --no-create-home \
        --shell /usr/sbin/nologin clearance \
    && mkdir -p /data \
    && chown clearance:clearance /data \
    && chmod 700 /data

WORKDIR /app
# Owned by root: the server can read its binary and site, not change them.
COPY --from=build /app/target/release/server /app/server
COPY --from=build /app/target/site /app/site

ENV LEPTOS_SITE_ADDR=0.0.0.0:3000 \
    LEPTOS_SITE_ROOT=/app/site \
    CLEARANCE_DATA_DIR=/data \
    RUST_LOG=info

# The SQLite database, the generated session key and (without SMTP_URL) the mail outbox.
VOLUME /data
EXPOSE 3000

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD curl --fail --silent --output /dev/null http://127.0.0.1:3000/healthz || exit 1

USER clearance
ENTRYPOINT ["/app/server"]
