import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eventually, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { Browser, Locator, Page } from 'playwright-core';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';

// A node of this test's own on the last shared sandbox, tainted so only this test's pods land on
// it, drained from the console: progress as it goes, Stop, and a budget's refusal.
// PORTOLAN_SCREENSHOTS=<dir> also writes the drain dialog there.
const shared = sharedSandboxes();
const sandbox = shared.clusters.at(-1);
const CLUSTER = 'drain-ui';
const namespace = uniqueNamespace('drain-ui');
const node = `${namespace}-node`;
const taint = 'portolan.test/drain-ui';
const shots = process.env.PORTOLAN_SCREENSHOTS;
const k = (...args: string[]) => kubectlOk(shared.binDir, sandbox?.kubeconfig ?? '', args);
let harness: Harness;
let browser: Browser;
let page: Page;

const podSpec = {
  nodeSelector: { 'kubernetes.io/hostname': node },
  tolerations: [{ key: taint, operator: 'Exists', effect: 'NoSchedule' }],
  containers: [{ name: 'app', image: 'nginx:1.27' }],
};
// The `zheld` pods keep a finalizer: evicted, one stays terminating until the test lets it go, so a
// drain one pod at a time waits on it, and Stop comes while the rest are still to be evicted.
const HOLD = 'portolan.test/hold';
const deployment = (name: string, replicas: number, finalizers: string[] = []) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name }, finalizers }, spec: podSpec },
  },
});

/** Lets the held pods go. */
async function release() {
  const pods = JSON.parse(await k('get', 'pods', '-n', namespace, '-l', 'app=zheld', '-o', 'json')).items as {
    metadata: { name: string; finalizers?: string[] };
  }[];
  for (const pod of pods)
    if (pod.metadata.finalizers?.includes(HOLD))
      await k(
        'patch',
        'pod',
        pod.metadata.name,
        '-n',
        namespace,
        '--type=json',
        '-p',
        '[{"op":"remove","path":"/metadata/finalizers"}]',
      );
}

/** The pods of this test still on the node, not terminating. */
const podsOnNode = async () =>
  (
    JSON.parse(await k('get', 'pods', '-n', namespace, '-o', 'json')).items as {
      metadata: { name: string; deletionTimestamp?: string };
      spec: { nodeName?: string };
      status: { phase: string };
    }[]
  )
    .filter(
      (pod) =>
        pod.spec.nodeName === node && !pod.metadata.deletionTimestamp && pod.status.phase === 'Running',
    )
    .map((pod) => pod.metadata.name);

before(async () => {
  requireBuiltConsole();
  assert.ok(sandbox, 'the test runner starts shared sandboxes');
  await k('create', 'namespace', namespace);
  const resources = { cpu: '8', memory: '32Gi', pods: '110' };
  const manifests = [
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: node,
        annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'kwok.x-k8s.io/node': 'fake' },
        labels: { 'kubernetes.io/hostname': node, 'kubernetes.io/os': 'linux', type: 'kwok' },
      },
      spec: { taints: [{ key: taint, value: 'yes', effect: 'NoSchedule' }] },
      status: { allocatable: resources, capacity: resources, phase: 'Running' },
    },
    deployment('web', 4),
    deployment('zheld', 4, [HOLD]),
    deployment('guarded', 1),
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'guarded', namespace },
      spec: { minAvailable: 1, selector: { matchLabels: { app: 'guarded' } } },
    },
  ];
  const file = path.join(os.tmpdir(), `${namespace}.json`);
  await writeFile(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: manifests }));
  await k('apply', '-f', file).finally(() => rm(file, { force: true }));
  await eventually('nine Running pods on the node and the budget counted', async () => {
    const budget = JSON.parse(await k('get', 'pdb', 'guarded', '-n', namespace, '-o', 'json')).status;
    return (await podsOnNode()).length === 9 && budget?.currentHealthy === 1 ? true : undefined;
  });
  harness = await startHarness();
  await harness.register(CLUSTER, sandbox.kubeconfig);
  browser = await launchBrowser();
  page = await openPage(browser, { locale: 'en' });
  await signIn(page, harness.url);
});

after(async () => {
  await browser?.close();
  await harness?.stop({ removeData: true });
  if (sandbox) {
    await release().catch(() => undefined);
    await k('delete', 'namespace', namespace, '--wait=false').catch(() => undefined);
    await k('delete', 'node', node, '--wait=false').catch(() => undefined);
  }
});

async function openDrain(on: Page, label: RegExp) {
  await on.goto(`${harness.url}/clusters/${CLUSTER}/nodes`);
  const row = on.locator('.ant-table-row', { hasText: node });
  await row.waitFor({ timeout: 60_000 }); // a new page's first load is slow on a busy machine
  await row.locator('td').first().click();
  await on.locator('.ant-drawer-open').getByRole('button', { name: label }).click();
  return on.getByRole('dialog').filter({ has: on.locator('.ant-modal-title') });
}

const shoot = async (dialog: Locator, name: string) => {
  if (shots) await dialog.screenshot({ path: path.join(path.resolve(shots), name) });
};

test('a drain shows each pod as it goes, n of N, a budget’s refusal being retried, and Stop evicts no more', async () => {
  const dialog = await openDrain(page, /^Drain$/);
  await dialog
    .getByRole('spinbutton', { name: 'Evict at most this many pods at a time (empty: all at once)' })
    .fill('1');
  await dialog.getByRole('spinbutton', { name: 'Give up on blocked pods after (seconds)' }).fill('60');
  await dialog.getByRole('button', { name: `Drain ${node}` }).click();

  // Progress arrives while the drain runs: the guarded pod asked again with why, the others gone one
  // by one, until the first held one stays terminating.
  await dialog.locator('.ant-progress-indicator', { hasText: /of 9 pods handled/ }).waitFor();
  await dialog.getByText(/refused for now by a PodDisruptionBudget/).waitFor({ timeout: 30_000 });
  const guarded = dialog.locator('.ant-table-row', { hasText: 'guarded-' });
  await guarded.locator('[data-state="evicting"]', { hasText: 'Evicting' }).waitFor();
  await guarded.getByText(/DisruptionBudget: .*disruption budget/i).waitFor();
  const held = dialog.locator('.ant-table-row', { hasText: 'zheld-' });
  await held.locator('[data-state="evicted"]', { hasText: 'Terminating' }).waitFor({ timeout: 30_000 });
  assert.equal(
    await dialog
      .locator('.ant-table-row', { hasText: 'web-' })
      .locator('[data-state="deleted"]', { hasText: 'Gone' })
      .count(),
    4,
  );
  assert.equal(await held.locator('[data-state="pending"]', { hasText: 'Waiting' }).count(), 3);
  await dialog.locator('.ant-progress-indicator', { hasText: '5 of 9 pods handled' }).waitFor();
  await shoot(dialog, 'drain-running.en.light.png');

  await dialog.getByRole('button', { name: 'Stop' }).click();
  await dialog.getByText(`The drain of ${node} was stopped.`).waitFor();
  await dialog.getByText('4 gone, 1 terminating, 4 not evicted').waitFor();
  assert.equal(await held.locator('[data-state="stopped"]', { hasText: 'Not evicted' }).count(), 3);
  // Pods not evicted are not counted as handled.
  await dialog.locator('.ant-progress-indicator', { hasText: '5 of 9 pods handled' }).waitFor();
  await shoot(dialog, 'drain-stopped.en.light.png');
  // Stopped means stopped: a while later the three held pods not evicted still run on the node.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const left = await podsOnNode();
  assert.equal(left.filter((name) => name.startsWith('zheld-')).length, 3, left.join(', '));
  await dialog.getByRole('button', { name: 'Close' }).last().click(); // the footer's, not the corner's
});

test('in 简体中文 a drain to its end: the summary, with the pod its budget guards blocked', async () => {
  const chinese = await openPage(browser, { locale: 'zh-CN', theme: 'dark' });
  try {
    await signIn(chinese, harness.url);
    await release();
    const dialog = await openDrain(chinese, /^排空$/);
    await dialog.getByRole('spinbutton', { name: '被阻止的容器组最多等待（秒）' }).fill('3');
    await dialog.getByRole('button', { name: `排空 ${node}` }).click();
    await dialog.getByText(`节点 ${node} 未完全排空：超时时仍有容器组被阻止。`).waitFor({ timeout: 30_000 });
    await dialog
      .locator('.ant-table-row', { hasText: 'guarded-' })
      .locator('[data-state="blocked"]', { hasText: '被阻止' })
      .waitFor();
    // Every pod is handled: evicted and gone, or blocked.
    await dialog.locator('.ant-progress-indicator', { hasText: /^已处理 (\d+) \/ \1 个容器组$/ }).waitFor();
    await shoot(dialog, 'drain-done.zh-CN.dark.png');
    assert.deepEqual(
      (await podsOnNode()).map((name) => name.split('-')[0]),
      ['guarded'],
      'only the guarded pod is left',
    );
  } finally {
    await chinese.context().close();
  }
});
