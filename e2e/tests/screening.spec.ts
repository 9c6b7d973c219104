// HR screens people: enters a profile through the form, sees the findings with their catalogue
// ids, is refused clearing while a critical finding is open, and records a decision. Runs in both
// projects: `js` and `no-js`.

import { HR_PASSWORD, LoginPage, createHr, expect, expectSettled, test, visit } from './pages';

test('HR enters two linked profiles, sees the findings and records a decision', async ({ page, javaScriptEnabled: js }) => {
  const email = createHr();
  const login = new LoginPage(page, js);
  await login.goto();
  await login.signIn(email, HR_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();

  // Unique per run, so earlier runs' profiles never link to these.
  const street = `${Date.now() % 100000} Farm Lane`;
  const iban = `GB${String(Date.now()).slice(-2)}NWBK${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`;
  const enter = async (name: string, bankCountry: string, holder: string) => {
    await visit(page, js, '/people/new');
    await expect(page.getByRole('heading', { name: 'Add a person' })).toBeVisible();
    await page.locator('#legal_name').fill(name);
    await page.locator('#residence_country').fill('US');
    await page.locator('#ship_line1').fill(street);
    await page.locator('#ship_country').fill('US');
    await page.locator('#pay_method').selectOption('wire');
    await page.locator('#bank_country').fill(bankCountry);
    await page.locator('#account_holder').fill(holder);
    await page.locator('#iban').fill(iban);
    await page.getByRole('button', { name: 'Save and screen' }).click();
    await expect(page).toHaveURL(/\/people\/\d+$/);
    await expectSettled(page, js);
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  };

  await enter('Dana Whitfield', 'US', 'Dana Whitfield');
  await expect(page.getByText('No red flags')).toBeVisible();

  await enter('Marcus Hale', 'CN', 'Li Wei');
  const findings = page.locator('li.finding');
  await expect(findings.filter({ hasText: 'PAY-02' })).toBeVisible();
  await expect(findings.filter({ hasText: 'PAY-03' })).toContainText('Li Wei');
  await expect(findings.filter({ hasText: 'LINK-06' })).toContainText('critical');
  await expect(page.locator('.page-head .band')).toHaveText('critical');
  await expect(page.getByRole('link', { name: 'Dana Whitfield' })).toBeVisible();
  await expect(page.locator('svg.network')).toBeVisible();
  // HR may not dismiss findings: that is the security lead's call.
  await expect(page.getByRole('button', { name: 'Dismiss' })).toHaveCount(0);

  await page.locator('#decision').selectOption('cleared');
  await page.locator('#reason').fill('Looks fine to me');
  await page.getByRole('button', { name: 'Record decision' }).click();
  await expect(page.getByRole('alert')).toContainText('cannot be cleared while critical finding');
  await expectSettled(page, js);

  await page.locator('#decision').selectOption('rejected');
  await page.locator('#reason').fill('Payout account shared with another profile and held by a third party');
  await page.getByRole('button', { name: 'Record decision' }).click();
  await expect(page.getByRole('cell', { name: 'Payout account shared with another profile and held by a third party' })).toBeVisible();
  await expect(page.getByText('status rejected')).toBeVisible();

  await visit(page, js, '/people?q=marcus');
  await expect(page.getByRole('link', { name: 'Marcus Hale' }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Dana Whitfield' })).toHaveCount(0);
});
