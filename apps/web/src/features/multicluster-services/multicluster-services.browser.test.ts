/**
 * The Multi-cluster Services page as a user meets it, on a shared sandbox registered once: from an
 * empty list, create one from the form (the Service picked from the search across clusters), see its
 * export and its import applied, read it in 简体中文 with no English left, and remove it after a
 * confirmation that names it; the imported Service is gone from the cluster.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually, kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { Browser, Page } from 'playwright-core';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import {
  englishWords,
  launchBrowser,
  noticeShown,
  openPage,
  requireBuiltConsole,
  signIn,
} from '../../testing/browser.ts';

const { binDir, clusters } = sharedSandboxes();
const sandbox = clusters[0];
const CLUSTER = 'mcs-ui';
const ns = uniqueNamespace('mcs-ui');
let harness: Harness;
let browser: Browser;
let page: Page;
const k = (...args: string[]) => kubectlOk(binDir, sandbox?.kubeconfig ?? '', args);

before(async () => {
  if (!sandbox) throw new Error('this test needs a shared sandbox');
  const web = process.env.PORTOLAN_TEST_WEB_DIR;
  if (!web) requireBuiltConsole();
  harness = await startHarness(web ? { args: ['--web-dir', web] } : {});
  await harness.register(CLUSTER, sandbox.kubeconfig, { env: 'test' });
  await k('create', 'namespace', ns);
  await k('create', 'deployment', 'api', '--image=nginx', '--replicas=2', '--port=8080', '-n', ns);
  await k('expose', 'deployment', 'api', '--name=api', '--port=80', '--target-port=8080', '-n', ns);
  // The form picks the Service from the search, which reads the synced store.
  await eventually('the Service in the search', async () => {
    const found = await harness.call<{ items: unknown[] }>(
      'GET',
      `/api/v1/search?kinds=Service&namespaces=${ns}&name=api`,
    );
    return found.body.items.length ? true : undefined;
  });
  browser = await launchBrowser();
  page = await openPage(browser, { locale: 'en' });
  await signIn(page, harness.url);
});

after(async () => {
  await browser?.close();
  await harness?.stop({ removeData: true });
  if (sandbox) await kubectl(binDir, sandbox.kubeconfig, ['delete', 'namespace', ns, '--wait=false']);
});

test('create from the form, see the export and the import in step, read it in 简体中文, remove it with a named confirmation', async () => {
  await page.goto(`${harness.url}/multicluster-services`);
  await page.locator('.ant-empty', { hasText: 'No multi-cluster Service yet' }).waitFor();

  await page.getByRole('button', { name: 'New multi-cluster Service' }).click();
  const drawer = page.locator('.ant-drawer-open');
  await drawer.getByRole('combobox', { name: 'Service to export' }).click();
  await page.keyboard.type('api');
  await page.locator('.ant-select-item-option', { hasText: `${ns}/api` }).click();
  // Picking the Service fills its namespace.
  assert.equal(await drawer.getByRole('textbox', { name: 'Namespace' }).inputValue(), ns);
  await drawer.getByRole('combobox', { name: 'Import into', exact: true }).click();
  await page.locator('.ant-select-item-option', { hasText: CLUSTER }).last().click();
  await page.keyboard.press('Escape');
  await drawer.getByRole('button', { name: 'Save' }).click();
  await noticeShown(page, `Saved ${ns}/api`);

  const row = page.locator('.ant-table-row', { hasText: `${ns}/api` });
  await row.locator(`[data-import="${CLUSTER}"][data-state="applied"]`).waitFor();
  await row.locator(`[data-export="${CLUSTER}"][data-ready="2"]`).waitFor();
  // The import is real: the cluster has the selector-less Service.
  assert.equal(
    (await k('get', 'service', 'api-mcs', '-n', ns, '-o', 'jsonpath={.spec.type}')).trim(),
    'ClusterIP',
  );

  // The detail drawer names the state and the endpoints.
  await row.getByText(`${ns}/api`).click();
  await page.locator('.ant-drawer-open .ant-table-row', { hasText: '2 endpoints' }).waitFor();
  await page.keyboard.press('Escape');

  // In 简体中文, the list and the drawer have no English left but the data.
  const zh = await openPage(browser, { locale: 'zh-CN', theme: 'dark' });
  await signIn(zh, harness.url);
  await zh.goto(`${harness.url}/multicluster-services?open=${ns}/api`);
  await zh.locator('.ant-drawer-open .ant-table-row').first().waitFor();
  const data = [ns, 'api', 'api-mcs', CLUSTER, 'Service', 'admin'];
  assert.deepEqual(await englishWords(zh, data), []);
  await zh.context().close();

  // Remove: the confirmation names it; the import leaves the cluster and the list.
  await row.getByRole('button', { name: 'Remove' }).click();
  await page
    .locator('.ant-modal-confirm-title', { hasText: `Remove multi-cluster Service ${ns}/api?` })
    .waitFor();
  await page.locator('.ant-modal-confirm-btns').getByRole('button', { name: 'Remove' }).click();
  await noticeShown(page, `Removed ${ns}/api`);
  await page.locator('.ant-empty').waitFor();
  assert.equal(
    (await kubectl(binDir, sandbox?.kubeconfig ?? '', ['get', 'service', 'api-mcs', '-n', ns])).code,
    1,
    'the imported Service is gone',
  );
  await k('get', 'service', 'api', '-n', ns);
});

test('in 简体中文 why a cluster exports nothing and why the import waits read in Chinese (issue #10)', async () => {
  // A Service no cluster has: the named exporting cluster says so, and the import is pending.
  const path = `/api/v1/multicluster-services/${ns}/missing`;
  const saved = await harness.call('PUT', path, {
    apiVersion: 'portolan.dev/v1',
    kind: 'MultiClusterService',
    metadata: { namespace: ns, name: 'missing' },
    spec: {
      service: 'missing',
      exportFrom: { names: [CLUSTER] },
      importTo: { names: [CLUSTER] },
      importName: 'missing-mcs',
    },
  });
  assert.equal(saved.status, 201, JSON.stringify(saved.body));
  await eventually('the import pending', async () => {
    const view = await harness.call<{ imports: { state: string }[] }>('GET', path);
    return view.body.imports[0]?.state === 'pending' ? true : undefined;
  });
  const zh = await openPage(browser, { locale: 'zh-CN' });
  await signIn(zh, harness.url);
  await zh.goto(`${harness.url}/multicluster-services?open=${ns}/missing`);
  const exported = zh.locator(`[data-export-reason="${CLUSTER}"]`);
  await exported.waitFor();
  assert.equal(await exported.textContent(), `该集群上没有 Service ${ns}/missing`);
  assert.equal(
    await zh.locator(`[data-import-reason="${CLUSTER}"]`).textContent(),
    `当前没有导出集群提供 Service ${ns}/missing`,
  );
  const data = [ns, 'missing', 'missing-mcs', CLUSTER, 'Service', 'admin'];
  assert.deepEqual(await englishWords(zh, data), []);
  await zh.context().close();
  assert.equal((await harness.call('DELETE', path)).status, 204);
});
