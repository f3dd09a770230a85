import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SandboxError } from './errors.ts';
import { DEFAULT_VERSION, ensureVersion, listVersions } from './versions.ts';

const cache = await mkdtemp(path.join(os.tmpdir(), 'portolan-versions-'));
// The build script's `go env` may still be writing Go's telemetry files under HOME when the tests end.
after(() => rm(cache, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 }));
const env = { PATH: process.env.PATH ?? '', HOME: cache, PORTOLAN_CACHE_DIR: cache };
const script = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'versions', 'build.sh');

test('the catalogue lists three versions newest first, v1.37.2 the default, none built in an empty cache', async () => {
  const versions = await listVersions(env);
  assert.deepEqual(
    versions.map((entry) => [entry.version, entry.minor, entry.built, entry.default]),
    [
      ['v1.37.2', '1.37', false, true],
      ['v1.36.3', '1.36', false, false],
      ['v1.36.1', '1.36', false, false],
    ],
  );
  assert.equal(DEFAULT_VERSION, 'v1.37.2');
});

test('the main build in the cache makes the default version built; a half-done one does not', async () => {
  await mkdir(path.join(cache, 'sandbox', 'kube-v1.37.2-abc.partial'), { recursive: true });
  assert.equal((await listVersions(env))[0]?.built, false);
  await mkdir(path.join(cache, 'sandbox', 'kube-v1.37.2-abc'), { recursive: true });
  await writeFile(path.join(cache, 'sandbox', 'kube-v1.37.2-abc', 'versions.json'), '{}');
  assert.equal((await listVersions(env))[0]?.built, true);
});

test('a version outside the catalogue is refused naming the field and the choices', async () => {
  await assert.rejects(
    ensureVersion('v1.20.0', () => {}, env),
    (error: unknown) =>
      error instanceof SandboxError &&
      /^version: "v1.20.0".*v1\.37\.2, v1\.36\.3, v1\.36\.1/.test(error.message),
  );
});

test('the version build script refuses a bad argument and, cached-only, says a version is not built', async () => {
  const run = (args: string[]) =>
    new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile('bash', [script, ...args], { env }, (error, _stdout, stderr) =>
        resolve({ code: error && typeof error.code === 'number' ? error.code : 0, stderr }),
      ),
    );
  const bad = await run(['1.36']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /give a version such as v1\.36\.1/);
  const missing = await run(['v1.36.1', '--cached-only']);
  assert.equal(missing.code, 3);
  assert.match(missing.stderr, /not built yet/);
});
