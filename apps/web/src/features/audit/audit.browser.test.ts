import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';

// A real server serving the built console (PORTOLAN_TEST_WEB_DIR serves another build); 30 workspaces
// made through the API leave 30 records of the same action, more than one page of 25.
let harness: Harness;
let browser: Browser;
let page: Page;
const ACTION = 'workspaces:write';

before(async () => {
  const web = process.env.PORTOLAN_TEST_WEB_DIR;
  if (!web) requireBuiltConsole();
  harness = await startHarness(web ? { args: ['--web-dir', web] } : {});
  for (let i = 0; i < 30; i++) {
    const made = await harness.call('POST', '/api/v1/workspaces', { name: `audit-team-${i}` });
    assert.equal(made.status, 201);
  }
  browser = await launchBrowser();
  page = await openPage(browser, { locale: 'en' });
  await signIn(page, harness.url);
});

after(async () => {
  await browser?.close();
  await harness?.stop({ removeData: true });
});

/** The next GET /api/v1/audit whose parameters include all of `wanted`. */
const auditAsked = (wanted: Record<string, string>) =>
  page.waitForRequest((request) => {
    const url = new URL(request.url());
    return (
      url.pathname === '/api/v1/audit' &&
      Object.entries(wanted).every(([key, value]) => url.searchParams.get(key) === value)
    );
  });

/** Waits up to 10 s for the table to show `count` rows. */
async function rowsShown(count: number) {
  for (let i = 0; i < 100 && (await page.locator('.ant-table-row').count()) !== count; i++)
    await page.waitForTimeout(100);
}

test('the audit log is filtered and paged by the server; the page size stays in the address with the filter', async () => {
  const filtered = auditAsked({ action: ACTION });
  await page.goto(`${harness.url}/audit?action=${ACTION}`);
  await filtered;
  await page.locator('.ant-table-row', { hasText: ACTION }).first().waitFor();

  const smaller = auditAsked({ action: ACTION, limit: '25' });
  await page.getByRole('combobox', { name: 'Records per page' }).click();
  await page.locator('.ant-select-item-option', { hasText: '25 per page' }).click();
  await smaller;
  await page.waitForURL(/size=25/);
  // The page of 50 stays on screen until the server's page of 25 arrives.
  await rowsShown(25);
  assert.equal(await page.locator('.ant-table-row', { hasText: ACTION }).count(), 25);

  // Older asks the server for the page after by its cursor: the five records left.
  const older = page.waitForRequest((request) => {
    const url = new URL(request.url());
    return url.pathname === '/api/v1/audit' && url.searchParams.has('continue');
  });
  await page.getByRole('button', { name: 'Older' }).click();
  assert.equal(new URL((await older).url()).searchParams.get('action'), ACTION);
  await rowsShown(5);
  assert.equal(await page.locator('.ant-table-row', { hasText: ACTION }).count(), 5);

  // A reload keeps the filter and the page size, and starts at the newest.
  const again = auditAsked({ action: ACTION, limit: '25' });
  await page.reload();
  await again;
  await page.locator('.ant-table-row').nth(24).waitFor();
});
