// A quarterly access review, from start to evidence: an admin clears a person, registers a
// standard repository owned by a security lead and asks for read access, which the lead approves;
// the admin starts a campaign, which snapshots that grant as an item for its owner; the owner
// finds it with "Only mine" and certifies it with a reason; the admin decides whatever other runs
// left live (so that every item is decided), signs the campaign off ticking the confirmation, and
// the page shows the sealed state: signed off, the chain's head hash, no decision form, and the
// evidence CSV naming the repository. Runs in both projects: `js` and `no-js`.
//
// Both projects share one database, and every live grant in it lands in every new campaign:
// names and the quarter are unique per run, and items are found by this run's person or through
// "Only mine" (the owner is a fresh security lead).

import { type Locator, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../shared';
import {
  HR_PASSWORD,
  Header,
  clickAndLoad,
  createSecurityLead,
  expect,
  expectSettled,
  signInAs,
  test,
  urlOf,
  visit,
} from './pages';

/** Letters only and unique per run (repository names are unique; people are told apart by name). */
function uniqueTag(): string {
  const digits = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  return digits.replace(/\d/g, (d) => 'abcdefghij'[Number(d)]);
}

/** A quarter no real review will use, different in each run: `2XXX-Qn`, years 2100 to 2999. */
function uniqueQuarter(): string {
  const year = 2100 + Math.floor(Math.random() * 900);
  const quarter = 1 + Math.floor(Math.random() * 4);
  return `${year}-Q${quarter}`;
}

/** `YYYY-MM-DD` (UTC) `days` from now. */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** The number at the end of the current address (`/campaigns/12` → 12). */
function idFromUrl(page: Page): number {
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  expect(Number.isInteger(id) && id > 0, `an id at the end of ${page.url()}`).toBe(true);
  return id;
}

/** The campaign page without a query string: where a decision or a sign-off sends the browser. */
function campaignUrl(campaignId: number): RegExp {
  return new RegExp(`/campaigns/${campaignId}$`);
}

/** The campaign item (a table row) of this run's person. */
function itemOf(page: Page, personName: string): Locator {
  return page.getByTestId('campaign-item').filter({ hasText: personName });
}

/** A reviewer's line in the campaign's progress. */
function reviewerProgress(page: Page, reviewer: string): Locator {
  return page.getByTestId('reviewer-progress').filter({ hasText: reviewer });
}

test.describe('a quarterly access review', () => {
  test.describe.configure({ mode: 'serial' });

  // Set by the tests in order (serial: a later test is skipped if an earlier one fails).
  let lead = '';
  let personName = '';
  let login = '';
  let repoName = '';
  let requestId = 0;
  let quarter = '';
  let campaignId = 0;

  test('an admin sets up one live grant: a cleared person, a standard repository, approved read access', async ({
    page,
    javaScriptEnabled: js,
  }) => {
    const tag = uniqueTag();
    personName = `Cara ${tag[0].toUpperCase()}${tag.slice(1)}`;
    login = `cara-${tag}`;
    repoName = `acme/handbook-${tag}`;
    lead = createSecurityLead();
    await signInAs(page, js, ADMIN_EMAIL, ADMIN_PASSWORD);

    await visit(page, js, '/people/new');
    await page.locator('#legal_name').fill(personName);
    await page.locator('#github_login').fill(login);
    await page.getByRole('button', { name: 'Save and screen' }).click();
    await expect(page).toHaveURL(/\/people\/\d+$/);
    await expectSettled(page, js);
    await expect(page.getByText('No red flags')).toBeVisible();
    const personId = idFromUrl(page);
    await page.locator('#decision').selectOption('cleared');
    await page.locator('#reason').fill('Identity and references checked');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await expect(page.getByRole('cell', { name: 'Identity and references checked' })).toBeVisible();
    await expectSettled(page, js);

    await visit(page, js, '/repositories');
    await page.getByLabel('Name', { exact: true }).fill(repoName);
    await page.getByLabel('Provider', { exact: true }).selectOption('github');
    await page.getByLabel('Tier', { exact: true }).selectOption('standard');
    await page.getByLabel('Owners', { exact: true }).fill(lead);
    await page.getByRole('button', { name: 'Register repository' }).click();
    await expect(page).toHaveURL(/\/repositories\/\d+$/);
    await expectSettled(page, js);
    const repoId = idFromUrl(page);

    // All four choices in the address: the page shows what the policy says straight away.
    await visit(page, js, `/access/new?person=${personId}&repository=${repoId}&permission=read&days=30`);
    await expect(page.getByText('1 approval required')).toBeVisible();
    await expect(page.getByText('No rule blocks this request.')).toBeVisible();
    await page.getByLabel('Justification').fill('Reads the handbook for onboarding');
    await page.getByRole('button', { name: 'Request access' }).click();
    await expect(page).toHaveURL(/\/access\/\d+$/);
    await expectSettled(page, js);
    requestId = idFromUrl(page);
    await expect(page.getByTestId('approvals')).toHaveText('0 of 1');

    // The owner approves: one approval is enough for read access to a standard repository.
    await signInAs(page, js, lead, HR_PASSWORD);
    await visit(page, js, `/access/${requestId}`);
    await page.getByLabel('Comment').fill('Read access for onboarding is fine');
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect(page.getByTestId('request-state')).toHaveText('Active');
    await expectSettled(page, js);
  });

  test('the admin starts a campaign; the grant becomes an item for its owner', async ({ page, javaScriptEnabled: js }) => {
    expect(requestId, 'set by the first test').toBeGreaterThan(0);
    quarter = uniqueQuarter();
    await signInAs(page, js, ADMIN_EMAIL, ADMIN_PASSWORD);

    await new Header(page, js).link('Campaigns').click();
    await expect(page).toHaveURL(urlOf('/campaigns'));
    await expectSettled(page, js);
    await expect(page.getByRole('heading', { name: 'Campaigns', level: 1 })).toBeVisible();
    await expect(page.getByText('snapshots every live grant')).toBeVisible();

    await page.getByLabel('Quarter', { exact: true }).fill(quarter);
    await page.getByLabel('Due date', { exact: true }).fill(dayFromNow(14));
    await expect(page.getByLabel('Revoke undecided items at the due date')).not.toBeChecked();
    await page.getByRole('button', { name: 'Start campaign' }).click();

    await expect(page).toHaveURL(/\/campaigns\/\d+$/);
    await expectSettled(page, js);
    campaignId = idFromUrl(page);
    await expect(page.getByRole('heading', { name: `Access review ${quarter}`, level: 1 })).toBeVisible();
    await expect(page.getByTestId('campaign-state')).toHaveText('Open');
    await expect(page.getByTestId('due-date')).toHaveText(dayFromNow(14));
    // The fresh lead owns only this run's repository: exactly one item, not decided yet.
    await expect(reviewerProgress(page, lead)).toContainText('0 of 1');

    await visit(page, js, '/campaigns');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: quarter, exact: true }) });
    await expect(row).toContainText('Open');
    await expect(row).toContainText('decided');
  });

  test('the owner finds the item with "Only mine" and certifies it', async ({ page, javaScriptEnabled: js }) => {
    expect(campaignId, 'set by the previous tests').toBeGreaterThan(0);
    await signInAs(page, js, lead, HR_PASSWORD);
    await new Header(page, js).link('Campaigns').click();
    await expect(page).toHaveURL(urlOf('/campaigns'));
    await expectSettled(page, js);
    await page.getByRole('link', { name: quarter, exact: true }).click();
    await expect(page).toHaveURL(urlOf(`/campaigns/${campaignId}`));
    await expectSettled(page, js);

    // A plain GET form: the browser loads the filtered address, with JavaScript or without.
    await page.getByLabel('Only mine').check();
    await clickAndLoad(page, js, page.getByRole('button', { name: 'Filter', exact: true }));
    await expect(page).toHaveURL(/[?&]mine=1/);
    await expect(page.getByLabel('Only mine')).toBeChecked();
    await expect(page.getByTestId('campaign-item')).toHaveCount(1);

    const item = itemOf(page, personName);
    await expect(item).toContainText(login);
    await expect(item).toContainText(repoName);
    await expect(item).toContainText('Standard');
    await expect(item).toContainText('Read');
    await expect(item).toContainText(lead);
    await expect(item.getByTestId('screening-decision')).toHaveText('cleared');
    await expect(item.getByTestId('item-decision')).toHaveText('Undecided');
    await expect(item.getByTestId('outlives-screening')).toHaveCount(0);

    await item.getByLabel('Reason').fill('Still onboarding; read access matches the work');
    await item.getByRole('button', { name: 'Certify', exact: true }).click();
    await expect(page).toHaveURL(campaignUrl(campaignId));
    await expectSettled(page, js);

    await visit(page, js, `/campaigns/${campaignId}?mine=1`);
    await expect(item.getByTestId('item-decision')).toHaveText('Certified');
    await expect(item).toContainText('Still onboarding; read access matches the work');
    await expect(reviewerProgress(page, lead)).toContainText('100%');
    await expect(reviewerProgress(page, lead)).toContainText('1 of 1');
  });

  test('the admin signs the campaign off; it is sealed and its evidence names the repository', async ({
    page,
    javaScriptEnabled: js,
  }) => {
    expect(campaignId, 'set by the previous tests').toBeGreaterThan(0);
    // Leftovers of other runs may take a few rounds.
    test.setTimeout(120_000);
    await signInAs(page, js, ADMIN_EMAIL, ADMIN_PASSWORD);

    // Every live grant in the shared database is in this campaign, and sign-off needs every item
    // decided: the admin (who may decide any item) revokes what other runs left live, so that
    // they do not come back in the next campaign either.
    for (let round = 0; ; round++) {
      expect(round, 'leftover items decided within 40 rounds').toBeLessThan(40);
      await visit(page, js, `/campaigns/${campaignId}?open=1`);
      const leftovers = page
        .getByTestId('campaign-item')
        .filter({ hasNotText: personName })
        .filter({ has: page.getByRole('button', { name: 'Revoke', exact: true }) });
      if ((await leftovers.count()) === 0) break;
      const leftover = leftovers.first();
      await leftover.getByLabel('Reason').fill('e2e clean-up: a grant left live by another test run');
      await leftover.getByRole('button', { name: 'Revoke', exact: true }).click();
      await expect(page).toHaveURL(campaignUrl(campaignId));
      await expectSettled(page, js);
    }

    await visit(page, js, `/campaigns/${campaignId}`);
    await expect(page.getByTestId('campaign-progress')).toContainText('100%');
    await expect(page.getByTestId('undecided')).toHaveText('0');
    await expect(page.getByText('makes it read-only')).toBeVisible();
    await page.getByLabel(/I confirm: every item was reviewed/).check();
    await page.getByRole('button', { name: 'Sign off', exact: true }).click();

    await expect(page.getByTestId('campaign-state')).toHaveText(/signed off/i);
    await expectSettled(page, js);
    await expect(page.getByTestId('head-hash')).toHaveText(/^[0-9a-f]{64}$/i);
    await expect(page.getByTestId('signed-off-by')).toContainText(ADMIN_EMAIL);
    await expect(page.getByTestId('audit-range')).toHaveText(/^#\d+ to #\d+$/);
    // Read-only now: no decision form and no second sign-off.
    await expect(page.getByRole('button', { name: 'Certify', exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Revoke', exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Sign off', exact: true })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Printable report' })).toHaveAttribute('target', '_blank');

    // The evidence: a plain link the browser downloads; fetched here with the page's cookies.
    const csvLink = page.getByRole('link', { name: 'Evidence (CSV)' });
    await expect(csvLink).toHaveAttribute('download', '');
    const href = await csvLink.getAttribute('href');
    expect(href).toBe(`/api/v1/campaigns/${campaignId}/export.csv`);
    const csv = await page.request.get(href as string);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const body = await csv.text();
    expect(body).toContain(repoName);
    expect(body).toContain(personName);

    await visit(page, js, `/campaigns/${campaignId}?mine=1&open=1`);
    await expect(page.getByText('No item matches these filters.')).toBeVisible();
    await visit(page, js, '/campaigns');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: quarter, exact: true }) });
    await expect(row).toContainText('Signed off');
    await expect(row).toContainText('100%');
  });
});
