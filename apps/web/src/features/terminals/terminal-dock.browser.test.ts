import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually, kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';
import { deploymentWithRunningPod } from '../../testing/running-pod.ts';
import {
  openFromTopBar,
  run,
  screenText,
  terminalTab,
  waitForPrompt,
  waitForScreen,
} from './testing/terminal-driver.ts';

// A real server serving the built console, with the real sandboxed runner: each terminal is a shell
// with kubectl pointed at a shared sandbox cluster through Portolan's proxy, driven in Chromium.
const shared = sharedSandboxes();
const sandbox = shared.clusters[0];
const CLUSTER = 'term-dock';
const namespace = uniqueNamespace('term-dock');
const k = (...args: string[]) => kubectlOk(shared.binDir, sandbox?.kubeconfig ?? '', args);
let harness: Harness;
let browser: Browser;
let page: Page;
let pod: string;
/** The attach sockets the page has open, so a test can drop one as a network blip would. */
const sockets: { page: WebSocketRoute; server: WebSocketRoute }[] = [];

before(async () => {
  requireBuiltConsole();
  assert.ok(sandbox, 'the test runner starts shared sandboxes');
  pod = await deploymentWithRunningPod(k, namespace, 'lighthouse');
  harness = await startHarness();
  await harness.register(CLUSTER, sandbox.kubeconfig);
  browser = await launchBrowser();
  page = await openPage(browser, { locale: 'en' });
  await page.routeWebSocket(/\/api\/v1\/terminals\/[^/]+\/attach/, (socket) => {
    sockets.push({ page: socket, server: socket.connectToServer() });
  });
});

after(async () => {
  await browser?.close();
  await harness?.stop({ removeData: true });
  if (sandbox) await k('delete', 'namespace', namespace, '--wait=false').catch(() => undefined);
});

test('a terminal opened from the cluster page runs kubectl as the user and lists a real pod', async () => {
  await signIn(page, harness.url);
  await page.goto(`${harness.url}/clusters/${CLUSTER}`);
  await page.getByTestId('cluster-terminal').click();
  const tab = terminalTab(page);
  await tab.locator('[data-testid=terminal-state]', { hasText: /Opening…|Connecting…|Connected/ }).waitFor();
  await waitForPrompt(page);
  await run(page, 'kubectl get pods -A');
  await waitForScreen(page, pod);
  // The tab names the cluster, with a status dot that says Connected.
  await page.locator('.ant-tabs-tab', { hasText: CLUSTER }).locator('.ant-badge-status-success').waitFor();
  // Moving to another page keeps the terminal and its session.
  await page.getByRole('link', { name: 'Overview' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  assert.ok((await screenText(page)).includes(pod), 'the terminal kept its output across pages');
});

test('a dropped WebSocket reconnects to the same shell, its output shown once', async () => {
  await run(page, 'export PORTOLAN_MARK=blue; echo "mark-$((40+2))"');
  await waitForScreen(page, 'mark-42');
  const before = sockets.length;
  const current = sockets.at(-1);
  assert.ok(current, 'the page attached through the route');
  // A network blip: the socket closes without the server ending the session.
  await current.page.close({ code: 4000, reason: 'network blip' });
  await current.server.close();
  await terminalTab(page)
    .locator('[data-testid=terminal-state]', { hasText: /Reconnecting \(attempt 1/ })
    .waitFor();
  await waitForPrompt(page);
  assert.ok(sockets.length > before, 'a new attach socket');
  await run(page, 'echo "still-$PORTOLAN_MARK"');
  await waitForScreen(page, 'still-blue');
  // The screen was cleared before the scrollback came back: the earlier output is there once.
  const shown = await screenText(page);
  assert.equal(shown.split('mark-42').length - 1, 1, shown);
});

test('two terminals at once are independent, and a reload re-attaches to both', async () => {
  await openFromTopBar(page, CLUSTER);
  await waitForPrompt(page, 1);
  assert.equal(await page.locator('.ant-tabs-tab', { hasText: CLUSTER }).count(), 2);
  await run(page, 'export PORTOLAN_MARK=green; echo "second-$((1+1))"', 1);
  await waitForScreen(page, 'second-2', 1);

  const sessions = async () => [
    await terminalTab(page, 0).getAttribute('data-session'),
    await terminalTab(page, 1).getAttribute('data-session'),
  ];
  const before = await sessions();
  assert.notEqual(before[0], before[1]);

  // xterm.js draws only the tab on show, so each tab is looked at while it is the one shown.
  await page.reload();
  await waitForPrompt(page, 0);
  await run(page, 'echo "first-is-$PORTOLAN_MARK"', 0);
  await waitForScreen(page, 'first-is-blue', 0);
  assert.ok(
    !(await screenText(page, 0)).includes('second-2'),
    'the first tab did not get the second’s output',
  );
  await page.locator('.ant-tabs-tab', { hasText: CLUSTER }).nth(1).click();
  await waitForPrompt(page, 1);
  await waitForScreen(page, 'second-2', 1);
  await run(page, 'echo "second-is-$PORTOLAN_MARK"', 1);
  await waitForScreen(page, 'second-is-green', 1);
  // The same two sessions as before the reload, not new ones, and no other open.
  assert.deepEqual(await sessions(), before);
  const open = await harness.call<{ items: { id: string }[] }>('GET', '/api/v1/terminals');
  assert.deepEqual(open.body.items.map((item) => item.id).sort(), [...before].sort());
});

// The second tab is the one shown now.
test('a file uploaded into the home is there for kubectl, and the home’s files download', async () => {
  const manifest = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: uploaded\n  namespace: ${namespace}\ndata:\n  colour: teal\n`;
  await terminalTab(page, 1)
    .getByTestId('terminal-upload')
    .setInputFiles({ name: 'uploaded.yaml', mimeType: 'application/yaml', buffer: Buffer.from(manifest) });
  await page.getByText('uploaded.yaml is in the home folder: ~/uploaded.yaml').waitFor();
  await run(
    page,
    `kubectl apply -f ~/uploaded.yaml && kubectl get configmap uploaded -n ${namespace} -o jsonpath="{.data.colour}-ok"`,
    1,
  );
  await waitForScreen(page, 'teal-ok', 1);
  assert.equal(
    await k('get', 'configmap', 'uploaded', '-n', namespace, '-o', 'jsonpath={.data.colour}'),
    'teal',
  );

  await run(page, 'kubectl get ns -o name > namespaces.txt', 1);
  await terminalTab(page, 1).getByRole('button', { name: 'Download' }).click();
  const files = page.getByRole('dialog', { name: /Files in the home of the terminal on/ });
  const link = files.getByRole('link', { name: 'namespaces.txt' });
  await link.waitFor();
  const download = await Promise.all([page.waitForEvent('download'), link.click()]).then(([event]) => event);
  const text = await download.createReadStream().then(async (stream) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  });
  assert.match(text, new RegExp(`namespace/${namespace}`));
  await files.getByRole('button', { name: 'Close' }).first().click();
});

/** The shell's own idea of its size (rows, columns), asked with a marker so each answer is told apart. */
async function shellSize(marker: string, index: number): Promise<[number, number]> {
  await run(page, `echo "${marker}-$(stty size | tr ' ' x)"`, index);
  const shown = await waitForScreen(page, new RegExp(`${marker}-\\d+x\\d+`), index);
  const [, rows, cols] = shown.match(new RegExp(`${marker}-(\\d+)x(\\d+)`)) ?? [];
  return [Number(rows), Number(cols)];
}

test('dragging the dock taller, or maximising it, tells the shell its new size', async () => {
  const [rows] = await shellSize('before', 1);
  const handle = await page.getByTestId('terminal-dock-handle').boundingBox();
  assert.ok(handle);
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2, handle.y - 150, { steps: 5 });
  await page.mouse.up();
  const [taller] = await shellSize('dragged', 1);
  assert.ok(taller >= rows + 6, `${rows} rows, then ${taller} after dragging 150 px up`);
  await page.getByRole('button', { name: 'Maximise' }).click();
  const [maximised] = await shellSize('maximised', 1);
  assert.ok(maximised > taller, `${taller} rows, then ${maximised} maximised`);
  await page.getByRole('button', { name: 'Restore the height' }).click();
  await page.getByRole('button', { name: 'Minimise' }).click();
  assert.equal(await terminalTab(page, 1).isVisible(), false, 'minimised to its tab bar');
  await page.getByRole('button', { name: 'Restore' }).click();
  await terminalTab(page, 1).waitFor();
});

test('attached from another window, the first says so and takes it back with "Attach here"', async () => {
  const sessionId = await terminalTab(page, 1).getAttribute('data-session');
  const cluster = await terminalTab(page, 1).getAttribute('data-cluster');
  // Another window of the same browser that remembers the session (as a reload would) attaches to it.
  const other = await page.context().newPage();
  try {
    await other.addInitScript(([key, value]) => sessionStorage.setItem(key, value), [
      'portolan.terminals',
      JSON.stringify([{ id: sessionId, cluster }]),
    ] as const);
    await other.goto(`${harness.url}/clusters/${CLUSTER}`);
    await waitForPrompt(other);
    const notice = terminalTab(page, 1).getByText('This session was attached in another window');
    await notice.waitFor();
    await terminalTab(page, 1)
      .getByTestId('terminal-state')
      .filter({ hasText: 'Attached elsewhere' })
      .waitFor();
    await terminalTab(page, 1).getByRole('button', { name: 'Attach here' }).click();
    await waitForPrompt(page, 1);
    await terminalTab(other)
      .getByTestId('terminal-state')
      .filter({ hasText: 'Attached elsewhere' })
      .waitFor();
    await run(page, 'echo "back-$PORTOLAN_MARK"', 1);
    await waitForScreen(page, 'back-green', 1);
  } finally {
    await other.close();
  }
});

test('closing a tab asks first, naming the cluster, then ends its session', async () => {
  const sessionId = await terminalTab(page, 1).getAttribute('data-session');
  assert.ok(sessionId);
  await page.locator('.ant-tabs-tab', { hasText: CLUSTER }).nth(1).locator('.ant-tabs-tab-remove').click();
  const confirm = page.getByRole('dialog', { name: `End the terminal on ${CLUSTER}?` });
  await confirm.waitFor();
  await confirm.getByRole('button', { name: 'End the session' }).click();
  await eventually('the tab to go', async () =>
    (await page.locator('[data-testid=terminal-tab]').count()) === 1 ? true : undefined,
  );
  await eventually('the session to end', async () => {
    const history = await harness.call<{ items: { id: string; endReason: string | null }[] }>(
      'GET',
      '/api/v1/terminals/history',
    );
    return history.body.items.find((item) => item.id === sessionId)?.endReason === 'closed'
      ? true
      : undefined;
  });
});
