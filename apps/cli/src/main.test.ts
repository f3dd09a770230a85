import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';

const main = path.join(import.meta.dirname, 'main.ts');
const dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-cli-main-'));
after(() => rm(dir, { recursive: true, force: true }));

/** The real CLI in its own process; TMPDIR keeps its trace file in this test's directory. */
function cli(args: string[], env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [...nodeArgs, main, ...args],
      { env: { ...process.env, TMPDIR: dir, PORTOLAN_DEBUG: '', ...env }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function assertOneLine(stderr: string) {
  assert.equal(stderr.trimEnd().split('\n').length, 1, `one line:\n${stderr}`);
  assert.doesNotMatch(stderr, /^\s+at /m, 'no stack trace');
  assert.doesNotMatch(stderr, /Node\.js v\d+/, "not Node's crash report");
}

describe('the CLI turns unexpected errors into one line', () => {
  test('a failure no command expected: one line naming the sandbox logs and the trace file, exit 1', async () => {
    // A data directory that is a file: creating the sandboxes folder fails with ENOTDIR.
    const notADirectory = path.join(dir, 'data-file');
    await writeFile(notADirectory, 'not a directory');
    const result = await cli(['sandbox', 'create', 'demo'], { PORTOLAN_DATA_DIR: notADirectory });
    assert.equal(result.code, 1, result.stderr);
    assertOneLine(result.stderr);
    assert.match(result.stderr, /^error: unexpected failure: ENOTDIR/);
    assert.ok(
      result.stderr.includes(path.join(notADirectory, 'sandboxes', 'demo', 'logs')),
      'it names the sandbox logs folder',
    );
    const traceFile = path.join(dir, 'portolan-cli-errors.log');
    assert.ok(result.stderr.includes(traceFile), 'it names the trace file');
    assert.match(await readFile(traceFile, 'utf8'), /portolan sandbox create demo\n.*ENOTDIR[\s\S]*\n\s+at /);
  });

  test('an unhandled rejection while a command runs is one line too', async () => {
    // A server that accepts and never answers keeps `portolan clusters` waiting when the stray
    // rejection (here from a preloaded module) arrives.
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const stray = `data:text/javascript,setTimeout(() => Promise.reject(new Error('stray rejection')), 300)`;
    try {
      const result = await cli(['clusters'], { PORTOLAN_SERVER: `http://127.0.0.1:${port}` }, [
        '--import',
        stray,
      ]);
      assert.equal(result.code, 1, result.stderr);
      assertOneLine(result.stderr);
      assert.match(result.stderr, /^error: unexpected failure: stray rejection; the full trace is in /);
    } finally {
      silent.close();
    }
  });

  test('--debug or PORTOLAN_DEBUG=1 prints the trace as well', async () => {
    const notADirectory = path.join(dir, 'data-file');
    await writeFile(notADirectory, 'not a directory');
    for (const [args, env] of [
      [['sandbox', 'create', 'demo', '--debug'], {}],
      [['sandbox', 'create', 'demo'], { PORTOLAN_DEBUG: '1' }],
    ] as const) {
      const result = await cli([...args], { PORTOLAN_DATA_DIR: notADirectory, ...env });
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^error: unexpected failure: ENOTDIR.*\n.*ENOTDIR[\s\S]*\n\s+at /);
    }
  });
});
