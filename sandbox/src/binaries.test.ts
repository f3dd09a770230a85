import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { findMetricsServer } from './binaries.ts';

const dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-binaries-'));
// `go env` (run by the build script) may still be writing Go's telemetry files under HOME when the
// tests end, so removing the directory retries instead of failing on ENOTEMPTY.
after(() => rm(dir, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 }));

describe('finding metrics-server', () => {
  test('PORTOLAN_METRICS_SERVER_BIN wins, and a wrong one is named with what to do', async () => {
    const binary = path.join(dir, 'ms-from-env');
    await writeFile(binary, '');
    assert.deepEqual(await findMetricsServer(dir, { PORTOLAN_METRICS_SERVER_BIN: binary }), { binary });

    const wrong = await findMetricsServer(dir, { PORTOLAN_METRICS_SERVER_BIN: path.join(dir, 'nothing') });
    assert.equal(wrong.binary, undefined);
    assert.match(
      wrong.missing ?? '',
      /PORTOLAN_METRICS_SERVER_BIN=.*nothing is not a file; run `bash sandbox\/metrics-server\/build.sh`/,
    );
  });

  test('one next to the sandbox binaries is found without the variable', async () => {
    const binDir = path.join(dir, 'bin');
    await rm(binDir, { recursive: true, force: true });
    await mkdir(binDir);
    await writeFile(path.join(binDir, 'metrics-server'), '');
    assert.deepEqual(await findMetricsServer(binDir, {}), { binary: path.join(binDir, 'metrics-server') });
  });

  test('without a build it says how to make one, and builds nothing', async () => {
    const started = Date.now();
    // An empty cache root: the build script's --cached-only finds nothing there.
    const found = await findMetricsServer(path.join(dir, 'empty'), {
      PATH: process.env.PATH,
      HOME: dir,
      PORTOLAN_CACHE_DIR: path.join(dir, 'cache'),
    });
    assert.equal(found.binary, undefined);
    assert.match(found.missing ?? '', /bash sandbox\/metrics-server\/build\.sh/);
    assert.ok(Date.now() - started < 10_000, 'it did not build');
  });
});
