/**
 * In 简体中文, why a Helm operation failed (issue #10), in a browser against a real server, the real
 * helm and a shared sandbox: an install whose objects never get ready within its timeout fails, and its
 * operation page says why in Chinese (the reason up front and the last step), helm's own words as said.
 *
 * PORTOLAN_JOB_FAILURE_SHOTS=DIR also saves the operation page in English and 简体中文.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { kubectl, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { Browser } from 'playwright-core';
import { packageTestCharts } from '../../../../server/src/helm/testing/packaged-charts.ts';
import type { JobRecord } from '../../../../server/src/jobs/jobs.ts';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';

const { binDir, clusters } = sharedSandboxes();
const kubeconfig = clusters[0]?.kubeconfig ?? '';
const CLUSTER = 'jfail';
const namespace = uniqueNamespace('jfail');
const shots = process.env.PORTOLAN_JOB_FAILURE_SHOTS;
let harness: Harness;
let browser: Browser;
let charts: Awaited<ReturnType<typeof packageTestCharts>>;
let job: JobRecord;

before(async () => {
  requireBuiltConsole();
  charts = await packageTestCharts(path.join(binDir, 'helm'));
  harness = await startHarness({ chartSource: charts.source });
  await harness.register(CLUSTER, kubeconfig);
  const started = await harness.call<{ id: string }>('POST', `/api/v1/clusters/${CLUSTER}/helm/releases`, {
    chart: { repository: 'test', chart: 'web', version: '1.0.0' },
    name: 'late',
    namespace,
    createNamespace: true,
    values: 'nodeSelector:\n  no-such-label: "true"\n',
    timeoutSeconds: 5,
  });
  assert.equal(started.status, 202, JSON.stringify(started.body));
  job = await harness.portolan.jobs.finished(started.body.id);
  assert.equal(job.errorCode, 'not-ready-in-time', job.error ?? '');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await harness?.stop({ removeData: true });
  await charts?.cleanup();
  await kubectl(binDir, kubeconfig, ['delete', 'namespace', namespace, '--wait=false']);
});

test('in 简体中文 a failed Helm install says why in Chinese, up front and in its last step', async () => {
  const page = await openPage(browser, { locale: 'zh-CN' });
  try {
    await signIn(page, harness.url);
    await page.goto(`${harness.url}/operations/${job.id}`);
    const reason = page.getByTestId('job-reason');
    await reason.waitFor();
    const detail = String(job.errorParams?.detail);
    // The sentence is the console's Chinese; the timeout is the job's, helm's words stay as said.
    assert.equal(await reason.textContent(), `并非所有对象都在 5 秒内就绪：${detail}`);
    const last = page.locator('[data-testid=job-steps] [data-code=failed]');
    await last.waitFor();
    assert.equal(
      await last.locator('.ant-typography').last().textContent(),
      `失败：并非所有对象都在 5 秒内就绪：${detail}`,
    );
    if (shots) await page.screenshot({ path: path.join(shots, 'job-failed-zh-CN.png'), fullPage: true });
  } finally {
    await page.context().close();
  }
});

test('in English the same reason is the server’s own', async () => {
  const page = await openPage(browser, { locale: 'en' });
  try {
    await signIn(page, harness.url);
    await page.goto(`${harness.url}/operations/${job.id}`);
    const reason = page.getByTestId('job-reason');
    await reason.waitFor();
    assert.equal(await reason.textContent(), job.error);
    if (shots) await page.screenshot({ path: path.join(shots, 'job-failed-en.png'), fullPage: true });
  } finally {
    await page.context().close();
  }
});
