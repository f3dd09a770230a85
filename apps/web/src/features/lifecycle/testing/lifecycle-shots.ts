import type { ManagedCluster, Operation } from '@portolan/api';
import type { Page } from 'playwright-core';

type Shot = { name: string; show(page: Page): Promise<void> };

/** The little of the test harness (apps/server/src/testing/portolan-harness.ts) the shots use. */
interface Harness {
  url: string;
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

const CLUSTER = 'made-here';

/** Asks until the operation has ended (ten minutes at most: a first build of a version is long). */
async function ended(harness: Harness, id: string): Promise<Operation> {
  for (let i = 0; i < 1200; i++) {
    const answer = await harness.call<Operation>('GET', `/api/v1/lifecycle/operations/${id}`);
    if (answer.status === 200 && answer.body.state !== 'running') return answer.body;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`lifecycle operation ${id} still running after ten minutes`);
}

/**
 * Something to show on the lifecycle pages of the screenshots: a small cluster made by Portolan (two
 * pools, one labelled and tainted), a snapshot schedule, and a snapshot; then the list, the cluster,
 * its create operation, the create form (with a refused name and overlapping ranges) and a preflight.
 */
export async function seedLifecycle(
  harness: Harness,
  say: (line: string) => void,
): Promise<{ shots: Shot[]; cleanup(): Promise<void> }> {
  say(`creating the managed cluster ${CLUSTER}`);
  const created = await harness.call<Operation>('POST', '/api/v1/lifecycle/clusters', {
    name: CLUSTER,
    auditLog: true,
    nodePools: [
      { name: 'default', count: 2, cpu: '4', memory: '16Gi', maxPods: 110, labels: {}, taints: [] },
      {
        name: 'gpu',
        count: 1,
        cpu: '16',
        memory: '64Gi',
        maxPods: 50,
        labels: { accelerator: 'nvidia' },
        taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }],
        zone: 'zone-b',
      },
    ],
  });
  if (created.status !== 202) throw new Error(`creating ${CLUSTER}: ${JSON.stringify(created.body)}`);
  const create = await ended(harness, created.body.id);
  say(`${CLUSTER}: create ${create.state}`);
  await harness.call('PUT', `/api/v1/lifecycle/clusters/${CLUSTER}/snapshot-schedule`, {
    cron: '0 */6 * * *',
    keep: 7,
  });
  const snapshot = await harness.call<Operation>('POST', `/api/v1/lifecycle/clusters/${CLUSTER}/snapshots`);
  if (snapshot.status === 202) await ended(harness, snapshot.body.id);
  const cluster = (await harness.call<ManagedCluster>('GET', `/api/v1/lifecycle/clusters/${CLUSTER}`)).body;

  const visit = (name: string, route: string, ready: string): Shot => ({
    name,
    show: async (page) => {
      await page.goto(`${harness.url}${route}`);
      await page.locator(ready).first().waitFor();
    },
  });
  const shots: Shot[] = [
    visit('lifecycle-list', '/lifecycle', '[data-managed-cluster]'),
    visit('lifecycle-cluster', `/lifecycle/clusters/${CLUSTER}`, 'tr[data-pool]'),
    visit('lifecycle-operation', `/lifecycle/operations/${create.id}`, '[data-step]'),
    {
      name: 'lifecycle-create-refused',
      show: async (page) => {
        await page.goto(`${harness.url}/lifecycle/new`);
        await page.locator('#name').fill('Prod_EU');
        await page.locator('.ant-form-item-explain-error').first().waitFor();
      },
    },
    {
      name: 'lifecycle-create-pools',
      show: async (page) => {
        await page.goto(`${harness.url}/lifecycle/new`);
        await page.locator('#name').fill('edge-2');
        await page.locator('[data-version]').first().waitFor();
        await page.locator('.ant-steps-item').nth(1).click();
        await page.locator('[data-pool-row="0"]').waitFor();
      },
    },
    {
      name: 'lifecycle-create-network',
      show: async (page) => {
        await page.locator('.ant-steps-item').nth(2).click();
        await page.locator('#serviceCidr').fill('10.244.128.0/17');
        await page.locator('.ant-form-item-explain-error').first().waitFor();
      },
    },
    ...(cluster.upgradeTargets?.length
      ? [
          {
            name: 'lifecycle-preflight',
            show: async (page: Page) => {
              await page.goto(`${harness.url}/lifecycle/clusters/${CLUSTER}`);
              await page.locator('[data-testid=upgrade-panel] button').first().waitFor();
              await page.locator('[data-testid=upgrade-panel] button').nth(0).click();
              await page.locator('[data-preflight]').waitFor();
            },
          },
        ]
      : []),
  ];
  return {
    shots,
    async cleanup() {
      const removed = await harness.call<Operation>('DELETE', `/api/v1/lifecycle/clusters/${CLUSTER}`);
      if (removed.status === 202) await ended(harness, removed.body.id).catch(() => undefined);
    },
  };
}
