import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

// The real server as a person starts it (main.ts), its console output read as they would read it.
const MAIN = path.join(import.meta.dirname, 'main.ts');

interface Running {
  child: ChildProcess;
  lines: () => string[];
  dataDir: string;
}

async function startServer(extraArgs: string[]): Promise<Running> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-startup-'));
  // No PORTOLAN_ settings from the test's environment: the first start makes its own administrator.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('PORTOLAN_')));
  const child = spawn(
    process.execPath,
    [
      MAIN,
      '--port',
      '0',
      '--proxy-port',
      '0',
      '--data-dir',
      dataDir,
      '--recover-sandboxes',
      'false',
      ...extraArgs,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  // Node's own warnings go to stderr; shown when start-up fails.
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const lines = () => output.split('\n').filter(Boolean);
  const deadline = Date.now() + 30_000;
  while (!/Sign in at/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the server did not start:\n${output}${errors}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // The password line follows the others.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { child, lines, dataDir };
}

async function stopServer(server: Running): Promise<void> {
  server.child.kill('SIGTERM');
  await new Promise((resolve) => server.child.once('exit', resolve));
  await rm(server.dataDir, { recursive: true, force: true });
}

test('the console output is plain lines: where to sign in, the first password, where data lives; no line per request', async () => {
  const server = await startServer([]);
  try {
    const lines = server.lines();
    assert.ok(
      lines.every((line) => !line.trimStart().startsWith('{')),
      `no JSON lines:\n${lines.join('\n')}`,
    );
    const signIn = lines.join('\n').match(/Sign in at (http:\/\/127\.0\.0\.1:\d+\/)/);
    assert.ok(signIn, lines.join('\n'));
    const url = signIn[1] as string;
    assert.ok(
      lines.some((line) => line.includes(`SQLite in ${path.join(server.dataDir, 'portolan.db')}`)),
      'says where the data lives',
    );
    const password = lines.join('\n').match(/user "admin", password (\S+) \(shown only this once/)?.[1];
    assert.ok(password, `the first administrator's password is shown:\n${lines.join('\n')}`);

    // The printed password signs in.
    const login = await fetch(`${url}api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    assert.equal(login.status, 200);

    // Health polls and requests write nothing at the default level.
    const before = server.lines().length;
    for (let i = 0; i < 5; i++) assert.equal((await fetch(`${url}healthz`)).status, 200);
    assert.equal((await fetch(`${url}api/v1/clusters`)).status, 401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(server.lines().slice(before), []);
  } finally {
    await stopServer(server);
  }
});

test('--log-format json keeps one JSON object a line for machines, requests at debug level', async () => {
  const server = await startServer(['--log-format', 'json', '--log-level', 'debug']);
  try {
    const url = server
      .lines()
      .join('\n')
      .match(/Sign in at (http:\/\/[^\s"]+)/)?.[1] as string;
    assert.equal((await fetch(`${url}healthz`)).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const records = server
      .lines()
      .map((line) => JSON.parse(line) as { level: number; msg: string; status?: number });
    assert.ok(records.some((record) => record.msg.startsWith('Portolan is running')));
    assert.ok(
      records.some((record) => record.level === 20 && record.msg === 'GET /healthz' && record.status === 200),
    );
  } finally {
    await stopServer(server);
  }
});
