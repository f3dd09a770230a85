/**
 * The web terminal's click-to-prompt time, in Chromium: a real Portolan server with the real
 * sandboxed runner, one sandbox cluster; each run loads the cluster's page, clicks "Terminal" and
 * waits until the shell's prompt is drawn in xterm.js and the tab says Connected.
 *
 *   node bench/console/terminal-page.ts [--runs 10] [--web-dir apps/web/dist]
 *
 * Prints p50/p95 (target < 1 s), with the open request's and the attach's share, and writes its
 * section of BENCHMARKS.md. Build the console first (bash scripts/setup.sh).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createSandboxManager, findSandboxBinaries } from '@portolan/sandbox';
import type { Browser } from 'playwright-core';
import { type Harness, startHarness } from '../../apps/server/src/testing/portolan-harness.ts';
import { createResults, percentile } from '../report.ts';
import { launchChromium, newPage, signInAsAdmin } from './chromium.ts';

const { values } = parseArgs({ options: { runs: { type: 'string' }, 'web-dir': { type: 'string' } } });
const runs = Number(values.runs ?? '10');
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const results = createResults(log);
const ms = (value: number) => `${Math.round(value)} ms`;

// The code between backquotes runs in the page (this file is type-checked without the DOM).

/** Notes when the Terminal button is pressed (capture phase: before React handles it). */
const MARK_CLICK = `document.addEventListener('pointerdown', (event) => {
  if (event.target.closest('[data-testid=cluster-terminal]')) window.__clickAt = performance.now();
}, true);
const PageSocket = window.WebSocket;
window.WebSocket = function (url, protocols) {
  const socket = new PageSocket(url, protocols);
  if (String(url).endsWith('/attach')) socket.addEventListener('open', () => { window.__attachedAt = performance.now(); });
  return socket;
};
window.WebSocket.prototype = PageSocket.prototype;
Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });`;

/** True once the newest tab says Connected and its terminal shows the prompt. */
const PROMPT_SHOWN = `(() => {
  const tabs = document.querySelectorAll('[data-testid=terminal-tab]');
  const tab = tabs[tabs.length - 1];
  if (!tab || tab.getAttribute('data-state') !== 'connected') return false;
  return (tab.querySelector('.xterm-rows')?.textContent ?? '').trim().length > 0;
})()`;

/** From the click: the prompt, the open request's answer, and the attach socket open (wrapped above). */
const TIMINGS = `(() => {
  const at = window.__clickAt;
  const open = performance.getEntriesByType('resource').find((entry) => /\\/clusters\\/[^/]+\\/terminals$/.test(entry.name));
  return { prompt: performance.now() - at, opened: open ? open.responseEnd - at : NaN, attached: window.__attachedAt - at };
})()`;

const binDir = await findSandboxBinaries();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-terminal-bench-'));
const sandboxes = createSandboxManager({ dataDir, binDir: async () => binDir });
let harness: Harness | undefined;
let browser: Browser | undefined;

async function endAll(server: Harness): Promise<void> {
  const open = await server.call<{ items: { id: string }[] }>('GET', '/api/v1/terminals');
  for (const session of open.body.items) await server.call('DELETE', `/api/v1/terminals/${session.id}`);
}

try {
  log('starting a sandbox cluster');
  const { sandbox } = await sandboxes.create({ name: 'terminal-bench', nodes: 1 });
  harness = await startHarness(values['web-dir'] ? { args: ['--web-dir', values['web-dir']] } : {});
  await harness.register('bench', sandbox.kubeconfigPath);
  browser = await launchChromium();
  const page = await newPage(browser);
  await page.addInitScript({ content: MARK_CLICK });
  await signInAsAdmin(page, harness.url);
  const prompt: number[] = [];
  const opened: number[] = [];
  const attached: number[] = [];
  for (let run = 0; run <= runs; run++) {
    await page.evaluate('sessionStorage.clear()');
    await page.goto(`${harness.url}/clusters/bench`);
    const button = page.getByTestId('cluster-terminal');
    await button.waitFor();
    await button.click();
    await page.waitForFunction(PROMPT_SHOWN, undefined, { polling: 'raf', timeout: 30_000 });
    const timing = (await page.evaluate(TIMINGS)) as { prompt: number; opened: number; attached: number };
    log(
      `run ${run}: prompt ${ms(timing.prompt)}, open answered ${ms(timing.opened)}, socket open ${ms(timing.attached)}`,
    );
    // Run 0 loads the dock's code into the browser's cache: reported on its own.
    if (run === 0) results.row('first click of a session (dock code not cached)', ms(timing.prompt));
    else {
      prompt.push(timing.prompt);
      opened.push(timing.opened);
      attached.push(timing.attached);
    }
    await endAll(harness);
  }
  results.row(`click → prompt, p50 over ${runs}`, ms(percentile(prompt, 50)), '< 1 s');
  results.row(`click → prompt, p95 over ${runs}`, ms(percentile(prompt, 95)), '< 1 s');
  results.row('of which: POST open answered, p50', ms(percentile(opened, 50)));
  results.row('of which: attach WebSocket open, p50', ms(percentile(attached, 50)));
  await results.publish(
    'Console: web terminal, click to prompt',
    `node bench/console/terminal-page.ts --runs ${runs}`,
  );
} finally {
  await browser?.close().catch(() => undefined);
  await harness?.stop({ removeData: true }).catch(() => undefined);
  for (const entry of await sandboxes.list()) await sandboxes.delete(entry.name).catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
}
