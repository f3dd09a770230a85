import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eventually, sharedSandboxes } from '@portolan/sandbox/testing';
import type { Browser, Page } from 'playwright-core';
import { addMember } from '../../../../server/src/testing/members.ts';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { englishWords, launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';

// A real server serving the built console, one shared sandbox cluster, and objects made through the
// API: a namespace with a ConfigMap, a Secret, a Service, and a CRD with printer columns and one
// custom resource. PORTOLAN_TEST_WEB_DIR serves another build; PORTOLAN_SCREENSHOT_DIR keeps pictures.
const sandbox = sharedSandboxes().clusters[0];
const suffix = randomBytes(3).toString('hex');
const CLUSTER = 'resources';
const NS = `res-${suffix}`;
const GROUP = `t${suffix}.portolan.test`;
const CRD = `databases.${GROUP}`;
const SECRET_VALUE = `open-sesame-${suffix}`;
const webDir = process.env.PORTOLAN_TEST_WEB_DIR;
let harness: Harness;
let browser: Browser;
const editor = { username: `res-editor-${suffix}`, password: '' };
const viewer = { username: `res-viewer-${suffix}`, password: '' };

const b64 = (text: string) => Buffer.from(text).toString('base64');

async function apply(manifests: unknown[]) {
  const answer = await harness.call<{ failed: number; results: unknown[] }>(
    'POST',
    `/api/v1/clusters/${CLUSTER}/apply`,
    { manifests },
  );
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal(answer.body.failed, 0, JSON.stringify(answer.body.results));
}

async function until<T>(what: string, read: () => Promise<T | undefined>, seconds = 30): Promise<T> {
  for (let i = 0; i < seconds * 4; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

before(async () => {
  assert.ok(sandbox, 'the test runner starts shared sandboxes');
  if (!webDir) requireBuiltConsole();
  harness = await startHarness(webDir ? { args: ['--web-dir', webDir] } : {});
  browser = await launchBrowser();
  await harness.register(CLUSTER, sandbox.kubeconfig, { env: 'test' });
  await apply([
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'app-settings', namespace: NS, labels: { app: 'shop' } },
      data: { mode: 'fast', 'retries.max': '3' },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'old-settings', namespace: NS },
      data: { a: '1' },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'api-keys', namespace: NS },
      type: 'Opaque',
      data: { token: b64(SECRET_VALUE) },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: NS },
      spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
    },
    {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: CRD },
      spec: {
        group: GROUP,
        scope: 'Namespaced',
        names: { plural: 'databases', singular: 'database', kind: 'Database' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
            additionalPrinterColumns: [
              { name: 'Engine', type: 'string', jsonPath: '.spec.engine' },
              { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
              { name: 'Tier', type: 'string', jsonPath: '.spec.tier', priority: 1 },
            ],
          },
        ],
      },
    },
  ]);
  await until('the CRD established', async () => {
    const crds = await harness.call<{ items: { name: string; established: boolean }[] }>(
      'GET',
      `/api/v1/clusters/${CLUSTER}/crds?name=${CRD}`,
    );
    return crds.body.items?.find((crd) => crd.name === CRD && crd.established);
  });
  await apply([
    {
      apiVersion: `${GROUP}/v1`,
      kind: 'Database',
      metadata: { name: 'orders-db', namespace: NS },
      spec: { engine: 'postgres', replicas: 3, tier: 'gold' },
    },
  ]);
  const members = await Promise.all([
    addMember(harness, editor.username, 'Editor', { level: 'namespace', cluster: CLUSTER, namespace: NS }),
    addMember(harness, viewer.username, 'Viewer', { level: 'namespace', cluster: CLUSTER, namespace: NS }),
  ]);
  editor.password = `${members[0].username}-password-123`;
  viewer.password = `${members[1].username}-password-123`;
  // The lists read the store: wait until the sync has brought the objects in.
  await until('the objects synced', async () => {
    const found = await harness.call<{ items: { name: string }[] }>(
      'GET',
      `/api/v1/search?kinds=configmaps,secrets,services&clusters=${CLUSTER}&namespaces=${NS}&objects=false`,
    );
    const names = new Set(found.body.items?.map((item) => item.name));
    return ['app-settings', 'old-settings', 'api-keys', 'web'].every((name) => names.has(name))
      ? true
      : undefined;
  });
});

after(async () => {
  if (harness) {
    await harness.call('DELETE', `/api/v1/clusters/${CLUSTER}/resources/customresourcedefinitions/${CRD}`);
    await harness.call('DELETE', `/api/v1/clusters/${CLUSTER}/resources/namespaces/${NS}`);
  }
  await browser?.close();
  await harness?.stop({ removeData: true });
});

async function signedIn(user?: { username: string; password: string }, locale: 'en' | 'zh-CN' = 'en') {
  const page = await openPage(browser, { locale });
  await signIn(page, harness.url, user);
  return page;
}

const drawer = (page: Page) => page.locator('.ant-drawer-open');

test('a Viewer sees ConfigMaps but no Secret and no way to reveal, create or delete', async () => {
  const page = await signedIn(viewer);
  await page.goto(`${harness.url}/clusters/${CLUSTER}/config?view=configmaps`);
  const row = page.locator('tr', { hasText: 'app-settings' });
  await row.waitFor();
  assert.equal(await row.getByRole('button', { name: 'Delete' }).count(), 0, 'no Delete for a Viewer');
  await row.getByText('app-settings').click();
  await drawer(page).getByText('retries.max').waitFor();
  await drawer(page).getByText('fast').waitFor();
  await page.keyboard.press('Escape');
  // Made elsewhere while the page is open: the change stream brings it in without a reload.
  await apply([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'live-settings', namespace: NS } }]);
  await page.locator('tr', { hasText: 'live-settings' }).waitFor({ timeout: 20_000 });

  await page.goto(`${harness.url}/clusters/${CLUSTER}/config?view=secrets`);
  await page.getByText('No Secret matches.').waitFor();
  assert.equal(await page.locator('tr', { hasText: 'api-keys' }).count(), 0, 'Viewers are not shown Secrets');
  assert.equal(await page.getByRole('button', { name: 'Create a Secret' }).count(), 0);
  assert.equal(await page.getByText(SECRET_VALUE).count(), 0);
  await page.context().close();
});

test('an Editor sees the Secret masked, reveals its value, and may create one', async () => {
  const page = await signedIn(editor);
  await page.goto(`${harness.url}/clusters/${CLUSTER}/config?view=secrets`);
  await page.locator('tr', { hasText: 'api-keys' }).getByText('api-keys').click();
  await drawer(page).locator('tr', { hasText: 'token' }).waitFor();
  assert.equal(await drawer(page).getByTestId('secret-value').textContent(), '••••••••');
  assert.equal(await page.getByText(SECRET_VALUE).count(), 0, 'masked until revealed');
  await drawer(page).getByRole('button', { name: 'Reveal values' }).click();
  await drawer(page).getByText(SECRET_VALUE).waitFor();
  await drawer(page).getByRole('button', { name: 'Hide values' }).click();
  await drawer(page).getByText(SECRET_VALUE).waitFor({ state: 'detached' });
  await page.keyboard.press('Escape');
  await drawer(page).waitFor({ state: 'detached' });

  // A bad name is refused on its field before anything is sent; then a good one is created.
  await page.getByRole('button', { name: 'Create a Secret' }).click();
  await page.locator('#namespace').fill(NS);
  await page.locator('#name').fill('Bad_Name');
  await page.getByPlaceholder('Key').fill('password');
  await page.getByPlaceholder('Value').fill('hunter2');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.locator('.ant-form-item-explain-error', { hasText: 'Use lowercase letters' }).waitFor();
  await page.locator('#name').fill('db-login');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByText(`Secret ${NS}/db-login created.`).waitFor();
  const made = await harness.call<{ keys: { key: string }[] }>(
    'GET',
    `/api/v1/clusters/${CLUSTER}/secrets/${NS}/db-login`,
  );
  assert.deepEqual(
    made.body.keys?.map((entry) => entry.key),
    ['password'],
  );
  await page.context().close();
});

test('an Editor deletes a ConfigMap after a confirmation that names it', async () => {
  const page = await signedIn(editor);
  await page.goto(`${harness.url}/clusters/${CLUSTER}/config?view=configmaps`);
  await page.locator('tr', { hasText: 'old-settings' }).getByRole('button', { name: 'Delete' }).click();
  await page
    .locator('.ant-modal-confirm-title', { hasText: `Delete ConfigMap ${NS}/old-settings?` })
    .waitFor();
  await page.getByRole('button', { name: 'Delete old-settings' }).click();
  const gone = await eventually('the ConfigMap deleted on the cluster', async () => {
    const answer = await harness.call(
      'GET',
      `/api/v1/clusters/${CLUSTER}/resources/configmaps/old-settings?namespace=${NS}`,
    );
    return answer.status === 404 ? answer : undefined;
  });
  assert.equal(gone.status, 404);
  // The list follows the synced store, whose watch may lag on a busy machine: a reload reads it again.
  await eventually('the row gone from the list', async () => {
    const row = page.locator('tr', { hasText: 'old-settings' });
    if (
      await row.waitFor({ state: 'detached', timeout: 15_000 }).then(
        () => true,
        () => false,
      )
    )
      return true;
    await page.reload();
    return undefined;
  });
  await page.context().close();
});

test('search finds the ConfigMap by kind and namespace, and shows its cluster as fresh', async () => {
  const page = await signedIn();
  await page.getByRole('link', { name: 'Search' }).click();
  await page.getByLabel('Search every cluster').fill(`configmaps ns:${NS}`);
  await page.getByLabel('Search every cluster').press('Enter');
  const group = page.locator(`[data-cluster="${CLUSTER}"]`);
  await group.locator('tr', { hasText: 'app-settings' }).waitFor();
  await group.locator('[data-freshness="fresh"]', { hasText: 'Fresh' }).waitFor();
  const rows = await group.locator('tbody tr.ant-table-row').allTextContents();
  assert.ok(rows.length >= 1 && rows.every((row) => row.includes(NS)), `only ${NS}: ${rows.join(' | ')}`);
  assert.ok(
    rows.every((row) => row.includes('ConfigMap')),
    'only ConfigMaps',
  );
  assert.match(new URL(page.url()).search, /q=configmaps/);
  await group.getByRole('link', { name: 'app-settings' }).click();
  await page.waitForURL(new RegExp(`/clusters/${CLUSTER}/config\\?view=configmaps`));
  // The tab opens filtered to it.
  await page.getByTestId('resource-count').filter({ hasText: '1 in all' }).waitFor();
  await page.locator('tr', { hasText: 'app-settings' }).waitFor();
  assert.equal(await page.locator('tr', { hasText: 'kube-root-ca.crt' }).count(), 0);
  await page.context().close();
});

/** The next search request the page makes whose parameters include all of `wanted`. */
const searchAsked = (page: Page, wanted: Record<string, string>, timeout?: number) =>
  page.waitForRequest(
    (request) => {
      const url = new URL(request.url());
      return (
        url.pathname === '/api/v1/search' &&
        Object.entries(wanted).every(([key, value]) => url.searchParams.get(key) === value)
      );
    },
    timeout ? { timeout } : {},
  );

test('ConfigMaps are filtered, sorted and paged by the server, with its count, and the filters stay in the address', async () => {
  const page = await signedIn();
  const count = async (query: string) => {
    const answer = await harness.call<{ items: unknown[]; remaining: number }>(
      'GET',
      `/api/v1/search?kinds=configmaps&clusters=${CLUSTER}&objects=false&${query}`,
    );
    return answer.body.items.length + answer.body.remaining;
  };
  await page.goto(`${harness.url}/clusters/${CLUSTER}/config?view=configmaps`);
  // Other tests add and remove namespaces (each with its kube-root-ca.crt) on the shared cluster: the
  // page's count is the server's at the moment both are read.
  await eventually('the page counting what the server counts', async () => {
    const everything = await count('limit=1000');
    const shown = await page.getByTestId('resource-count').textContent({ timeout: 10_000 });
    if (shown?.includes(`${everything} in all`)) return true;
    await page.reload();
    return undefined;
  });

  const named = searchAsked(page, { kinds: 'configmaps', nameContains: 'settings' });
  await page.getByRole('searchbox', { name: 'Name contains' }).fill('settings');
  await page.getByRole('searchbox', { name: 'Name contains' }).press('Enter');
  await named;
  const settings = await count('nameContains=settings');
  const settingsInNs = await count(`nameContains=settings&namespaces=${NS}`);
  await page
    .getByTestId('resource-count')
    .filter({ hasText: `${settings} in all` })
    .waitFor();
  await page.locator('tr', { hasText: 'app-settings' }).waitFor();
  assert.equal(await page.locator('tr', { hasText: 'kube-root-ca.crt' }).count(), 0);

  // The namespace filter asks the server for the names typed, then lists that namespace's alone.
  // A busy browser may close the list between the click and the typing, which clears what was
  // typed, as closing it should: type again then.
  const namespace = page.getByRole('combobox', { name: 'Namespace' });
  for (let attempt = 1; ; attempt++) {
    const typed = searchAsked(page, { kinds: 'namespaces', nameContains: NS }, 20_000);
    await namespace.click();
    await namespace.fill(NS);
    const asked = await typed.then(
      () => true,
      (error: unknown) => {
        if (attempt === 3) throw error;
        return false;
      },
    );
    if (asked) break;
    await page.keyboard.press('Escape');
  }
  const inNamespace = searchAsked(page, { kinds: 'configmaps', namespaces: NS, nameContains: 'settings' });
  await page.locator('.ant-select-item-option', { hasText: NS }).click();
  await inNamespace;

  const newest = searchAsked(page, { kinds: 'configmaps', nameContains: 'settings', sort: 'created' });
  await page.locator('th', { hasText: 'Age' }).click();
  await newest;
  const smaller = searchAsked(page, { kinds: 'configmaps', limit: '20' });
  await page.getByRole('combobox', { name: 'Rows per page' }).click();
  await page.locator('.ant-select-item-option', { hasText: '20' }).first().click();
  await smaller;
  const address = new URL(page.url()).searchParams;
  assert.deepEqual(
    ['view', 'namespace', 'name', 'sort', 'size'].map((key) => address.get(key)),
    ['configmaps', NS, 'settings', 'created', '20'],
  );
  // A reload (or a shared link) asks the server the same question again.
  const again = searchAsked(page, {
    kinds: 'configmaps',
    nameContains: 'settings',
    sort: 'created',
    limit: '20',
  });
  await page.reload();
  await again;
  await page
    .getByTestId('resource-count')
    .filter({ hasText: `${settingsInNs} in all` })
    .waitFor();
  await page.context().close();
});

test("a custom resource is listed with its CRD's printer columns", async () => {
  const page = await signedIn();
  // Custom resources come from the store like every kind: paged and counted by the server.
  const asked = searchAsked(page, { kinds: `databases.${GROUP}`, clusters: CLUSTER });
  await page.goto(`${harness.url}/clusters/${CLUSTER}/custom?crd=${CRD}`);
  await asked;
  const row = page.locator('tr', { hasText: 'orders-db' });
  await row.waitFor();
  await page
    .locator('.ant-card', { hasText: 'Database resources' })
    .getByTestId('resource-count')
    .filter({ hasText: '1 in all' })
    .waitFor();
  const headers = await page
    .locator('.ant-card', { hasText: 'Database resources' })
    .locator('th')
    .allInnerTexts();
  assert.ok(headers.includes('Engine') && headers.includes('Replicas'), headers.join('|'));
  assert.ok(!headers.includes('Tier'), 'wide columns stay out, as kubectl shows them');
  await row.getByText('postgres').waitFor();
  await row.getByText('3', { exact: true }).waitFor();
  await row.getByText('orders-db').click();
  // An Admin may change it: the object opens in the shared YAML editor.
  const lines = drawer(page).locator('.view-lines');
  await lines.getByText('postgres').waitFor();
  assert.match((await lines.textContent())?.replace(/\u00a0/g, ' ') ?? '', /engine: postgres/);
  await page.keyboard.press('Escape');
  // The definitions themselves are filtered, counted and paged by the server.
  const filtered = page.waitForRequest((request) => {
    const url = new URL(request.url());
    return url.pathname.endsWith('/crds') && url.searchParams.get('q') === GROUP;
  });
  await page.getByRole('searchbox', { name: 'Filter by name, kind or group' }).fill(GROUP);
  await filtered;
  await page.getByTestId('crd-count').filter({ hasText: '1 definitions' }).waitFor();
  await page.context().close();
});

test('in 简体中文 the Secrets list and a Secret speak Chinese; only names and values stay as written', async () => {
  const page = await signedIn(undefined, 'zh-CN');
  await page.goto(`${harness.url}/clusters/${CLUSTER}/config?view=secrets`);
  await page.getByLabel('名称包含').fill('api-keys');
  await page.getByLabel('名称包含').press('Enter');
  await page.locator('tr', { hasText: 'api-keys' }).waitFor();
  await page.getByText('共 1 个').waitFor();
  // Names as written: the user, the cluster, its data, and products (kwok, Velero's tab).
  const data = [
    'admin',
    CLUSTER,
    'kwok',
    'Velero',
    'env=test',
    NS,
    'api-keys',
    'token',
    'Opaque',
    'app=web,tier!=db',
  ];
  assert.deepEqual(await englishWords(page, data), [], 'list');
  await page.locator('tr', { hasText: 'api-keys' }).getByText('api-keys').click();
  await drawer(page).getByRole('button', { name: '显示值' }).waitFor();
  assert.deepEqual(await englishWords(page, [...data, 'YAML']), [], 'drawer');
  await page.context().close();
});

test('screenshots of the tabs and search in English and 简体中文, light and dark (skipped unless PORTOLAN_SCREENSHOT_DIR names where to keep them)', async (t) => {
  const out = process.env.PORTOLAN_SCREENSHOT_DIR;
  if (!out) return t.skip('set PORTOLAN_SCREENSHOT_DIR to keep them');
  await mkdir(out, { recursive: true });
  for (const locale of ['en', 'zh-CN'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      const page = await openPage(browser, { locale, theme });
      await signIn(page, harness.url);
      const shots: [string, string, (page: Page) => Promise<void>][] = [
        [
          'network',
          `/clusters/${CLUSTER}/network`,
          (p) => p.locator('tr', { hasText: 'web' }).first().waitFor(),
        ],
        [
          'config',
          `/clusters/${CLUSTER}/config?view=secrets`,
          (p) => p.locator('tr', { hasText: 'api-keys' }).waitFor(),
        ],
        [
          'storage',
          `/clusters/${CLUSTER}/storage?view=classes`,
          (p) => p.locator('.ant-table').first().waitFor(),
        ],
        [
          'custom',
          `/clusters/${CLUSTER}/custom?crd=${CRD}`,
          (p) => p.locator('tr', { hasText: 'orders-db' }).waitFor(),
        ],
        [
          'search',
          `/search?q=${encodeURIComponent(`configmaps,secrets ns:${NS}`)}`,
          (p) => p.locator('[data-freshness]').first().waitFor(),
        ],
      ];
      for (const [name, address, ready] of shots) {
        await page.goto(`${harness.url}${address}`);
        await ready(page);
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(out, `${name}.${locale}.${theme}.png`), fullPage: true });
      }
      await page.goto(`${harness.url}/clusters/${CLUSTER}/config?view=secrets`);
      await page.locator('tr', { hasText: 'api-keys' }).getByText('api-keys').click();
      await drawer(page).locator('tr', { hasText: 'token' }).waitFor();
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(out, `secret.${locale}.${theme}.png`) });
      await page.goto(`${harness.url}/clusters/${CLUSTER}/config?view=secrets`);
      await page.locator('.ant-card button.ant-btn-primary').first().click();
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(out, `create-secret.${locale}.${theme}.png`) });
      await page.context().close();
    }
  }
});
