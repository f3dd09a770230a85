import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { processesOf } from './runner/session-accounts.ts';
import { drive, NOWHERE_KUBECONFIG, type ShellDriver, sessionId, testRunner } from './runner/shell-driver.ts';
import type { SessionRunner } from './session-runner.ts';

/**
 * What a terminal's shell cannot do: see Portolan's data directory or key, see or touch another
 * session, see or signal the server, write to the system, act as root or as the server, or go past
 * its limits. Each check runs the real command in a real sandbox.
 */
const KEY = 'portolan-test-key-material-0123456789';
const LIMITS = {
  fileSizeBytes: 1024 * 1024,
  processes: 24,
  memoryBytes: 64 * 1024 * 1024,
  tmpBytes: 2 * 1024 * 1024,
};

let runner: SessionRunner;
let workDir: string;
let dispose: () => Promise<void>;
let dataDir: string;
/** A data directory where a bound system folder would show it: the runner must hide it. */
let etcDataDir: string;
before(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-data-'));
  await writeFile(path.join(dataDir, 'key'), KEY, { mode: 0o600 });
  await writeFile(path.join(dataDir, 'portolan.db'), 'not really sqlite', { mode: 0o600 });
  etcDataDir = `/etc/portolan-runner-test-${process.pid}`;
  if (isRoot) {
    await mkdir(etcDataDir, { mode: 0o755 });
    await writeFile(path.join(etcDataDir, 'key'), KEY, { mode: 0o644 });
  }
  ({ runner, workDir, dispose } = await testRunner({ hide: [dataDir, etcDataDir], limits: LIMITS }));
});
after(async () => {
  await dispose();
  await rm(dataDir, { recursive: true, force: true });
  await rm(etcDataDir, { recursive: true, force: true });
});

const isRoot = process.getuid?.() === 0;
const probe = await testRunner();
const reason = await probe.runner.unavailable();
await probe.dispose();
const skip = reason ? `skipped: this machine cannot run the sandbox (${reason})` : false;
const skipUnlessRoot =
  skip || (isRoot ? false : 'skipped: the tests do not run as root, so sessions share their account');

const open = async (): Promise<ShellDriver> => {
  const terminal = drive(
    await runner.start({
      sessionId: sessionId(),
      cluster: 'c1',
      kubeconfig: NOWHERE_KUBECONFIG,
      cols: 200,
      rows: 50,
    }),
  );
  await terminal.waitFor(/\$ $/);
  return terminal;
};

test("Portolan's data directory and key file cannot be seen or read", { skip }, async () => {
  const terminal = await open();
  try {
    const printed = await terminal.run(
      `ls -la ${dataDir}; cat ${dataDir}/key; echo "in-tmp=$(ls -A /tmp | wc -l)"`,
    );
    assert.match(printed, new RegExp(`cannot access '${dataDir}': No such file or directory`));
    assert.match(printed, new RegExp(`${dataDir}/key: No such file or directory`));
    assert.doesNotMatch(printed, new RegExp(KEY));
    assert.match(printed, /^in-tmp=0$/m, 'the temporary folder is the sandbox’s own, empty');
  } finally {
    await terminal.shell.close();
  }
});

test('a data directory under /etc is hidden, not just unreadable', { skip: skipUnlessRoot }, async () => {
  const terminal = await open();
  try {
    const printed = await terminal.run(`ls -A ${etcDataDir} | wc -l; cat ${etcDataDir}/key`);
    assert.match(printed, /^0$/m, 'the folder is empty inside');
    assert.match(printed, new RegExp(`${etcDataDir}/key: No such file or directory`));
    assert.doesNotMatch(printed, new RegExp(KEY));
  } finally {
    await terminal.shell.close();
  }
});

test("a session cannot list or read another session's home", { skip }, async () => {
  const [first, second] = [await open(), await open()];
  try {
    await first.run('echo first-session-secret > mine.txt');
    const homes = await readdir(path.join(workDir, 'sessions'));
    assert.equal(homes.length, 2);
    const printed = await second.run(
      `echo "homes=$(ls -A /home)"; echo "mine=$(ls -A ~ | tr '\\n' ' ')"; ls ${workDir}/sessions; ${homes.map((id) => `cat ${workDir}/sessions/${id}/home/mine.txt`).join('; ')}`,
    );
    assert.match(printed, /^homes=portolan$/m, '/home holds only the session’s own home');
    assert.match(printed, /^mine=\.bashrc \.kube $/m, 'its home holds only its own files');
    assert.doesNotMatch(printed, /first-session-secret/);
    assert.match(printed, new RegExp(`cannot access '${workDir}/sessions': No such file or directory`));
    if (isRoot) {
      const [a, b] = await Promise.all(homes.map((id) => stat(path.join(workDir, 'sessions', id, 'home'))));
      assert.ok(a && b);
      assert.notEqual(a.uid, b.uid, 'each session has its own account');
      assert.equal(a.mode & 0o777, 0o700);
      assert.equal(b.mode & 0o777, 0o700);
    }
  } finally {
    await Promise.all([first.shell.close(), second.shell.close()]);
  }
});

test('the server cannot be seen or signalled, and ps shows only the sandbox', { skip }, async () => {
  const terminal = await open();
  try {
    const printed = await terminal.run(`kill -0 ${process.pid}; echo "kill=$?"; ps -e -o comm=`);
    assert.match(printed, /kill=1/);
    const names = printed
      .split('\n')
      .slice(printed.split('\n').findIndex((line) => line.startsWith('kill=')) + 1)
      .map((line) => line.trim())
      .filter(Boolean);
    // pty-bridge is the relay to Portolan's proxy.
    assert.deepEqual([...new Set(names)].sort(), ['bash', 'bwrap', 'ps', 'pty-bridge']);
  } finally {
    await terminal.shell.close();
  }
});

test('/usr, /etc and the tools cannot be written', { skip }, async () => {
  const terminal = await open();
  const name = `written-by-terminal-${process.pid}`;
  try {
    const printed = await terminal.run(
      `for dir in /usr /usr/local/bin /etc /opt/portolan/bin; do touch $dir/${name} || echo "refused $dir"; done`,
    );
    for (const dir of ['/usr', '/usr/local/bin', '/etc', '/opt/portolan/bin']) {
      assert.match(printed, new RegExp(`^refused ${dir}$`, 'm'));
    }
    for (const dir of ['/usr', '/usr/local/bin', '/etc']) {
      await assert.rejects(stat(path.join(dir, name)), { code: 'ENOENT' });
    }
  } finally {
    await terminal.shell.close();
  }
});

test("the shell runs neither as root nor as the server's account, with no capabilities", {
  skip: skipUnlessRoot,
}, async () => {
  const terminal = await open();
  try {
    const printed = await terminal.run(
      'echo "uid=$(id -u) user=$(id -un)"; grep -E "^Cap(Eff|Prm)" /proc/self/status',
    );
    const uid = Number(printed.match(/uid=(\d+)/)?.[1]);
    assert.ok(uid > 0 && uid !== process.getuid?.(), `uid ${uid}`);
    assert.match(printed, /user=portolan/);
    assert.match(printed, /^CapEff:\s+0+$/m);
    assert.match(printed, /^CapPrm:\s+0+$/m);
  } finally {
    await terminal.shell.close();
  }
});

test('the shell cannot make namespaces of its own (a step towards escaping)', { skip }, async () => {
  const terminal = await open();
  try {
    const printed = await terminal.run(
      'unshare --user --map-root-user true; echo "userns=$?"; unshare --mount true; echo "mountns=$?"',
    );
    assert.match(printed, /userns=[1-9]/);
    assert.match(printed, /mountns=[1-9]/);
  } finally {
    await terminal.shell.close();
  }
});

test("the shell reaches Portolan's proxy and no other service on the host's loopback", { skip }, async () => {
  const proxy = await listen((socket) => socket.pipe(socket));
  const etcd = await listen((socket) => socket.end('etcd-data-that-must-stay-private\n'));
  const terminal = drive(
    await runner.start({
      sessionId: sessionId(),
      cluster: 'c1',
      kubeconfig: kubeconfigFor(proxy.port),
      cols: 200,
      rows: 50,
    }),
  );
  try {
    await terminal.waitFor(/\$ $/);
    const through = await terminal.run(
      `exec 3<>/dev/tcp/127.0.0.1/${proxy.port} && echo "ping-$((6 * 7))" >&3 && head -1 <&3; exec 3<&-`,
    );
    assert.match(through, /^ping-42$/m, 'the proxy answers through the relay');
    const blocked = await terminal.run(
      `exec 4<>/dev/tcp/127.0.0.1/${etcd.port} && head -1 <&4; echo "etcd=$?"`,
    );
    assert.match(blocked, /Connection refused/);
    assert.doesNotMatch(blocked, /etcd-data-that-must-stay-private/);
  } finally {
    await terminal.shell.close();
    proxy.server.close();
    etcd.server.close();
  }
});

test("with network 'shared' the same loopback service is reachable (what the isolation above prevents)", {
  skip,
}, async () => {
  const etcd = await listen((socket) => socket.end('etcd-data-that-must-stay-private\n'));
  const shared = await testRunner({ network: 'shared' });
  const terminal = drive(
    await shared.runner.start({
      sessionId: sessionId(),
      cluster: 'c1',
      kubeconfig: kubeconfigFor(1999),
      cols: 200,
      rows: 50,
    }),
  );
  try {
    await terminal.waitFor(/\$ $/);
    const reached = await terminal.run(`exec 4<>/dev/tcp/127.0.0.1/${etcd.port} && head -1 <&4`);
    assert.match(reached, /etcd-data-that-must-stay-private/);
  } finally {
    await terminal.shell.close();
    etcd.server.close();
    await shared.dispose();
  }
});

test('a file bigger than the file-size limit cannot be written', { skip }, async () => {
  const terminal = await open();
  try {
    const printed = await terminal.run(
      'head -c 3145728 /dev/zero > big.bin; echo "size=$(stat -c %s big.bin)"',
    );
    assert.match(printed, /File size limit exceeded/);
    assert.equal(Number(printed.match(/size=(\d+)/)?.[1]), LIMITS.fileSizeBytes);
  } finally {
    await terminal.shell.close();
  }
});

test('/tmp, which lives in memory, fills up at its size', { skip }, async () => {
  const terminal = await open();
  try {
    const printed = await terminal.run(
      'for i in 1 2 3; do head -c 1048576 /dev/zero > /tmp/part-$i || echo "refused $i"; done',
    );
    assert.match(printed, /No space left on device/);
    // Two 1 MiB files fill the 2 MiB /tmp; the third has no room.
    assert.match(printed, /^refused 3$/m);
    assert.doesNotMatch(printed, /^refused [12]$/m);
  } finally {
    await terminal.shell.close();
  }
});

test('a program that asks for more memory than the limit is refused it', { skip }, async () => {
  const terminal = await open();
  try {
    // The subshell holds 100 MB of text; the limit is 64 MiB. The session's own shell survives.
    const printed = await terminal.run(
      '(x=$(head -c 100000000 /dev/zero | tr "\\0" a); echo "held $(printf %s "$x" | wc -c)"); echo "after=$?"',
    );
    assert.doesNotMatch(printed, /held 100000000/);
    assert.match(printed, /cannot allocate|xmalloc|xrealloc/);
    assert.match(printed, /after=[1-9]/);
  } finally {
    await terminal.shell.close();
  }
});

test('a fork bomb stops at the process limit and close still ends it', { skip: skipUnlessRoot }, async () => {
  const terminal = await open();
  const uid = Number((await terminal.run('id -u')).match(/^(\d+)$/m)?.[1]);
  try {
    terminal.shell.write('(bomb() { bomb | bomb & }; bomb) 2>/dev/null\n');
    let most = 0;
    for (let i = 0; i < 20; i++) {
      most = Math.max(most, (await processesOf(uid)).length);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(most <= LIMITS.processes, `${most} processes, more than the limit of ${LIMITS.processes}`);
    assert.ok(most >= LIMITS.processes - 4, `the bomb reached only ${most} processes: did it run?`);
  } finally {
    await terminal.shell.close();
  }
  assert.deepEqual(await processesOf(uid), []);
});

test('a program past its CPU-time limit is stopped', { skip }, async () => {
  const limited = await testRunner({ limits: { cpuSeconds: 1 } });
  const terminal = drive(
    await limited.runner.start({
      sessionId: sessionId(),
      cluster: 'c1',
      kubeconfig: NOWHERE_KUBECONFIG,
      cols: 200,
      rows: 50,
    }),
  );
  try {
    await terminal.waitFor(/\$ $/);
    const started = Date.now();
    const printed = await terminal.run('bash -c "while :; do :; done"; echo "spin=$?"', 15_000);
    assert.match(printed, /CPU time limit exceeded/);
    assert.match(printed, /spin=152/, 'SIGXCPU ended it');
    assert.ok(Date.now() - started < 10_000);
  } finally {
    await terminal.shell.close();
    await limited.dispose();
  }
});

test('the limits are set as configured', { skip }, async () => {
  const terminal = await open();
  try {
    const printed = await terminal.run(
      'echo "cpu=$(ulimit -t) data=$(ulimit -d) fsize=$(ulimit -f) nproc=$(ulimit -u)"',
    );
    assert.match(printed, /cpu=600 /);
    assert.match(printed, new RegExp(`data=${LIMITS.memoryBytes / 1024} `));
    assert.match(printed, new RegExp(`fsize=${LIMITS.fileSizeBytes / 1024}`));
    if (isRoot) assert.match(printed, new RegExp(`nproc=${LIMITS.processes}`));
  } finally {
    await terminal.shell.close();
  }
});

/** A TCP server on the host's loopback. */
async function listen(
  onConnection: (socket: net.Socket) => void,
): Promise<{ server: net.Server; port: number }> {
  const server = net.createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as net.AddressInfo).port };
}

function kubeconfigFor(port: number): string {
  return NOWHERE_KUBECONFIG.replace('https://127.0.0.1:1999', `https://127.0.0.1:${port}`);
}
