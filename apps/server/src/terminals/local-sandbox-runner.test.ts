import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
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
    assert.match(await terminal.run('stty size'), /^30 100$/m);
    terminal.shell.resize(57, 13);
    assert.match(await terminal.run('stty size'), /^13 57$/m);
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
  await terminal.run(
    `(exec -a ${mark} sleep 1000) & disown; (setsid bash -c 'exec -a ${mark} sleep 1000' &)`,
  );
  assert.equal((await processesNamed(mark)).length, 2, 'both sleeps run before close');
  await terminal.shell.close();
  assert.deepEqual(await processesNamed(mark), []);
  assert.deepEqual(await readdir(path.join(workDir, 'sessions')), []);
  assert.ok((await terminal.exited).code !== 0);
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

test('Tab completes kubectl and helm commands at the prompt', { skip }, async () => {
  const terminal = await open();
  try {
    await terminal.waitFor(/\$ $/);
    terminal.shell.write('kubectl versi\t');
    await terminal.waitFor(/kubectl version $/);
    terminal.shell.write('--client=true | head -1\n');
    await terminal.waitFor(/Client Version/);
    await terminal.waitFor(/\$ $/);
    terminal.shell.write('helm rollb\t');
    await terminal.waitFor(/helm rollback $/);
    terminal.shell.write('\x03');
    // An uploaded manifest completes after -f.
    await terminal.shell.home.write('manifests/web-app.yaml', Buffer.from('kind: ConfigMap\n'));
    terminal.shell.write('kubectl apply -f manif\t');
    await terminal.waitFor(/kubectl apply -f manifests\/$/);
    terminal.shell.write('we\t');
    await terminal.waitFor(/kubectl apply -f manifests\/web-app\.yaml $/);
    terminal.shell.write('\x03');
  } finally {
    await terminal.shell.close();
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
