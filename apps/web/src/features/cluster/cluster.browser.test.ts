import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { Browser, Page } from 'playwright-core';
import { addMember } from '../../../../server/src/testing/members.ts';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';

// A real server serving the built console (PORTOLAN_WEB_DIR serves another build) and one shared
// sandbox, driven through Chromium as an administrator and as a Viewer would.
const shared = sharedSandboxes();
const sandbox = shared.clusters[0];
const CLUSTER = 'cluster-ui';
const namespace = uniqueNamespace('cluster-ui');
const k = (...args: string[]) => kubectlOk(shared.binDir, sandbox?.kubeconfig ?? '', args);
let harness: Harness;
let browser: Browser;
let page: Page;
let node: string;
let viewer: { username: string; password: string; token: string };

interface NodeObject {
  metadata: { name: string };
  spec?: { unschedulable?: boolean };
}
const unschedulable = async (name: string) =>
  (JSON.parse(await k('get', 'node', name, '-o', 'json')) as NodeObject).spec?.unschedulable === true;

before(async () => {
  requireBuiltConsole();
  assert.ok(sandbox, 'the test runner starts shared sandboxes');
  await k('create', 'namespace', namespace);
  const nodes = JSON.parse(await k('get', 'nodes', '-o', 'json')).items as NodeObject[];
  node = nodes.map((entry) => entry.metadata.name).sort()[0] ?? '';
  const webDir = process.env.PORTOLAN_WEB_DIR;
  harness = await startHarness(webDir ? { args: ['--web-dir', webDir] } : {});
  await harness.register(CLUSTER, sandbox.kubeconfig, { env: 'test' });
  const member = await addMember(harness, 'cluster-viewer', 'Viewer', { level: 'platform' });
  viewer = {
    username: member.username,
    password: `${member.username}-password-123`,
    token: (await member.newToken()).token,
  };
  browser = await launchBrowser();
  page = await openPage(browser, { locale: 'en' });
});

after(async () => {
  await browser?.close();
  await harness?.stop({ removeData: true });
  // The sandbox is shared: never leave a node cordoned for the next test.
  if (sandbox && node) await k('uncordon', node).catch(() => undefined);
  if (sandbox) await k('delete', 'namespace', namespace, '--wait=false').catch(() => undefined);
});

const nodeRow = (name: string) => page.locator('.ant-table-row', { hasText: name });

test('a cluster’s name in the list opens its page: header Ready, and its nodes', async () => {
  await signIn(page, harness.url);
  await page.goto(`${harness.url}/clusters`);
  await page.getByRole('link', { name: CLUSTER }).click();
  await page.waitForURL(new RegExp(`/clusters/${CLUSTER}$`));
  await page.getByRole('heading', { name: `Clusters / ${CLUSTER}` }).waitFor();
  await page.locator('.ant-tag', { hasText: 'Ready' }).first().waitFor();
  await page.getByRole('tab', { name: 'Overview' }).waitFor();
  await page.getByText('Requested of allocatable').waitFor();

  await page.getByRole('tab', { name: 'Nodes' }).click();
  await page.waitForURL(new RegExp(`/clusters/${CLUSTER}/nodes`));
  await nodeRow(node).waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('.ant-table-row').count(), 3, 'the sandbox’s three nodes');
  await nodeRow(node).locator('.ant-tag', { hasText: 'Ready' }).waitFor();
});

test('cordon a node: it shows as unschedulable (and is, in the cluster); uncordon puts it back', async () => {
  await nodeRow(node).getByRole('button', { name: 'Cordon' }).click();
  await nodeRow(node).getByText('Scheduling disabled').waitFor({ timeout: 30_000 });
  assert.equal(await unschedulable(node), true);

  await nodeRow(node).getByRole('button', { name: 'Uncordon' }).click();
  await nodeRow(node).getByText('Scheduling disabled').waitFor({ state: 'detached', timeout: 30_000 });
  assert.equal(await unschedulable(node), false);
});

test('a node’s drawer shows its labels and pods; a label added there reaches the node', async () => {
  await nodeRow(node).locator('td').first().click();
  const drawer = page.locator('.ant-drawer-open');
  await drawer.getByText('kubernetes.io/hostname').first().waitFor();
  await drawer.getByRole('button', { name: 'Edit labels' }).click();
  await drawer.getByRole('button', { name: 'Add a row' }).click();
  await drawer.getByRole('textbox', { name: 'Key' }).last().fill('portolan.test/ui');
  await drawer.getByRole('textbox', { name: 'Value' }).last().fill('yes');
  await drawer.getByRole('button', { name: 'Save' }).click();
  await drawer.getByText('portolan.test/ui=yes').waitFor({ timeout: 30_000 });
  const labels = JSON.parse(await k('get', 'node', node, '-o', 'json')).metadata.labels;
  assert.equal(labels['portolan.test/ui'], 'yes');
  await k('label', 'node', node, 'portolan.test/ui-');
  await page.keyboard.press('Escape');
});

test('a namespace’s quota is set from its drawer and shown used against hard; it is bound to a workspace there', async () => {
  await page.getByRole('tab', { name: 'Namespaces' }).click();
  await page.getByRole('searchbox', { name: 'Namespace name contains' }).fill(namespace);
  await page.getByRole('searchbox', { name: 'Namespace name contains' }).press('Enter');
  await page.locator('.ant-table-row', { hasText: namespace }).click({ timeout: 30_000 });
  const drawer = page.locator('.ant-drawer-open');
  await drawer.getByText('No quota').waitFor();
  await drawer.getByRole('button', { name: 'Set a quota' }).click();
  await drawer.getByRole('button', { name: 'Add a row' }).click();
  await drawer.getByRole('textbox', { name: 'Key' }).last().fill('pods');
  await drawer.getByRole('textbox', { name: 'Value' }).last().fill('10');
  await drawer.getByRole('button', { name: 'Save' }).click();
  await drawer
    .locator('.ant-table-row', { hasText: 'pods' })
    .filter({ hasText: '10' })
    .waitFor({ timeout: 30_000 });
  const quota = JSON.parse(await k('get', 'resourcequota', 'quota', '-n', namespace, '-o', 'json'));
  assert.equal(quota.spec.hard.pods, '10');

  // Bound to a workspace from the same drawer, and the list says which.
  assert.equal((await harness.call('POST', '/api/v1/workspaces', { name: 'ui-team' })).status, 201);
  await page.reload();
  // Workspaces come in pages: the picker asks the server for the name typed.
  await drawer.getByRole('combobox', { name: 'Workspace' }).click();
  const asked = page.waitForRequest((request) => {
    const url = new URL(request.url());
    return url.pathname === '/api/v1/workspaces' && url.searchParams.get('q') === 'ui-te';
  });
  await drawer.getByRole('combobox', { name: 'Workspace' }).fill('ui-te');
  assert.equal(new URL((await asked).url()).searchParams.get('limit'), '20');
  await page.locator('.ant-select-item-option', { hasText: 'ui-team' }).click();
  await page.getByText(`Namespace ${namespace} now belongs to workspace ui-team.`).waitFor();
  const bound = await harness.call<{ items: { cluster: string; namespace: string }[] }>(
    'GET',
    '/api/v1/workspaces/ui-team/namespaces',
  );
  assert.deepEqual(
    bound.body.items.map((item) => [item.cluster, item.namespace]),
    [[CLUSTER, namespace]],
  );
  await drawer.locator('.ant-drawer-close').click();
  await page.locator('.ant-table-row', { hasText: namespace }).getByText('ui-team').waitFor();
});

test('a label edited on the cluster’s page is what the clusters list filters by', async () => {
  await page.goto(`${harness.url}/clusters/${CLUSTER}`);
  await page.getByRole('button', { name: 'Edit labels' }).click();
  await page.waitForFunction(
    () => (document.querySelector('#cluster-labels') as HTMLTextAreaElement | null)?.value === 'env=test',
  );
  await page.locator('#cluster-labels').fill('env=test\nteam=payments');
  await page.locator('.ant-modal').getByRole('button', { name: 'Save' }).click();
  await page.locator('.ant-modal').waitFor({ state: 'detached' });
  await page.goto(`${harness.url}/clusters`);
  const selector = page.getByPlaceholder('Label selector, e.g. env=prod');
  await selector.fill('team=payments');
  await selector.press('Enter');
  await page.locator('tr', { hasText: CLUSTER }).filter({ hasText: 'team=payments' }).waitFor();
  // The row was there before the filter; the box is drawn again once the address holds it.
  await page.waitForURL(/labels=team%3Dpayments/);
  await selector.fill('team=other');
  await selector.press('Enter');
  await page.getByText('No cluster matches.').waitFor();
  const listed = await harness.call<{ items: { labels: Record<string, string> }[] }>(
    'GET',
    '/api/v1/clusters',
  );
  assert.deepEqual(listed.body.items[0]?.labels, { env: 'test', team: 'payments' });
});

test('replacing credentials: a kubeconfig with no context is refused on its field; the cluster’s own is kept', async () => {
  const broken = 'apiVersion: v1\nkind: Config\nclusters: []\n';
  const refused = await harness.call<{ error: { message: string } }>(
    'PUT',
    `/api/v1/clusters/${CLUSTER}/kubeconfig`,
    {
      kubeconfig: broken,
    },
  );
  assert.equal(refused.status, 400);
  await page.goto(`${harness.url}/clusters/${CLUSTER}`);
  await page.getByRole('button', { name: 'Replace credentials' }).click();
  await page.locator('#replace-kubeconfig').fill(broken);
  await page.getByRole('button', { name: 'Test the connection and replace' }).click();
  await page
    .locator('.ant-form-item:has(#replace-kubeconfig) .ant-form-item-explain-error', {
      hasText: refused.body.error.message,
    })
    .waitFor();
  await page.locator('#replace-kubeconfig').fill(await readFile(sandbox?.kubeconfig ?? '', 'utf8'));
  await page.getByRole('button', { name: 'Test the connection and replace' }).click();
  await page.getByText(`Credentials of ${CLUSTER} replaced.`).waitFor({ timeout: 30_000 });
});

test('a Viewer sees the nodes but no cordon, drain, label edit or cluster action; a forced cordon is refused', async () => {
  const viewerPage = await openPage(browser, { locale: 'en' });
  await signIn(viewerPage, harness.url, viewer);
  await viewerPage.goto(`${harness.url}/clusters/${CLUSTER}/nodes`);
  const row = viewerPage.locator('.ant-table-row', { hasText: node });
  await row.waitFor({ timeout: 30_000 });
  assert.equal(await viewerPage.getByRole('button', { name: 'Cordon' }).count(), 0);
  assert.equal(await viewerPage.getByRole('button', { name: 'Probe now' }).count(), 0);
  await row.locator('td').first().click();
  const drawer = viewerPage.locator('.ant-drawer-open');
  await drawer.getByText('kubernetes.io/hostname').first().waitFor();
  for (const name of ['Cordon', 'Drain', 'Edit labels', 'Edit taints'])
    assert.equal(await drawer.getByRole('button', { name }).count(), 0, name);
  const forced = await fetch(`${harness.url}/api/v1/clusters/${CLUSTER}/nodes/${node}/cordon`, {
    method: 'POST',
    headers: { authorization: `Bearer ${viewer.token}` },
  });
  assert.equal(forced.status, 403);
  assert.equal(await unschedulable(node), false);
  await viewerPage.context().close();
});

/** The next search request the page makes whose parameters include all of `wanted`. */
const searchAsked = (on: Page, wanted: Record<string, string>) =>
  on.waitForRequest((request) => {
    const url = new URL(request.url());
    return (
      url.pathname === '/api/v1/search' &&
      Object.entries(wanted).every(([key, value]) => url.searchParams.get(key) === value)
    );
  });

test('the nodes list is sorted, filtered and counted by the server, and keeps its filter in the address', async () => {
  const own = await openPage(browser, { locale: 'en' });
  await signIn(own, harness.url);
  const all = await harness.call<{ items: { name: string }[]; remaining: number }>(
    'GET',
    `/api/v1/search?kinds=nodes&clusters=${CLUSTER}&sort=name&objects=false`,
  );
  const names = all.body.items.map((item) => item.name);
  const total = names.length + all.body.remaining;
  const last = names.at(-1) ?? '';
  await own.goto(`${harness.url}/clusters/${CLUSTER}/nodes`);
  await own
    .getByTestId('page-range')
    .filter({ hasText: `1–${total} of ${total}` })
    .waitFor();

  // A click on Name (sorted ascending already) asks the server for the reverse order.
  const reversed = searchAsked(own, { kinds: 'nodes', sort: 'name', order: 'desc' });
  await own.locator('th', { hasText: 'Name' }).click();
  await reversed;
  await own.waitForURL(/order=desc/);
  await own.locator('.ant-table-row').first().filter({ hasText: last }).waitFor();

  const filtered = searchAsked(own, { kinds: 'nodes', nameContains: last });
  await own.getByRole('searchbox', { name: 'Node name contains' }).fill(last);
  await own.getByRole('searchbox', { name: 'Node name contains' }).press('Enter');
  await filtered;
  await own.getByTestId('page-range').filter({ hasText: '1–1 of 1' }).waitFor();
  assert.equal(new URL(own.url()).searchParams.get('name'), last);

  // A reload asks again with the filter the address keeps.
  const again = searchAsked(own, { kinds: 'nodes', nameContains: last, order: 'desc' });
  await own.reload();
  await again;
  await own.getByTestId('page-range').filter({ hasText: '1–1 of 1' }).waitFor();
  assert.equal(await own.locator('.ant-table-row').count(), 1);
  await own.context().close();
});
