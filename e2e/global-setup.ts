// Runs once before all tests. `cargo leptos end-to-end` starts the server and this suite at the
// same moment, so we first wait for the server to answer, then create the first admin with the
// server's own CLI (exactly what an operator does on a fresh installation).

import { spawn } from 'node:child_process';
import type { FullConfig } from '@playwright/test';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  BASE_URL,
  DEFAULT_DATA_DIR,
  ROOT_DIR,
  dataDir,
  serverBinary,
} from './shared';

const HEALTH_TIMEOUT_MS = 120_000;
const HEALTH_INTERVAL_MS = 500;

async function waitForHealthy(url: string): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`;
    } catch (err) {
      const cause = (err as { cause?: unknown }).cause;
      last = String(cause ?? err);
    }
    await new Promise((resolve) => setTimeout(resolve, HEALTH_INTERVAL_MS));
  }
  throw new Error(`${url} did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s (last: ${last})`);
}

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function createFirstAdmin(): Promise<void> {
  const binary = serverBinary();
  const outcome = await run(binary, ['create-user', '--email', ADMIN_EMAIL, '--role', 'admin'], {
    ...process.env,
    // Absolute, so the CLI opens the very database the running server uses.
    CLEARANCE_DATA_DIR: dataDir(),
    CLEARANCE_PASSWORD: ADMIN_PASSWORD,
  });
  if (outcome.code === 0) {
    console.log(`[e2e] ${outcome.stdout.trim()}`);
    return;
  }
  if (outcome.code === 1 && outcome.stderr.includes('already exists')) {
    console.log(`[e2e] ${ADMIN_EMAIL} already exists; reusing it.`);
    return;
  }
  throw new Error(
    `${binary} create-user exited with ${outcome.code}\n` +
      `stdout: ${outcome.stdout.trim()}\nstderr: ${outcome.stderr.trim()}`,
  );
}

export default async function globalSetup(_config: FullConfig): Promise<void> {
  if (!process.env.CLEARANCE_DATA_DIR?.trim()) {
    console.warn(
      `[e2e] CLEARANCE_DATA_DIR is not set: the tests use ${DEFAULT_DATA_DIR}, but a server ` +
        'started without it uses data/. Set it for `cargo leptos end-to-end`, e.g. ' +
        `CLEARANCE_DATA_DIR=${DEFAULT_DATA_DIR} cargo leptos end-to-end`,
    );
  }
  await waitForHealthy(`${BASE_URL}/healthz`);
  await createFirstAdmin();
}
