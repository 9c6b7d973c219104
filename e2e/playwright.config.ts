// Run from the repository root with `cargo leptos end-to-end`: it starts the server on
// 127.0.0.1:3000 and runs `npx playwright test` here at the same time (global-setup.ts waits for
// the server). The browser is Debian's Chromium; Playwright's own browsers are never downloaded
// (install with PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install).
//
// Every spec runs twice: with JavaScript (the page hydrates) and without (plain HTML forms).

import { defineConfig } from '@playwright/test';
import { BASE_URL } from './shared';

export default defineConfig({
  testDir: 'tests',
  globalSetup: './global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true } },
    { name: 'no-js', use: { javaScriptEnabled: false } },
  ],
});
