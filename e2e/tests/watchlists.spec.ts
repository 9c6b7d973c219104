// Watch lists, end to end: HR enters a person whose e-mail address is not yet on any list; a
// security lead imports a custom incident list naming that address on the watch-lists page (a
// malformed file first, refused with its line number; then, with JavaScript, a Windows-1252 file
// chosen with the file picker); the new version is active, its
// re-screening finishes, and the person's screening page shows the KNOWN-07 hit with its list,
// entry and explanation. The start page's tile leads the security lead to the queue of matches
// to review, where the person is listed until the match is confirmed. Runs in both projects:
// `js` and `no-js`. A second test imports a version far smaller than the active one: refused
// until the importer ticks "Accept a much smaller list".
//
// Both projects share one database: the list id and the address are unique per run.

import {
  HR_PASSWORD,
  createHr,
  createSecurityLead,
  expect,
  expectSettled,
  signInAs,
  test,
  visit,
} from './pages';

/** Lower-case letters only, unique per run (list ids allow letters, digits and underscores). */
function uniqueTag(): string {
  const digits = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  return digits.replace(/\d/g, (d) => 'abcdefghij'[Number(d)]);
}

test('a security lead imports a list and the hit appears on a person screened before', async ({ page, javaScriptEnabled: js }) => {
  const tag = uniqueTag();
  const address = `persona.${tag}@e2e.example`;
  const name = `Robin ${tag.slice(-6)}`;

  // HR enters the person; no list names them yet.
  await signInAs(page, js, createHr(), HR_PASSWORD);
  await visit(page, js, '/people/new');
  await page.locator('#legal_name').fill(name);
  await page.getByLabel('E-mail address').first().fill(address);
  await page.getByRole('button', { name: 'Save and screen' }).click();
  await expect(page).toHaveURL(/\/people\/\d+$/);
  await expectSettled(page, js);
  const personPath = new URL(page.url()).pathname;
  await expect(page.locator('li.finding').filter({ hasText: 'KNOWN-07' })).toHaveCount(0);

  // A security lead imports the list: first a malformed file, then the real one.
  await page.context().clearCookies();
  await signInAs(page, js, createSecurityLead(), HR_PASSWORD);
  await page.getByRole('link', { name: 'Watch lists' }).click();
  await expectSettled(page, js);
  await expect(page.getByRole('heading', { name: 'Watch lists', level: 1 })).toBeVisible();

  const source = `incidents_${tag}`;
  await page.locator('#list-source').fill(source);
  await page.locator('#list-format').selectOption('custom_csv');
  await page.locator('#list-first').fill(`kind,value,label,source\nemail,${address},Persona from incident ${tag},internal\nshoe_size,44,x,y\n`);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('alert')).toContainText('line 3');
  await expectSettled(page, js);

  await page.locator('#list-source').fill(source);
  await page.locator('#list-format').selectOption('custom_csv');
  const list = `kind,value,label,source\nemail,${address},Persona from incident ${tag} (Müller),internal\n`;
  const picker = page.locator('#list-first-file');
  if (js) {
    // Choosing the file: saved from a spreadsheet on Windows, so Windows-1252, not UTF-8.
    await picker.setInputFiles({ name: `incidents-${tag}.csv`, mimeType: 'text/csv', buffer: Buffer.from(list, 'latin1') });
    await expect(page.getByText(`incidents-${tag}.csv (Windows-1252) is in the field below`)).toBeVisible();
    await expect(page.locator('#list-first')).toHaveValue(list);
  } else {
    // Without JavaScript the picker is hidden and the text is pasted.
    await expect(picker).toBeHidden();
    await page.locator('#list-first').fill(list);
  }
  await page.getByRole('button', { name: 'Import' }).click();
  await expectSettled(page, js);

  const active = page.locator('#active-lists tr').filter({ hasText: source });
  await expect(active).toBeVisible();
  // The page polls (JavaScript) or reloads itself (no JavaScript) until the pass is done.
  await expect(active.locator('td[data-rescreen="finished"]')).toBeVisible({ timeout: 30_000 });
  const version = page.locator('#list-versions tr').filter({ hasText: source });
  await expect(version).toContainText('Active');
  await expect(version).toContainText('custom_csv');
  await expect(page.getByRole('link', { name: 'Matches to review' })).toHaveAttribute(
    'href',
    '/people?watchlist=to_review&sort=score',
  );

  // The person screened before the import now shows the hit, explained.
  await visit(page, js, personPath);
  const hit = page.locator('li.finding').filter({ hasText: 'KNOWN-07' });
  await expect(hit).toBeVisible();
  await expect(hit).toContainText('critical');
  await expect(hit).toContainText(source);
  await expect(hit).toContainText(address);
  await expect(hit).toContainText('identifier');
  await expect(page.locator('.page-head .band')).toHaveText('critical');

  // The start page leads the security lead to the queue of matches nobody has reviewed yet.
  await visit(page, js, '/');
  await page.getByTestId('match-queue').click();
  await expectSettled(page, js);
  await expect(page).toHaveURL(/\/people\?watchlist=to_review&sort=score$/);
  await expect(page.locator('#sort')).toHaveValue('score');
  await expect(page.locator('#watchlist')).toHaveValue('to_review');
  await page.getByRole('link', { name }).click();
  await expectSettled(page, js);
  await expect(page).toHaveURL(new RegExp(`${personPath}$`));

  // Confirmed as a true match, the person leaves the queue and is listed under "confirmed".
  const verdict = page.locator('li.finding').filter({ hasText: 'KNOWN-07' });
  await verdict.getByLabel('True match because').fill(`Same address as incident ${tag}`);
  await verdict.getByRole('button', { name: 'Confirm match' }).click();
  await expectSettled(page, js);
  await expect(verdict).toContainText(`Confirmed as a true match by`);
  await expect(verdict).toContainText(`Same address as incident ${tag}`);
  await visit(page, js, '/people?watchlist=to_review');
  await expect(page.getByRole('link', { name })).toHaveCount(0);
  await visit(page, js, '/people?watchlist=confirmed');
  await expect(page.getByRole('link', { name })).toBeVisible();
});

test('a much smaller version of a list needs the importer to accept it', async ({ page, javaScriptEnabled: js }) => {
  const tag = uniqueTag();
  const source = `shrink_${tag}`;
  const list = (n: number) =>
    'kind,value,label,source\n' +
    Array.from({ length: n }, (_, i) => `email,entry${i}.${tag}@e2e.example,incident ${i},internal\n`).join('');
  const importVersion = async (n: number, accept: boolean) => {
    await page.locator('#list-source').fill(source);
    await page.locator('#list-format').selectOption('custom_csv');
    await page.locator('#list-first').fill(list(n));
    await page.getByLabel('Accept a much smaller list').setChecked(accept);
    await page.getByRole('button', { name: 'Import' }).click();
    await expectSettled(page, js);
  };
  const active = page.locator('#active-lists tr').filter({ hasText: source });

  await signInAs(page, js, createSecurityLead(), HR_PASSWORD);
  await visit(page, js, '/watchlists');
  await importVersion(20, false);
  await expect(active.locator('td').nth(2)).toHaveText('20');

  // Three entries where twenty were: refused, and the twenty stay active.
  await importVersion(3, false);
  await expect(page.getByRole('alert')).toContainText('fewer than half of the 20 in the active version');
  await visit(page, js, '/watchlists');
  await expect(active.locator('td').nth(2)).toHaveText('20');

  // Accepted: the smaller list becomes the active version.
  await importVersion(3, true);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(active.locator('td').nth(2)).toHaveText('3');
});
