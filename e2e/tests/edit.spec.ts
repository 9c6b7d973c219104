// HR corrects a profile: opens a person, follows "Edit profile", changes the phone and adds an
// employer, saves, and is back on the screening page at the next version; the stored IBAN shows
// only by its last four characters and a blank one stays. Runs in both projects: `js` and
// `no-js`. With JavaScript, "Add another phone" appends a row without losing what was typed, and
// a refused save leaves the form as it was.

import { type Page } from '@playwright/test';
import { HR_PASSWORD, LoginPage, createHr, expect, expectSettled, test, visit } from './pages';

async function signInAsHr(page: Page, js: boolean): Promise<void> {
  const login = new LoginPage(page, js);
  await login.goto();
  await login.signIn(createHr(), HR_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();
}

/** Unique per run, so earlier runs' profiles never link to these. */
function uniqueSuffix(): string {
  return String(Date.now() % 1_000_000).padStart(6, '0');
}

/** A valid E.164 number unique to this run: `+1415`, the run's suffix, and `n` (0-9). */
function phone(suffix: string, n: number): string {
  return `+1415${suffix}${n}`;
}

/** Submits the person form and waits for the screening page it leads to. */
async function saveAndExpectScreening(page: Page, js: boolean, button: string, name: string): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  await expect(page).toHaveURL(/\/people\/\d+$/);
  await expectSettled(page, js);
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
}

/** Follows "Edit profile" from the screening page. */
async function openEdit(page: Page, js: boolean, name: string): Promise<void> {
  await page.getByRole('link', { name: 'Edit profile' }).click();
  await expect(page).toHaveURL(/\/people\/\d+\/edit$/);
  await expectSettled(page, js);
  await expect(page.getByRole('heading', { name: `Edit ${name}`, level: 1 })).toBeVisible();
}

test('HR edits a profile and the screening shows the new version', async ({ page, javaScriptEnabled: js }) => {
  await signInAsHr(page, js);
  const suffix = uniqueSuffix();
  const name = `Edith Clarke ${suffix}`;
  const iban = `GB${String(Date.now()).slice(-2)}NWBK${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`;

  await visit(page, js, '/people/new');
  await page.locator('#legal_name').fill(name);
  await page.locator('#phones-0').fill(phone(suffix, 0));
  await page.locator('#pay_method').selectOption('wire');
  await page.locator('#iban').fill(iban);
  await saveAndExpectScreening(page, js, 'Save and screen', name);
  await expect(page.getByText(/version 1 ·/)).toBeVisible();

  await openEdit(page, js, name);
  await expect(page.locator('#phones-0')).toHaveValue(phone(suffix, 0));
  await expect(page.locator('#pay_method')).toHaveValue('wire');
  await expect(page.locator('#iban')).toHaveValue('');
  await expect(page.getByText(`On file: ending in ${iban.slice(-4)}`)).toBeVisible();
  if (!js) {
    // Adding a row needs JavaScript; without it the edit form always has one blank row.
    await expect(page.getByRole('button', { name: 'Add another phone' })).toBeHidden();
  }
  await page.locator('#phones-0').fill(phone(suffix, 9));
  await page.locator('#employers-0').fill('Acme Analytics');
  await page.locator('#employer_domains-0').fill(`acme-${suffix}.example`);
  await saveAndExpectScreening(page, js, 'Save changes', name);
  await expect(page.getByText(/version 2 ·/)).toBeVisible();

  await openEdit(page, js, name);
  await expect(page.locator('#phones-0')).toHaveValue(phone(suffix, 9));
  await expect(page.locator('#employers-0')).toHaveValue('Acme Analytics');
  await expect(page.locator('#employer_domains-0')).toHaveValue(`acme-${suffix}.example`);
  await expect(page.getByText(`On file: ending in ${iban.slice(-4)}`), 'a blank IBAN kept the stored one').toBeVisible();
  // Every filled row and one blank one.
  await expect(page.locator('#phones-1')).toHaveValue('');
  await expect(page.locator('#phones-2')).toHaveCount(0);

  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(/\/people\/\d+$/);
  await expectSettled(page, js);
  await expect(page.getByText(/version 2 ·/)).toBeVisible();
});

test('"Add another phone" adds a row and keeps what was typed', async ({ page, javaScriptEnabled: js }) => {
  test.skip(!js, 'adding a row needs JavaScript; without it the form offers blank rows');
  await signInAsHr(page, js);
  const suffix = uniqueSuffix();
  const name = `Ida Rhodes ${suffix}`;

  await visit(page, js, '/people/new');
  await page.locator('#legal_name').fill(name);
  await page.locator('#phones-0').fill(phone(suffix, 0));
  await page.locator('#phones-1').fill(phone(suffix, 1));
  await expect(page.locator('#phones-2')).toHaveCount(0);
  await page.getByRole('button', { name: 'Add another phone' }).click();
  await page.locator('#phones-2').fill(phone(suffix, 2));
  await page.locator('#phone_types-2').selectOption('voip');
  await expect(page.locator('#phones-0')).toHaveValue(phone(suffix, 0));
  await expect(page.locator('#phones-1')).toHaveValue(phone(suffix, 1));
  await expect(page.locator('#phones-2')).toHaveValue(phone(suffix, 2));

  // A refused save keeps everything typed, the added row included.
  await page.locator('#phones-1').fill('12');
  await page.getByRole('button', { name: 'Save and screen' }).click();
  await expect(page.getByRole('alert')).toContainText('contact.phones[1].e164');
  await expect(page.locator('#legal_name')).toHaveValue(name);
  await expect(page.locator('#phones-0')).toHaveValue(phone(suffix, 0));
  await expect(page.locator('#phones-2')).toHaveValue(phone(suffix, 2));
  await expect(page.locator('#phone_types-2')).toHaveValue('voip');

  await page.locator('#phones-1').fill(phone(suffix, 1));
  await saveAndExpectScreening(page, js, 'Save and screen', name);
  await openEdit(page, js, name);
  await expect(page.locator('#phones-0')).toHaveValue(phone(suffix, 0));
  await expect(page.locator('#phones-1')).toHaveValue(phone(suffix, 1));
  await expect(page.locator('#phones-2')).toHaveValue(phone(suffix, 2));
  await expect(page.locator('#phone_types-2')).toHaveValue('voip');
  await expect(page.locator('#phones-3')).toHaveValue('');
});

test('a refused save keeps what was typed, with JavaScript or without', async ({ page, javaScriptEnabled: js }) => {
  await signInAsHr(page, js);
  const suffix = uniqueSuffix();
  const name = `Mary Jackson ${suffix}`;

  await visit(page, js, '/people/new');
  await page.locator('#legal_name').fill(name);
  await page.locator('#emails-0').fill(`mary-${suffix}@example.org`);
  await page.locator('#phones-0').fill('12');
  await page.locator('#pay_method').selectOption('wire');
  await page.locator('#iban').fill('GB29NWBK60161331926819');
  await page.getByRole('button', { name: 'Save and screen' }).click();
  if (!js) {
    // The browser was sent back to the form, which the server drew again from its draft.
    await expect(page).toHaveURL(/\/people\/new\?.*__err=/);
    await expect(page.getByText('What you typed is kept below')).toBeVisible();
  }
  await expect(page.getByRole('alert')).toContainText('contact.phones[0].e164');
  await expect(page.locator('#legal_name')).toHaveValue(name);
  await expect(page.locator('#emails-0')).toHaveValue(`mary-${suffix}@example.org`);
  await expect(page.locator('#phones-0')).toHaveValue('12');
  await expect(page.locator('#pay_method')).toHaveValue('wire');
  // Without JavaScript the bank number is not kept by the server and must be typed again.
  await expect(page.locator('#iban')).toHaveValue(js ? 'GB29NWBK60161331926819' : '');

  await page.locator('#phones-0').fill(phone(suffix, 3));
  await saveAndExpectScreening(page, js, 'Save and screen', name);
});
