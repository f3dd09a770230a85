import assert from 'node:assert/strict';
import test from 'node:test';
import { endingOf, readFrame, resizeFrame, stdinFrame } from './exec-frames.ts';

test('frames: stdin and resize carry their channel byte; output and status are read back', () => {
  assert.deepEqual([...stdinFrame('ls\r')], [0, 108, 115, 13]);
  const resize = resizeFrame(120, 40);
  assert.equal(resize[0], 4);
  assert.deepEqual(JSON.parse(new TextDecoder().decode(resize.subarray(1))), { Width: 120, Height: 40 });
  const out = readFrame(new Uint8Array([1, 104, 105]).buffer);
  assert.equal(out.channel, 'output');
  const status = readFrame(new Uint8Array([3, ...new TextEncoder().encode('{"status":"Success"}')]).buffer);
  assert.deepEqual(status, { channel: 'status', status: { status: 'Success' } });
});

test('endings: an exit with its code, a refusal before start, access lost, a dropped connection', () => {
  const exit3 = {
    status: 'Failure' as const,
    reason: 'NonZeroExitCode',
    message: 'command terminated with non-zero exit code: exit status 3',
    details: { causes: [{ reason: 'ExitCode', message: '3' }] },
  };
  assert.deepEqual(endingOf(exit3, 1000, true), { kind: 'exited', code: 3 });
  assert.deepEqual(endingOf({ status: 'Success' }, 1000, true), { kind: 'exited', code: 0 });
  const missing = { status: 'Failure' as const, code: 404, message: 'pods "ghost" not found' };
  assert.deepEqual(endingOf(missing, 1000, false), { kind: 'refused', message: 'pods "ghost" not found' });
  assert.deepEqual(endingOf({ status: 'Failure', code: 403, message: 'no access' }, 1008, true), {
    kind: 'revoked',
    message: 'no access',
  });
  assert.deepEqual(endingOf(undefined, 1006, true), { kind: 'dropped', code: 1006 });
});
