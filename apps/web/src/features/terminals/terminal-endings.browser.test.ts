import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { eventually, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { Browser, Page } from 'playwright-core';
import { addMember, type Member } from '../../../../server/src/testing/members.ts';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { englishWords, launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';
import { deploymentWithRunningPod } from '../../testing/running-pod.ts';
import { openFromTopBar, run, terminalTab, waitForPrompt, waitForScreen } from './testing/terminal-driver.ts';

// How terminals end, seen in the browser: the idle timeout (short here) after its warning, a
// namespace Viewer refused by the member cluster, access revoked while the terminal is open, and the
// admins' history of it all with a transcript.
const shared = sharedSandboxes();
const sandbox = shared.clusters[0];
const CLUSTER = 'term-ends';
const IDLE_SECONDS = 12;
/** PORTOLAN_TERMINAL_SHOTS=DIR saves the ended terminal in 简体中文 there. */
const shots = process.env.PORTOLAN_TERMINAL_SHOTS;
const namespace = uniqueNamespace('term-ends');
const k = (...args: string[]) => kubectlOk(shared.binDir, sandbox?.kubeconfig ?? '', args);
let harness: Harness;
let browser: Browser;
let page: Page;
let viewerPage: Page;
let viewer: Member;
let pod: string;

before(async () => {
  requireBuiltConsole();
  assert.ok(sandbox, 'the test runner starts shared sandboxes');
  pod = await deploymentWithRunningPod(k, namespace, 'beacon');
  harness = await startHarness({
    args: ['--terminal-idle-timeout', String(IDLE_SECONDS), '--terminal-transcripts', 'true'],
  });
  await harness.register(CLUSTER, sandbox.kubeconfig);
  viewer = await addMember(harness, 'term-viewer', 'Viewer', {
    level: 'namespace',
    cluster: CLUSTER,
    namespace,
  });
  browser = await launchBrowser();
  page = await openPage(browser, { locale: 'en' });
});

after(async () => {
  await browser?.close();
  await harness?.stop({ removeData: true });
  if (sandbox) await k('delete', 'namespace', namespace, '--wait=false').catch(() => undefined);
});

const state = (where: Page) => terminalTab(where).locator('[data-testid=terminal-state]');

test('an idle terminal is warned with a countdown, kept by "Stay connected", then ended as idle', async () => {
  await signIn(page, harness.url);
  await page.goto(`${harness.url}/clusters/${CLUSTER}`);
  await page.getByTestId('cluster-terminal').click();
  await waitForPrompt(page);
  await run(page, 'echo "transcript-$((40+2))"');
  await waitForScreen(page, 'transcript-42');
  const warning = page.getByTestId('idle-warning');
  await warning.filter({ hasText: /This session ends in \d+ s/ }).waitFor({ timeout: IDLE_SECONDS * 1000 });
  await warning.getByRole('button', { name: 'Stay connected' }).click();
  await warning.waitFor({ state: 'detached' });
  await state(page).filter({ hasText: 'Connected' }).waitFor();
  // Warned again, and this time left alone.
  await warning.waitFor({ timeout: IDLE_SECONDS * 1000 });
  await state(page)
    .filter({ hasText: 'Ended: idle' })
    .waitFor({ timeout: IDLE_SECONDS * 1000 });
  await page.getByTestId('terminal-ended').getByRole('button', { name: 'Open a new terminal' }).waitFor();
});

test('the history lists the session as ended idle, and its transcript shows what it printed', async () => {
  await page.getByRole('link', { name: 'Terminal sessions' }).click();
  const row = page.locator('.ant-table-row', { hasText: CLUSTER }).filter({ hasText: 'idle' });
  await row.filter({ hasText: 'admin' }).waitFor();
  await row.getByRole('button', { name: 'View' }).click();
  await eventually('the transcript', async () =>
    ((await page.getByTestId('transcript').locator('.xterm-rows').textContent()) ?? '').includes(
      'transcript-42',
    )
      ? true
      : undefined,
  );
});

test('a namespace Viewer’s kubectl delete is refused by the member cluster', async () => {
  viewerPage = await openPage(browser, { locale: 'en' });
  await signIn(viewerPage, harness.url, {
    username: viewer.username,
    password: `${viewer.username}-password-123`,
  });
  // The history is for platform Admins only: not in a Viewer's menu.
  assert.equal(await viewerPage.getByRole('link', { name: 'Terminal sessions' }).count(), 0);
  await openFromTopBar(viewerPage, CLUSTER);
  await waitForPrompt(viewerPage);
  await run(viewerPage, `kubectl get pods -n ${namespace}`);
  await waitForScreen(viewerPage, pod);
  await run(viewerPage, `kubectl delete pod ${pod} -n ${namespace}`);
  await waitForScreen(viewerPage, /Forbidden/);
  assert.ok(await k('get', 'pod', pod, '-n', namespace), 'the pod is still there');
});

test('access taken away while the terminal is open: it closes and says why', async () => {
  const removed = await harness.call('DELETE', `/api/v1/rolebindings/${viewer.bindingId}`);
  assert.equal(removed.status, 204);
  await state(viewerPage).filter({ hasText: 'Ended: access revoked' }).waitFor({ timeout: 30_000 });
  await viewerPage.getByTestId('terminal-ended').filter({ hasText: 'no longer have access' }).waitFor();
  await viewerPage
    .getByTestId('terminal-ended')
    .getByRole('button', { name: 'Open a new terminal' })
    .waitFor();
});

test('in 简体中文 the history, the dock and its states have no English left', async () => {
  await page.keyboard.press('Escape'); // the transcript's drawer
  await page.getByText('简体中文').click();
  await page.getByRole('heading', { name: '终端会话' }).waitFor();
  await page.locator('.ant-table-row', { hasText: '空闲超时' }).first().waitFor();
  await state(page).filter({ hasText: '已结束：空闲超时' }).waitFor();
  // Why it ended, worded by the console from the server's code with its seconds and flag (issue #10).
  await page
    .getByTestId('terminal-ended')
    .filter({
      hasText: `${IDLE_SECONDS} 秒内没有输入（空闲超时，--terminal-idle-timeout）；请打开新终端继续`,
    })
    .waitFor();
  if (shots) await page.screenshot({ path: path.join(shots, 'terminal-ended-zh-CN-light.png') });
  // The terminal's own text is the shell's: not the console's words.
  await page.getByRole('button', { name: '最小化' }).click();
  const data = [CLUSTER, 'admin', viewer.username];
  assert.deepEqual(await englishWords(page, data), []);
});
