import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sharedSandboxes } from '@portolan/sandbox/testing';
import type { Browser, Page } from 'playwright-core';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';

// The overview's first load (first-load.ts, index.html): its reads start before the console's
// scripts run, each is asked once, and a visitor not yet signed in still gets the page after sign-in.
const sandbox = sharedSandboxes().clusters[0];
const FIRST_LOAD = ['/api/v1/auth/me', '/api/v1/clusters', '/api/v1/summary'];
let harness: Harness;
let browser: Browser;
let page: Page;

before(async () => {
  requireBuiltConsole();
  assert.ok(sandbox, 'the test runner starts shared sandboxes');
  harness = await startHarness();
  await harness.register('first-load', sandbox.kubeconfig);
  browser = await launchBrowser();
  page = await openPage(browser, { locale: 'en' });
});

after(async () => {
  await browser?.close();
  await harness?.stop({ removeData: true });
});

const clusterRow = () => page.locator('tr', { hasText: 'first-load' }).filter({ hasText: 'Ready' });

test('signed out, nothing is asked early (so no refusals fill the audit trail); with a stale session the early reads are refused, and after sign-in the overview shows the cluster', async () => {
  const refused: string[] = [];
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (FIRST_LOAD.includes(path) && response.status() === 401) refused.push(path);
  });
  await page.goto(`${harness.url}/`);
  await page.waitForURL(/\/sign-in/);
  assert.deepEqual([...new Set(refused)], ['/api/v1/auth/me'], 'only the session is asked');
  // A session cookie left from an ended session: the early reads go, are refused, and are dropped.
  refused.length = 0;
  await page.context().addCookies([{ name: 'portolan_csrf', value: 'ended', url: harness.url }]);
  await signIn(page, harness.url);
  assert.deepEqual([...new Set(refused)].sort(), [...FIRST_LOAD].sort());
  await clusterRow().waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('.ant-alert-error').count(), 0, 'no error shown on the overview');
});

test('a fresh load of the overview asks the session, clusters and summary once each, before its scripts have run', async () => {
  const asked: string[] = [];
  const count = (request: { url(): string }) => {
    const path = new URL(request.url()).pathname;
    if (FIRST_LOAD.includes(path)) asked.push(path);
  };
  page.on('request', count);
  await page.goto(`${harness.url}/`);
  await clusterRow().waitFor({ timeout: 30_000 });
  page.off('request', count);
  assert.deepEqual(
    asked.sort(),
    [...FIRST_LOAD].sort(),
    'each read once: the console took the early answers',
  );
  // DOMContentLoaded waits for the module scripts to run: the reads began before it, from the page itself.
  const started = await page.evaluate(
    (paths) => {
      const loaded = (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)
        .domContentLoadedEventStart;
      return performance
        .getEntriesByType('resource')
        .filter((entry) => paths.includes(new URL(entry.name).pathname))
        .map((entry) => ({ path: new URL(entry.name).pathname, before: entry.startTime < loaded }));
    },
    [...FIRST_LOAD],
  );
  assert.deepEqual(
    started.sort((a, b) => a.path.localeCompare(b.path)),
    [...FIRST_LOAD].sort().map((path) => ({ path, before: true })),
  );
});

test('on another page index.html asks only for the session, and the overview opened from there shows its clusters', async () => {
  await page.goto(`${harness.url}/clusters`);
  await page.locator('tr', { hasText: 'first-load' }).waitFor();
  const early = await page.evaluate(() => {
    const loaded = (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming)
      .domContentLoadedEventStart;
    return performance
      .getEntriesByType('resource')
      .filter((entry) => entry.startTime < loaded && new URL(entry.name).pathname.startsWith('/api/'))
      .map((entry) => new URL(entry.name).pathname);
  });
  assert.deepEqual(early, ['/api/v1/auth/me']);
  await page.getByRole('link', { name: 'Overview' }).click();
  await clusterRow().waitFor({ timeout: 30_000 });
});
