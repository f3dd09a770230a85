import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { checkPath } from './runner/session-home.ts';
import { drive, NOWHERE_KUBECONFIG, type ShellDriver, sessionId, testRunner } from './runner/shell-driver.ts';
import { type SessionRunner, TerminalFileError } from './session-runner.ts';

/**
 * Files in and out of a session's home: uploads belong to the shell's account and are seen by it;
 * paths that climb out, are absolute or pass through a link the shell made are refused with a reason.
 */
let runner: SessionRunner;
let workDir: string;
let dispose: () => Promise<void>;
let outside: string;
const SECRET = 'host-secret-that-must-stay-on-the-host';
before(async () => {
  ({ runner, workDir, dispose } = await testRunner());
  outside = await mkdtemp(path.join(os.tmpdir(), 'terminal-home-outside-'));
  await writeFile(path.join(outside, 'secret.txt'), SECRET);
});
after(async () => {
  await dispose();
  await rm(outside, { recursive: true, force: true });
});

const probe = await testRunner();
const reason = await probe.runner.unavailable();
await probe.dispose();
const skip = reason ? `skipped: this machine cannot run the sandbox (${reason})` : false;

let lastId = '';
const open = async (): Promise<ShellDriver> => {
  lastId = sessionId();
  const terminal = drive(
    await runner.start({
      sessionId: lastId,
      cluster: 'c1',
      kubeconfig: NOWHERE_KUBECONFIG,
      cols: 200,
      rows: 50,
    }),
  );
  await terminal.waitFor(/\$ $/);
  return terminal;
};

const refused = (status: number, pattern: RegExp) => (error: unknown) => {
  assert.ok(error instanceof TerminalFileError, String(error));
  assert.equal(error.status, status);
  assert.match(error.message, pattern);
  return true;
};

test('paths that are empty, absolute, climb out or hold empty folders are refused with the reason', () => {
  assert.deepEqual(checkPath('manifests/app.yaml'), ['manifests', 'app.yaml']);
  assert.deepEqual(checkPath('.kube/config'), ['.kube', 'config']);
  assert.throws(() => checkPath(''), refused(400, /a file path is needed/));
  assert.throws(() => checkPath('/etc/passwd'), refused(400, /"\/etc\/passwd" is absolute/));
  assert.throws(() => checkPath('../x'), refused(400, /"\.\.\/x" climbs out/));
  assert.throws(() => checkPath('a/../../x'), refused(400, /climbs out/));
  assert.throws(() => checkPath('a//b'), refused(400, /empty or "\." folder/));
  assert.throws(() => checkPath('./a'), refused(400, /empty or "\." folder/));
  assert.throws(() => checkPath('a\0b'), refused(400, /NUL/));
});

test("an upload lands in the shell's home, owned by its account, and comes back down", { skip }, async () => {
  const terminal = await open();
  try {
    const written = await terminal.shell.home.write('manifests/app.yaml', Buffer.from('kind: ConfigMap\n'));
    assert.equal(written.path, 'manifests/app.yaml');
    assert.equal(written.size, 16);
    const printed = await terminal.run(
      'cat manifests/app.yaml; stat -c "%U %a" manifests manifests/app.yaml',
    );
    assert.match(printed, /^kind: ConfigMap$/m);
    assert.match(printed, /^portolan 700$/m);
    assert.match(printed, /^portolan 600$/m);
    if (process.getuid?.() === 0) {
      const uid = Number((await terminal.run('id -u')).trim());
      assert.ok(uid > 0);
      const file = path.join(workDir, 'sessions', lastId, 'home', 'manifests', 'app.yaml');
      assert.equal((await stat(file)).uid, uid);
      assert.equal((await stat(path.dirname(file))).uid, uid);
    }
    await terminal.run('echo made-in-the-shell > out.txt');
    assert.equal((await terminal.shell.home.read('out.txt', 1024)).toString(), 'made-in-the-shell\n');
    const listed = (await terminal.shell.home.list(100)).map((file) => file.path);
    assert.deepEqual(listed, ['.bashrc', 'out.txt', '.kube/config', 'manifests/app.yaml']);
    assert.deepEqual(
      (await terminal.shell.home.list(2)).map((file) => file.path),
      ['.bashrc', 'out.txt'],
    );
  } finally {
    await terminal.shell.close();
  }
});

test('a missing file is 404 and one above the size asked is 413', { skip }, async () => {
  const terminal = await open();
  try {
    await assert.rejects(
      terminal.shell.home.read('nothing.yaml', 1024),
      refused(404, /"nothing\.yaml" does not exist/),
    );
    await terminal.run('head -c 5000 /dev/zero > big.bin');
    await assert.rejects(
      terminal.shell.home.read('big.bin', 4096),
      refused(413, /"big\.bin" is 5000 bytes, more than the 4096/),
    );
  } finally {
    await terminal.shell.close();
  }
});

test('links the shell made that point out of the home are refused, never followed', { skip }, async () => {
  const terminal = await open();
  try {
    await terminal.run(
      `ln -s ${outside} out; ln -s ${outside}/secret.txt secret-link; mkdir -p deep; ln -s / deep/root; mkfifo pipe`,
    );
    await assert.rejects(
      terminal.shell.home.read('secret-link', 1024),
      refused(400, /"secret-link" passes through "secret-link", which is a symbolic link/),
    );
    await assert.rejects(
      terminal.shell.home.read('out/secret.txt', 1024),
      refused(400, /passes through "out"/),
    );
    await assert.rejects(
      terminal.shell.home.read(`deep/root${outside}/secret.txt`, 1024),
      refused(400, /passes through "root"/),
    );
    await assert.rejects(
      terminal.shell.home.write('out/planted.txt', Buffer.from('x')),
      refused(400, /symbolic link/),
    );
    await assert.rejects(
      terminal.shell.home.write('secret-link', Buffer.from('x')),
      refused(400, /symbolic link/),
    );
    await assert.rejects(
      terminal.shell.home.read('pipe', 1024),
      refused(400, /"pipe" is not a regular file/),
    );
    await assert.rejects(terminal.shell.home.read('deep', 1024), refused(400, /not a regular file/));
    await assert.rejects(stat(path.join(outside, 'planted.txt')), { code: 'ENOENT' });
    const listed = (await terminal.shell.home.list(100)).map((file) => file.path);
    assert.deepEqual(listed, ['.bashrc', '.kube/config']);
  } finally {
    await terminal.shell.close();
  }
});

test('after the session ends its home is gone', { skip }, async () => {
  const terminal = await open();
  await terminal.shell.home.write('kept.txt', Buffer.from('x'));
  await terminal.shell.close();
  await assert.rejects(terminal.shell.home.read('kept.txt', 1024), refused(404, /session has ended/));
});
