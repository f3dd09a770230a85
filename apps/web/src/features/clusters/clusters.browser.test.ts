import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Cluster, ClusterList, ConnectionFacts } from '@portolan/api';
import { eventually, sharedSandboxes } from '@portolan/sandbox/testing';
import type { Browser, Locator, Page, Response } from 'playwright-core';
import { type CutOffRelay, startCutOffRelay } from '../../../../server/src/clusters/testing/cut-off-relay.ts';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { launchBrowser, noticeShown, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';
import type { SyncAnswer } from '../cluster/cluster-api.ts';

// A real server serving the built console, one shared sandbox registered under three names with
// different labels, and a fourth name (`far`) that reaches it through a relay the test cuts: an
// offline cluster whose data was synced before it went.
const sandbox = sharedSandboxes().clusters[0];
let harness: Harness;
let browser: Browser;
let page: Page;
let relay: CutOffRelay | undefined;

const rows = () => page.locator('.ant-table-tbody .ant-table-row');
const rowNames = async () =>
  (await rows().locator('td:first-child a').allInnerTexts()).map((name) => name.trim()).sort();
const selector = () => page.getByPlaceholder('Label selector, e.g. env=prod');

before(async () => {
  requireBuiltConsole();
  assert.ok(sandbox, 'the test runner starts shared sandboxes');
  const webDir = process.env.PORTOLAN_WEB_DIR;
  harness = await startHarness(webDir ? { args: ['--web-dir', webDir] } : {});
  await harness.register('shop-prod', sandbox.kubeconfig, { env: 'prod', team: 'shop' });
  await harness.register('data-prod', sandbox.kubeconfig, { env: 'prod', team: 'data' });
  await harness.register('lab', sandbox.kubeconfig, { env: 'dev' });
  relay = await startCutOffRelay(sandbox.kubeconfig);
  const far = await harness.call('POST', '/api/v1/clusters', {
    name: 'far',
    kubeconfig: relay.kubeconfig,
    labels: { env: 'staging' },
  });
  assert.equal(far.status, 201, JSON.stringify(far.body));
  // Synced first, then cut off: the card has data of a known age to speak of.
  await eventually('far to sync', async () => {
    const sync = (await harness.call<SyncAnswer>('GET', '/api/v1/clusters/far/sync')).body;
    return sync.resources.some((resource) => resource.lastEventAt && resource.objectCount > 0) || undefined;
  });
  relay.cut();
  await eventually('far to go Offline', async () => {
    const listed = await harness.call<ClusterList>('GET', '/api/v1/clusters?status=Offline');
    return listed.body.items.some((cluster) => cluster.name === 'far') || undefined;
  });
  browser = await launchBrowser();
  page = await openPage(browser, { locale: 'en' });
  await signIn(page, harness.url);
});

after(async () => {
  await browser?.close();
  relay?.cut();
  await harness?.stop({ removeData: true });
});

test('filtering by env=prod asks the server with labelSelector and shows only those clusters, kept in the address', async () => {
  await page.goto(`${harness.url}/clusters`);
  await rows().nth(3).waitFor();
  assert.deepEqual(await rowNames(), ['data-prod', 'far', 'lab', 'shop-prod']);

  const asked = page.waitForRequest((request) => {
    const url = new URL(request.url());
    return url.pathname === '/api/v1/clusters' && url.searchParams.get('labelSelector') === 'env=prod';
  });
  await selector().fill('env=prod');
  await selector().press('Enter');
  await asked;
  await page.waitForFunction(() => document.querySelectorAll('.ant-table-tbody .ant-table-row').length === 2);
  assert.deepEqual(await rowNames(), ['data-prod', 'shop-prod']);
  await page.getByTestId('clusters-count').filter({ hasText: '1–2 of 2' }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get('labels'), 'env=prod');

  // The address holds the filter: a reload shows the same rows, asked of the server the same way.
  const again = page.waitForRequest((request) => request.url().includes('labelSelector=env%3Dprod'));
  await page.reload();
  await again;
  await rows().nth(1).waitFor();
  assert.deepEqual(await rowNames(), ['data-prod', 'shop-prod']);
});

test('a set-based selector works; a broken one shows the server’s reason on the field', async () => {
  await selector().fill('team notin (shop)');
  await selector().press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('.ant-table-tbody .ant-table-row').length === 3);
  assert.deepEqual(await rowNames(), ['data-prod', 'far', 'lab']);

  const refused = await harness.call<{ error: { message: string } }>(
    'GET',
    `/api/v1/clusters?labelSelector=${encodeURIComponent('env in prod')}&limit=50`,
  );
  assert.equal(refused.status, 400);
  await selector().fill('env in prod');
  await selector().press('Enter');
  await page.getByRole('alert').filter({ hasText: refused.body.error.message }).waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await rows().nth(3).waitFor();
});

test('the status filter takes several statuses and is the server’s', async () => {
  const asked = page.waitForRequest((request) => request.url().includes('status=Offline'));
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.locator('.ant-select-item-option', { hasText: 'Offline' }).click();
  await page.keyboard.press('Escape');
  await asked;
  await page.waitForFunction(() => document.querySelectorAll('.ant-table-tbody .ant-table-row').length === 1);
  assert.deepEqual(await rowNames(), ['far']);
  assert.equal(new URL(page.url()).searchParams.get('status'), 'Offline');
});

test('sorting by name is asked of the server and kept in the address', async () => {
  await page.goto(`${harness.url}/clusters?size=20`);
  await rows().nth(3).waitFor();
  const header = page.getByRole('columnheader', { name: 'Name', exact: true });
  // The header's sort order is the address's, and the router renders a new address as a
  // transition: the address changes before the header does. A second click before the header
  // shows ascending would read no order and ask for ascending again, so wait for the header.
  await header.click();
  await page.waitForURL((url) => url.searchParams.get('sort') === 'name');
  await header.and(page.locator('[aria-sort=ascending]')).waitFor();
  const asked = page.waitForRequest((request) => request.url().includes('order=desc'));
  await header.click();
  await asked;
  await header.and(page.locator('[aria-sort=descending]')).waitFor();
  await page.waitForFunction(
    () => document.querySelector('.ant-table-tbody .ant-table-row td a')?.textContent === 'shop-prod',
  );
  assert.equal(new URL(page.url()).searchParams.get('order'), 'desc');
});

test('an offline cluster’s Sync card says it is not watched, since when and how old its data is; each error once', async () => {
  await page.goto(`${harness.url}/clusters/far`);
  const state = page.getByTestId('sync-state');
  await state.filter({ hasText: 'Not watching' }).waitFor({ timeout: 30_000 });
  assert.match(
    (await state.textContent()) ?? '',
    /The cluster has been offline since .+; this shows the data last synced .+ ago\./,
  );
  assert.doesNotMatch((await state.textContent()) ?? '', /Watching/);
  const errors = page.getByTestId('sync-error');
  await errors.first().waitFor({ timeout: 30_000 });
  const lines = await errors.allInnerTexts();
  const messages = lines.map((line) => line.split('\n')[0]);
  assert.equal(new Set(messages).size, messages.length, `each error once: ${lines.join(' | ')}`);
  assert.ok(
    lines.some((line) => /\d+ kinds: /.test(line)),
    `an error names the kinds it stops: ${lines.join(' | ')}`,
  );

  await page.getByText('简体中文').click();
  await page.getByTestId('sync-state').filter({ hasText: '未在监听' }).waitFor();
  assert.match(
    (await page.getByTestId('sync-state').textContent()) ?? '',
    /集群自 .+ 起离线；此处显示的是 .+最后同步的数据。/,
  );
  // The sync errors are worded from their codes too: none shows the server's English.
  const sync = (await harness.call<SyncAnswer>('GET', '/api/v1/clusters/far/sync')).body;
  const coded = sync.resources.filter((resource) => resource.error && resource.reasonCode);
  assert.ok(coded.length > 0, `the sync errors carry codes: ${JSON.stringify(sync.resources.slice(0, 3))}`);
  const card = (await page.getByTestId('sync-error').allInnerTexts()).join('\n');
  assert.match(card, /[\u4e00-\u9fff]/, card);
  for (const resource of coded)
    if (resource.reasonCode !== 'error')
      assert.ok(!card.includes(resource.error ?? ''), `no English sync error: ${resource.error}`);

  // Why it is offline reads in Chinese too, worded from the reason's code: on the banner, the facts,
  // the overview's problems and the Pods list; the server's English sentence shows nowhere.
  const far = (await harness.call<Cluster>('GET', '/api/v1/clusters/far')).body;
  assert.equal(far.reasonCode, 'unreachable', far.reason ?? '');
  const address = String(far.reasonParams?.address);
  const chinese = `无法连接 API 服务器 ${address}：`;
  await page.getByRole('alert').filter({ hasText: chinese }).first().waitFor();
  const reasonShown = async () => {
    const text = (await page.locator('body').textContent()) ?? '';
    assert.ok(!text.includes(far.reason ?? ''), `no English reason: ${far.reason}`);
  };
  await reasonShown();
  await page.goto(`${harness.url}/`);
  await page.getByText(`far 状态为离线：${chinese}`).first().waitFor();
  await reasonShown();
  await page.goto(`${harness.url}/pods?clusters=far`);
  await page.getByText(`集群离线：${chinese}`, { exact: false }).first().waitFor();
  await reasonShown();
  await page.getByText('English').click();
  await page.getByText(`cluster is Offline: ${far.reason}`, { exact: false }).first().waitFor();
});

test('adding a cluster: Test connection shows the version and node count, editing puts the result away, then save', async () => {
  assert.ok(sandbox);
  const kubeconfig = await readFile(sandbox.kubeconfig, 'utf8');
  const expected = (await harness.call<ConnectionFacts>('POST', '/api/v1/kubeconfig/check', { kubeconfig }))
    .body;
  await page.goto(`${harness.url}/clusters?add=1`);
  const drawer = page.locator('.ant-drawer-open');
  const text = drawer.locator('#kubeconfig');
  const result = drawer.getByTestId('connection-test');

  // A kubeconfig the server cannot read: its reason, with the line, under the field; nothing tested.
  await text.fill('apiVersion: v1\nclusters: [ {name: a\n');
  await drawer.getByRole('button', { name: 'Test connection' }).click();
  await drawer.locator('.ant-form-item-explain-error', { hasText: /line \d+, column \d+/ }).waitFor();
  assert.equal(await result.count(), 0);

  await text.fill(kubeconfig);
  assert.equal((await testConnection(page, drawer)).status(), 200);
  await result.waitFor();
  const shown = (await result.textContent()) ?? '';
  assert.ok(shown.includes(`Connected to ${expected.server}`), shown);
  assert.ok(shown.includes(expected.version.gitVersion), shown);
  assert.match((await result.locator('tr', { hasText: 'Nodes' }).textContent()) ?? '', /^Nodes\s*3$/);
  assert.ok(expected.identity && shown.includes(expected.identity.username), shown);
  assert.match(shown, /Client certificate: .+ \(in \d+ (days|months|years?)\)/);
  const listed = await harness.call<ClusterList>('GET', '/api/v1/clusters');
  assert.equal(listed.body.total, 4, 'testing saved nothing');

  // The result is about the text it tested: an edit puts it away, a new test brings it back.
  await text.press('End');
  await text.pressSequentially('\n# edited');
  await result.waitFor({ state: 'detached' });
  await drawer.getByRole('button', { name: 'Test connection' }).click();
  await result.waitFor();

  await drawer.locator('#name').fill('tested');
  await drawer.getByRole('button', { name: 'Test the connection and add' }).click();
  await noticeShown(page, 'Cluster tested added.');
  const added = await harness.call<Cluster>('GET', '/api/v1/clusters/tested');
  assert.equal(added.status, 200);
  assert.equal(added.body.nodeCount, 3);
  assert.equal(added.body.version, expected.version.gitVersion);
});

/**
 * Clicks Test connection and answers the check's response. The click reads the contexts first, then
 * checks; a click that sent nothing within 20 s (swallowed by a redraw on a loaded machine) is made
 * once more, and a check that never comes says what the page asked and showed instead.
 */
async function testConnection(on: Page, drawer: Locator) {
  const seen: string[] = [];
  const record = (response: Response) => {
    if (response.url().includes('/api/v1/kubeconfig/'))
      seen.push(`${new URL(response.url()).pathname} ${response.status()}`);
  };
  on.on('response', record);
  try {
    const asked = on.waitForResponse((response) => response.url().endsWith('/api/v1/kubeconfig/check'));
    const sent = () =>
      on
        .waitForRequest((request) => request.url().includes('/api/v1/kubeconfig/'), { timeout: 20_000 })
        .then(
          () => true,
          () => false,
        );
    const clicked = sent();
    await drawer.getByRole('button', { name: 'Test connection' }).click();
    if (!(await clicked)) await drawer.getByRole('button', { name: 'Test connection' }).click();
    return await asked.catch(async (error: Error) => {
      const shown = await drawer.locator('.ant-form-item-explain-error').allTextContents();
      throw new Error(
        `no connection check answered (${error.message}); asked: ${seen.join(', ') || 'nothing'}; errors shown: ${shown.join(' | ') || 'none'}`,
      );
    });
  } finally {
    on.off('response', record);
  }
}
