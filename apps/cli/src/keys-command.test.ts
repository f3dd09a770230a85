import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runKeysCommand } from './keys-command.ts';
import { UsageError } from './output.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'portolan-keys-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function capture(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line), env },
  };
}

const keysOf = async (file: string) =>
  (await readFile(file, 'utf8')).split('\n').filter((line) => line && !line.startsWith('#'));

test('keys rotate adds a key in front of the data directory key file and keeps the old ones, mode 0600', async () => {
  const file = path.join(dir, 'data', 'encryption.key');
  const first = capture({ PORTOLAN_DATA_DIR: path.join(dir, 'data') });
  assert.equal(await runKeysCommand(['rotate'], first.io), 0, first.err.join('\n'));
  assert.match(first.out[0] ?? '', new RegExp(`^added key \\S+ to ${file}; restart the server`));
  const [oldKey] = await keysOf(file);

  const second = capture();
  assert.equal(await runKeysCommand(['rotate', '--key-file', file], second.io), 0);
  const keys = await keysOf(file);
  assert.equal(keys.length, 2);
  assert.equal(keys[1], oldKey, 'the old key is kept, behind the new one');
  assert.equal((await stat(file)).mode & 0o777, 0o600);
});

test('keys rotate refuses a damaged key file, says why, and leaves it as it was', async () => {
  const file = path.join(dir, 'damaged.key');
  await writeFile(file, 'not-a-key\n', { mode: 0o600 });
  const run = capture();
  assert.equal(await runKeysCommand(['rotate', '--key-file', file], run.io), 1);
  assert.match(run.err.join('\n'), /^error: .*not base64 of 32 bytes/);
  assert.equal(await readFile(file, 'utf8'), 'not-a-key\n');
});

test('keys with anything but rotate [--key-file FILE] is a usage error', async () => {
  for (const argv of [[], ['list'], ['rotate', '--key-file'], ['rotate', '--file', 'x']]) {
    await assert.rejects(runKeysCommand(argv, capture().io), UsageError, argv.join(' '));
  }
});
