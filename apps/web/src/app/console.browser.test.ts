import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { sharedSandboxes } from '@portolan/sandbox/testing';
import type { Browser, Page } from 'playwright-core';
import { type Harness, startHarness } from '../../../server/src/testing/portolan-harness.ts';
import { englishWords, launchBrowser, openPage, requireBuiltConsole, signIn } from '../testing/browser.ts';

// One real server (serving the built console) and one shared sandbox cluster, driven through
// Debian's Chromium the way a person uses the console.
const sandbox = sharedSandboxes().clusters[0];
let harness: Harness;
let browser: Browser;
let page: Page;

before(async () => {
  requireBuiltConsole();
  harness = await startHarness();
  browser = await launchBrowser();
  page = await openPage(browser, { locale: 'en' });
});

after(async () => {
  await browser?.close();
  await harness?.stop({ removeData: true });
});

const BROKEN_KUBECONFIG = 'apiVersion: v1\nkind: Config\nclusters: [ {name: a\n';
const kubeconfigError = () => page.locator('.ant-form-item:has(#kubeconfig) .ant-form-item-explain-error');

test('sign in, then an empty Portolan offers to add a cluster or create a sandbox', async () => {
  await signIn(page, harness.url);
  await page.getByRole('heading', { name: 'No cluster yet' }).waitFor();
  await page.getByRole('button', { name: 'Add a cluster' }).waitFor();
  await page.getByRole('button', { name: 'Create a sandbox cluster' }).waitFor();
});

test('a broken kubeconfig is refused with the server’s reason on the kubeconfig field', async () => {
  await page.getByRole('button', { name: 'Add a cluster' }).click();
  await page.waitForURL(/\/clusters\?add=1/);
  await page.locator('#kubeconfig').fill(BROKEN_KUBECONFIG);
  await page.getByRole('button', { name: 'Read its contexts' }).click();
  const refused = await harness.call<{ error: { message: string } }>('POST', '/api/v1/kubeconfig/contexts', {
    kubeconfig: BROKEN_KUBECONFIG,
  });
  assert.equal(refused.status, 400);
  await kubeconfigError().filter({ hasText: refused.body.error.message }).waitFor();
});

test('a sandbox’s kubeconfig adds the cluster (context picked, name suggested) and it is listed Ready', async () => {
  assert.ok(sandbox, 'the test runner starts shared sandboxes');
  await page.locator('#kubeconfig').fill(await readFile(sandbox.kubeconfig, 'utf8'));
  await page.getByRole('button', { name: 'Read its contexts' }).click();
  await page.waitForFunction(
    () => (document.querySelector('#name') as HTMLInputElement | null)?.value !== '',
  );
  await kubeconfigError().waitFor({ state: 'detached' }); // the old reason goes once the kubeconfig reads
  await page.locator('#name').fill('browser-test');
  await page.locator('#labels').fill('env=test');
  await page.getByRole('button', { name: 'Test the connection and add' }).click();
  const row = page.locator('tr', { hasText: 'browser-test' });
  await row.filter({ hasText: 'Ready' }).waitFor({ timeout: 30_000 });
  await row.filter({ hasText: 'env=test' }).waitFor();
  const listed = await harness.call<{ items: { name: string; labels: Record<string, string> }[] }>(
    'GET',
    '/api/v1/clusters',
  );
  assert.deepEqual(
    listed.body.items.map((cluster) => [cluster.name, cluster.labels]),
    [['browser-test', { env: 'test' }]],
  );
});

test('the overview shows the cluster with its nodes Ready', async () => {
  await page.getByRole('link', { name: 'Overview' }).click();
  const row = page.locator('tr', { hasText: 'browser-test' });
  await row.filter({ hasText: '3 / 3' }).waitFor({ timeout: 30_000 });
  await row.filter({ hasText: 'Ready' }).waitFor();
});

test('in 简体中文 no English is left on the overview, the clusters list, the add form and sign-in', async () => {
  // A notice shown in English before the switch ("Cluster … added.") is not the page's text: let it go.
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 15_000 });
  await page.getByText('简体中文').click();
  await page.getByRole('heading', { name: '总览' }).waitFor();
  // What stays as written: the data (the user's and the cluster's names, labels, address, version).
  const data = [
    'admin',
    'browser-test',
    'env=test',
    sandbox?.server ?? '',
    'v1',
    'env=prod' /* an example label */,
  ];
  const versions = await harness.call<{ items: { version: string | null; serverUrl: string }[] }>(
    'GET',
    '/api/v1/clusters',
  );
  for (const cluster of versions.body.items) data.push(cluster.version ?? '', cluster.serverUrl);
  assert.deepEqual(await englishWords(page, data), [], 'overview');

  await page.getByRole('link', { name: '集群', exact: true }).click();
  await page.locator('tr', { hasText: 'browser-test' }).waitFor();
  assert.deepEqual(await englishWords(page, data), [], 'clusters');

  await page.getByRole('button', { name: '添加集群' }).click();
  await page.locator('#kubeconfig').fill(BROKEN_KUBECONFIG);
  await page.getByRole('button', { name: '读取其上下文' }).click();
  await kubeconfigError().waitFor();
  // The server's reason is the server's text; the rest of the form is Chinese.
  await kubeconfigError().evaluate((element) => element.remove());
  assert.deepEqual(await englishWords(page, data), [], 'add a cluster');
  await page.keyboard.press('Escape');

  await page.reload();
  await page.getByRole('heading', { name: '集群' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('portolan.locale')), 'zh-CN', 'remembered');

  await page.locator('button', { hasText: 'admin' }).hover();
  await page.getByText('退出登录').click();
  await page.waitForURL(/\/sign-in/);
  await page.getByRole('heading', { name: '登录 Portolan' }).waitFor();
  assert.deepEqual(await englishWords(page, []), [], 'sign-in');
});
