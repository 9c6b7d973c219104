// Page objects and helpers for the specs. Every interaction goes through role and label locators
// and auto-waiting assertions: there are no sleeps.
//
// Navigation works differently with and without JavaScript, so every page object knows which
// project it runs in (`js`):
// - with JavaScript, each new document must hydrate (the WASM sets body[data-hydrated="true"])
//   before we touch it; a missing or broken WASM fails the test there;
// - without JavaScript, that attribute must never appear.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { test as base, expect, type Locator, type Page, type Response } from '@playwright/test';
import { BASE_URL, ROOT_DIR, dataDir, outboxDir, serverBinary } from '../shared';

export { expect };

/** Playwright's `test`, whose page fails the test on any uncaught exception in the browser. */
export const test = base.extend({
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(`${err.name}: ${err.message}`));
    await use(page);
    expect(errors, 'uncaught exceptions in the page').toEqual([]);
  },
});

/** A fresh address for each test, so runs never collide with earlier data. */
export function uniqueEmail(prefix: string): string {
  const random = Math.random().toString(36).slice(2, 10);
  return `${prefix}-${Date.now()}-${random}@e2e.example`;
}

export const HR_PASSWORD = 'quiet meadow lantern 1987';

/** A fresh HR account, created the way an operator would: with the server's CLI. */
export function createHr(): string {
  const email = uniqueEmail('screener');
  const result = spawnSync(serverBinary(), ['create-user', '--email', email, '--role', 'hr'], {
    cwd: ROOT_DIR,
    env: { ...process.env, CLEARANCE_DATA_DIR: dataDir(), CLEARANCE_PASSWORD: HR_PASSWORD },
    encoding: 'utf8',
  });
  expect(result.status, `create-user: ${result.stderr}`).toBe(0);
  return email;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches the absolute URL of `pathname` on the app, with or without a query string. */
export function urlOf(pathname: string): RegExp {
  return new RegExp(`^${escapeRegExp(BASE_URL + pathname)}(\\?.*)?$`);
}

const HYDRATION_TIMEOUT_MS = 15_000;

/** After a new document loaded: hydrated with JavaScript, never hydrated without it. */
export async function expectSettled(page: Page, js: boolean): Promise<void> {
  const body = page.locator('body');
  if (js) {
    await expect(body, 'the WASM should hydrate the page (body[data-hydrated="true"])').toHaveAttribute(
      'data-hydrated',
      'true',
      { timeout: HYDRATION_TIMEOUT_MS },
    );
  } else {
    await expect(body, 'without JavaScript the page must never hydrate').not.toHaveAttribute('data-hydrated');
  }
}

/** `page.goto`, then waits until the page is ready for interaction. */
export async function visit(page: Page, js: boolean, url: string): Promise<Response | null> {
  const response = await page.goto(url);
  await expectSettled(page, js);
  return response;
}

/**
 * Clicks something that makes the browser load a new document (a plain form's submit button,
 * or any form without JavaScript) and waits for that document, so that the hydration check
 * cannot pass on the old one.
 */
export async function clickAndLoad(page: Page, js: boolean, target: Locator): Promise<void> {
  const loaded = page.waitForEvent('load');
  await target.click();
  await loaded;
  await expectSettled(page, js);
}

/** The header: navigation by role, the signed-in address and "Sign out". */
export class Header {
  readonly nav: Locator;

  constructor(
    readonly page: Page,
    readonly js: boolean,
  ) {
    this.nav = page.getByRole('navigation', { name: 'Main' });
  }

  link(name: string): Locator {
    return this.nav.getByRole('link', { name, exact: true });
  }

  async signOut(): Promise<void> {
    await clickAndLoad(this.page, this.js, this.nav.getByRole('button', { name: 'Sign out' }));
  }
}

export class LoginPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(
    readonly page: Page,
    readonly js: boolean,
  ) {
    this.heading = page.getByRole('heading', { name: 'Sign in', level: 1 });
    this.email = page.getByLabel('E-mail address', { exact: true });
    this.password = page.getByLabel('Password', { exact: true });
    this.submit = page.getByRole('main').getByRole('button', { name: 'Sign in' });
    this.error = page.getByRole('alert');
  }

  async goto(): Promise<void> {
    await visit(this.page, this.js, '/login');
    await expect(this.heading).toBeVisible();
  }

  /** Submits the form; the browser then loads whatever the server answers (home or the form). */
  async signIn(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await clickAndLoad(this.page, this.js, this.submit);
  }
}

export class HomePage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Welcome', level: 1 });
  }

  /** "Signed in as <email> (<Role label>)." */
  signedInAs(email: string, roleLabel: string): Locator {
    return this.page.getByRole('main').getByText(`Signed in as ${email} (${roleLabel})`);
  }

  async expectSignedInAs(email: string, roleLabel: string): Promise<void> {
    await expect(this.page).toHaveURL(urlOf('/'));
    await expect(this.heading).toBeVisible();
    await expect(this.signedInAs(email, roleLabel)).toBeVisible();
  }
}

export class UsersPage {
  readonly heading: Locator;
  readonly inviteEmail: Locator;
  readonly inviteRole: Locator;
  readonly sendInvitation: Locator;
  readonly invitationSent: Locator;
  readonly openInvitations: Locator;
  readonly accounts: Locator;

  constructor(
    readonly page: Page,
    readonly js: boolean,
  ) {
    this.heading = page.getByRole('heading', { name: 'Users', level: 1 });
    this.inviteEmail = page.getByLabel('E-mail address', { exact: true });
    // Exact: the per-account selects are labelled "Role of <address>".
    this.inviteRole = page.getByLabel('Role', { exact: true });
    this.sendInvitation = page.getByRole('button', { name: 'Send invitation' });
    this.invitationSent = page.getByText('Invitation sent.');
    this.openInvitations = page
      .locator('section')
      .filter({ has: page.getByRole('heading', { name: 'Open invitations', level: 2 }) });
    this.accounts = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Accounts', level: 2 }) });
  }

  /** The row of an open invitation. */
  openInvitation(email: string): Locator {
    return this.openInvitations.getByRole('row').filter({ has: this.page.getByRole('cell', { name: email, exact: true }) });
  }

  async invite(email: string, roleLabel: string): Promise<void> {
    await this.inviteEmail.fill(email);
    await this.inviteRole.selectOption({ label: roleLabel });
    if (this.js) {
      // An ActionForm: the server function runs in the background and the list reloads.
      await this.sendInvitation.click();
      await expect(this.invitationSent).toBeVisible();
    } else {
      // A plain form post; the server sends the browser back to /users.
      await clickAndLoad(this.page, this.js, this.sendInvitation);
      await expect(this.page).toHaveURL(urlOf('/users'));
    }
  }
}

export class InvitePage {
  readonly heading: Locator;
  readonly password: Locator;
  readonly passwordAgain: Locator;
  readonly submit: Locator;

  constructor(
    readonly page: Page,
    readonly js: boolean,
  ) {
    this.heading = page.getByRole('heading', { name: 'Welcome to Clearance', level: 1 });
    this.password = page.getByLabel('Password', { exact: true });
    this.passwordAgain = page.getByLabel('Password, again', { exact: true });
    this.submit = page.getByRole('button', { name: 'Set password and sign in' });
  }

  async setPassword(password: string): Promise<void> {
    await this.password.fill(password);
    await this.passwordAgain.fill(password);
    await clickAndLoad(this.page, this.js, this.submit);
  }
}

// ---- The mail outbox ---------------------------------------------------------------------------

const INVITE_LINK = /http:\/\/[^\s]+\/invite\/[A-Za-z0-9_-]+/;
const MAIL_TIMEOUT_MS = 20_000;

interface Mail {
  to: string[];
  body: string;
}

/** Just enough MIME for the server's single-part text mails. */
function parseMail(raw: string): Mail {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? raw : raw.slice(0, split);
  let body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
  const values = (name: string) =>
    headers
      .filter((line) => line.toLowerCase().startsWith(`${name}:`))
      .map((line) => line.slice(name.length + 1).trim());
  const encoding = (values('content-transfer-encoding')[0] ?? '').toLowerCase();
  if (encoding === 'base64') {
    body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  } else {
    // Quoted-printable soft line breaks, then escapes (harmless on 7-bit text).
    body = body.replace(/=\r?\n/g, '');
    if (encoding === 'quoted-printable') {
      body = body.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  }
  return { to: values('to').map((v) => v.toLowerCase()), body };
}

async function findInviteLink(email: string): Promise<string | undefined> {
  const dir = outboxDir();
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const wanted = email.toLowerCase();
  // Newest first: the names start with the zero-padded mail id.
  for (const name of names.filter((n) => n.endsWith('.eml')).sort().reverse()) {
    const mail = parseMail(await fs.readFile(path.join(dir, name), 'utf8'));
    if (!mail.to.some((to) => to === wanted || to.includes(`<${wanted}>`))) continue;
    const link = mail.body.match(INVITE_LINK)?.[0];
    if (link) return link;
  }
  return undefined;
}

/** Waits (up to 20 s) for the invite mail to `email` in the outbox and returns its link. */
export async function waitForInviteLink(email: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(async () => (link = await findInviteLink(email)), {
      message: `an invite mail to ${email} in ${outboxDir()}`,
      timeout: MAIL_TIMEOUT_MS,
      intervals: [250, 500, 1_000],
    })
    .toBeDefined();
  return link as string;
}

// ---- More accounts, for the access journeys ----------------------------------------------------

/** A fresh account with `role`, created with the server's CLI; its password is HR_PASSWORD. */
export function createUserWithRole(role: 'admin' | 'security_lead' | 'hr' | 'auditor', prefix: string): string {
  const email = uniqueEmail(prefix);
  const result = spawnSync(serverBinary(), ['create-user', '--email', email, '--role', role], {
    cwd: ROOT_DIR,
    env: { ...process.env, CLEARANCE_DATA_DIR: dataDir(), CLEARANCE_PASSWORD: HR_PASSWORD },
    encoding: 'utf8',
  });
  expect(result.status, `create-user: ${result.stderr}`).toBe(0);
  return email;
}

/** A fresh security lead (password HR_PASSWORD): reviews access requests. */
export function createSecurityLead(): string {
  return createUserWithRole('security_lead', 'security-lead');
}

/** Signs in through the login page and waits for the start page. */
export async function signInAs(page: Page, js: boolean, email: string, password: string): Promise<void> {
  const login = new LoginPage(page, js);
  await login.goto();
  await login.signIn(email, password);
  await expect(page.getByRole('heading', { name: 'Welcome', level: 1 })).toBeVisible();
}
