import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { Browser, Page } from 'playwright-core';
import { prometheusBinary } from '../../../../server/src/monitoring/catalogue/testing/fixture-prometheus.ts';
import { addMember } from '../../../../server/src/testing/members.ts';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';

// A real server with the real managed engine (Debian's Prometheus) scraping a shared sandbox's
// emulated kubelets, driven through Chromium: a pod's chart draws its pinned usage, the range choice
// survives a reload, the Monitoring page lists the sandbox's scrape targets, and a namespace Viewer
// sees its pod's chart but no cluster-level chart.
const shared = sharedSandboxes();
const sandbox = shared.clusters[0];
const CLUSTER = 'mon-ui';
const namespace = uniqueNamespace('mon-ui');
const k = (...args: string[]) => kubectlOk(shared.binDir, sandbox?.kubeconfig ?? '', args);
let harness: Harness;
let browser: Browser;
let page: Page;
let viewer: { username: string; password: string };
let pod = '';

const deployment = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: meter, namespace: ${namespace} }
spec:
  replicas: 1
  selector: { matchLabels: { app: meter } }
  template:
    metadata:
      labels: { app: meter }
      annotations: { portolan.dev/sandbox-cpu-usage: 250m, portolan.dev/sandbox-memory-usage: 64Mi }
    spec:
      containers:
        - name: app
          image: nginx
          resources: { requests: { cpu: 500m, memory: 128Mi } }
`;

before(async () => {
  requireBuiltConsole();
  assert.ok(sandbox, 'the test runner starts shared sandboxes');
  await k('create', 'namespace', namespace);
  harness = await startHarness({
    metricsEngine: { prometheusBin: await prometheusBinary(), scrapeIntervalSeconds: 5 },
  });
  await harness.register(CLUSTER, sandbox.kubeconfig);
  await eventually('the default ServiceAccount', async () =>
    (await k('get', 'sa', 'default', '-n', namespace).catch(() => '')) ? true : undefined,
  );
  const applied = await harness.call<{ failed: number }>('POST', `/api/v1/clusters/${CLUSTER}/apply`, {
    manifests: deployment,
  });
  assert.equal(applied.body.failed, 0, JSON.stringify(applied.body));
  pod = await eventually('the meter pod', async () => {
    const name = (
      await k('get', 'pods', '-n', namespace, '-l', 'app=meter', '-o', 'jsonpath={.items[0].metadata.name}')
    ).trim();
    return name || undefined;
  });
  const member = await addMember(harness, 'mon-viewer', 'Viewer', {
    level: 'namespace',
    cluster: CLUSTER,
    namespace,
  });
  viewer = { username: member.username, password: `${member.username}-password-123` };
  browser = await launchBrowser();
  page = await openPage(browser, { locale: 'en' });
  await signIn(page, harness.url);
});

after(async () => {
  await browser?.close();
  await harness?.stop({ removeData: true });
  if (sandbox) await k('delete', 'namespace', namespace, '--wait=false').catch(() => undefined);
});

const podPage = () => `${harness.url}/clusters/${CLUSTER}/pods/${namespace}/${pod}?tab=metrics`;

/** The pod's CPU chart once it draws usage and requests (the engine needs two scrapes for a rate). */
async function cpuChartWithPoints(on: Page): Promise<string> {
  return eventually(
    'the CPU chart with points',
    async () => {
      await on.goto(podPage());
      const chart = on.getByRole('img', { name: /^CPU: \d+ lines, \d+ points$/ });
      await chart.waitFor({ timeout: 10_000 }).catch(() => undefined);
      const label = (await chart.count()) ? await chart.getAttribute('aria-label') : null;
      return label && /^CPU: ([2-9]|\d{2,}) lines/.test(label) && !/, 0 points$/.test(label)
        ? label
        : undefined;
    },
    120_000,
    3000,
  );
}

test("a pod's chart draws its usage against requests, and every line it cannot draw says why", async () => {
  const label = await cpuChartWithPoints(page);
  assert.match(label, /^CPU: ([2-9]|\d{2,}) lines, [1-9]\d* points$/);
  const cpu = page.locator('[data-chart="CPU"]');
  assert.equal(await cpu.locator('canvas').count(), 1, 'the chart is drawn on a canvas');
  // Limits are not set on the container: that line is missing with its reason, not silently. Every
  // notice names the chart's metrics (CPU usage, requests or limits) and what is wrong.
  await cpu.locator('.ant-alert').filter({ hasText: 'CPU limits' }).first().waitFor();
  // The sandbox's kubelets are scraped: usage is drawn, not explained away.
  assert.equal(await cpu.locator('.ant-alert').filter({ hasText: 'CPU usage' }).count(), 0);
  for (const reason of await cpu.locator('.ant-alert').allTextContents())
    assert.match(reason, /^CPU (usage|requests|limits)[^:]*: \S/, reason);
  // The range chosen is remembered for this user across a reload.
  const range = page.locator('.ant-segmented-item').filter({ hasText: /^15m$/ }).first();
  await range.click();
  await page.reload();
  await page.getByRole('img', { name: /^CPU: / }).waitFor();
  assert.match(
    (await range.getAttribute('class')) ?? '',
    /ant-segmented-item-selected/,
    'the 15m range is remembered',
  );
});

test('the Monitoring page shows the engine available and lists the sandbox’s scrape targets', async () => {
  await page.goto(`${harness.url}/monitoring`);
  await page.getByTestId('engine-state').filter({ hasText: 'Available' }).waitFor();
  // Each job the engine scrapes for the cluster is listed with its health; one that is down says why.
  const rows = page.locator('.ant-table-row').filter({ hasText: CLUSTER });
  await rows.filter({ hasText: 'kubelet' }).first().waitFor();
  await rows.filter({ hasText: 'portolan-state' }).filter({ hasText: 'Up' }).first().waitFor();
  for (const row of await rows.filter({ hasText: 'Down' }).all()) {
    const error = await row.locator('td').last().textContent();
    assert.ok(error && error !== '–' && error.length > 10, `a down target shows its last error: ${error}`);
  }
  await page.getByLabel('Filter by cluster or job').fill('portolan-state');
  assert.equal(
    await page.locator('.ant-table-row').filter({ hasText: 'kubelet' }).count(),
    0,
    'the filter narrows the targets',
  );
  // A platform Admin gets the PromQL explorer; an engine error comes back in its own words.
  await page.getByLabel('Query').fill('sum(');
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByTestId('promql-error').waitFor();
  assert.match((await page.getByTestId('promql-error').textContent()) ?? '', /parse|unexpected|error/i);
});

test('a namespace Viewer sees the pod’s chart but no cluster-level chart', async () => {
  const viewerPage = await openPage(browser, { locale: 'en' });
  try {
    await signIn(viewerPage, harness.url, viewer);
    await viewerPage.goto(`${harness.url}/clusters/${CLUSTER}/overview`);
    await viewerPage.getByText('Details').first().waitFor();
    assert.equal(
      await viewerPage.getByText('Usage over time').count(),
      0,
      'no cluster charts for a namespace Viewer',
    );
    assert.equal(await viewerPage.getByText('Top consumers').count(), 0);
    const label = await cpuChartWithPoints(viewerPage);
    assert.match(label, /^CPU: [1-9]\d* lines/);
  } finally {
    await viewerPage.context().close();
  }
});
