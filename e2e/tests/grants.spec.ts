// Access to a code repository, from request to revocation: HR screens and clears a low-risk
// person; an admin registers a critical repository owned by two security leads; HR requests write
// access for 30 days and sees, before sending, that two approvals are required; the first lead's
// approval leaves it pending ("1 of 2"); the requester cannot review it; the second lead's
// approval makes it active with an expiry; the repository lists the person; the admin revokes it,
// ticking the confirmation; the person's access tab shows the whole history. Runs in both
// projects: `js` and `no-js`.

import { type Locator, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../shared';
import {
  HR_PASSWORD,
  Header,
  createHr,
  createSecurityLead,
  expect,
  expectSettled,
  signInAs,
  test,
  urlOf,
  visit,
} from './pages';

/** Letters only and unique per run, so names never collide with earlier runs' (repository names are unique). */
function uniqueTag(): string {
  const digits = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  return digits.replace(/\d/g, (d) => 'abcdefghij'[Number(d)]);
}

/** The number at the end of the current address (`/people/12` → 12). */
function idFromUrl(page: Page): number {
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  expect(Number.isInteger(id) && id > 0, `an id at the end of ${page.url()}`).toBe(true);
  return id;
}

/** The section under the level-2 heading `name`. */
function section(page: Page, name: string): Locator {
  return page.locator('section').filter({ has: page.getByRole('heading', { name, level: 2, exact: true }) });
}

test.describe('access to a critical repository', () => {
  test.describe.configure({ mode: 'serial' });

  // Set by the tests in order (serial: a later test is skipped if an earlier one fails).
  let hrEmail = '';
  let leadA = '';
  let leadB = '';
  let personName = '';
  let login = '';
  let personId = 0;
  let repoName = '';
  let repoId = 0;
  let requestId = 0;

  test('HR screens a low-risk person and clears them', async ({ page, javaScriptEnabled: js }) => {
    const tag = uniqueTag();
    personName = `Nora ${tag[0].toUpperCase()}${tag.slice(1)}`;
    login = `nora-${tag}`;
    repoName = `acme/payments-${tag}`;
    hrEmail = createHr();
    await signInAs(page, js, hrEmail, HR_PASSWORD);

    await visit(page, js, '/people/new');
    await page.locator('#legal_name').fill(personName);
    // The login the repository's desired state grants to.
    await page.locator('#github_login').fill(login);
    await page.getByRole('button', { name: 'Save and screen' }).click();
    await expect(page).toHaveURL(/\/people\/\d+$/);
    await expectSettled(page, js);
    await expect(page.getByRole('heading', { name: personName, level: 1 })).toBeVisible();
    await expect(page.getByText('No red flags')).toBeVisible();
    personId = idFromUrl(page);

    const reason = 'Identity checked on a video call; references confirmed';
    await page.locator('#decision').selectOption('cleared');
    await page.locator('#reason').fill(reason);
    await page.getByRole('button', { name: 'Record decision' }).click();
    await expect(page.getByRole('cell', { name: reason })).toBeVisible();
    await expectSettled(page, js);
  });

  test('an admin registers a critical repository owned by two security leads', async ({ page, javaScriptEnabled: js }) => {
    expect(repoName, 'set by the first test').not.toBe('');
    leadA = createSecurityLead();
    leadB = createSecurityLead();
    await signInAs(page, js, ADMIN_EMAIL, ADMIN_PASSWORD);

    await new Header(page, js).link('Repositories').click();
    await expect(page).toHaveURL(urlOf('/repositories'));
    await expectSettled(page, js);
    await expect(page.getByRole('heading', { name: 'Repositories', level: 1 })).toBeVisible();

    await page.getByLabel('Name', { exact: true }).fill(repoName);
    await page.getByLabel('Provider', { exact: true }).selectOption('github');
    await page.getByLabel('Tier', { exact: true }).selectOption('critical');
    await page.getByLabel('Description', { exact: true }).fill('Payment services: payouts and reconciliation');
    await page.getByLabel('Owners', { exact: true }).fill(`${leadA}, ${leadB}`);
    await page.getByRole('button', { name: 'Register repository' }).click();

    await expect(page).toHaveURL(/\/repositories\/\d+$/);
    await expectSettled(page, js);
    await expect(page.getByRole('heading', { name: repoName, level: 1 })).toBeVisible();
    await expect(page.locator('.page-head .tier')).toHaveText('Critical');
    await expect(page.getByText('Nobody has access to this repository now.')).toBeVisible();
    repoId = idFromUrl(page);
  });

  test('HR requests write access for 30 days and sees that two approvals are required', async ({ page, javaScriptEnabled: js }) => {
    expect(repoId, 'set by the previous tests').toBeGreaterThan(0);
    await signInAs(page, js, hrEmail, HR_PASSWORD);
    await visit(page, js, `/people/${personId}`);
    const main = page.getByRole('main');

    await main.getByRole('link', { name: 'Access', exact: true }).click();
    await expect(page).toHaveURL(urlOf(`/people/${personId}/access`));
    await expectSettled(page, js);
    await expect(page.getByRole('heading', { name: `Access of ${personName}`, level: 1 })).toBeVisible();
    await expect(page.getByText('No access was ever requested for this person.')).toBeVisible();

    await main.getByRole('link', { name: 'Request access' }).click();
    await expect(page).toHaveURL(urlOf('/access/new'));
    await expectSettled(page, js);
    await expect(page.getByLabel('Person', { exact: true })).toHaveValue(String(personId));
    await expect(main.getByRole('link', { name: personName })).toBeVisible();

    await page.getByLabel('Repository', { exact: true }).selectOption(String(repoId));
    await page.getByLabel('Permission', { exact: true }).selectOption('write');
    await page.getByLabel('Duration in days').fill('30');
    await page.getByRole('button', { name: 'Check the policy' }).click();
    await expect(page.getByText('2 approvals required')).toBeVisible();
    await expect(page.getByText('No rule blocks this request.')).toBeVisible();
    await expectSettled(page, js);
    // The address holds the four fields and nothing else (Leptos's client-side form used to
    // add the nameless button as an empty `&=`).
    const asked = new URL(page.url()).searchParams;
    expect([...asked.keys()].sort()).toEqual(['days', 'permission', 'person', 'repository']);

    await page.getByLabel('Justification').fill('Works on the payout reconciliation service this quarter');
    await page.getByRole('button', { name: 'Request access' }).click();
    await expect(page).toHaveURL(/\/access\/\d+$/);
    await expectSettled(page, js);
    requestId = idFromUrl(page);
    await expect(page.getByTestId('request-state')).toHaveText('Pending review');
    await expect(page.getByTestId('approvals')).toHaveText('0 of 2');
  });

  test('the first security lead approves from the queue; one approval is still missing', async ({ page, javaScriptEnabled: js }) => {
    expect(requestId, 'set by the previous tests').toBeGreaterThan(0);
    await signInAs(page, js, leadA, HR_PASSWORD);
    await new Header(page, js).link('Access').click();
    await expect(page).toHaveURL(urlOf('/access'));
    await expectSettled(page, js);

    // The queue may hold other runs' requests: find this one by its link.
    const entry = page.locator('article').filter({ has: page.locator(`a[href="/access/${requestId}"]`) });
    await expect(entry).toContainText(personName);
    await expect(entry).toContainText('Critical');
    await expect(entry).toContainText('cleared');
    await expect(entry).toContainText('0 of 2');
    await entry.getByLabel('Comment').fill('Screening cleared; write on payments is needed for the work');
    await entry.getByRole('button', { name: 'Approve' }).click();

    await expect(page).toHaveURL(urlOf(`/access/${requestId}`));
    await expectSettled(page, js);
    await expect(page.getByTestId('approvals')).toHaveText('1 of 2');
    await expect(page.getByTestId('request-state')).toHaveText('Pending review');
    // Each lead reviews once.
    await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  });

  test('the requester cannot review their own request', async ({ page, javaScriptEnabled: js }) => {
    expect(requestId, 'set by the previous tests').toBeGreaterThan(0);
    await signInAs(page, js, hrEmail, HR_PASSWORD);
    await visit(page, js, `/access/${requestId}`);
    await expect(page.getByTestId('request-state')).toHaveText('Pending review');
    await expect(page.getByTestId('approvals')).toHaveText('1 of 2');
    await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Deny' })).toHaveCount(0);

    await visit(page, js, '/access');
    await expect(page.getByRole('heading', { name: 'Waiting for your review' })).toHaveCount(0);
    const mine = section(page, 'Your requests').getByRole('row').filter({ has: page.getByRole('link', { name: `#${requestId}`, exact: true }) });
    await expect(mine).toContainText('Pending review');
  });

  test('the second security lead approves and the access becomes active', async ({ page, javaScriptEnabled: js }) => {
    expect(requestId, 'set by the previous tests').toBeGreaterThan(0);
    await signInAs(page, js, leadB, HR_PASSWORD);
    await visit(page, js, `/access/${requestId}`);
    await page.getByLabel('Comment').fill('Agreed');
    await page.getByRole('button', { name: 'Approve' }).click();

    await expect(page.getByTestId('request-state')).toHaveText('Active');
    await expect(page.getByTestId('approvals')).toHaveText('2 of 2');
    await expect(page.getByTestId('expires-at')).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    await expectSettled(page, js);
  });

  test('the repository lists the person; an admin revokes; the access tab shows the history', async ({ page, javaScriptEnabled: js }) => {
    expect(requestId, 'set by the previous tests').toBeGreaterThan(0);
    await signInAs(page, js, ADMIN_EMAIL, ADMIN_PASSWORD);
    await visit(page, js, `/repositories/${repoId}`);
    const holder = section(page, 'Who has access').getByRole('row').filter({ has: page.getByRole('link', { name: personName }) });
    await expect(holder).toContainText(login);
    await expect(holder).toContainText('Write');
    await expect(holder).toContainText('Active');

    await holder.getByRole('link', { name: `#${requestId}`, exact: true }).click();
    await expect(page).toHaveURL(urlOf(`/access/${requestId}`));
    await expectSettled(page, js);
    await page.getByLabel('Reason for revoking', { exact: true }).fill('Contract ended early');
    await page.getByLabel(/I confirm: revoke/).check();
    await page.getByRole('button', { name: 'Revoke access' }).click();
    await expect(page.getByTestId('request-state')).toHaveText('Revoked');
    await expectSettled(page, js);

    await visit(page, js, `/people/${personId}/access`);
    const request = section(page, 'Requests and grants').getByRole('row').filter({ has: page.getByRole('link', { name: `#${requestId}`, exact: true }) });
    await expect(request).toContainText('Revoked');
    const history = section(page, 'History');
    for (const action of ['access.requested', 'access.approved', 'access.activated', 'access.revoked']) {
      await expect(history.locator('code', { hasText: action }).first(), `a ${action} entry`).toBeVisible();
    }
    await expect(page.getByRole('heading', { name: 'Kill switch: revoke all access', level: 2 })).toBeVisible();
  });
});
