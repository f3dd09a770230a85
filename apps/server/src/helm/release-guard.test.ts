import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JobRecord } from '#server/jobs/jobs.ts';
import { HelmCommandError } from './helm-runner-errors.ts';
import type { ReleaseInfo } from './release-commands.ts';
import { createReleaseGuard, refusePending } from './release-guard.ts';

const target = { cluster: 'c1', namespace: 'shop', name: 'web' };

const job = (overrides: Partial<JobRecord>): JobRecord => ({
  id: 'job-1',
  kind: 'helm.upgrade',
  cluster: 'c1',
  namespace: 'shop',
  target: 'web',
  createdBy: { id: 'u1', name: 'alice' },
  state: 'running',
  replica: 'r1',
  createdAt: '2026-01-01T00:00:00Z',
  finishedAt: null,
  error: null,
  result: null,
  ...overrides,
});

const refusal = (code: string, pattern: RegExp) => (error: unknown) => {
  assert.ok(error instanceof HelmCommandError);
  assert.equal(error.status, 409);
  assert.equal(error.code, code);
  assert.match(error.message, pattern);
  return true;
};

test('one operation at a time per release: a running job of ours is named with the way out', async () => {
  let running: JobRecord[] = [job({ namespace: 'other' }), job({ kind: 'backup' })];
  const guard = createReleaseGuard({ list: async () => ({ items: running, total: running.length }) });
  const first = await guard.claim(target);
  await assert.rejects(guard.claim(target), refusal('operation-running', /is starting/));
  first.free();
  (await guard.claim(target)).free();
  running = [job({})];
  await assert.rejects(
    guard.claim(target),
    refusal(
      'operation-running',
      /upgrade of release "web".*job job-1, started by alice.*\/api\/v1\/jobs\/job-1/,
    ),
  );
  assert.equal((await guard.runningJob(target))?.id, 'job-1');
});

test('a release helm left pending is refused, except for the rollback (or uninstall) that clears it', () => {
  const release = { status: 'pending-upgrade' } as ReleaseInfo;
  assert.throws(
    () => refusePending(release, target, false),
    refusal('release-pending', /pending-upgrade.*roll it back/),
  );
  refusePending(release, target, true);
  refusePending({ status: 'deployed' } as ReleaseInfo, target, false);
  refusePending(undefined, target, false);
});
