// HR imports people from the import page: pasted CSV with one refused row. The browser lands on
// the import's own page, which follows the import running in the background (asking every half
// second with JavaScript, reloading itself without) until it shows the report. Runs in both
// projects: `js` and `no-js`.

import { HR_PASSWORD, LoginPage, clickAndLoad, createHr, expect, expectSettled, test, visit } from './pages';

/** How long the import's page may take to show the end (a three-row import ends in well under this). */
const IMPORT_TIMEOUT_MS = 20_000;

test('HR imports pasted CSV and the import page follows it to the report', async ({ page, javaScriptEnabled: js }) => {
  const email = createHr();
  const login = new LoginPage(page, js);
  await login.goto();
  await login.signIn(email, HR_PASSWORD);
  await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();

  await visit(page, js, '/people/import');
  await expect(page.getByRole('heading', { name: 'Import people', level: 1 })).toBeVisible();
  // Choosing a file needs JavaScript; pasting works either way.
  const filePicker = page.getByLabel('File', { exact: true });
  if (js) {
    await expect(filePicker).toBeVisible();
  } else {
    await expect(filePicker).toBeHidden();
  }

  // Unique per run, so the search below finds only these people.
  const run = String(Date.now());
  const csv = [
    'legal_name,email',
    `Imported One ${run},one-${run}@e2e.example`,
    `Imported Two ${run},not-an-email`,
    `Imported Three ${run},three-${run}@e2e.example`,
  ].join('\n');
  await page.getByLabel('Format', { exact: true }).selectOption('csv');
  await page.getByLabel('Data', { exact: true }).fill(csv);
  const submit = page.getByRole('button', { name: 'Import', exact: true });
  if (js) {
    // An ActionForm: the server function answers, then the app navigates to the import's page.
    await submit.click();
  } else {
    // A plain form post; the server redirects the browser to the import's page.
    await clickAndLoad(page, js, submit);
  }
  await expect(page).toHaveURL(/\/people\/import\/\d+$/);

  await expect(page.getByRole('heading', { name: 'Import finished', level: 1 })).toBeVisible({
    timeout: IMPORT_TIMEOUT_MS,
  });
  await expectSettled(page, js);
  await expect(page.getByText('Imported 2 of 2 rows')).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Imported 2 · refused 1' })).toBeVisible();
  const refused = page.getByRole('row').filter({ hasText: 'contact.emails[0].address' });
  await expect(refused).toHaveCount(1);
  await expect(refused.getByRole('cell').first()).toHaveText('2');
  await expect(page.getByRole('link', { name: 'See the imported people' })).toBeVisible();

  await visit(page, js, `/people?q=${run}`);
  await expect(page.getByRole('link', { name: `Imported One ${run}` })).toBeVisible();
  await expect(page.getByRole('link', { name: `Imported Three ${run}` })).toBeVisible();
  await expect(page.getByRole('link', { name: `Imported Two ${run}` })).toHaveCount(0);
});
