/**
 * Helm actions in a browser against a shared sandbox and a loopback chart repository (packaged by
 * the real helm): install a chart from the catalogue with a value changed in the schema form, see the
 * job succeed and the release appear; an upgrade whose values break the chart's schema is refused on
 * the field, a good one shows its diff first; roll back; uninstall. A Viewer sees none of the actions.
 *
 * PORTOLAN_HELM_ACTION_SHOTS=DIR also saves each step in English and 简体中文, light and dark.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { Browser, Page } from 'playwright-core';
import {
  buildRepository,
  helmOf,
  type RepoServer,
  serveRepository,
} from '../../../../server/src/helm/testing/repo-fixtures.ts';
import { addMember } from '../../../../server/src/testing/members.ts';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';

const { binDir, clusters } = sharedSandboxes();
const kubeconfig = clusters[0]?.kubeconfig ?? '';
const CLUSTER = 'apps';
const SECOND = 'apps-two';
const namespace = uniqueNamespace('hact');
const otherNamespace = `${namespace}-b`;
const shots = process.env.PORTOLAN_HELM_ACTION_SHOTS;
let harness: Harness;
let browser: Browser;
let page: Page;
let repo: RepoServer;
let work: string;
let helmHome: string;

const schema = {
  type: 'object',
  required: ['replicaCount'],
  properties: {
    replicaCount: { type: 'integer', minimum: 1, description: 'How many pods serve the shop' },
    tier: { type: 'string', enum: ['small', 'large'] },
  },
};

before(async () => {
  requireBuiltConsole();
  work = await mkdtemp(path.join(os.tmpdir(), 'portolan-helm-actions-'));
  const { helm, home } = await helmOf();
  helmHome = home;
  repo = await serveRepository(work);
  const shop = {
    name: 'shopfront',
    values: '# Pods of the shop\nreplicaCount: 1\ntier: small\n',
    schema,
  };
  await buildRepository(helm, work, [
    { ...shop, version: '1.0.0', appVersion: '1.0' },
    { ...shop, version: '1.1.0', appVersion: '1.1' },
  ]);
  harness = await startHarness();
  await harness.register(CLUSTER, kubeconfig);
  // The same sandbox under a second name: an install across clusters reaches both.
  await harness.register(SECOND, kubeconfig);
  const added = await harness.call('POST', '/api/v1/helm/repositories', { name: 'loopback', url: repo.url });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  browser = await launchBrowser();
  page = await openPage(browser, { locale: 'en' });
  page.setDefaultTimeout(20_000);
  await signIn(page, harness.url);
});

after(async () => {
  await browser?.close();
  await harness?.stop({ removeData: true });
  await repo?.close();
  await rm(work, { recursive: true, force: true });
  await rm(helmHome, { recursive: true, force: true });
  for (const name of [namespace, otherNamespace])
    await kubectl(binDir, kubeconfig, ['delete', 'namespace', name, '--wait=false']);
});

/** The replicas the chart's ConfigMap holds now; empty when there is none. */
const configMap = async (release = 'shop', inNamespace = namespace) =>
  (
    await kubectl(binDir, kubeconfig, [
      'get',
      'configmap',
      `${release}-config`,
      '-n',
      inNamespace,
      '-o',
      'jsonpath={.data.replicas}',
    ])
  ).stdout;

/** The page as a person sees it at this step, when screenshots are asked for. */
const snap = async (step: string) => {
  if (shots) await page.screenshot({ path: path.join(shots, `helm-${step}-en-light.png`), fullPage: true });
};

/** A cluster in the Clusters select, by its exact name. */
const clusterOption = (name: string) =>
  page.locator('.ant-select-item-option').filter({ hasText: new RegExp(`^${name}$`) });

/** A button of the confirmation dialog open on top. */
const confirmButton = (name: string) =>
  page.locator('.ant-modal-confirm-btns').last().getByRole('button', { name });

/** The job shown on the page has ended in `state`. */
async function jobEnds(state: string) {
  await page.locator(`[data-job][data-state=${state}]`).waitFor({ timeout: 60_000 });
}

test('install from the catalogue with a value changed in the form: preview, then the job succeeds', async () => {
  await page.goto(`${harness.url}/apps/charts/loopback/shopfront`);
  await page.getByRole('button', { name: 'Install' }).click();
  await page.waitForURL(/\/apps\/install\?repository=loopback&chart=shopfront&version=1\.1\.0/);
  await page.getByRole('combobox', { name: 'Clusters' }).click();
  await clusterOption(CLUSTER).click();
  await page.keyboard.press('Escape');
  await page.getByLabel('Release name').fill('Shop_1');
  await page.getByLabel('Namespace', { exact: true }).fill(namespace);
  // The name is checked as Helm checks it, before anything is sent.
  await page.getByRole('button', { name: 'Preview' }).click();
  await page
    .getByText(/Lower-case letters, digits/)
    .first()
    .waitFor();
  await page.getByLabel('Release name').fill('shop');
  // The values start from the chart's defaults; the form made from its schema changes one.
  await page.locator('[data-editor=Values]').getByText('Pods of the shop').waitFor();
  await page.getByText('Form', { exact: true }).click();
  await page.locator('#values-replicaCount').fill('2');
  await page.getByText('YAML', { exact: true }).click();
  // The comment stays: the form wrote through the YAML document.
  await page.locator('[data-editor=Values]').getByText('Pods of the shop').waitFor();
  await page.locator('[data-editor=Values]').getByText('replicaCount: 2').waitFor();
  await page.getByRole('button', { name: 'Preview' }).click();
  const manifest = page.getByTestId('preview-manifest');
  await page.getByText('manifest.yaml').click();
  await manifest.getByText('replicas: "2"').waitFor();
  await snap('preview');
  assert.equal(await configMap(), '', 'nothing runs before Install');
  await page.getByRole('button', { name: 'Install', exact: true }).click();
  await jobEnds('succeeded');
  await snap('installed');
  assert.ok(
    (await page.locator('[data-code=ready]').count()) + (await page.locator('[data-code=applied]').count()) >
      0,
    'the steps came',
  );
  assert.equal(await configMap(), '2');
  await page.getByRole('button', { name: 'Open the release' }).click();
  await page.waitForURL(new RegExp(`/clusters/${CLUSTER}/releases/${namespace}/shop$`));
  await page.getByTestId('release-actions').waitFor();
  await snap('release');
});

test('an upgrade refused by the values schema names the field; a good one shows its diff, then runs', async () => {
  await page.getByTestId('release-actions').getByRole('button', { name: 'Upgrade' }).click();
  const drawer = page.getByTestId('upgrade-drawer');
  // The values start from what the release runs with now.
  await drawer.locator('[data-editor=Values]').getByText('replicaCount: 2').waitFor();
  await drawer.getByText('Form', { exact: true }).click();
  await drawer.locator('#values-replicaCount').fill('0');
  await page.getByRole('button', { name: 'Review the changes' }).click();
  await drawer.locator('.ant-form-item-explain-error', { hasText: 'replicaCount' }).waitFor();
  await snap('upgrade-refused');
  await drawer.locator('#values-replicaCount').fill('3');
  await page.getByRole('button', { name: 'Review the changes' }).click();
  const diff = drawer.locator('[data-diff="ConfigMap/shop-config"]');
  await diff.waitFor();
  assert.match((await diff.textContent()) ?? '', /\+\s*replicas: "3"/);
  assert.match((await diff.textContent()) ?? '', /-\s*replicas: "2"/);
  await snap('upgrade-diff');
  await page.locator('.ant-drawer-footer').getByRole('button', { name: 'Upgrade', exact: true }).click();
  await jobEnds('succeeded');
  assert.equal(await configMap(), '3');
  await page.locator('.ant-drawer-close').last().click();
});

test('roll back to revision 1, confirmed by release, cluster and revision', async () => {
  await page.locator('[data-testid=release-revisions] .ant-table-row').nth(1).waitFor();
  await page.getByTestId('release-actions').getByRole('button', { name: 'Roll back' }).click();
  await confirmButton('Roll back').click();
  await page
    .locator('.ant-modal-confirm-title', {
      hasText: `Roll back release shop on cluster ${CLUSTER} to revision 1?`,
    })
    .waitFor();
  await confirmButton('Roll back').click();
  await jobEnds('succeeded');
  assert.equal(await configMap(), '2');
  await page.locator('.ant-drawer-close').last().click();
});

test('a Viewer sees none of the actions', async () => {
  const viewer = await addMember(harness, 'helm-viewer', 'Viewer', { level: 'cluster', cluster: CLUSTER });
  const other = await openPage(browser, { locale: 'en' });
  await signIn(other, harness.url, { username: viewer.username, password: 'helm-viewer-password-123' });
  await other.goto(`${harness.url}/clusters/${CLUSTER}/releases/${namespace}/shop`);
  await other.locator('[data-testid=release-revisions] .ant-table-row').first().waitFor();
  assert.equal(await other.getByTestId('release-actions').count(), 0);
  await other.context().close();
});

test('install on two clusters, one with its own namespace and values: a job each, both succeed', async () => {
  await page.goto(`${harness.url}/apps/install?repository=loopback&chart=shopfront&version=1.0.0`);
  await page.getByRole('combobox', { name: 'Clusters' }).click();
  await clusterOption(CLUSTER).click();
  await clusterOption(SECOND).click();
  await page.keyboard.press('Escape');
  await page.getByLabel('Release name').fill('multi');
  await page.getByLabel('Namespace', { exact: true }).fill(namespace);
  await page.locator('.ant-collapse-header', { hasText: SECOND }).click();
  await page.getByPlaceholder(namespace).last().fill(otherNamespace);
  await page.locator(`[data-editor="Values ${SECOND}"]`).click();
  await page.keyboard.type('replicaCount: 5');
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('tab', { name: SECOND }).click();
  await page.getByRole('tabpanel', { name: SECOND }).getByText('manifest.yaml').click();
  await page.getByRole('tabpanel', { name: SECOND }).getByText('replicas: "5"').waitFor();
  await page.getByRole('button', { name: 'Install on 2 clusters' }).click();
  await page
    .locator(`[data-job][data-cluster=${CLUSTER}][data-state=succeeded]`)
    .waitFor({ timeout: 60_000 });
  await page.locator(`[data-job][data-cluster=${SECOND}][data-state=succeeded]`).waitFor({ timeout: 60_000 });
  await snap('installed-across');
  assert.equal(await configMap('multi', namespace), '1');
  assert.equal(await configMap('multi', otherNamespace), '5');
});

test('screenshots of each step in both languages and themes (skipped unless PORTOLAN_HELM_ACTION_SHOTS names a folder to keep them)', {
  skip: !shots,
}, async () => {
  for (const locale of ['en', 'zh-CN'] as const)
    for (const theme of ['light', 'dark'] as const) {
      const shot = await openPage(browser, { locale, theme });
      await signIn(shot, harness.url);
      const name = (step: string) => path.join(shots ?? '', `helm-${step}-${locale}-${theme}.png`);
      await shot.goto(`${harness.url}/apps/install?repository=loopback&chart=shopfront&version=1.1.0`);
      await shot.locator('[data-editor]').first().waitFor();
      await shot.waitForTimeout(500);
      await shot.screenshot({ path: name('install'), fullPage: true });
      await shot.goto(`${harness.url}/clusters/${CLUSTER}/releases/${namespace}/shop`);
      await shot.getByTestId('release-actions').getByRole('button').first().click();
      await shot.getByTestId('upgrade-drawer').locator('[data-editor]').waitFor();
      await shot.waitForTimeout(500);
      await shot.screenshot({ path: name('upgrade') });
      await shot.keyboard.press('Escape');
      await shot.getByTestId('release-actions').getByRole('button').nth(1).click();
      await shot.locator('.ant-modal-confirm').waitFor();
      await shot.waitForTimeout(300);
      await shot.screenshot({ path: name('rollback') });
      await shot.context().close();
    }
});

test('in 简体中文 a refused upgrade says why in Chinese, keeping the field and the schema checker’s own words', async () => {
  const zh = await openPage(browser, { locale: 'zh-CN' });
  try {
    await signIn(zh, harness.url);
    await zh.goto(`${harness.url}/clusters/${CLUSTER}/releases/${namespace}/shop`);
    await zh.getByTestId('release-actions').getByRole('button').first().click();
    const drawer = zh.getByTestId('upgrade-drawer');
    await drawer.locator('[data-editor]').first().waitFor();
    await drawer.getByText('表单', { exact: true }).click();
    await drawer.locator('#values-replicaCount').fill('0');
    await zh.getByRole('button', { name: '查看变更' }).click();
    const refusal = drawer.locator('.ant-form-item-explain-error', { hasText: 'replicaCount' });
    await refusal.waitFor();
    // The sentence is the console's Chinese; the field and helm's schema words inside stay as said.
    assert.match(
      (await refusal.textContent()) ?? '',
      /^values 不符合该 Chart 的 values schema：replicaCount: /,
    );
    if (shots) await zh.screenshot({ path: path.join(shots, 'helm-upgrade-refused-zh-CN-light.png') });
  } finally {
    await zh.context().close();
  }
});

test('uninstall, confirmed naming release, namespace and cluster', async () => {
  await page.goto(`${harness.url}/clusters/${CLUSTER}/releases/${namespace}/shop`);
  await page.getByTestId('release-actions').getByRole('button', { name: 'Uninstall' }).click();
  await page.getByText(`Release shop in namespace ${namespace} on cluster ${CLUSTER}`).waitFor();
  await confirmButton('Uninstall').click();
  // The release's page goes with it: the operation's page follows the uninstall to its end.
  await page.waitForURL(/\/operations\//);
  await page.locator('[data-state=succeeded]').first().waitFor({ timeout: 60_000 });
  await page.locator('[data-code=uninstalled]').waitFor();
  await snap('uninstalled');
  await kubectlOk(binDir, kubeconfig, [
    'wait',
    '--for=delete',
    'configmap/shop-config',
    '-n',
    namespace,
    '--timeout=30s',
  ]);
});
