/**
 * Screenshots of every console page in English and 简体中文, light and dark, for review:
 *
 *   node apps/web/scripts/screenshots.ts --out DIR
 *
 * Starts its own Portolan server (the test harness, serving apps/web/dist) and a 3-node sandbox
 * cluster it registers, takes the pictures with Debian's Chromium, then removes both. Build the
 * console first (bash scripts/setup.sh).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createSandboxManager, findSandboxBinaries } from '@portolan/sandbox';
import type { Page } from 'playwright-core';
import { buildRepository, helmOf, serveRepository } from '../../server/src/helm/testing/repo-fixtures.ts';
import { prometheusBinary } from '../../server/src/monitoring/catalogue/testing/fixture-prometheus.ts';
import { demoManifests } from '../../server/src/sandboxes/demo-manifests.ts';
import { startHarness } from '../../server/src/testing/portolan-harness.ts';
import { seedBackups } from '../src/features/backups/testing/backup-shots.ts';
import { seedLifecycle } from '../src/features/lifecycle/testing/lifecycle-shots.ts';
import { run, waitForPrompt, waitForScreen } from '../src/features/terminals/testing/terminal-driver.ts';
import { launchBrowser, openPage, requireBuiltConsole, signIn } from '../src/testing/browser.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'screenshots' },
    /** Comma-separated parts of shot names (`--only terminal,apps`): only those shots are taken. */
    only: { type: 'string' },
  },
});
const wanted = values.only?.split(',').filter(Boolean) ?? [];
const keep = (name: string) => wanted.length === 0 || wanted.some((part) => name.includes(part));
const out = path.resolve(values.out ?? 'screenshots');
await mkdir(out, { recursive: true });
requireBuiltConsole();

const say = (line: string) => process.stderr.write(`screenshots: ${line}\n`);
const sandboxDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-screens-'));
const binDir = await findSandboxBinaries();
const sandboxes = createSandboxManager({ dataDir: sandboxDir, binDir: async () => binDir, onProgress: say });
// A short idle timeout, so the terminal's idle warning comes within a shot; transcripts kept to show.
const harness = await startHarness({
  args: ['--terminal-idle-timeout', '20', '--terminal-transcripts', 'true'],
  // The managed metrics engine, so charts show real lines (Debian's Prometheus, fetched once).
  metricsEngine: { prometheusBin: await prometheusBinary(), scrapeIntervalSeconds: 5 },
});
const browser = await launchBrowser();

type Shot = { name: string; show(page: Page): Promise<void> };

/** One cluster's page: its overview, nodes (and a node's drawer), a namespace's drawer, events. */
const clusterShots: Shot[] = [
  { name: 'cluster-overview', path: '/clusters/demo', ready: '.ant-layout-content .ant-card' },
  { name: 'cluster-nodes', path: '/clusters/demo/nodes', ready: '.ant-table-row' },
  { name: 'cluster-node', path: '/clusters/demo/nodes?node=demo-node-0', ready: '.ant-drawer-open .ant-tag' },
  {
    name: 'cluster-namespace',
    path: '/clusters/demo/namespaces?namespace=demo-shop',
    ready: '.ant-drawer-open .ant-descriptions',
  },
  { name: 'cluster-events', path: '/clusters/demo/events', ready: '.ant-table-row' },
  { name: 'cluster-network', path: '/clusters/demo/network?view=services', ready: '.ant-table-row' },
  { name: 'cluster-config', path: '/clusters/demo/config?view=secrets', ready: '.ant-table-row' },
  { name: 'cluster-storage', path: '/clusters/demo/storage?view=claims', ready: '.ant-table-row' },
  { name: 'cluster-custom', path: '/clusters/demo/custom', ready: '.ant-table' },
  { name: 'search', path: '/search?q=services%20app%3Dweb', ready: '[data-freshness]' },
  { name: 'alerts', path: '/alerts', ready: '[data-count=critical]' },
  { name: 'alert-rules', path: '/alerts/rules', ready: '[data-rule]' },
  { name: 'alert-receivers', path: '/alerts/receivers', ready: '.ant-table' },
  { name: 'inspections', path: '/inspections', ready: '.ant-table' },
].map(({ name, path: route, ready }) => ({
  name,
  show: async (page: Page) => {
    await page.goto(`${harness.url}${route}`);
    await page.locator(ready).first().waitFor();
  },
}));

/** Helm: the catalogue, a chart, repositories, the install page, releases, one release, operations. */
const helmShots: Shot[] = [
  { name: 'apps', path: '/apps', ready: '[data-chart="webshop"], a[href*="/apps/charts/"]' },
  { name: 'apps-chart', path: '/apps/charts/demo-charts/webshop', ready: '.monaco-editor, .ant-tabs' },
  { name: 'apps-repositories', path: '/apps/repositories', ready: '.ant-table-row' },
  { name: 'apps-install', path: '/apps/install?repository=demo-charts&chart=webshop', ready: '.ant-steps' },
  { name: 'releases', path: '/releases', ready: '.ant-table-row' },
  { name: 'release', path: '/clusters/demo/releases/demo-shop/shop', ready: '.ant-descriptions' },
  { name: 'operations', path: '/operations', ready: '.ant-table-row' },
].map(({ name, path: route, ready }) => ({
  name,
  show: async (page: Page) => {
    await page.goto(`${harness.url}${route}`);
    await page.locator(ready).first().waitFor();
  },
}));

/** A chart repository on loopback with one chart, and a release of it on the demo cluster. */
async function installDemoRelease(): Promise<() => Promise<void>> {
  const { helm, home } = await helmOf();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-screens-charts-'));
  await buildRepository(helm, dir, [
    {
      name: 'webshop',
      version: '1.4.0',
      appVersion: '2.1',
      description: 'A small web shop: a Deployment and its settings',
      keywords: ['web', 'demo'],
      category: 'Web',
      readme:
        '# webshop\n\nA demo chart for Portolan’s screenshots.\n\n## Values\n\n- `replicaCount`: how many pods\n',
      schema: { type: 'object', properties: { replicaCount: { type: 'integer', minimum: 1 } } },
    },
  ]);
  const repo = await serveRepository(dir);
  await harness.call('POST', '/api/v1/helm/repositories', { name: 'demo-charts', url: repo.url });
  const started = await harness.call<{ id: string }>('POST', '/api/v1/clusters/demo/helm/releases', {
    chart: { repository: 'demo-charts', chart: 'webshop' },
    name: 'shop',
    namespace: 'demo-shop',
    values: 'replicaCount: 2\n',
    timeoutSeconds: 60,
  });
  if (started.status === 202) await harness.portolan.jobs.finished(started.body.id);
  else say(`demo release: ${JSON.stringify(started.body)}`);
  return async () => {
    await repo.close();
    await rm(dir, { recursive: true, force: true });
    await rm(home, { recursive: true, force: true });
  };
}

/** Ends the admin's open terminals, so each shot starts with none (and under the per-user limit). */
async function endTerminals(page: Page): Promise<void> {
  const open = await harness.call<{ items: { id: string }[] }>('GET', '/api/v1/terminals');
  for (const session of open.body.items) await harness.call('DELETE', `/api/v1/terminals/${session.id}`);
  await page.evaluate(() => sessionStorage.clear());
}

/** The terminal dock with kubectl's output, its idle warning, and the admins' history with a transcript. */
const terminalShots: Shot[] = [
  {
    name: 'terminal-dock',
    show: async (page) => {
      await endTerminals(page);
      await page.goto(`${harness.url}/clusters/demo`);
      await page.getByTestId('cluster-terminal').click();
      await waitForPrompt(page);
      await run(page, 'kubectl get pods -A');
      await waitForScreen(page, 'web-');
    },
  },
  {
    name: 'terminal-idle',
    show: async (page) => void (await page.getByTestId('idle-warning').waitFor({ timeout: 20_000 })),
  },
  {
    name: 'terminal-history',
    show: async (page) => {
      await endTerminals(page);
      await page.goto(`${harness.url}/terminals`);
      await page.locator('.ant-table-row button').first().click();
      await page.locator('[data-testid=transcript] .xterm-rows').filter({ hasText: 'web-' }).waitFor();
    },
  },
];

/** Multi-cluster Services: the list, one's drawer, and its form (the demo's web imported into the demo). */
const mcsShots: Shot[] = [
  { name: 'mcs-list', path: '/multicluster-services', ready: '[data-state="applied"]' },
  {
    name: 'mcs-detail',
    path: '/multicluster-services?open=demo-shop/web',
    ready: '.ant-drawer-open .ant-table-row',
  },
  {
    name: 'mcs-form',
    path: '/multicluster-services?edit=demo-shop/web',
    ready: '.ant-drawer-open .ant-form',
  },
].map(({ name, path: route, ready }) => ({
  name,
  show: async (page: Page) => {
    await page.goto(`${harness.url}${route}`);
    await page.locator(ready).first().waitFor();
  },
}));

/** Pages opened by address, each ready when `ready` shows. */
const visits = (list: { name: string; path: string; ready: string }[]): Shot[] =>
  list.map(({ name, path: route, ready }) => ({
    name,
    show: async (page: Page) => {
      await page.goto(`${harness.url}${route}`);
      await page.locator(ready).first().waitFor();
    },
  }));

/** The rows of the Pods list (a windowed table of its own, not Ant Design's). */
const POD_ROWS = '[data-testid=pods-grid] tbody tr';

/** A chart drawn, or its reason for being empty, on every chart of the page. */
const CHART_READY = '[data-chart] canvas, [data-chart] .ant-alert';

/** Monitoring: the engine page, and the charts of the overview, a cluster, a workload and a pod. */
const monitoringShots: Shot[] = [
  ...visits([
    { name: 'monitoring', path: '/monitoring', ready: '[data-testid=engine-state]' },
    { name: 'monitoring-overview', path: '/', ready: CHART_READY },
    { name: 'monitoring-cluster', path: '/clusters/demo', ready: CHART_READY },
  ]),
  {
    name: 'monitoring-workload',
    show: async (page) => {
      await page.goto(`${harness.url}/clusters/demo/workloads/deployments/demo-shop/web`);
      await page.getByRole('tab', { name: /^(Monitoring|监控)$/ }).click();
      await page.locator(CHART_READY).first().waitFor();
    },
  },
  {
    name: 'monitoring-promql',
    show: async (page) => {
      await page.goto(`${harness.url}/monitoring`);
      await page.getByRole('textbox', { name: /^(Query|查询语句)$/ }).fill('sum by (job) (up)');
      await page.getByRole('button', { name: /^(Run|执行)$/ }).click();
      await page.locator('.ant-table-row', { hasText: 'job=' }).first().waitFor();
    },
  },
  {
    name: 'monitoring-source',
    show: async (page) => {
      await page.goto(`${harness.url}/monitoring`);
      await page.getByRole('button', { name: /^(Edit source|编辑数据源)$/ }).click();
      await page
        .getByText(/^(External Prometheus or VictoriaMetrics|外部 Prometheus 或 VictoriaMetrics)$/)
        .click();
      await page.locator('.ant-modal input').first().waitFor();
    },
  },
  {
    name: 'monitoring-pod',
    show: async (page) => {
      await page.goto(`${harness.url}/pods`);
      await page.locator(`${POD_ROWS} a`, { hasText: /^web-/ }).first().click();
      await page.getByRole('tab', { name: /^(Monitoring|监控)$/ }).click();
      await page.locator(CHART_READY).first().waitFor();
    },
  },
];

/** Multi-cluster applications: the list, the form and its preview, one propagation's clusters, workloads and pods. */
const propagationShots: Shot[] = [
  ...visits([{ name: 'propagations', path: '/propagations', ready: '[data-phase]' }]),
  {
    name: 'propagation-form',
    show: async (page) => {
      await page.goto(`${harness.url}/propagations/demo-apps/edit`);
      await page.locator('[data-editor] .monaco-editor').first().waitFor();
      // Replicas split by weight, with a row for a weight: the part of the form a placement policy needs.
      await page.getByText(/^(Weighted|按权重)$/).click();
      await page.getByRole('button', { name: /^(Add a weight|添加权重)$/ }).click();
    },
  },
  {
    name: 'propagation-yaml',
    show: async (page) => {
      await page.getByRole('tab', { name: 'YAML' }).click();
      await page.locator('[data-editor="YAML"] .view-line', { hasText: 'Propagation' }).first().waitFor();
    },
  },
  {
    name: 'propagation-preview',
    show: async (page) => {
      await page.goto(`${harness.url}/propagations/demo-apps/edit`);
      // A changed override label, so the preview has an update and its diff to show.
      await page.locator('[data-override="0"] textarea').first().fill('tier=web');
      await page.locator('button.ant-btn-primary', { hasText: /^(Preview|预览)$/ }).click();
      await page.locator('[data-preview-cluster]').first().waitFor();
      await page.locator('.ant-table-row-expand-icon:not(.ant-table-row-expand-icon-spaced)').first().click();
      await page.locator('[data-diff] .monaco-diff-editor').waitFor();
    },
  },
  ...visits([
    { name: 'propagation-detail', path: '/propagations/demo-apps', ready: '[data-target-state]' },
    {
      name: 'propagation-workloads',
      path: '/propagations/demo-apps?tab=workloads',
      ready: '[data-workload]',
    },
    { name: 'propagation-pods', path: '/propagations/demo-apps?tab=pods', ready: '.ant-table-row' },
    { name: 'propagation-events', path: '/propagations/demo-apps?tab=events', ready: '.ant-table-row' },
  ]),
];

/** The pages, in the order a new user meets them; each starts signed in on the overview. */
const withCluster: Shot[] = [
  {
    name: 'overview',
    show: async (page) => void (await page.locator('tr', { hasText: 'demo' }).first().waitFor()),
  },
  {
    name: 'clusters',
    show: async (page) => {
      await page.goto(`${harness.url}/clusters`);
      await page.locator('tr', { hasText: 'demo' }).waitFor();
    },
  },
  {
    name: 'add-cluster-refused',
    show: async (page) => {
      await page.goto(`${harness.url}/clusters?add=1`);
      await page.locator('#kubeconfig').fill('clusters: [ {name: a\n');
      await page.locator('#kubeconfig').press('Tab');
      await page.locator('.ant-drawer button').nth(2).click();
      await page.locator('.ant-form-item-explain-error').first().waitFor();
    },
  },
  ...clusterShots,
  ...['users', 'groups', 'workspaces', 'bindings', 'access'].map((tab) => ({
    name: `people-${tab}`,
    show: async (page: Page) => {
      await page.goto(`${harness.url}/people?tab=${tab}`);
      await page.locator('.ant-layout-content .ant-card, .ant-layout-content .ant-table').first().waitFor();
    },
  })),
  {
    name: 'account',
    show: async (page) => {
      await page.goto(`${harness.url}/account`);
      await page.locator('.ant-table').waitFor();
    },
  },
  {
    name: 'audit',
    show: async (page) => {
      await page.goto(`${harness.url}/audit`);
      await page.locator('.ant-table-row').first().waitFor();
    },
  },
  {
    name: 'workloads',
    show: async (page) => {
      await page.goto(`${harness.url}/workloads`);
      await page.locator('.ant-table-row', { hasText: 'log-agent' }).waitFor();
    },
  },
  {
    name: 'workload',
    show: async (page) => {
      await page.goto(`${harness.url}/clusters/demo/workloads/deployments/demo-shop/web`);
      await page.locator('[data-testid=workload-replicas]').waitFor();
    },
  },
  {
    name: 'pods',
    show: async (page) => {
      await page.goto(`${harness.url}/pods`);
      await page.locator(POD_ROWS, { hasText: 'log-agent' }).first().waitFor();
    },
  },
  {
    name: 'pod-logs',
    show: async (page) => {
      await page.locator(`${POD_ROWS} a`, { hasText: /^web-/ }).first().click();
      await page.locator('.ant-tabs-tab').nth(3).click();
      await page.locator('[data-testid=pod-logs] .xterm-rows').filter({ hasText: 'ready' }).waitFor();
    },
  },
  {
    name: 'create-workload',
    show: async (page) => {
      await page.goto(`${harness.url}/create/workload?cluster=demo&namespace=default`);
      await page.locator('#name').fill('web-2');
      await page.locator('#containers_0_image').fill('nginx:1.27');
      await page
        .locator('[data-preview-status]')
        .filter({ hasText: /dry run|试运行/ })
        .waitFor();
    },
  },
  {
    name: 'create-yaml',
    show: async (page) => {
      await page.goto(`${harness.url}/create/yaml?cluster=demo`);
      await page.locator('[data-editor] .monaco-editor').waitFor();
    },
  },
  {
    name: 'not-found',
    show: async (page) => {
      await page.goto(`${harness.url}/no-such-page`);
      await page.locator('.ant-result').waitFor();
    },
  },
];

async function capture(shots: Shot[], signedIn: boolean) {
  for (const locale of ['en', 'zh-CN'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      const page = await openPage(browser, { locale, theme });
      if (!signedIn && keep('sign-in')) {
        await page.goto(`${harness.url}/sign-in`);
        await page.locator('#username').waitFor();
        await page.screenshot({ path: path.join(out, `sign-in.${locale}.${theme}.png`) });
      } else if (signedIn) {
        await signIn(page, harness.url);
      }
      for (const shot of shots.filter((each) => keep(each.name))) {
        // A page that never gets ready is kept as it was, to see why.
        await shot.show(page).catch(async (error: unknown) => {
          await page.screenshot({ path: path.join(out, `${shot.name}.${locale}.${theme}.FAILED.png`) });
          throw error;
        });
        await page.waitForTimeout(300); // let animations settle
        await page.screenshot({
          path: path.join(out, `${shot.name}.${locale}.${theme}.png`),
          fullPage: true,
        });
      }
      await page.context().close();
    }
  }
}

try {
  await capture([], false);
  await capture(
    [{ name: 'overview-empty', show: async (page) => void (await page.locator('.ant-empty').waitFor()) }],
    true,
  );
  say('starting a 3-node sandbox cluster to show');
  const { sandbox } = await sandboxes.create({ name: 'demo', nodes: 3 });
  await harness.register('demo', sandbox.kubeconfigPath, { env: 'demo', team: 'platform' });
  // Real objects on every page: the demo a one-click sandbox gets (workloads, Services, Secrets, …).
  const demo = await harness.call<{ failed: number }>('POST', '/api/v1/clusters/demo/apply', {
    manifests: demoManifests(),
  });
  if (demo.status !== 200 || demo.body.failed) say(`demo objects: ${JSON.stringify(demo.body)}`);
  const removeCharts = await installDemoRelease();
  await harness.call('PUT', '/api/v1/multicluster-services/demo-shop/web', {
    apiVersion: 'portolan.dev/v1',
    kind: 'MultiClusterService',
    metadata: { namespace: 'demo-shop', name: 'web' },
    spec: { importTo: { names: ['demo'] }, importName: 'web-everywhere' },
  });
  // A namespace and a Deployment kept on every demo cluster, the Deployment's labels overridden there.
  await harness.call('PUT', '/api/v1/propagations/demo-apps', {
    apiVersion: 'portolan.dev/v1',
    kind: 'Propagation',
    metadata: { name: 'demo-apps' },
    spec: {
      templates: [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo-apps' } },
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'hello', namespace: 'demo-apps' },
          spec: {
            replicas: 2,
            selector: { matchLabels: { app: 'hello' } },
            template: {
              metadata: { labels: { app: 'hello' } },
              spec: { containers: [{ name: 'hello', image: 'nginx:1.27' }] },
            },
          },
        },
      ],
      placement: { clusters: { labelSelector: 'env=demo' } },
      overrides: [{ clusters: { names: ['demo'] }, labels: { tier: 'front' } }],
    },
  });
  const backupDemo = await seedBackups(harness, 'demo', say);
  await capture(
    [...withCluster, ...helmShots, ...terminalShots, ...mcsShots, ...propagationShots, ...monitoringShots],
    true,
  );
  await capture(backupDemo.shots, true);
  await backupDemo.cleanup();
  const lifecycleDemo = await seedLifecycle(harness, say);
  await capture(lifecycleDemo.shots, true);
  await lifecycleDemo.cleanup();
  await removeCharts();
  say('stopping the sandbox to show an offline cluster');
  await sandboxes.stop('demo');
  for (let i = 0; i < 120; i++) {
    const clusters = await harness.call<{ items: { status: string }[] }>('GET', '/api/v1/clusters');
    if (clusters.body.items[0]?.status === 'Offline') break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await capture(
    [
      ...withCluster.slice(0, 2),
      ...withCluster.filter((shot) => shot.name === 'pods'),
      clusterShots[0] as Shot,
      ...helmShots.filter((shot) => shot.name.startsWith('release')),
      ...propagationShots.filter((shot) => shot.name === 'propagation-detail'),
    ].map((shot) => ({
      ...shot,
      name: `${shot.name}-offline`,
    })),
    true,
  );
  say(`wrote ${out}`);
} finally {
  await browser.close();
  await harness.stop({ removeData: true });
  for (const sandbox of await sandboxes.list()) await sandboxes.delete(sandbox.name).catch(() => undefined);
  await rm(sandboxDir, { recursive: true, force: true });
}
