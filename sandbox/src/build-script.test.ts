import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'build.sh');

test('the build says what to do when there is no Go toolchain', async () => {
  const result = await new Promise<{ code: number; stderr: string }>((resolve) => {
    execFile(
      '/bin/bash',
      [script],
      { env: { PATH: '/nonexistent', HOME: '/tmp' } },
      (error, _stdout, stderr) =>
        resolve({ code: error && typeof error.code === 'number' ? error.code : 0, stderr }),
    );
  });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /no Go toolchain on PATH/);
});
