import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { gate, untilCancelled } from '../../../../server/src/jobs/testing/job-work.ts';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { englishWords, launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';

/**
 * The Operations page on a real server: jobs started through the jobs service (as Helm operations
 * start them) whose work writes steps over a second or two, watched as a person watches them.
 */
let harness: Harness;
let browser: Browser;
const admin = { id: 'admin', name: 'admin' };
const release = { kind: 'helm.install', cluster: 'c1', namespace: 'ns-a', createdBy: admin };

before(async () => {
  const web = process.env.PORTOLAN_TEST_WEB_DIR;
  if (!web) requireBuiltConsole();
  harness = await startHarness(web ? { args: ['--web-dir', web] } : {});
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await harness?.stop({ removeData: true });
});

/** The seq of every step the timeline shows, in the order shown. */
const shownSeqs = (page: Page) =>
  page
    .locator('[data-testid=job-steps] [data-seq]')
    .evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute('data-seq'))));

test('English: the list shows each operation’s state in words; a running one’s steps appear live, in order, to its end', async () => {
  const failed = await harness.portolan.jobs.start({ ...release, target: 'broken' }, async (job) => {
    await job.step('chart-fetched', { chart: 'nginx', version: '0.1.0' }, 'Fetched chart nginx 0.1.0');
    throw new Error('release broken: 1 pod did not become ready within 30s');
  });
  await harness.portolan.jobs.finished(failed.id);
  const live = gate();
  const running = await harness.portolan.jobs.start({ ...release, target: 'web' }, async (job) => {
    await job.step('chart-fetched', { chart: 'nginx', version: '1.2.3' }, 'Fetched chart nginx 1.2.3');
    await job.step('rendered', { count: 3 }, 'Rendered 3 objects');
    await live.opened;
    await job.step('applying', {}, 'Applying to namespace ns-a on cluster c1');
    await job.step('applied', { count: 3 }, 'Applied 3 objects');
    for (let ready = 0; ready < 3; ready++) {
      await job.step(
        'waiting-ready',
        { ready, total: 3 },
        `Waiting for objects to be ready: ${ready} of 3 ready`,
      );
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    await job.step('ready', { ready: 3, total: 3 }, 'All 3 objects are ready');
    return { revision: 1 };
  });

  const page = await openPage(browser, { locale: 'en' });
  await signIn(page, harness.url);
  await page.getByRole('link', { name: 'Operations' }).click();
  const runningRow = page.locator('.ant-table-row', { hasText: 'Helm install · web' });
  await runningRow.locator('[data-state=running]', { hasText: 'Running' }).waitFor();
  const failedRow = page.locator('.ant-table-row', { hasText: 'Helm install · broken' });
  await failedRow.locator('[data-state=failed]', { hasText: 'Failed' }).waitFor();
  assert.match((await runningRow.textContent()) ?? '', /c1 \/ ns-a/);
  assert.match((await runningRow.textContent()) ?? '', /admin/);

  await runningRow.getByRole('link').click();
  await page.waitForURL(`**/operations/${running.id}`);
  await page.getByText('Fetched chart nginx 1.2.3').waitFor();
  await page.getByText('Rendered 3 objects').waitFor();
  await page.getByText('Following live').waitFor();
  // Only now does the work go on: what follows can only arrive through the stream.
  assert.equal(await page.getByText('Installing into the cluster').count(), 0);
  live.open();
  await page.getByText('Waiting for objects to be ready: 1 of 3 ready').waitFor();
  await page.getByText('All 3 objects are ready').waitFor();
  await page.locator('[data-state=succeeded]', { hasText: 'Succeeded' }).waitFor();
  await page.getByText('Following live').waitFor({ state: 'detached' });
  assert.deepEqual(await shownSeqs(page), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(await page.getByText('Installing into the cluster').count(), 1);

  // A failed operation says why, up front, and its last step says it too.
  await page.goto(`${harness.url}/operations/${failed.id}`);
  const reason = page.getByTestId('job-reason');
  await reason.waitFor();
  assert.equal(await reason.textContent(), 'release broken: 1 pod did not become ready within 30s');
  await page.getByText('Failed: release broken: 1 pod did not become ready within 30s').waitFor();
  // Nothing running, so no Cancel.
  assert.equal(await page.getByRole('button', { name: 'Cancel operation' }).count(), 0);
  await page.context().close();
});

test('简体中文: steps are in Chinese as they arrive; Cancel asks first, naming the operation, and the reason is shown', async () => {
  const started = gate();
  const job = await harness.portolan.jobs.start({ ...release, target: 'shop' }, async (work) => {
    await work.step('chart-fetched', { chart: 'nginx', version: '2.0.0' }, 'Fetched chart nginx 2.0.0');
    await started.opened;
    await work.step('applied', { count: 4 }, 'Applied 4 objects');
    await work.step('waiting-ready', { ready: 1, total: 4 }, 'Waiting for objects to be ready: 1 of 4 ready');
    return untilCancelled(work);
  });
  const page = await openPage(browser, { locale: 'zh-CN', theme: 'dark' });
  await signIn(page, harness.url);
  await page.goto(`${harness.url}/operations/${job.id}`);
  await page.getByText('已获取 Chart nginx 2.0.0').waitFor();
  started.open();
  await page.getByText('正在等待对象就绪：1/4 已就绪').waitFor();
  await page.locator('[data-state=running]', { hasText: '进行中' }).waitFor();

  await page.getByRole('button', { name: '取消操作' }).click();
  const dialog = page.locator('.ant-modal-confirm');
  await dialog.locator('.ant-modal-confirm-title', { hasText: '取消 shop 的 Helm 安装？' }).waitFor();
  await dialog.getByRole('button', { name: '继续执行' }).waitFor();
  await dialog.locator('.ant-btn-dangerous').click();
  await page.locator('[data-state=cancelled]', { hasText: '已取消' }).waitFor();
  await page.getByTestId('job-reason').getByText('已由 admin 取消').waitFor();
  await page.getByText('已取消：已由 admin 取消').waitFor();
  assert.equal((await harness.portolan.jobs.get(job.id))?.error, 'Cancelled by admin');

  const replica = (await harness.portolan.jobs.get(job.id))?.replica ?? '';
  const left = await englishWords(page, ['Helm', 'Chart', 'nginx', 'shop', 'c1', 'ns-a', 'admin', replica]);
  assert.deepEqual(left, []);

  await page.getByRole('link', { name: '全部操作' }).click();
  await page
    .locator('.ant-table-row', { hasText: 'Helm 安装 · shop' })
    .locator('[data-state=cancelled]')
    .waitFor();
  assert.deepEqual(await englishWords(page, ['Helm', 'shop', 'web', 'broken', 'c1', 'ns-a', 'admin']), []);
  await page.context().close();
});
