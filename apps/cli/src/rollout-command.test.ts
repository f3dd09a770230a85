import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runApiCommand } from './api-commands.ts';
import { fakeContext } from './testing/fake-api-context.ts';

const path = '/api/v1/clusters/east/workloads/deployments/shop/web';
const status = (state: string, replicas: Record<string, number>, message = '') => ({
  health: { state, message },
  done: state === 'Available',
  replicas: { desired: 3, updated: 3, ready: 3, available: 3, ...replicas },
});

test('rollout status says what it waits for, then that the rollout is done', async () => {
  const answers = [
    status('Progressing', { updated: 1, available: 1 }),
    status('Progressing', { available: 2 }),
    status('Available', {}),
  ];
  const { calls, output, context } = fakeContext(() => answers.shift());
  const code = await runApiCommand(
    'rollout',
    ['status', 'deploy/web', '-n', 'shop', '--cluster', 'east'],
    context,
  );
  assert.equal(code, 0, output.stderr);
  assert.equal(calls[0]?.path, `${path}/rollout`);
  assert.equal(
    output.stdout,
    [
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
      'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...',
      'deployment "web" successfully rolled out',
      '',
    ].join('\n'),
  );
});

test('rollout status fails at once on a degraded or paused workload; --no-watch asks once', async () => {
  const degraded = fakeContext(() =>
    status('Degraded', { available: 0 }, 'ProgressDeadlineExceeded: web has timed out'),
  );
  assert.equal(
    await runApiCommand('rollout', ['status', 'deploy/web', '--cluster', 'east'], degraded.context),
    1,
  );
  assert.match(degraded.output.stderr, /is Degraded: ProgressDeadlineExceeded/);
  const once = fakeContext(() => status('Progressing', { updated: 1 }));
  assert.equal(
    await runApiCommand('rollout', ['status', 'deploy/web', '--no-watch', '--cluster', 'east'], once.context),
    0,
  );
  assert.equal(once.calls.length, 1);
});

test('rollout undo goes back to the revision before the current one', async () => {
  const revisions = [
    { revision: 1, current: false },
    { revision: 2, current: false },
    { revision: 3, current: true },
  ].map((entry) => ({ ...entry, source: `web-${entry.revision}`, images: [] }));
  const { calls, output, context } = fakeContext(
    () => ({ items: revisions }),
    () => ({ revision: 2, changed: true }),
  );
  assert.equal(
    await runApiCommand('rollout', ['undo', 'deploy/web', '-n', 'shop', '--cluster', 'east'], context),
    0,
  );
  assert.deepEqual(calls.at(-1), {
    method: 'POST',
    path: `${path}/rollback`,
    query: {},
    body: { revision: 2 },
  });
  assert.equal(output.stdout, 'deployment.apps/web rolled back to revision 2\n');
  const only = fakeContext(() => ({ items: [{ ...revisions[0], current: true }] }));
  assert.equal(await runApiCommand('rollout', ['undo', 'deploy/web', '--cluster', 'east'], only.context), 1);
  assert.match(only.output.stderr, /no previous revision/);
});

test('rollout refuses kinds its subcommand does not work on', async () => {
  const { output, context } = fakeContext(() => ({}));
  assert.equal(await runApiCommand('rollout', ['pause', 'sts/db', '--cluster', 'east'], context), 2);
  assert.match(output.stderr, /rollout pause works on deployments; "sts" is not one of them/);
});

test('scale picks the only registered cluster, and asks when there are several', async () => {
  const one = fakeContext(() => ({ items: [{ name: 'east' }] }));
  assert.equal(
    await runApiCommand('scale', ['deployment', 'web', '--replicas', '4', '-n', 'shop'], one.context),
    0,
  );
  assert.deepEqual(one.calls.at(-1), {
    method: 'POST',
    path: `${path}/scale`,
    query: {},
    body: { replicas: 4 },
  });
  assert.equal(one.output.stdout, 'deployment.apps/web scaled\n');
  const two = fakeContext(() => ({ items: [{ name: 'east' }, { name: 'west' }] }));
  assert.equal(await runApiCommand('scale', ['deploy/web', '--replicas', '4'], two.context), 2);
  assert.match(
    two.output.stderr,
    /several clusters are registered \(east, west\); choose one with --cluster NAME/,
  );
});
