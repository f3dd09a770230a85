import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTroubleTracker } from './sync-events.ts';
import { createSyncReporter } from './sync-reporter.ts';

function setup() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const counted: { counter: string; labels: Record<string, string> }[] = [];
  const reporter = createSyncReporter({
    log: () => ({
      info: (fields, message) =>
        lines.push({ level: 'info', fields: fields as Record<string, unknown>, message }),
      warn: (fields, message) =>
        lines.push({ level: 'warn', fields: fields as Record<string, unknown>, message }),
    }),
    nameOf: (clusterId) => (clusterId === 'c-1' ? 'prod' : clusterId),
    errors: { inc: (labels) => counted.push({ counter: 'errors', labels }) },
    relists: { inc: (labels) => counted.push({ counter: 'relists', labels }) },
  });
  return { lines, counted, reporter };
}

describe('sync reporter', () => {
  test('a failing watch is one warning however many retries fail alike; each attempt is counted', () => {
    const { lines, counted, reporter } = setup();
    const tracker = createTroubleTracker(() => 0);
    for (let retry = 0; retry < 5; retry++) {
      reporter({
        type: 'failed',
        clusterId: 'c-1',
        resource: 'deployments.apps',
        reason: 'unreachable',
        message: 'connection refused by 127.0.0.1:6443',
        retryInMs: 500 * 2 ** retry,
        changed: tracker.fail('unreachable', 'connection refused'),
      });
    }
    assert.equal(lines.length, 1);
    assert.equal(lines[0]?.level, 'warn');
    assert.equal(
      lines[0]?.message,
      'cluster "prod" cannot be reached (unreachable): connection refused by 127.0.0.1:6443; every sync retries with back-off',
    );
    assert.equal(counted.length, 5);
    assert.deepEqual(counted[0], {
      counter: 'errors',
      labels: { cluster: 'prod', resource: 'deployments.apps', reason: 'unreachable' },
    });
  });

  test('a cluster that cannot be reached is one line, not one per resource; and one line when it answers again', () => {
    const { lines, counted, reporter } = setup();
    const resources = ['pods', 'configmaps', 'deployments.apps'];
    const trackers = new Map(resources.map((resource) => [resource, createTroubleTracker(() => 0)]));
    const fail = (resource: string, reason: string) =>
      reporter({
        type: 'failed',
        clusterId: 'c-1',
        resource,
        reason,
        message: `${reason} at 127.0.0.1:6443`,
        retryInMs: 500,
        changed: trackers.get(resource)?.fail(reason, reason) ?? true,
      });
    for (const resource of resources) fail(resource, 'unreachable');
    assert.deepEqual(
      lines.map((line) => line.message),
      [
        'cluster "prod" cannot be reached (unreachable): unreachable at 127.0.0.1:6443; every sync retries with back-off',
      ],
    );
    assert.equal(counted.length, 3, 'each failure is still counted');
    const recover = (resource: string) =>
      reporter({
        type: 'recovered',
        clusterId: 'c-1',
        resource,
        failedForMs: trackers.get(resource)?.recover() ?? 0,
      });
    for (const resource of resources.slice(0, 2)) recover(resource);
    assert.match(
      lines[1]?.message ?? '',
      /^cluster "prod" answers again after/,
      'the first sync that connects says it',
    );
    recover('deployments.apps');
    assert.equal(lines.length, 2, 'the others connecting after it are not news');
    fail('pods', 'Forbidden');
    fail('configmaps', 'unreachable');
    assert.equal(lines.length, 4, 'a refusal is its resource’s own line; a new outage is a line again');
  });

  test('a new cause, a 410 relist and the recovery are each one line', () => {
    const { lines, counted, reporter } = setup();
    let now = 1000;
    const tracker = createTroubleTracker(() => now);
    const fail = (reason: string) =>
      reporter({
        type: 'failed',
        clusterId: 'c-1',
        resource: 'configmaps',
        reason,
        message: reason,
        retryInMs: 1000,
        changed: tracker.fail(reason, reason),
      });
    fail('unreachable');
    fail('unreachable');
    fail('Forbidden');
    reporter({ type: 'relisting', clusterId: 'c-1', resource: 'configmaps' });
    now = 4500;
    const failedForMs = tracker.recover();
    assert.equal(failedForMs, 3500, 'measured from the first failure');
    assert.equal(tracker.recover(), undefined, 'a recovery is told once');
    reporter({ type: 'recovered', clusterId: 'c-1', resource: 'configmaps', failedForMs: failedForMs ?? 0 });
    assert.deepEqual(
      lines.map((line) => line.message.replace(/:.*$/, '')),
      [
        'cluster "prod" cannot be reached (unreachable)',
        'sync of configmaps from cluster "prod" is failing (Forbidden)',
        'sync of configmaps from cluster "prod"',
        'sync of configmaps from cluster "prod" recovered after 3.5 s of failures',
      ],
    );
    assert.match(lines[2]?.message ?? '', /410 Gone/);
    assert.deepEqual(
      counted.filter((entry) => entry.counter === 'relists'),
      [{ counter: 'relists', labels: { cluster: 'prod', resource: 'configmaps' } }],
    );
  });

  test('discovery failures name the cluster', () => {
    const { lines, reporter } = setup();
    reporter({
      type: 'failed',
      clusterId: 'c-2',
      resource: '',
      reason: 'Forbidden',
      message: 'discovery is forbidden',
      retryInMs: 2000,
      changed: true,
    });
    assert.match(lines[0]?.message ?? '', /^discovery of cluster "c-2" is failing \(Forbidden\)/);
  });
});
