// The foundation journey: the first admin (created by global-setup.ts with the CLI) signs in and
// invites someone as HR; the invitee follows the link from the mail, sets a password, is signed
// in, is refused the admin's page, and signs out. Runs in both projects: `js` and `no-js`.

import { ADMIN_EMAIL, ADMIN_PASSWORD, BASE_URL } from '../shared';
import {
  Header,
  HomePage,
  InvitePage,
  LoginPage,
  UsersPage,
  expect,
  expectSettled,
  test,
  uniqueEmail,
  urlOf,
  visit,
  waitForInviteLink,
} from './pages';

test('the page hydrates with JavaScript and never without it', async ({ page, javaScriptEnabled }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  // js: a missing or broken WASM fails here; no-js: proves this project really runs without JS.
  await expectSettled(page, javaScriptEnabled);
});

// Runs before the journey signs the admin in, which clears the admin's failed-attempt count.
test('a wrong password is refused with a message', async ({ page, javaScriptEnabled: js }) => {
  const login = new LoginPage(page, js);
  await login.goto();
  await login.signIn(ADMIN_EMAIL, `${ADMIN_PASSWORD} but wrong`);
  await expect(login.error).toHaveText('The e-mail address or password is incorrect.');
  await expect(page).toHaveURL(urlOf('/login'));
  await expect(login.heading).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
});

test.describe('an invitation', () => {
  test.describe.configure({ mode: 'serial' });

  // Set by the first test, used by the second (serial: the second is skipped if the first fails).
  let invitee = '';

  test('an admin invites someone as HR', async ({ page, javaScriptEnabled: js }) => {
    const login = new LoginPage(page, js);
    await login.goto();
    await login.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    await new HomePage(page).expectSignedInAs(ADMIN_EMAIL, 'Admin');

    const header = new Header(page, js);
    await expect(header.link('Audit log')).toBeVisible();
    await header.link('Users').click();
    const users = new UsersPage(page, js);
    await expect(page).toHaveURL(urlOf('/users'));
    await expect(users.heading).toBeVisible();
    await expectSettled(page, js);

    invitee = uniqueEmail('hr');
    await users.invite(invitee, 'HR');
    const row = users.openInvitation(invitee);
    await expect(row).toBeVisible();
    await expect(row.getByRole('cell', { name: 'HR', exact: true })).toBeVisible();
    await expectSettled(page, js);
  });

  test('the invitee sets a password from the mail, signs in and out', async ({ page, javaScriptEnabled: js }) => {
    expect(invitee, 'set by the previous test').not.toBe('');
    // Each test has its own browser context: this one has never signed in.
    const link = await waitForInviteLink(invitee);
    expect(new URL(link).origin, `the link in the mail (${link})`).toBe(BASE_URL);

    await visit(page, js, link);
    const invite = new InvitePage(page, js);
    await expect(invite.heading).toBeVisible();
    await expect(page.getByRole('main').getByText(invitee)).toBeVisible();
    await invite.setPassword('correct horse battery staple e2e');

    await new HomePage(page).expectSignedInAs(invitee, 'HR');
    const header = new Header(page, js);
    await expect(header.nav.getByText(invitee)).toBeVisible();
    await expect(header.link('Users')).toHaveCount(0);

    const response = await visit(page, js, '/users');
    expect(response?.status(), 'the status of /users for HR').toBe(403);
    await expect(page.getByRole('heading', { name: 'Not allowed', level: 1 })).toBeVisible();

    await header.signOut();
    await expect(page).toHaveURL(urlOf('/login'));
    await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();

    await visit(page, js, '/account');
    await expect(page).toHaveURL(urlOf('/login'));
    await expect(page.getByRole('heading', { name: 'Sign in', level: 1 })).toBeVisible();
  });
});

test('an admin follows one subject through the audit log', async ({ page, javaScriptEnabled: js }) => {
  const login = new LoginPage(page, js);
  await login.goto();
  await login.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  await new HomePage(page).expectSignedInAs(ADMIN_EMAIL, 'Admin');

  // Signing in is audited with the admin's user as its subject.
  await visit(page, js, '/audit?action=auth.signed_in');
  const firstRow = page.locator('table.audit tbody tr').first();
  const subjectLink = firstRow.getByRole('cell').nth(4).getByRole('link');
  const subject = (await subjectLink.textContent())?.trim() ?? '';
  expect(subject).toMatch(/^user:\d+$/);
  await subjectLink.click();

  await expect(page).toHaveURL(/\/audit\?subject=user%3A\d+$/);
  await expectSettled(page, js);
  await expect(page.getByLabel('Subject')).toHaveValue(subject);
  const subjects = await page.locator('table.audit tbody tr td:nth-child(5)').allInnerTexts();
  expect(subjects.length).toBeGreaterThan(0);
  expect(new Set(subjects.map((s) => s.trim()))).toEqual(new Set([subject]));
  // The details read as fields, not as a JSON string.
  await expect(page.locator('table.audit ul.details').first().getByText('client_ip')).toBeVisible();
});
