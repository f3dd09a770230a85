/**
 * Set-up must leave a fresh checkout as it found it: the committed lock file is what npm itself
 * writes for these package.json files, so installing never rewrites it (issue 16, item 10).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

async function manifestFiles(): Promise<string[]> {
  const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  return ['package.json', 'package-lock.json', ...manifest.workspaces.map((w) => `${w}/package.json`)];
}

test('npm resolving the committed package.json files leaves package-lock.json unchanged', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-lock-'));
  try {
    for (const file of await manifestFiles()) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await cp(path.join(root, file), path.join(dir, file));
    }
    await run('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: dir,
      timeout: 240_000,
    });
    const before = await readFile(path.join(root, 'package-lock.json'), 'utf8');
    const after = await readFile(path.join(dir, 'package-lock.json'), 'utf8');
    assert.equal(after, before, 'npm rewrote package-lock.json: run `npm install` and commit the lock file');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('set-up installs with `npm ci`, which never writes the lock file', async () => {
  const setup = await readFile(path.join(root, 'scripts/setup.sh'), 'utf8');
  assert.match(setup, /^\s*npm ci\b/m);
  assert.doesNotMatch(setup, /^\s*npm install\b(?!.*--prefix)/m);
});
