/**
 * Inspections in a browser against a real server and a shared sandbox: a configuration made in the
 * form reads its schedule out in words; Run now shows the run until it is done, then the report:
 * scores per level, the planted failure (a pod on nginx:latest) first with a link to the pod's page,
 * why it matters and how to fix it, skipped checks with their reasons, and the JSON download.
 *
 * PORTOLAN_INSPECTION_SHOTS=DIR also saves the list and the report in English and 简体中文, light and dark.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { INSPECTION_FINDING_WORDS, INSPECTION_ITEM_WORDS, type InspectionRunView } from '@portolan/api';
import { eventually, kubectl, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { Browser, Page } from 'playwright-core';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { englishWords, launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';

const { binDir, clusters } = sharedSandboxes();
const kubeconfig = clusters[0]?.kubeconfig ?? '';
const CLUSTER = 'insp-ui';
const namespace = uniqueNamespace('insp-ui');
const CONFIG = 'nightly';
const shots = process.env.PORTOLAN_INSPECTION_SHOTS;
let harness: Harness;
let browser: Browser;
let page: Page;
let reportPath = '';

before(async () => {
  requireBuiltConsole();
  await kubectlOk(binDir, kubeconfig, ['create', 'namespace', namespace]);
  await kubectlOk(binDir, kubeconfig, ['run', 'latest-pod', '-n', namespace, '--image=nginx:latest']);
  harness = await startHarness();
  await harness.register(CLUSTER, kubeconfig);
  // The inspection reads the store: wait until the planted pod is synced.
  await eventually('the planted pod in the store', async () => {
    const found = await harness.call<{ items: unknown[] }>(
      'GET',
      `/api/v1/search?kinds=pods&clusters=${CLUSTER}&namespaces=${namespace}`,
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
  await kubectl(binDir, kubeconfig, ['delete', 'namespace', namespace, '--wait=false']);
});

test('a configuration made in the form reads its schedule out in words', async () => {
  await page.goto(`${harness.url}/inspections`);
  await page.getByRole('button', { name: 'New configuration' }).first().click();
  const drawer = page.locator('.ant-drawer:visible');
  // Every check is in the form, the collapsed levels' too.
  await drawer.locator('#items_pod-restarts_severity').waitFor({ state: 'attached' });
  await drawer.locator('#name').fill(CONFIG);
  await drawer.locator('#cluster').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: CLUSTER })
    .click();
  await drawer.locator('#namespaces').fill(namespace);
  await drawer.locator('#namespaces').press('Enter');
  await drawer.locator('#schedule').fill('0 2 * * 1-5');
  assert.match(
    (await drawer.locator('[data-schedule-reading]').textContent()) ?? '',
    /02:00.*Monday.*Friday/,
  );
  // A schedule that is not one is named as wrong before anything is sent.
  await drawer.locator('#schedule').fill('0 25 * * *');
  await drawer.getByRole('button', { name: 'Save' }).click();
  await drawer.locator('.ant-form-item-explain-error').filter({ hasText: /hour/i }).waitFor();
  await drawer.locator('#schedule').fill('0 2 * * 1-5');
  await drawer.getByRole('button', { name: 'Save' }).click();
  const row = page.locator('tr', { has: page.locator(`[data-config="${CONFIG}"]`) });
  await row.waitFor();
  assert.match((await row.textContent()) ?? '', new RegExp(`${CLUSTER}.*02:00`));
  const saved = await harness.call<{ spec: { schedule?: string; namespaces?: string[]; items?: unknown[] } }>(
    'GET',
    `/api/v1/inspections/configs/${CONFIG}`,
  );
  assert.equal(saved.body.spec.schedule, '0 2 * * 1-5');
  assert.deepEqual(saved.body.spec.namespaces, [namespace]);
  assert.equal(saved.body.spec.items, undefined, 'items left at their defaults are not written');
});

test('Run now shows the run until done, then the report with the planted failure first', async () => {
  await page.goto(`${harness.url}/inspections`);
  const row = page.locator('tr', { has: page.locator(`[data-config="${CONFIG}"]`) });
  await row.waitFor();
  await row.getByRole('button', { name: 'Run now' }).click();
  await page.waitForURL(/\/inspections\/runs\/[^/]+$/);
  reportPath = new URL(page.url()).pathname;
  // Running, then done: the page asks again until the run ends.
  await page.locator('[data-score=Overall]').waitFor({ timeout: 60_000 });
  assert.equal(await page.locator('[data-run-state]').first().getAttribute('data-run-state'), 'succeeded');
  for (const level of ['Cluster', 'Nodes', 'Workloads'])
    await page.locator(`[data-score=${level}]`).waitFor();
  // Failures first: the pod on nginx:latest, linked to its page, with why and how to fix.
  const finding = page.locator('tr', { has: page.locator('[data-object=latest-pod]') }).filter({
    hasText: 'Images tagged latest',
  });
  await finding.waitFor();
  assert.match((await finding.textContent()) ?? '', /Why:.*Fix:/);
  assert.equal(
    await finding.locator('a[data-object=latest-pod]').getAttribute('href'),
    `/clusters/${CLUSTER}/pods/${namespace}/latest-pod`,
  );
  if (shots) await page.screenshot({ path: path.join(shots, 'inspection-report.png'), fullPage: true });
  // Skipped checks say why they could not run (never a false failure).
  await page.getByText(/^Skipped \(\d+\)$/).click();
  const skipped = page.locator('.ant-table-tbody tr:not(.ant-table-placeholder)');
  if (await skipped.count()) assert.match((await skipped.first().textContent()) ?? '', /\w+/);
  // The JSON download is the same run with its findings.
  const id = reportPath.split('/').at(-1) ?? '';
  const href = await page.getByRole('link', { name: 'Download JSON' }).getAttribute('href');
  assert.equal(href, `/api/v1/inspections/runs/${id}/report.json`);
  const json = await page.request.get(`${harness.url}${href}`);
  assert.equal(json.status(), 200);
  const run = (await json.json()) as InspectionRunView;
  assert.ok(run.findings?.some((item) => item.item === 'image-latest' && item.object?.name === 'latest-pod'));
  // The configuration's row shows the last run's score and links to it.
  await page.goto(`${harness.url}/inspections`);
  await page.locator(`a[href="${reportPath}"]`).first().waitFor();
});

test('the inspection pages are fully translated', async () => {
  const chinese = await openPage(browser, { locale: 'zh-CN' });
  await signIn(chinese, harness.url);
  for (const address of ['/inspections', reportPath]) {
    await chinese.goto(`${harness.url}${address}`);
    await chinese.locator('.ant-table-row, .ant-table-placeholder').first().waitFor();
    await chinese.waitForTimeout(500);
    // The findings keep Kubernetes' own text (checks, selectors, images): the next test holds Portolan's words.
    const words = await englishWords(chinese, [
      CLUSTER,
      namespace,
      CONFIG,
      'admin latest pod Pod HTML JSON etcd cron ConfigMap Secret UTC',
      // The kinds looked at, by their API names (as kubectl writes them).
      'pods nodes namespaces configmaps serviceaccounts services secrets persistentvolumeclaims deployments statefulsets daemonsets replicasets jobs cronjobs',
    ]);
    const table = ((await chinese.locator('.ant-table-tbody').last().textContent()) ?? '').toLowerCase();
    assert.deepEqual(
      words.filter((word) => !table.includes(word.toLowerCase())),
      [],
      `untranslated on ${address}`,
    );
  }
  await chinese.context().close();
});

/** Portolan's English sentences a finding column could show: each item's why and fix, each code's fixed opening. */
const PORTOLAN_ENGLISH = [
  ...Object.values(INSPECTION_ITEM_WORDS).flatMap((words) => [words.why, words.fix]),
  ...Object.values(INSPECTION_FINDING_WORDS)
    .map((words) => words.split('{')[0] ?? '')
    .filter((opening) => opening.trim().length >= 12),
];

test("in 简体中文 the report's findings read wholly in Chinese, Kubernetes' own text kept", async () => {
  const chinese = await openPage(browser, { locale: 'zh-CN' });
  await signIn(chinese, harness.url);
  await chinese.goto(`${harness.url}${reportPath}`);
  const finding = chinese.locator('tr', { has: chinese.locator('[data-object=latest-pod]') });
  await finding.first().waitFor();
  const text = (await finding.first().textContent()) ?? '';
  // What was found, with the container and image as Kubernetes names them; why and how to fix.
  assert.match(text, /容器使用的镜像没有固定版本：latest-pod \(nginx:latest\)/);
  assert.match(text, /影响：\s*没有标签或标签为 latest 的镜像会在你不知情时变化/);
  assert.match(text, /修复：\s*把镜像固定到一个版本标签或摘要/);
  let seen = 0;
  for (const tab of [/^问题（\d+）$/, /^跳过（\d+）$/, /^豁免（\d+）$/]) {
    await chinese.getByText(tab).click();
    await chinese.waitForTimeout(300);
    const rows = chinese.locator('.ant-table-tbody tr:not(.ant-table-placeholder)');
    seen += await rows.count();
    const shown = (await chinese.locator('.ant-table-tbody').textContent()) ?? '';
    const english = PORTOLAN_ENGLISH.filter((sentence) => shown.includes(sentence.trim()));
    assert.deepEqual(english, [], `Portolan's English under ${tab}`);
  }
  // The configuration names a namespace, so the cluster-wide checks are skipped, saying why in Chinese.
  assert.ok(seen > 5, `${seen} findings looked at`);
  await chinese.getByText(/^跳过（\d+）$/).click();
  await chinese.getByText('该配置只巡检部分命名空间，而非整个集群').first().waitFor();
  await chinese.context().close();
});

test('screenshots in both languages and themes (run only when PORTOLAN_INSPECTION_SHOTS names a folder)', {
  skip: !shots,
}, async () => {
  for (const locale of ['en', 'zh-CN'] as const)
    for (const theme of ['light', 'dark'] as const) {
      const shot = await openPage(browser, { locale, theme });
      await signIn(shot, harness.url);
      for (const [name, address] of [
        ['list', '/inspections'],
        ['report', reportPath],
      ] as const) {
        await shot.goto(`${harness.url}${address}`);
        await shot.locator('.ant-table-row, .ant-table-placeholder').first().waitFor();
        await shot.waitForTimeout(800);
        await shot.screenshot({ path: path.join(shots ?? '', `inspection-${name}-${locale}-${theme}.png`) });
        if (name === 'report') {
          // The skipped checks, with their reasons.
          await shot.locator('.ant-card .ant-segmented-item').nth(1).click();
          await shot.waitForTimeout(300);
          await shot.screenshot({
            path: path.join(shots ?? '', `inspection-skipped-${locale}-${theme}.png`),
          });
        }
      }
      await shot.context().close();
    }
});
