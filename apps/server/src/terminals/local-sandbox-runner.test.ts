import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { findPtyBridge } from './runner/pty-bridge-binary.ts';
import { drive, NOWHERE_KUBECONFIG, sessionId, testRunner } from './runner/shell-driver.ts';
import type { SessionRunner } from './session-runner.ts';

/** The local sandbox runner's shell: output, input, resize, exit, close, and the tools it offers. */
let runner: SessionRunner;
let workDir: string;
let dispose: () => Promise<void>;
before(async () => {
  ({ runner, workDir, dispose } = await testRunner());
});
after(() => dispose());

const probe = await testRunner();
const reason = await probe.runner.unavailable();
await probe.dispose();
const skip = reason ? `skipped: this machine cannot run the sandbox (${reason})` : false;

const open = (cols = 100, rows = 30) =>
  runner
    .start({ sessionId: sessionId(), cluster: 'alpha-1', kubeconfig: NOWHERE_KUBECONFIG, cols, rows })
    .then(drive);

test('the runner says it is available on this machine', { skip }, async () => {
  assert.equal(await runner.unavailable(), undefined);
});

test("a command's output comes back, and the prompt names the cluster", { skip }, async () => {
  const terminal = await open();
  try {
    await terminal.waitFor(/alpha-1:~\$ $/);
    const printed = await terminal.run('echo "hello from $((40 + 2))"');
    assert.match(printed, /hello from 42/);
  } finally {
    await terminal.shell.close();
  }
});

test('the terminal starts at the asked size and a resize changes `stty size`', { skip }, async () => {
  const terminal = await open(100, 30);
  try {
    // The size after a word of its own: after a resize, readline redraws the command line and its
    // echo may run into the output (the command itself is sent base64-encoded, so it cannot match).
    assert.match(await terminal.run('echo "size=$(stty size)"'), /size=30 100$/m);
    terminal.shell.resize(57, 13);
    assert.match(await terminal.run('echo "size=$(stty size)"'), /size=13 57$/m);
  } finally {
    await terminal.shell.close();
  }
});

test("the shell's exit code is reported and its home removed", { skip }, async () => {
  const terminal = await open();
  try {
    const home = (await terminal.run('echo "home=$HOME"')).match(/home=(\/\S*)/)?.[1];
    assert.equal(home, '/home/portolan');
    assert.equal((await readdir(path.join(workDir, 'sessions'))).length, 1);
    terminal.shell.write('exit 7\n');
    assert.deepEqual(await terminal.exited, { code: 7, signal: null });
    assert.deepEqual(await readdir(path.join(workDir, 'sessions')), []);
  } finally {
    await terminal.shell.close();
  }
});

test('close ends everything the shell started, background jobs included, and removes the home', {
  skip,
}, async () => {
  const terminal = await open();
  const mark = `portolan-leftover-${process.pid}`;
  try {
    await terminal.run(
      `(exec -a ${mark} sleep 1000) & disown; (setsid bash -c 'exec -a ${mark} sleep 1000' &)`,
    );
    for (let i = 0; i < 50 && (await processesNamed(mark)).length < 2; i++) await sleep(50);
    assert.equal((await processesNamed(mark)).length, 2, 'both sleeps run before close');
  } finally {
    await terminal.shell.close();
  }
  assert.deepEqual(await processesNamed(mark), []);
  assert.deepEqual(await readdir(path.join(workDir, 'sessions')), []);
  assert.ok((await terminal.exited).code !== 0);
});

test('if the server goes away (the bridge loses its input), the program and its group end', {
  skip,
}, async () => {
  const mark = `portolan-orphan-${process.pid}`;
  const bridge = spawn(
    await findPtyBridge(process.env)(),
    ['--', 'bash', '-c', `exec -a ${mark} sleep 1000`],
    {
      stdio: ['pipe', 'ignore', 'ignore'],
    },
  );
  const exited = new Promise<number | null>((resolve) => bridge.on('exit', resolve));
  try {
    for (let i = 0; i < 50 && (await processesNamed(mark)).length === 0; i++) await sleep(20);
    assert.equal((await processesNamed(mark)).length, 1);
    bridge.stdin?.end();
    assert.equal(await exited, 128 + 9, 'the program was killed');
    assert.deepEqual(await processesNamed(mark), []);
  } finally {
    bridge.kill('SIGKILL');
  }
});

test('kubectl and helm are on PATH and point at the session kubeconfig', { skip }, async () => {
  const terminal = await open();
  try {
    const printed = await terminal.run(
      'command -v kubectl helm; kubectl version --client | head -1; helm version --short; kubectl config current-context',
    );
    assert.match(printed, /^\/opt\/portolan\/bin\/kubectl$/m);
    assert.match(printed, /^\/opt\/portolan\/bin\/helm$/m);
    assert.match(printed, /^Client Version: v1\.\d+/m);
    assert.match(printed, /^v4\.\d+/m);
    assert.match(printed, /^nowhere$/m);
  } finally {
    await terminal.shell.close();
  }
});

test('Tab completes kubectl and helm commands and uploaded file names at the prompt', { skip }, async () => {
  const terminal = await open();
  // Ctrl-U empties the line for the next try.
  const clear = () => terminal.shell.write('\x15');
  const type = async (keys: string, expect: RegExp) => {
    const from = terminal.output().length;
    terminal.shell.write(keys);
    await terminal.waitFor(expect, 10_000, from);
  };
  try {
    await terminal.waitFor(/\$ $/);
    await type('kubectl versi\t', /kubectl version $/);
    await type('--client=true | head -1\n', /Client Version: v1\.\d+[\s\S]*\$ $/);
    await type('helm rollb\t', /helm rollback $/);
    clear();
    await terminal.shell.home.write('manifests/web-app.yaml', Buffer.from('kind: ConfigMap\n'));
    await type('kubectl apply -f manif\t', /kubectl apply -f manifests\/$/);
    await type('we\t', /web-app\.yaml $/);
    clear();
  } finally {
    await terminal.shell.close();
  }
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('without bubblewrap the runner says to install it', async () => {
  const { runner: missing, dispose: done } = await testRunner({ bwrap: '/nonexistent/bwrap' });
  try {
    assert.match(
      (await missing.unavailable()) ?? '',
      /bubblewrap is not installed.*apt-get install bubblewrap/,
    );
  } finally {
    await done();
  }
});

test('a bubblewrap refused user namespaces says what to allow', async () => {
  const fake = await mkdtemp(path.join(os.tmpdir(), 'fake-bwrap-'));
  const bwrap = path.join(fake, 'bwrap');
  await writeFile(bwrap, '#!/bin/sh\necho "bwrap: setting up uid map: Permission denied" >&2\nexit 1\n', {
    mode: 0o755,
  });
  await chmod(fake, 0o755);
  const { runner: refusing, dispose: done } = await testRunner({ bwrap });
  try {
    const said = (await refusing.unavailable()) ?? '';
    assert.match(said, /setting up uid map: Permission denied/);
    assert.match(said, /allow unprivileged user namespaces/);
  } finally {
    await done();
    await rm(fake, { recursive: true, force: true });
  }
});

test('without the pty-bridge the runner says how to build it', async () => {
  const { runner: missing, dispose: done } = await testRunner({
    ptyBridge: findPtyBridge({ ...process.env, PORTOLAN_PTY_BRIDGE_BIN: '/nonexistent/pty-bridge' }),
  });
  try {
    assert.match(
      (await missing.unavailable()) ?? '',
      /PORTOLAN_PTY_BRIDGE_BIN=\/nonexistent\/pty-bridge .*bash scripts\/pty-bridge\.sh/,
    );
  } finally {
    await done();
  }
});

/** Host pids whose command line starts with `name` (argv[0] set with exec -a). */
async function processesNamed(name: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.startsWith(`${name}\0`)) found.push(Number(entry));
  }
  return found;
}
