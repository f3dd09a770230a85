/**
 * Web terminal benchmark (issue 13), against a sandbox cluster and the real local sandbox runner:
 * - time from POST open to the first byte of the prompt over the attach WebSocket ("click to
 *   prompt"), for terminals opened one after another;
 * - that many terminals open at once: the server's resident memory growth, and the memory of the
 *   sessions' processes (pty-bridge, prlimit, bwrap, bash) read from /proc: RSS summed (shared pages
 *   counted once per process) and PSS summed (shared pages split between their users).
 *
 *   node bench/terminal.bench.ts [--opens 20] [--concurrent 20]
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { TerminalSession } from '@portolan/api';
import { createSandboxManager, findSandboxBinaries } from '@portolan/sandbox';
import WebSocket from 'ws';
import { startHarness } from '../apps/server/src/testing/portolan-harness.ts';
import { createResults, mib, percentile } from './report.ts';

const { values } = parseArgs({
  options: { opens: { type: 'string', default: '20' }, concurrent: { type: 'string', default: '20' } },
});
const OPENS = Number(values.opens);
const CONCURRENT = Number(values.concurrent);
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const results = createResults(log);

type Harness = Awaited<ReturnType<typeof startHarness>>;

/** Opens a terminal and attaches: milliseconds to the first output byte, and the socket kept open. */
async function openToPrompt(
  harness: Harness,
  cluster: string,
): Promise<{ ms: number; id: string; socket: WebSocket }> {
  const started = performance.now();
  const response = await fetch(`${harness.url}/api/v1/clusters/${cluster}/terminals`, {
    method: 'POST',
    headers: { ...harness.headers, 'content-type': 'application/json' },
    body: '{}',
  });
  if (response.status !== 201)
    throw new Error(`opening a terminal answered ${response.status}: ${await response.text()}`);
  const session = (await response.json()) as TerminalSession;
  const socket = new WebSocket(
    `${harness.url.replace(/^http/, 'ws')}/api/v1/terminals/${session.id}/attach`,
    {
      headers: harness.headers,
    },
  );
  const ms = await new Promise<number>((resolve, reject) => {
    socket.on('message', (_data, isBinary) => {
      if (isBinary) resolve(performance.now() - started);
    });
    socket.once('error', reject);
    socket.once('close', (code) => reject(new Error(`the terminal closed (${code}) before its prompt`)));
  });
  return { ms, id: session.id, socket };
}

async function end(harness: Harness, opened: { id: string; socket: WebSocket }): Promise<void> {
  opened.socket.removeAllListeners('close');
  opened.socket.close();
  await harness.call('DELETE', `/api/v1/terminals/${opened.id}`);
}

/** The sessions' processes: each pty bridge under this process, with everything below it, from /proc. */
async function sessionProcesses(): Promise<number[]> {
  const children = new Map<number, number[]>();
  const commands = new Map<number, string>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // The command may hold spaces and parentheses: the parent pid is the 2nd field after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!Number.isFinite(ppid)) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    commands.set(Number(entry), await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => ''));
  }
  const below = (root: number): number[] =>
    (children.get(root) ?? []).flatMap((child) => [child, ...below(child)]);
  // The sandbox cluster's own processes are children of this process too: only bridges and below count.
  const bridges = below(process.pid).filter((pid) =>
    (commands.get(pid) ?? '').split('\0')[0]?.endsWith('pty-bridge'),
  );
  return bridges.flatMap((bridge) => [bridge, ...below(bridge)]);
}

/** A process's RSS and PSS in bytes (0 when it has gone). */
async function memoryOf(pid: number): Promise<{ rss: number; pss: number }> {
  const text = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8').catch(() => '');
  const kib = (field: string) =>
    Number(text.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0) * 1024;
  return { rss: kib('Rss'), pss: kib('Pss') };
}

const binDir = await findSandboxBinaries();
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-terminal-bench-'));
const sandboxes = createSandboxManager({ dataDir, binDir: async () => binDir });
let harness: Harness | undefined;
try {
  const sandbox = (await sandboxes.create({ name: 'term-bench', nodes: 1 })).sandbox;
  harness = await startHarness({
    args: [
      '--log-level',
      'fatal',
      '--terminal-max-per-user',
      String(Math.max(CONCURRENT, 5)),
      '--terminal-max-per-replica',
      String(Math.max(CONCURRENT, 50)),
    ],
  });
  await harness.register('term-bench', sandbox.kubeconfigPath);
  const problem = await harness.portolan.terminals.unavailable();
  if (problem) throw new Error(`terminals cannot run here: ${problem}`);
  // The first open prepares the runner (finds or builds the pty bridge, links kubectl and helm).
  await end(harness, await openToPrompt(harness, 'term-bench'));

  const times: number[] = [];
  for (let i = 0; i < OPENS; i++) {
    const opened = await openToPrompt(harness, 'term-bench');
    times.push(opened.ms);
    await end(harness, opened);
  }
  results.row(
    `POST open → first prompt byte over the WebSocket, one at a time (${OPENS})`,
    `p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`,
    'p95 < 1 s',
  );

  global.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const open = await Promise.all(
    Array.from({ length: CONCURRENT }, () => openToPrompt(harness as Harness, 'term-bench')),
  );
  const allReady = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const rssAfter = process.memoryUsage().rss;
  const pids = await sessionProcesses();
  const memory = await Promise.all(pids.map(memoryOf));
  const rss = memory.reduce((sum, m) => sum + m.rss, 0);
  const pss = memory.reduce((sum, m) => sum + m.pss, 0);
  const concurrentTimes = open.map((opened) => opened.ms);
  results.row(
    `${CONCURRENT} opened at once: each to its first prompt byte`,
    `p50 ${percentile(concurrentTimes, 50).toFixed(0)} ms, p95 ${percentile(concurrentTimes, 95).toFixed(0)} ms; all in ${allReady.toFixed(0)} ms`,
  );
  results.row(
    `${CONCURRENT} open at once: the server's RSS growth`,
    `${mib(rssAfter - rssBefore)} (${mib(rssBefore)} → ${mib(rssAfter)})`,
  );
  results.row(
    `${CONCURRENT} open at once: the sessions' ${pids.length} processes, RSS summed`,
    `${mib(rss)} (${mib(rss / CONCURRENT)} a session)`,
  );
  results.row(
    `${CONCURRENT} open at once: the same processes, PSS summed`,
    `${mib(pss)} (${mib(pss / CONCURRENT)} a session)`,
  );
  await Promise.all(open.map((opened) => end(harness as Harness, opened)));
  await results.publish(
    'Web terminals',
    `node bench/terminal.bench.ts --opens ${OPENS} --concurrent ${CONCURRENT}`,
  );
} finally {
  await harness?.stop({ removeData: true }).catch(() => undefined);
  for (const sandbox of await sandboxes.list()) await sandboxes.delete(sandbox.name).catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
}
