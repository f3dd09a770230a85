import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ResourceError } from '#server/resources/resource-errors.ts';
import { createFakeKubeClient } from '#server/testing/fake-kube-client.ts';
import { rerunJob } from './job-actions.ts';

const job = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'report', namespace: 'team', uid: 'uid-1' },
  spec: { template: { metadata: { labels: {} }, spec: { containers: [] } } },
};

test('re-running a Job whose deletion never ends gives up at the deadline of the injected clock', async () => {
  let now = 0;
  // The Job stays (a finalizer holds it): every read finds it, and each read moves the clock 10 s on.
  const client = createFakeKubeClient({
    answer: (request) => {
      if (request.method === 'GET') now += 10_000;
      return { status: 200, body: job };
    },
  });
  const started = Date.now();
  await assert.rejects(
    rerunJob(
      client,
      { kind: 'Job', namespace: 'team', name: 'report' },
      {
        timeoutMs: 30_000,
        clock: () => new Date(now),
      },
    ),
    (error: unknown) => {
      assert.ok(error instanceof ResourceError);
      assert.equal(error.status, 504);
      assert.match(error.message, /Job "report" was still being deleted after 30 s; try again/);
      return true;
    },
  );
  const methods = client.requests.map((request) => request.method);
  assert.equal(methods[1], 'DELETE');
  // Nothing was created while the old Job was still there.
  assert.ok(!methods.includes('POST'), methods.join(' '));
  assert.ok(Date.now() - started < 5_000, 'waited on the injected clock, not the real one');
});
