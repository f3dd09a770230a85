/**
 * Cluster lifecycle in a browser against a real server: the create form refuses a bad name and
 * overlapping ranges on their fields before anything is sent; a cluster made in the form is followed
 * on its operation page (steps, then succeeded) and its page shows its pools (labels, taints) and an
 * upgrade's preflight checks; the server's refusal of a taken name lands on the name field.
 *
 * PORTOLAN_LIFECYCLE_SHOTS=DIR also saves the pages in English and 简体中文, light and dark.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { ManagedCluster, Operation, VersionEntry } from '@portolan/api';
import type { Browser, Locator, Page } from 'playwright-core';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { englishWords, launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';

const NAME = `ui-${process.pid.toString(36)}`;
const shots = process.env.PORTOLAN_LIFECYCLE_SHOTS;
let harness: Harness;
let browser: Browser;
let page: Page;
let operationPath = '';

before(async () => {
  requireBuiltConsole();
  harness = await startHarness();
  browser = await launchBrowser();
  page = await openPage(browser, { locale: 'en' });
  await signIn(page, harness.url);
});

after(async () => {
  await browser?.close();
  if (harness) {
    const removed = await harness.call<Operation>('DELETE', `/api/v1/lifecycle/clusters/${NAME}`);
    if (removed.status === 202)
      for (let i = 0; i < 240; i++) {
        const left = await harness.call('GET', `/api/v1/lifecycle/clusters/${NAME}`);
        if (left.status === 404) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    await harness.stop({ removeData: true });
  }
});

const fieldError = (name: string) =>
  page.locator('.ant-form-item', { has: page.locator(`#${name}`) }).locator('.ant-form-item-explain-error');

/** Until no element matches (an error's leave animation included). */
async function gone(locator: Locator): Promise<void> {
  for (let i = 0; i < 100 && (await locator.count()) > 0; i++) await page.waitForTimeout(100);
  assert.equal(await locator.count(), 0);
}

test('the create form refuses a bad name and overlapping ranges on their fields', async () => {
  await page.goto(`${harness.url}/lifecycle/new`);
  await page.locator('#name').fill('Bad_Name');
  await fieldError('name')
    .filter({ hasText: /lower-case letters, digits and dashes/ })
    .waitFor();
  await page.locator('#name').fill('a'.repeat(41));
  await fieldError('name')
    .filter({ hasText: /At most 40/ })
    .waitFor();
  // Next does not move on while the name is wrong.
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('#podCidr').waitFor({ state: 'hidden' });
  await page.locator('#name').fill('fine-name');
  await page.locator('[data-version]').first().waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('[data-pool-row="0"]').waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('#serviceCidr').fill('10.244.128.0/17');
  await fieldError('serviceCidr')
    .filter({ hasText: /Overlaps the pod network 10\.244\.0\.0\/16/ })
    .waitFor();
  await page.locator('#podCidr').fill('10.245.1.0/16');
  await fieldError('podCidr')
    .filter({ hasText: /did you mean 10\.245\.0\.0\/16/ })
    .waitFor();
  // Fixing the pod range clears the overlap on the Service field (it depends on it).
  await page.locator('#podCidr').fill('10.245.0.0/16');
  await gone(fieldError('serviceCidr'));
  await page.locator('#serviceCidr').fill('10.245.0.0/24');
  await fieldError('serviceCidr')
    .filter({ hasText: /Overlaps the pod network 10\.245\.0\.0\/16/ })
    .waitFor();
  await page.getByRole('button', { name: 'Create cluster' }).click();
  // Nothing was sent: still on the form, and no cluster of that name.
  assert.match(page.url(), /\/lifecycle\/new$/);
  const none = await harness.call('GET', '/api/v1/lifecycle/clusters/fine-name');
  assert.equal(none.status, 404);
});

test('a cluster made in the form is followed on its operation page, then shows its pools and a preflight', async (t) => {
  // An older built version has an upgrade target, so the page can show a preflight.
  const versions = (await harness.call<{ items: VersionEntry[] }>('GET', '/api/v1/lifecycle/versions')).body
    .items;
  const newest = versions[0]?.version;
  const chosen =
    versions.find((entry) => entry.built && entry.version !== newest) ?? versions.find((v) => v.default);
  assert.ok(chosen?.built, `a built version to create on: ${JSON.stringify(versions)}`);
  await page.goto(`${harness.url}/lifecycle/new`);
  await page.locator('#name').fill(NAME);
  await page.locator('#version').click();
  await page
    .locator('.ant-select-dropdown:visible [data-version]')
    .filter({ hasText: chosen.version })
    .click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('#nodePools_0_count').fill('1');
  await page.getByRole('button', { name: '+ Add a pool' }).click();
  await page.locator('#nodePools_1_name').fill('gpu');
  await page.locator('#nodePools_1_labels').fill('accelerator=nvidia');
  await page.locator('#nodePools_1_labels').press('Enter');
  await page.locator('[data-pool-row="1"]').getByRole('button', { name: '+ Add a taint' }).click();
  await page.locator('#nodePools_1_taints_0_key').fill('gpu');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('#auditLog').click();
  await page.getByRole('button', { name: 'Create cluster' }).click();

  await page.waitForURL(/\/lifecycle\/operations\//);
  operationPath = new URL(page.url()).pathname;
  // The plan is there from the start, each step with its time limit.
  await page.locator('[data-step]').first().waitFor();
  assert.match((await page.locator('[data-step]').first().textContent()) ?? '', /times out after/);
  await page.locator('[data-operation-state="succeeded"], [data-operation-state="failed"]').first().waitFor({
    timeout: 600_000,
  });
  const failure = await page
    .locator('[data-testid=operation-failure]')
    .textContent()
    .catch(() => null);
  assert.equal(
    await page.locator('[data-operation-state="succeeded"]').count(),
    1,
    failure ?? 'not succeeded',
  );
  assert.ok((await page.locator('[data-step-state="done"]').count()) >= 2);

  await page.goto(`${harness.url}/lifecycle/clusters/${NAME}`);
  const gpu = page.locator('tr[data-pool="gpu"]');
  await gpu.waitFor();
  assert.match((await gpu.textContent()) ?? '', /accelerator=nvidia/);
  assert.match((await gpu.textContent()) ?? '', /gpu:NoSchedule/);
  await page.locator('tr[data-pool="default"]').waitFor();
  assert.match((await page.locator('body').textContent()) ?? '', /Audit log on/);

  const cluster = (await harness.call<ManagedCluster>('GET', `/api/v1/lifecycle/clusters/${NAME}`)).body;
  assert.equal(cluster.nodes.length, 2);
  if (cluster.upgradeTargets.length) {
    await page.getByRole('button', { name: 'Run preflight' }).click();
    await page.locator('[data-preflight]').waitFor();
    assert.ok((await page.locator('[data-check]').count()) >= 1);
    assert.ok((await page.locator('[data-check] [data-check-status]').count()) >= 1);
  } else {
    // On the newest version the page says so rather than offering an upgrade.
    await page.getByText('On the newest version this installation can make.').waitFor();
    t.diagnostic(
      `${chosen.version} has no upgrade target here (no older version built): preflight not shown`,
    );
  }
  if (shots) await capture();
});

test('in 简体中文 the operation’s steps and log show no English words but names', async () => {
  assert.ok(operationPath, 'the create test made an operation');
  const chinese = await openPage(browser, { locale: 'zh-CN' });
  await signIn(chinese, harness.url);
  await chinese.goto(`${harness.url}${operationPath}`);
  await chinese.locator('[data-step-state="done"]').first().waitFor();
  await chinese.locator('[data-testid=operation-log] [data-code="lifecycle.step.done"]').first().waitFor();
  await chinese.waitForTimeout(500);
  const cluster = (await harness.call<ManagedCluster>('GET', `/api/v1/lifecycle/clusters/${NAME}`)).body;
  const words = await englishWords(chinese, [
    NAME,
    cluster.version,
    ...cluster.nodes.map((node) => node.name),
    // Names of programs and objects, written as they are in Chinese.
    'etcd kube apiserver API Server Deployment admin local',
  ]);
  // Versions (v1, …) and sizes are data too.
  assert.deepEqual(
    words.filter((word) => !/^v\d/.test(word)),
    [],
    'untranslated on the operation page',
  );

  // The same run on the Jobs page reads in the operation's words, and links back to the operation.
  const id = operationPath.split('/').pop() ?? '';
  const { jobId } = (await harness.call<{ jobId: string }>('GET', `/api/v1/lifecycle/operations/${id}`)).body;
  await chinese.goto(`${harness.url}/operations/${jobId}`);
  await chinese.locator('[data-testid=job-steps] [data-code="lifecycle.step.done"]').first().waitFor();
  await chinese.getByRole('link', { name: '打开该操作，查看其计划和控制' }).waitFor();
  const jobWords = await englishWords(chinese, [
    NAME,
    cluster.version,
    ...cluster.nodes.map((node) => node.name),
    'etcd kube apiserver API Server Deployment admin local',
    (await harness.call<{ replica: string }>('GET', `/api/v1/jobs/${jobId}`)).body.replica,
    id, // the job's title names its operation by id
  ]);
  assert.deepEqual(
    jobWords.filter((word) => !/^v\d/.test(word)),
    [],
    'untranslated on the Jobs page',
  );
  await chinese.context().close();
});

/** Follows an operation page the app went to until the operation succeeds. */
async function succeeded(): Promise<void> {
  await page.waitForURL(/\/lifecycle\/operations\//);
  await page.locator('[data-operation-state="succeeded"], [data-operation-state="failed"]').first().waitFor({
    timeout: 300_000,
  });
  const failure = await page
    .locator('[data-testid=operation-failure]')
    .textContent()
    .catch(() => null);
  assert.equal(
    await page.locator('[data-operation-state="succeeded"]').count(),
    1,
    failure ?? 'not succeeded',
  );
}

test('a pool relabelled in its drawer is an operation, and the page then shows the new label', async () => {
  await page.goto(`${harness.url}/lifecycle/clusters/${NAME}`);
  await page.locator('tr[data-pool="gpu"]').getByRole('button', { name: 'Edit' }).click();
  const drawer = page.locator('.ant-drawer:visible');
  await drawer.locator('#labels').fill('team=ml');
  await drawer.locator('#labels').press('Enter');
  await drawer.getByRole('button', { name: 'Save' }).click();
  await succeeded();
  await page.goto(`${harness.url}/lifecycle/clusters/${NAME}`);
  await page.locator('tr[data-pool="gpu"]').filter({ hasText: 'team=ml' }).waitFor();
  assert.match((await page.locator('tr[data-pool="gpu"]').textContent()) ?? '', /accelerator=nvidia/);
});

test('a snapshot taken now is listed, a schedule reads out its cron, and a restore first says what is lost', async () => {
  await page.goto(`${harness.url}/lifecycle/clusters/${NAME}`);
  await page.getByRole('button', { name: 'Take a snapshot now' }).click();
  await succeeded();
  await page.goto(`${harness.url}/lifecycle/clusters/${NAME}`);
  const row = page.locator('#snapshots tbody tr', { hasText: 'by hand' });
  await row.waitFor();
  await page.getByRole('button', { name: 'Change schedule' }).click();
  await page.locator('#cron').fill('0 */6 * * *');
  await page.locator('[data-schedule-reading]').waitFor();
  await page.locator('#keep').fill('5');
  await page.getByRole('button', { name: 'Save schedule' }).click();
  await page.locator('[data-testid=snapshot-schedule]').filter({ hasText: 'the newest 5 kept' }).waitFor();
  const stored = await harness.call<ManagedCluster>('GET', `/api/v1/lifecycle/clusters/${NAME}`);
  assert.deepEqual(stored.body.snapshotSchedule, { cron: '0 */6 * * *', keep: 5 });
  await row.getByRole('button', { name: 'Restore' }).click();
  const confirm = page.locator('.ant-modal-confirm:visible');
  assert.match((await confirm.textContent()) ?? '', /Every write made since .* is lost/);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await confirm.waitFor({ state: 'detached' });
});

test('the server refuses a taken name, and the form shows why on the name field', async () => {
  await page.goto(`${harness.url}/lifecycle/new`);
  await page.locator('#name').fill(NAME);
  await page.locator('[data-version]').first().waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Create cluster' }).click();
  // Back on the first step, the server's reason under the name.
  await fieldError('name')
    .filter({ hasText: `"${NAME}" exists already` })
    .waitFor();
  assert.match(page.url(), /\/lifecycle\/new$/);
});

/** The lifecycle pages in both languages and themes, for review. */
async function capture() {
  for (const locale of ['en', 'zh-CN'] as const)
    for (const theme of ['light', 'dark'] as const) {
      const shot = await openPage(browser, { locale, theme });
      await signIn(shot, harness.url);
      const pages = [
        ['lifecycle-list', '/lifecycle', '[data-managed-cluster]'],
        ['lifecycle-cluster', `/lifecycle/clusters/${NAME}`, 'tr[data-pool]'],
        ['lifecycle-operation', operationPath, '[data-step]'],
        ['lifecycle-create', '/lifecycle/new', '#name'],
      ] as const;
      for (const [name, route, ready] of pages) {
        await shot.goto(`${harness.url}${route}`);
        await shot.locator(ready).first().waitFor();
        await shot.waitForTimeout(300);
        await shot.screenshot({
          path: path.join(shots ?? '', `${name}.${locale}.${theme}.png`),
          fullPage: true,
        });
      }
      const save = (name: string) =>
        shot.screenshot({ path: path.join(shots ?? '', `${name}.${locale}.${theme}.png`), fullPage: true });
      // An upgrade's preflight, when the cluster has a target.
      await shot.goto(`${harness.url}/lifecycle/clusters/${NAME}`);
      await shot.locator('[data-testid=upgrade-panel]').waitFor();
      const preflight = shot.locator('[data-testid=upgrade-panel] button').first();
      if (await preflight.isVisible().catch(() => false)) {
        await preflight.click();
        await shot.locator('[data-preflight]').waitFor();
        await save('lifecycle-preflight');
      }
      await shot.goto(`${harness.url}/lifecycle/new`);
      await shot.locator('#name').waitFor();
      // The create form's later steps: a second pool with a label and a taint, then overlapping ranges.
      await shot.locator('#name').fill('edge-2');
      await shot.locator('[data-version]').first().waitFor();
      await shot.locator('.ant-steps-item').nth(1).click();
      await shot.locator('[data-pool-row="0"]').waitFor();
      await shot.locator('button', { hasText: /Add a pool|添加节点池/ }).click();
      await shot.locator('#nodePools_1_labels').fill('tier=edge');
      await shot.locator('#nodePools_1_labels').press('Enter');
      await shot.locator('[data-pool-row="1"] button', { hasText: /Add a taint|添加污点/ }).click();
      await shot.locator('#nodePools_1_taints_0_key').fill('dedicated');
      await save('lifecycle-create-pools');
      await shot.locator('.ant-steps-item').nth(2).click();
      await shot.locator('#serviceCidr').fill('10.244.128.0/17');
      await shot.locator('.ant-form-item-explain-error').first().waitFor();
      await save('lifecycle-create-network');
      await shot.context().close();
    }
}
