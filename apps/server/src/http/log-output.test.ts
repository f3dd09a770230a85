import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatLogLine } from './log-output.ts';

test('a log record reads as a plain line: level only when it matters, other fields after the message', () => {
  const base = { time: 1, pid: 2, hostname: 'h' };
  assert.equal(
    formatLogLine(JSON.stringify({ ...base, level: 30, msg: 'Portolan is running.' })),
    'Portolan is running.\n',
  );
  assert.equal(
    formatLogLine(
      JSON.stringify({
        ...base,
        level: 40,
        msg: 'sync of prod failed',
        cluster: 'prod',
        err: { message: 'timeout' },
      }),
    ),
    'warning: sync of prod failed (cluster=prod, err=timeout)\n',
  );
  assert.equal(
    formatLogLine(
      JSON.stringify({ ...base, level: 20, reqId: 'req-1', msg: 'GET /healthz', status: 200, ms: 1 }),
    ),
    'debug: GET /healthz (status=200, ms=1)\n',
  );
  assert.equal(formatLogLine('not json'), 'not json\n');
});
