import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { Browser, Page } from 'playwright-core';
import { addMember } from '../../../../server/src/testing/members.ts';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';
import { deploymentWithRunningPod } from '../../testing/running-pod.ts';

// A real server serving the built console, one shared sandbox (kwok serves every pod's log and runs
// exec commands on this machine), driven through Chromium as a person would.
const shared = sharedSandboxes();
const sandbox = shared.clusters[0];
const namespace = uniqueNamespace('pods-ui');
const k = (...args: string[]) => kubectlOk(shared.binDir, sandbox?.kubeconfig ?? '', args);
let harness: Harness;
let browser: Browser;
let page: Page;
let pod: string;
let viewer: { username: string; password: string };

before(async () => {
  requireBuiltConsole();
  assert.ok(sandbox, 'the test runner starts shared sandboxes');
  pod = await deploymentWithRunningPod(k, namespace, 'storefront');
  harness = await startHarness();
  await harness.register('pods-ui', sandbox.kubeconfig);
  const member = await addMember(harness, 'pods-viewer', 'Viewer', { level: 'platform' });
  viewer = { username: member.username, password: `${member.username}-password-123` };
  browser = await launchBrowser();
  page = await openPage(browser, { locale: 'en' });
});

after(async () => {
  await browser?.close();
  await harness?.stop({ removeData: true });
  if (sandbox) await k('delete', 'namespace', namespace, '--wait=false').catch(() => undefined);
});

const terminalText = (testId: string) =>
  page.locator(`[data-testid=${testId}] .xterm-rows`).evaluate((element) => element.textContent ?? '');

test('a pod is found by name on /pods, with its status and readiness, and opens its page', async () => {
  await signIn(page, harness.url);
  await page.getByRole('link', { name: 'Pods' }).click();
  await page.getByRole('heading', { name: 'Pods' }).waitFor();
  await page.getByRole('searchbox', { name: 'Name contains' }).fill('storefront');
  await page.getByRole('searchbox', { name: 'Name contains' }).press('Enter');
  await page.waitForURL(/[?&]q=storefront/);
  // Synced from the watch: the row comes once the store has it, with kwok's Running pod ready 1/1.
  const row = page.getByTestId('pods-grid').getByRole('row').filter({ hasText: pod });
  await row.filter({ hasText: 'Running' }).filter({ hasText: '1/1' }).waitFor({ timeout: 30_000 });
  await row.filter({ hasText: namespace }).filter({ hasText: 'pods-ui' }).waitFor();
  await page
    .getByTestId('pods-count')
    .filter({ hasText: /Pods 1–1 of 1$/ })
    .waitFor();
  await row.getByRole('link', { name: pod }).click();
  await page.waitForURL(new RegExp(`/clusters/pods-ui/pods/${namespace}/${pod}$`));
  // The owner chain goes up to the Deployment and links to its page.
  const owner = page.getByRole('link', { name: 'Deployment storefront' });
  await owner.waitFor();
  assert.equal(
    await owner.getAttribute('href'),
    `/clusters/pods-ui/workloads/deployments/${namespace}/storefront`,
  );
  await page.getByRole('tab', { name: 'Containers' }).click();
  await page.locator('.ant-table-row', { hasText: 'nginx:1.27' }).waitFor();
});

test('its logs read in the terminal, with timestamps on asking, and search finds a line', async () => {
  await page.getByRole('tab', { name: 'Logs' }).click();
  await eventually('the log in the terminal', async () =>
    (await terminalText('pod-logs')).includes('ready to serve requests') ? true : undefined,
  );
  assert.doesNotMatch(await terminalText('pod-logs'), /\d{4}-\d\d-\d\dT/);
  await page.getByRole('switch', { name: 'Timestamps' }).click();
  await eventually('timestamped lines', async () =>
    /\d{4}-\d\d-\d\dT[\d:.]+Z ready to serve requests/.test(await terminalText('pod-logs'))
      ? true
      : undefined,
  );
  await page.getByRole('textbox', { name: 'Search the log' }).fill('listening');
  await page.getByRole('textbox', { name: 'Search the log' }).press('Enter');
  await page.getByText('Match 1 of 1').waitFor();
});

test('a shell runs a command and shows its output, and says when the session ends', async () => {
  await page.getByRole('button', { name: 'Shell', exact: true }).click();
  await page.getByTestId('shell-state').filter({ hasText: 'Connected to nginx' }).waitFor();
  await page.locator('[data-testid=pod-shell] .xterm').click();
  // The answer (42) is not what was typed, so seeing it means the command ran.
  await page.keyboard.type('echo "portolan-$((6*7))"');
  await page.keyboard.press('Enter');
  await eventually('the command’s output', async () =>
    (await terminalText('pod-shell')).includes('portolan-42') ? true : undefined,
  );
  await page.keyboard.type('exit');
  await page.keyboard.press('Enter');
  await page.getByText('The session ended (exit code 0).').waitFor();
  await page.getByRole('button', { name: 'Open a new session' }).waitFor();
});

test('a Viewer reads the pod and its logs but is offered no Shell and no Delete', async () => {
  const viewerPage = await openPage(browser, { locale: 'en' });
  try {
    await signIn(viewerPage, harness.url, viewer);
    await viewerPage.goto(`${harness.url}/clusters/pods-ui/pods/${namespace}/${pod}`);
    await viewerPage.getByRole('tab', { name: 'Logs' }).waitFor();
    await viewerPage.getByRole('tab', { name: 'Overview' }).waitFor();
    await viewerPage.getByText('Deployment storefront').waitFor();
    assert.equal(await viewerPage.getByRole('button', { name: 'Shell' }).count(), 0);
    assert.equal(await viewerPage.getByRole('tab', { name: 'Shell' }).count(), 0);
    assert.equal(await viewerPage.getByRole('button', { name: 'Delete' }).count(), 0);
    // Asked for anyway, the shell tab is not there: the page falls back to the overview.
    await viewerPage.goto(`${harness.url}/clusters/pods-ui/pods/${namespace}/${pod}?tab=shell`);
    await viewerPage.getByRole('tab', { name: 'Overview', selected: true }).waitFor();
  } finally {
    await viewerPage.context().close();
  }
});

test('a Name header click sorts the list by the server, ascending then descending, and says so', async () => {
  await k('scale', 'deployment', 'storefront', '--replicas=3', '-n', namespace);
  await page.goto(`${harness.url}/pods?q=storefront`);
  await page
    .getByTestId('pods-count')
    .filter({ hasText: /Pods 1–3 of 3$/ })
    .waitFor({ timeout: 30_000 });
  const names = (
    JSON.parse(await k('get', 'pods', '-n', namespace, '-o', 'json')).items as {
      metadata: { name: string };
    }[]
  )
    .map((item) => item.metadata.name)
    .sort();
  const header = page.getByRole('columnheader', { name: 'Name', exact: true });
  const firstName = () =>
    page.getByTestId('pods-grid').locator('tbody tr').first().getByRole('link').textContent();
  await header.click();
  await page.waitForURL(/[?&]sort=name(&|$)/);
  await header.and(page.locator('[aria-sort=ascending]')).waitFor();
  await eventually('the first name first', async () => ((await firstName()) === names[0] ? true : undefined));
  await header.click();
  await page.waitForURL(/[?&]order=desc/);
  await header.and(page.locator('[aria-sort=descending]')).waitFor();
  await eventually('the last name first', async () => ((await firstName()) === names[2] ? true : undefined));
  // The rows are links to each pod's page, as on the first load.
  await page.getByTestId('pods-grid').getByRole('link', { name: names[1] }).click();
  await page.waitForURL(new RegExp(`/clusters/pods-ui/pods/${namespace}/${names[1]}$`));
});
