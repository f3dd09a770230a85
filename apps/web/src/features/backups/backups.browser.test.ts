/**
 * Backup and restore in a browser against a real server and a shared sandbox: the plan form names
 * each bad field before anything is sent, and shows the server's refusal on the field it names; a
 * plan run from the console backs up a namespace and the backup page shows it completed with its
 * objects; the restore wizard refuses a namespace name that is not one, shows a dry-run plan with
 * counts per action, and the restore it starts puts the objects into the new namespace; the Velero
 * tab says plainly that Velero is not installed.
 *
 * PORTOLAN_BACKUP_SHOTS=DIR also saves the pages in English and 简体中文, light and dark.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, test } from 'node:test';
import type { BackupPlanList } from '@portolan/api';
import { eventually, kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { Browser, Locator, Page } from 'playwright-core';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { englishWords, launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';

const { binDir, clusters } = sharedSandboxes();
const kubeconfig = clusters[0]?.kubeconfig ?? '';
const CLUSTER = 'bk-ui';
const namespace = uniqueNamespace('bk-ui');
const copy = `${namespace}-copy`;
const PLAN = 'bk-ui-plan';
const shots = process.env.PORTOLAN_BACKUP_SHOTS;
let folder = '';
let harness: Harness;
let browser: Browser;
let page: Page;
const visited: Record<string, string> = {};

before(async () => {
  requireBuiltConsole();
  folder = await mkdtemp(path.join(os.tmpdir(), 'portolan-backup-ui-'));
  await kubectlOk(binDir, kubeconfig, ['create', 'namespace', namespace]);
  await kubectlOk(binDir, kubeconfig, [
    'create',
    'configmap',
    'settings',
    '-n',
    namespace,
    '--from-literal=colour=teal',
  ]);
  await kubectlOk(binDir, kubeconfig, ['create', 'serviceaccount', 'shop', '-n', namespace]);
  harness = await startHarness();
  await harness.register(CLUSTER, kubeconfig);
  const destination = await harness.call('PUT', '/api/v1/backups/destinations/local', {
    type: 'folder',
    folder: { path: folder },
  });
  assert.ok(destination.status < 300, JSON.stringify(destination.body));
  // The form offers the cluster's namespaces from the store: wait until this one is synced.
  await eventually('the namespace in the store', async () => {
    const found = await harness.call<{ items: unknown[] }>(
      'GET',
      `/api/v1/search?kinds=namespaces&clusters=${CLUSTER}&name=${namespace}`,
    );
    return found.body.items?.length ? true : undefined;
  });
  browser = await launchBrowser();
  page = await openPage(browser, { locale: 'en' });
  await signIn(page, harness.url);
});

after(async () => {
  await browser?.close();
  await harness?.stop({ removeData: true });
  for (const name of [namespace, copy])
    await kubectl(binDir, kubeconfig, ['delete', 'namespace', name, '--wait=false']);
  if (folder) await rm(folder, { recursive: true, force: true });
});

// A failed step leaves a picture of the page beside the screenshots, to see why.
afterEach(async (context) => {
  const failed = (context as unknown as { passed?: boolean }).passed === false;
  if (failed && page)
    await page.screenshot({ path: path.join(shots ?? os.tmpdir(), `backups-failed-${Date.now()}.png`) });
});

/** The error a form field shows, found by the field's input id. */
const errorOf = (scope: Locator, id: string) =>
  scope.locator(`.ant-form-item:has(#${id}) .ant-form-item-explain-error`);

async function choose(scope: Locator, id: string, option: string) {
  await scope.locator(`#${id}`).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

test('the plan form names each bad field, then shows the server’s refusal on its field', async () => {
  await page.goto(`${harness.url}/backups/plans`);
  await page.getByRole('button', { name: 'New plan' }).first().click();
  const drawer = page.locator('.ant-drawer:visible');
  await drawer.locator('#name').fill('Nightly_Plan');
  await drawer.locator('#labelSelector').fill('app web');
  await drawer.locator('#schedule').fill('0 25 * * *');
  await drawer.locator('#retentionCount').fill('0');
  await drawer.getByRole('button', { name: 'Save' }).click();
  for (const [id, words] of [
    ['name', /lower-case letters/],
    ['cluster', /Choose the cluster/],
    ['namespaces', /at least one namespace/],
    ['labelSelector', /key=value/],
    ['schedule', /hour/i],
    ['retentionCount', /at least 1/],
    ['destination', /Choose where/],
  ] as const) {
    const error = errorOf(drawer, id);
    await error.first().waitFor();
    assert.match((await error.first().textContent()) ?? '', words, id);
  }
  const none = await harness.call<BackupPlanList>('GET', '/api/v1/backups/plans');
  assert.equal(none.body.items.length, 0, 'nothing is sent while the form has faults');

  // Every field right by the form's rules, but a kind both taken and left out: the server says so on the field.
  await drawer.locator('#name').fill(PLAN);
  await choose(drawer, 'cluster', CLUSTER);
  await drawer.locator('#namespaces').fill(namespace);
  await drawer.locator('#namespaces').press('Enter');
  await drawer.locator('.ant-drawer-title').click(); // closes the open list
  await drawer.locator('#labelSelector').fill('');
  await drawer.getByRole('button', { name: 'Daily 02:00' }).click();
  assert.match((await drawer.locator('[data-schedule-reading]').textContent()) ?? '', /02:00/);
  await drawer.getByRole('button', { name: 'None (by hand)' }).click();
  await drawer.locator('#retentionCount').fill('3');
  await choose(drawer, 'destination', 'local');
  for (const id of ['includeKinds', 'excludeKinds']) {
    await drawer.locator(`#${id}`).fill('secrets');
    await drawer.locator(`#${id}`).press('Enter');
    await drawer.locator('.ant-drawer-title').click();
  }
  await drawer.getByRole('button', { name: 'Save' }).click();
  const refusal = errorOf(drawer, 'excludeKinds');
  await refusal.first().waitFor();
  assert.match((await refusal.first().textContent()) ?? '', /secrets.*both included and excluded/);

  // Leave out Secrets only: saved.
  await drawer.locator('.ant-form-item:has(#includeKinds) .ant-select-selection-item-remove').click();
  await drawer.getByRole('button', { name: 'Save' }).click();
  await page.locator(`[data-plan="${PLAN}"]`).waitFor();
  const saved = await harness.call<BackupPlanList>('GET', '/api/v1/backups/plans');
  const plan = saved.body.items.find((entry) => entry.name === PLAN);
  assert.deepEqual(plan?.namespaces, [namespace]);
  assert.deepEqual(plan?.excludeKinds, ['secrets']);
  assert.equal(plan?.schedule, null);
  assert.deepEqual(plan?.retention, { count: 3, maxAgeDays: 30 });
  visited.plans = '/backups/plans';
});

test('Run now backs up the namespace; the backup page shows it completed with its objects', async () => {
  await page.goto(`${harness.url}/backups/plans`);
  const row = page.locator('tr', { has: page.locator(`[data-plan="${PLAN}"]`) });
  await row.getByRole('button', { name: 'Run now' }).click();
  await page.waitForURL(/\/backups\/runs\/[^/]+$/);
  visited.backup = new URL(page.url()).pathname;
  await page.locator('[data-state=completed]').first().waitFor({ timeout: 120_000 });
  const objects = Number(await page.locator('[data-objects]').getAttribute('data-objects'));
  assert.ok(objects >= 2, `the ConfigMap and the ServiceAccount at least (${objects})`);
  // The archive's objects, filtered by kind.
  await page.getByLabel('Kind').fill('ConfigMap');
  await page.getByLabel('Kind').press('Enter');
  await page.locator('.ant-table-row', { hasText: 'settings' }).waitFor();
  // The list shows it too.
  await page.goto(`${harness.url}/backups`);
  await page.locator('[data-state=completed]').first().waitFor();
  visited.backups = '/backups';
});

test('the restore wizard shows a dry-run plan with counts, then restores under a new name', async () => {
  await page.goto(`${harness.url}${visited.backup}`);
  await page.getByRole('button', { name: 'Restore…' }).click();
  await page.waitForURL(/\/backups\/restore\?backup=/);
  visited.wizard = new URL(page.url()).pathname + new URL(page.url()).search;
  const next = page.getByRole('button', { name: 'Next', exact: true });
  await page.locator('.ant-descriptions').waitFor();
  await next.click(); // the backup
  await next.click(); // into its own cluster
  // A name that is not a namespace name is refused on its row, and Next waits.
  const target = page.locator(`[data-target-for="${namespace}"]`);
  await target.fill('Shop_Copy');
  await page.locator(`[data-target-problem="${namespace}"]`).waitFor();
  assert.ok(await next.isDisabled());
  await target.fill(copy);
  assert.equal(await page.locator(`[data-target-problem="${namespace}"]`).count(), 0);
  await next.click();
  await page.getByText('Skip it (leave the cluster’s copy)').waitFor();
  await next.click();
  await page.getByRole('button', { name: 'Make the dry-run plan' }).click();
  const creates = page.locator('[data-count=create]');
  await creates.waitFor();
  assert.ok(
    Number(await creates.getAttribute('data-value')) >= 2,
    'the ConfigMap and the ServiceAccount are to be created',
  );
  await page.locator('[data-group=create] .ant-table-row', { hasText: 'settings' }).waitFor();
  assert.match(
    (await page.locator('[data-group=create] .ant-table-row', { hasText: 'settings' }).textContent()) ?? '',
    new RegExp(copy),
  );
  await page.getByRole('button', { name: 'Restore now' }).click();
  await page.waitForURL(/\/backups\/restores\/[^/]+$/);
  visited.restore = new URL(page.url()).pathname;
  await page
    .locator('[data-state=completed], [data-state=partially-failed]')
    .first()
    .waitFor({ timeout: 120_000 });
  await page.locator('[data-outcome=created]').first().waitFor();
  const restored = await kubectlOk(binDir, kubeconfig, [
    'get',
    'configmap',
    'settings',
    '-n',
    copy,
    '-o',
    'jsonpath={.data.colour}',
  ]);
  assert.equal(restored.trim(), 'teal');
  visited.restores = '/backups/restores';
});

test('the Velero tab says plainly that Velero is not installed', async () => {
  await page.goto(`${harness.url}/clusters/${CLUSTER}/velero`);
  const absent = page.locator('[data-velero=absent]');
  await absent.waitFor();
  assert.match((await absent.textContent()) ?? '', /not installed/);
  await page.getByText(/not the data in persistent volumes/).waitFor();
  visited.velero = `/clusters/${CLUSTER}/velero`;
});

/** The wizard clicked through to its dry-run plan, in whichever language the page is in. */
async function throughWizard(shot: Page) {
  await shot.goto(`${harness.url}${visited.wizard}`);
  await shot.locator('.ant-descriptions').waitFor();
  const next = shot.getByRole('button', { name: /^(Next|下一步)$/ });
  await next.click();
  await next.click();
  await shot.locator(`[data-target-for="${namespace}"]`).fill(copy);
  await next.click();
  await next.click();
  await shot.getByRole('button', { name: /Make the dry-run plan|生成预演计划/ }).click();
  await shot.locator('[data-count=create]').waitFor();
}

test('the backup pages are fully translated', async () => {
  const chinese = await openPage(browser, { locale: 'zh-CN' });
  await signIn(chinese, harness.url);
  for (const address of [
    '/backups',
    '/backups/plans',
    '/backups/restores',
    '/backups/destinations',
    visited.backup,
    visited.restore,
  ]) {
    if (!address) continue;
    await chinese.goto(`${harness.url}${address}`);
    await chinese
      .locator('.ant-table-row:visible, .ant-table-placeholder:visible')
      .first()
      .waitFor()
      .catch(async (error: unknown) => {
        await chinese.screenshot({
          path: path.join(shots ?? os.tmpdir(), `backups-failed-zh-${Date.now()}.png`),
        });
        throw new Error(`${address}: ${String(error)}`);
      });
    await noEnglish(chinese, address);
  }
  // A restore plan into the copy restored above: every object exists there, so each says why it is
  // skipped, in Chinese, from its reason's code.
  await throughWizard(chinese);
  const skipped = chinese.locator('[data-group=skip] .ant-table-row', { hasText: 'settings' });
  await skipped.waitFor();
  assert.match((await skipped.textContent()) ?? '', /目标中已存在/);
  await noEnglish(chinese, 'the restore plan');
  await chinese.context().close();
});

/** The page shows no English words but data: names, kinds and paths from the cluster and the server. */
async function noEnglish(chinese: Page, where: string) {
  await chinese.waitForTimeout(500);
  const words = await englishWords(chinese, [
    CLUSTER,
    namespace,
    copy,
    PLAN,
    folder,
    'local admin Portolan S3 UTC apiVersion v1 ConfigMap ServiceAccount Namespace Deployment settings shop default kube root ca crt',
  ]);
  // Ids (UUIDs) are data too: their runs of a-f are not words.
  assert.deepEqual(
    words.filter((word) => !/^[a-f]+$/.test(word)),
    [],
    `untranslated on ${where}`,
  );
}

type Shot = [name: string, show: (shot: Page) => Promise<unknown>];

/** Pages in both languages and themes, one signed-in page per language and theme. */
async function capture(list: Shot[]) {
  for (const locale of ['en', 'zh-CN'] as const)
    for (const theme of ['light', 'dark'] as const) {
      const shot = await openPage(browser, { locale, theme });
      await signIn(shot, harness.url);
      for (const [name, show] of list) {
        await show(shot);
        await shot.locator('.ant-table, .ant-card, .ant-alert').first().waitFor();
        await shot.waitForTimeout(800);
        await shot.screenshot({
          path: path.join(shots ?? '', `${name}.${locale}.${theme}.png`),
          fullPage: true,
        });
      }
      await shot.context().close();
    }
}

test('screenshots in both languages and themes (run only when PORTOLAN_BACKUP_SHOTS names a folder)', {
  skip: !shots,
}, async () => {
  await capture([
    ...Object.entries(visited)
      .filter(([name]) => name !== 'wizard')
      .map(([name, address]): Shot => [name, (shot) => shot.goto(`${harness.url}${address}`)]),
    ['restore-plan', throughWizard],
    ['destinations', (shot) => shot.goto(`${harness.url}/backups/destinations`)],
    [
      'plan-form',
      async (shot) => {
        await shot.goto(`${harness.url}/backups/plans`);
        await shot
          .getByRole('button', { name: /New plan|新建计划/ })
          .first()
          .click();
      },
    ],
  ]);
});
