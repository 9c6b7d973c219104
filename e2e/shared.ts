// What the global set-up and the specs share: the first admin, and where the server keeps its
// data. `cargo leptos end-to-end` runs the server from the repository root and this suite from
// e2e/, so relative paths in the environment are resolved against the repository root, as the
// server resolves them.

import fs from 'node:fs';
import path from 'node:path';

/** Where `cargo leptos end-to-end` starts the server (`site-addr`); E2E_BASE_URL overrides it. */
export const BASE_URL = (process.env.E2E_BASE_URL?.trim() || 'http://127.0.0.1:3000').replace(/\/+$/, '');

/** The first admin, created once by the global set-up through `server create-user`. */
export const ADMIN_EMAIL = 'admin@e2e.example';
/** At least 15 characters (the password policy). */
export const ADMIN_PASSWORD = 'e2e founder passphrase 2026 ok';

/** The repository root (the server's working directory under cargo-leptos). */
export const ROOT_DIR = path.resolve(__dirname, '..');

/** Used when CLEARANCE_DATA_DIR is not set (the global set-up warns: the server would use `data/`). */
export const DEFAULT_DATA_DIR = 'target/e2e-data';

/** The server's data directory, absolute. */
export function dataDir(): string {
  const configured = process.env.CLEARANCE_DATA_DIR?.trim();
  return path.resolve(ROOT_DIR, configured || DEFAULT_DATA_DIR);
}

/** Where the server writes mail as `.eml` files when SMTP_URL is not set. */
export function outboxDir(): string {
  return path.join(dataDir(), 'outbox');
}

/**
 * The server binary for `create-user`: CLEARANCE_SERVER_BIN if set, else the newer of
 * target/debug/server and target/release/server (`cargo leptos end-to-end --release` builds the
 * latter).
 */
export function serverBinary(): string {
  const configured = process.env.CLEARANCE_SERVER_BIN?.trim();
  if (configured) return path.resolve(ROOT_DIR, configured);
  const candidates = ['debug', 'release']
    .map((profile) => path.join(ROOT_DIR, 'target', profile, 'server'))
    .filter((file) => fs.existsSync(file))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (candidates.length === 0) {
    throw new Error(
      `No server binary in ${path.join(ROOT_DIR, 'target', '{debug,release}')}; ` +
        'run the suite through `cargo leptos end-to-end`, or set CLEARANCE_SERVER_BIN.',
    );
  }
  return candidates[0];
}
