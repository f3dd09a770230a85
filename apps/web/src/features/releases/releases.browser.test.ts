import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { Browser, Page } from 'playwright-core';
import {
  FIXTURE_SECRET_VALUE,
  helm,
  secretValuesFile,
  writeTinyChart,
} from '../../../../server/src/helm/release-list-fixtures.ts';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';

// Releases installed by the real helm into a shared sandbox, seen through the console as a person
// sees them. With PORTOLAN_RELEASE_SHOTS=DIR it also saves the pages in both languages and themes.
const { binDir, clusters } = sharedSandboxes();
const kubeconfig = clusters[0]?.kubeconfig ?? '';
const namespace = uniqueNamespace('brel');
const shots = process.env.PORTOLAN_RELEASE_SHOTS;
let harness: Harness;
let browser: Browser;
let page: Page;

before(async () => {
  requireBuiltConsole();
  await kubectlOk(binDir, kubeconfig, ['create', 'namespace', namespace]);
  const chart = await writeTinyChart({ name: 'tiny', version: '0.1.0', appVersion: '1.2.3' });
  const values = await secretValuesFile();
  await helm(binDir, kubeconfig, ['install', 'shop', chart, '-n', namespace, '-f', values]);
  await helm(binDir, kubeconfig, [
    'upgrade',
    'shop',
    chart,
    '-n',
    namespace,
    '--set',
    'password=second-value',
    '--description',
    'Raised the limits',
  ]);
  // A release whose install fails: its object names a namespace that does not exist.
  const failing = await writeTinyChart({ name: 'broken', version: '2.0.0', appVersion: '2.0' });
  await writeFile(
    path.join(failing, 'templates', 'configmap.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nowhere\n  namespace: no-such-namespace-here\n',
  );
  await helm(binDir, kubeconfig, ['install', 'payments', failing, '-n', namespace]).catch(() => undefined);
  harness = await startHarness();
  await harness.register('apps', kubeconfig);
  browser = await launchBrowser();
  page = await openPage(browser, { locale: 'en' });
  await signIn(page, harness.url);
});

after(async () => {
  await browser?.close();
  await harness?.stop({ removeData: true });
  await kubectlOk(binDir, kubeconfig, ['delete', 'namespace', namespace, '--wait=false']).catch(
    () => undefined,
  );
});

const row = (name: string) =>
  page.locator('.ant-table-row', { has: page.getByRole('link', { name, exact: true }) });

test('the Releases page lists each release once with chart, version, status in words and revision', async () => {
  await page.getByRole('link', { name: 'Releases' }).click();
  await page.waitForURL(/\/releases$/);
  // Narrowed to this test's namespace: the shared sandbox may hold other tests' releases.
  await page.goto(`${harness.url}/releases?ns=${namespace}`);
  await row('shop').waitFor();
  const shop = await row('shop').innerText();
  for (const text of ['apps', namespace, 'tiny', '0.1.0', '1.2.3', 'Deployed', '2'])
    assert.ok(shop.includes(text), `${text} in ${shop}`);
  assert.equal(await row('payments').locator('[data-status]').getAttribute('data-status'), 'failed');
  assert.match(await row('payments').innerText(), /Failed/);
  assert.match(await page.getByTestId('releases-count').innerText(), /1–2 of 2 releases/);
});

test('filters by status and by search, kept in the address', async () => {
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.locator('.ant-select-item-option', { hasText: 'Failed' }).click();
  await page.waitForURL(/status=failed/);
  await row('shop').waitFor({ state: 'detached' });
  await row('payments').waitFor();
  await page.goto(`${harness.url}/releases?ns=${namespace}&q=sho`);
  await row('shop').waitFor();
  assert.equal(await row('payments').count(), 0);
  await page.goto(`${harness.url}/releases?ns=${namespace}&q=nothing-like-this`);
  await page.getByText('No release matches.').waitFor();
});

test('a release’s page shows its summary and its revisions from the store, newest first', async () => {
  await page.goto(`${harness.url}/releases?ns=${namespace}`);
  await page.getByRole('link', { name: 'shop', exact: true }).click();
  await page.waitForURL(new RegExp(`/clusters/apps/releases/${namespace}/shop$`));
  await page.getByText('Raised the limits').first().waitFor();
  const revisions = page.locator('[data-testid=release-revisions] .ant-table-row');
  await revisions.nth(1).waitFor();
  assert.equal(await revisions.count(), 2);
  assert.match(await revisions.nth(0).innerText(), /2[\s\S]*Deployed[\s\S]*tiny 0\.1\.0/);
  assert.match(await revisions.nth(1).innerText(), /1[\s\S]*Superseded[\s\S]*Install complete/);
});

test('its live tabs: the objects it owns, the values and the manifest of each revision', async () => {
  await page.getByRole('tab', { name: 'Resources' }).click();
  await page.locator('.ant-table-row', { hasText: 'shop-settings' }).waitFor();
  await page.getByText(/1 of 1 objects ready/).waitFor();
  await page.getByRole('tab', { name: 'Values' }).click();
  // The upgrade set the password again; the install had it from the values file.
  await page.locator('pre', { hasText: 'password: second-value' }).waitFor();
  await page.getByRole('combobox', { name: 'Revision' }).click();
  await page.locator('.ant-select-item-option', { hasText: 'Revision 1' }).click();
  await page.locator('pre', { hasText: FIXTURE_SECRET_VALUE }).waitFor();
  await page.getByRole('tab', { name: 'Manifest' }).click();
  await page.locator('pre', { hasText: 'name: shop-settings' }).waitFor();
});

test('in 简体中文 the statuses are words in Chinese', async () => {
  const chinese = await openPage(browser, { locale: 'zh-CN' });
  await signIn(chinese, harness.url);
  await chinese.goto(`${harness.url}/releases?ns=${namespace}`);
  await chinese.locator('[data-status=deployed]', { hasText: '已部署' }).waitFor();
  await chinese.locator('[data-status=failed]', { hasText: '失败' }).waitFor();
  await chinese.getByText('共 2 个发布').waitFor();
  await chinese.context().close();
});

test('screenshots in both languages and themes (skipped unless PORTOLAN_RELEASE_SHOTS names a folder to keep them)', {
  skip: !shots,
}, async () => {
  for (const locale of ['en', 'zh-CN'] as const)
    for (const theme of ['light', 'dark'] as const) {
      const shot = await openPage(browser, { locale, theme });
      await signIn(shot, harness.url);
      await shot.goto(`${harness.url}/releases?ns=${namespace}`);
      await shot.locator('[data-status=failed]').waitFor();
      await shot.screenshot({ path: path.join(shots ?? '', `releases-${locale}-${theme}.png`) });
      await shot.goto(`${harness.url}/clusters/apps/releases/${namespace}/shop`);
      await shot.locator('[data-testid=release-revisions] .ant-table-row').nth(1).waitFor();
      await shot.screenshot({ path: path.join(shots ?? '', `release-${locale}-${theme}.png`) });
      await shot.context().close();
    }
});
