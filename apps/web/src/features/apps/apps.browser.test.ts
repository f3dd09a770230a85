/**
 * The Apps area in a browser: a platform Admin adds a loopback chart repository (Test, then Add),
 * finds its chart in the catalogue, opens it and reads its README and default values. The README's
 * raw HTML never becomes elements, and the browser asks nothing of any host but Portolan (icons come
 * through Portolan; README images are not loaded).
 *
 * PORTOLAN_SCREENSHOTS=DIR also saves the pages in English and 简体中文, light and dark.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  buildRepository,
  helmOf,
  ICON_PNG,
  type RepoServer,
  serveRepository,
} from '../../../../server/src/helm/testing/repo-fixtures.ts';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';

let harness: Harness;
let browser: Browser;
let page: Page;
let repo: RepoServer;
let work: string;
let helmHome: string;
const requested: string[] = [];

const README = [
  '# Shop front',
  '',
  'A **web shop** for the demo. See [the docs](https://example.org/docs).',
  '',
  '<script>window.__pwned = true</script>',
  '<img src="https://tracker.example/pixel.png" onerror="window.__pwned = true">',
  '',
  '![diagram](https://images.example/diagram.png)',
  '',
  '| Parameter | Default |',
  '| --- | --- |',
  '| `replicaCount` | `1` |',
  '',
].join('\n');

before(async () => {
  const web = process.env.PORTOLAN_TEST_WEB_DIR;
  if (!web) requireBuiltConsole();
  work = await mkdtemp(path.join(os.tmpdir(), 'portolan-apps-browser-'));
  const { helm, home } = await helmOf();
  helmHome = home;
  repo = await serveRepository(work);
  await writeFile(path.join(work, 'icon.png'), ICON_PNG);
  const shop = {
    name: 'shopfront',
    description: 'An online shop front with a cart and a catalogue',
    keywords: ['web', 'shop'],
    category: 'Web',
    icon: `${repo.url}/icon.png`,
    readme: README,
    values: '# Pods of the shop\nreplicaCount: 1\nimage:\n  repository: nginx\n  tag: "1.27"\n',
    schema: {
      type: 'object',
      required: ['replicaCount'],
      properties: {
        replicaCount: {
          type: 'integer',
          minimum: 1,
          default: 1,
          description: 'How many pods serve the shop',
        },
        image: { type: 'object', properties: { repository: { type: 'string' }, tag: { type: 'string' } } },
      },
    },
  };
  await buildRepository(helm, work, [
    { ...shop, version: '1.0.0', appVersion: '1.0' },
    { ...shop, version: '1.2.0', appVersion: '1.2' },
    {
      name: 'cache',
      version: '0.4.0',
      description: 'An in-memory cache',
      keywords: ['cache'],
      category: 'Database',
    },
  ]);
  harness = await startHarness(web ? { args: ['--web-dir', web] } : {});
  browser = await launchBrowser();
  page = await openPage(browser, { locale: 'en' });
  page.on('request', (request) => requested.push(request.url()));
  await signIn(page, harness.url);
});

after(async () => {
  await browser?.close();
  await harness?.stop({ removeData: true });
  await repo?.close();
  await rm(work, { recursive: true, force: true });
  await rm(helmHome, { recursive: true, force: true });
});

test('an Admin adds a repository, finds its chart and reads its README and default values', async () => {
  await page.goto(`${harness.url}/apps`);
  await page.getByText('no chart repository has been added yet').waitFor();
  await page.getByRole('button', { name: 'Add a repository' }).click();
  await page.waitForURL(/\/apps\/repositories\?add=1/);
  await page.getByLabel('Name', { exact: true }).fill('loopback');
  await page.getByLabel('URL', { exact: true }).fill(repo.url);
  await page.getByRole('button', { name: 'Test' }).click();
  await page.getByText('Read 2 charts (3 versions).').waitFor();
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.locator('.ant-table-row', { hasText: 'loopback' }).getByText('Ready').waitFor();
  await page.locator('.ant-table-row', { hasText: 'loopback' }).getByText('2 charts, 3 versions').waitFor();

  await page.goto(`${harness.url}/apps`);
  await page.locator('[data-testid=chart-card]', { hasText: 'shopfront' }).waitFor();
  assert.equal(await page.locator('[data-testid=chart-card]').count(), 2);
  await page.getByTestId('apps-count').getByText('1–2 of 2 charts').waitFor();
  // The server filters: a keyword search leaves one card.
  await page.getByLabel('Search by name or keyword').fill('shop');
  await page.getByLabel('Search by name or keyword').press('Enter');
  await page.waitForURL(/q=shop/);
  await page.getByTestId('apps-count').getByText('1–1 of 1 charts').waitFor();
  // The icon shows, served by Portolan.
  const icon = page.locator('[data-testid=chart-card] img');
  await icon.waitFor();
  assert.match(
    (await icon.getAttribute('src')) ?? '',
    /^\/api\/v1\/helm\/charts\/loopback\/shopfront\/1\.2\.0\/icon$/,
  );

  await page.locator('[data-testid=chart-card]', { hasText: 'shopfront' }).click();
  await page.waitForURL(/\/apps\/charts\/loopback\/shopfront/);
  const readme = page.getByTestId('chart-readme');
  await readme.getByRole('heading', { name: 'Shop front' }).waitFor();
  await readme.getByRole('link', { name: 'the docs' }).waitFor();
  assert.equal(await readme.locator('script, img, iframe').count(), 0, 'no element from the README’s HTML');
  assert.equal(await page.evaluate(() => (window as { __pwned?: boolean }).__pwned ?? false), false);
  await readme.getByText('[Image: diagram]').waitFor();
  await readme.locator('td code', { hasText: 'replicaCount' }).waitFor();
  assert.equal(await page.getByRole('combobox', { name: 'Version' }).isVisible(), true);
  await page.getByRole('link', { name: 'Install' }).waitFor();
  assert.match(
    (await page.getByRole('link', { name: 'Install' }).getAttribute('href')) ?? '',
    /\/apps\/install\?repository=loopback&chart=shopfront&version=1\.2\.0/,
  );

  await page.getByRole('tab', { name: 'Default values' }).click();
  await page.locator('.monaco-editor .view-lines', { hasText: 'replicaCount: 1' }).waitFor();
  await page.getByRole('tab', { name: 'Values schema' }).click();
  await page.getByText('How many pods serve the shop').waitFor();
  await page.locator('.ant-table-row', { hasText: 'image.tag' }).waitFor();

  // Another version from the select.
  await page.getByRole('combobox', { name: 'Version' }).click();
  await page.locator('.ant-select-item-option', { hasText: '1.0.0' }).click();
  await page.waitForURL(/version=1\.0\.0/);

  const elsewhere = requested.filter((url) => !url.startsWith(harness.url) && !url.startsWith('data:'));
  assert.deepEqual(elsewhere, [], 'the browser asked no host but Portolan');

  if (process.env.PORTOLAN_SCREENSHOTS) await screenshots(process.env.PORTOLAN_SCREENSHOTS);
});

/** The Apps pages in both languages and both themes, for people to look at. */
async function screenshots(dir: string) {
  await mkdir(dir, { recursive: true });
  // A repository that fails since: its reason and the last good time show on every page.
  await writeFile(path.join(work, 'index.yaml'), 'entries:\n  shopfront: [\n');
  await harness.call('POST', '/api/v1/helm/repositories/loopback/refresh');
  for (const locale of ['en', 'zh-CN'] as const)
    for (const theme of ['light', 'dark'] as const) {
      const shot = await openPage(browser, { locale, theme });
      await signIn(shot, harness.url);
      const save = (name: string) =>
        shot.screenshot({ path: path.join(dir, `apps-${name}-${locale}-${theme}.png`) });
      await shot.goto(`${harness.url}/apps`);
      await shot.locator('[data-testid=chart-card]').nth(1).waitFor();
      await shot.waitForTimeout(300);
      await save('catalogue');
      await shot.goto(`${harness.url}/apps/charts/loopback/shopfront`);
      await shot.getByTestId('chart-readme').waitFor();
      await save('chart');
      await shot.locator('.ant-tabs-tab').nth(1).click();
      await shot.locator('.monaco-editor .view-lines').waitFor();
      await shot.waitForTimeout(500);
      await save('values');
      await shot.goto(`${harness.url}/apps/repositories`);
      await shot.locator('.ant-table-row').first().waitFor();
      await shot.waitForTimeout(500);
      await save('repositories');
      await shot.goto(`${harness.url}/apps/repositories?add=1`);
      await shot.locator('.ant-drawer-open').waitFor();
      await shot.locator('.ant-drawer-open input').nth(1).fill('oci://127.0.0.1:1/charts');
      await shot.locator('.ant-drawer-open input[type=checkbox]').last().check();
      await shot.waitForTimeout(300);
      await save('add-repository');
      await shot.context().close();
    }
}
