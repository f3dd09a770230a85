import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Backup, Restore } from '../types.ts';

type Shot = { name: string; show(page: Page): Promise<void> };

/** What of the test harness the seeding uses: its address and calls to the public API as admin. */
interface Harness {
  url: string;
  call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

/** Asks until the backup or restore has ended (a minute at most). */
async function ended<T extends { state: string }>(harness: Harness, address: string): Promise<T> {
  for (let i = 0; i < 120; i++) {
    const answer = await harness.call<T>('GET', address);
    if (answer.status === 200 && answer.body.state !== 'running') return answer.body;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${address} still running after a minute`);
}

/**
 * Something to show on the backup pages of the screenshots: a folder destination, a daily plan of
 * the demo cluster's demo-shop namespace, one backup of it, and a restore of it as demo-shop-copy.
 */
export async function seedBackups(
  harness: Harness,
  cluster: string,
  say: (line: string) => void,
): Promise<{ shots: Shot[]; cleanup(): Promise<void> }> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'portolan-screens-backups-'));
  await harness.call('PUT', '/api/v1/backups/destinations/host-folder', {
    type: 'folder',
    folder: { path: folder },
  });
  await harness.call('PUT', '/api/v1/backups/plans/demo-shop-daily', {
    cluster,
    namespaces: ['demo-shop'],
    includeKinds: [],
    excludeKinds: ['events'],
    clusterScoped: false,
    schedule: '0 2 * * *',
    retention: { count: 7, maxAgeDays: 30 },
    destination: 'host-folder',
    deadlineSeconds: 600,
  });
  const run = await harness.call<Backup>('POST', '/api/v1/backups/plans/demo-shop-daily/run', {});
  let backup = '';
  let restore = '';
  if (run.status === 202) {
    backup = run.body.id;
    await ended<Backup>(harness, `/api/v1/backups/${backup}`);
    const started = await harness.call<Restore>('POST', '/api/v1/restores', {
      backup,
      cluster,
      namespaces: ['demo-shop'],
      namespaceMapping: { 'demo-shop': 'demo-shop-copy' },
      existing: 'skip',
      clusterScoped: false,
    });
    if (started.status === 202) {
      restore = started.body.id;
      await ended<Restore>(harness, `/api/v1/restores/${restore}`);
    } else say(`demo restore: ${JSON.stringify(started.body)}`);
  } else say(`demo backup: ${JSON.stringify(run.body)}`);

  const at = (name: string, address: string, ready: string): Shot => ({
    name,
    show: async (page) => {
      await page.goto(`${harness.url}${address}`);
      await page.locator(ready).first().waitFor();
    },
  });
  const shots: Shot[] = [
    at('backups', '/backups', '[data-state]'),
    at('backup-plans', '/backups/plans', '[data-plan]'),
    {
      name: 'backup-plan-form',
      show: async (page) => {
        await page.goto(`${harness.url}/backups/plans`);
        await page.locator('tr [data-plan]').first().waitFor();
        await page
          .locator('tr', { has: page.locator('[data-plan]') })
          .getByRole('button')
          .nth(1)
          .click();
        await page.locator('.ant-drawer-open [data-schedule-reading]').waitFor();
      },
    },
    at('backup-destinations', '/backups/destinations', '.ant-table-row'),
    at('backup-restores', '/backups/restores', '[data-state]'),
    ...(backup ? [at('backup', `/backups/runs/${backup}`, '[data-objects]')] : []),
    ...(backup
      ? [
          {
            name: 'backup-restore-plan',
            show: async (page: Page) => {
              await page.goto(`${harness.url}/backups/restore?backup=${backup}`);
              await page.locator('.ant-descriptions').waitFor();
              const next = page.getByRole('button', { name: /^(Next|下一步)$/ });
              await next.click();
              await next.click();
              await page.locator('[data-target-for="demo-shop"]').fill('demo-shop-copy');
              await next.click();
              await next.click();
              await page.getByRole('button', { name: /Make the dry-run plan|生成预演计划/ }).click();
              await page.locator('[data-count=create]').waitFor();
            },
          },
        ]
      : []),
    ...(restore ? [at('backup-restore', `/backups/restores/${restore}`, '[data-outcome]')] : []),
    at('cluster-velero', `/clusters/${cluster}/velero`, '.ant-alert'),
  ];
  return { shots, cleanup: () => rm(folder, { recursive: true, force: true }) };
}
