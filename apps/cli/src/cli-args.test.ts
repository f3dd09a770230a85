import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultNamespaceFor } from './apply-command.ts';
import {
  integerOption,
  kindAndName,
  parseCommandArgs,
  parseDuration,
  parseLabels,
  TARGET_OPTIONS,
} from './cli-args.ts';
import { deleteTargets } from './delete-command.ts';
import { logQueryOf } from './logs-command.ts';
import { UsageError } from './output.ts';

const LOG_OPTIONS = {
  ...TARGET_OPTIONS,
  container: { type: 'string', short: 'c' },
  tail: { type: 'string' },
  since: { type: 'string' },
  previous: { type: 'boolean', short: 'p' },
  timestamps: { type: 'boolean' },
  'limit-bytes': { type: 'string' },
  follow: { type: 'boolean', short: 'f' },
} as const;

test('unknown flags, missing values and bad numbers are usage errors', () => {
  assert.throws(() => parseCommandArgs(['--bogus'], TARGET_OPTIONS), {
    name: 'UsageError',
    message: /--bogus'$/,
  });
  assert.throws(() => parseCommandArgs(['--cluster'], TARGET_OPTIONS), UsageError);
  const args = parseCommandArgs(['--replicas', 'three'], { replicas: { type: 'string' } });
  assert.throws(() => integerOption(args, 'replicas'), /--replicas "three" must be a whole number/);
  const negative = parseCommandArgs(['--replicas=-1'], { replicas: { type: 'string' } });
  assert.throws(() => integerOption(negative, 'replicas', 0), /at least 0/);
});

test('short flags take kubectl forms: -n ns, -nns and -o=json', () => {
  const options = { ...TARGET_OPTIONS, output: { type: 'string', short: 'o' } } as const;
  const args = parseCommandArgs(['pods', '-n', 'web', '-o=json', '--cluster=a'], options);
  assert.deepEqual(args.positionals, ['pods']);
  assert.equal(args.values.namespace, 'web');
  assert.equal(args.values.output, 'json');
  assert.equal(args.values.cluster, 'a');
  assert.equal(parseCommandArgs(['-nprod'], options).values.namespace, 'prod');
});

test('durations read as kubectl --since does', () => {
  assert.equal(parseDuration('since', '30s'), 30);
  assert.equal(parseDuration('since', '5m'), 300);
  assert.equal(parseDuration('since', '1h30m'), 5400);
  assert.equal(parseDuration('since', '2d'), 172_800);
  for (const bad of ['5', 'm', '5x', '1h 2m', '0s', '-5m']) {
    assert.throws(() => parseDuration('since', bad), UsageError, bad);
  }
});

test('KIND/NAME and KIND NAME name one object', () => {
  assert.deepEqual(kindAndName(['deploy/web'], 'workload'), { kind: 'deploy', name: 'web' });
  assert.deepEqual(kindAndName(['deployment', 'web'], 'workload'), { kind: 'deployment', name: 'web' });
  for (const bad of [[], ['web'], ['deploy/'], ['/web'], ['deploy', 'a', 'b'], ['deploy/a', 'b']]) {
    assert.throws(() => kindAndName(bad, 'workload'), UsageError, bad.join(' '));
  }
});

test('labels are key=value', () => {
  assert.deepEqual(parseLabels(['env=prod', 'tier=', 'a=b=c']), { env: 'prod', tier: '', a: 'b=c' });
  assert.throws(() => parseLabels(['env']), /key=value/);
  assert.throws(() => parseLabels(['=x']), /key=value/);
});

test('delete takes KIND NAME… or KIND/NAME…', () => {
  assert.deepEqual(deleteTargets(['pods', 'a', 'b']), [
    { kind: 'pods', name: 'a' },
    { kind: 'pods', name: 'b' },
  ]);
  assert.deepEqual(deleteTargets(['pod/a', 'deploy/b']), [
    { kind: 'pod', name: 'a' },
    { kind: 'deploy', name: 'b' },
  ]);
  assert.throws(() => deleteTargets([]), UsageError);
  assert.throws(() => deleteTargets(['pods']), UsageError);
  assert.throws(() => deleteTargets(['pods', 'deploy/b']), UsageError);
});

test('log flags become the log route query, with only what was given', () => {
  const args = parseCommandArgs(
    ['web', '-c', 'app', '--tail', '20', '--since', '5m', '-p', '--timestamps', '-f'],
    LOG_OPTIONS,
  );
  assert.deepEqual(logQueryOf(args), {
    container: 'app',
    tailLines: 20,
    sinceSeconds: 300,
    previous: true,
    timestamps: true,
    follow: true,
  });
  assert.deepEqual(logQueryOf(parseCommandArgs(['web'], LOG_OPTIONS)), {});
  assert.throws(() => logQueryOf(parseCommandArgs(['web', '--since', 'soon'], LOG_OPTIONS)), UsageError);
});

test('apply sends the default namespace only when no document names another', () => {
  const plain = 'kind: ConfigMap\nmetadata: {name: a}\n---\nkind: ConfigMap\nmetadata: {name: b}\n';
  assert.equal(defaultNamespaceFor(plain), 'default');
  assert.equal(
    defaultNamespaceFor(`${plain}---\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\n`),
    'default',
  );
  assert.equal(
    defaultNamespaceFor(`${plain}---\nkind: ConfigMap\nmetadata: {name: c, namespace: prod}\n`),
    undefined,
  );
  assert.equal(
    defaultNamespaceFor('data: [a: b\n'),
    'default',
    'the server reports broken YAML with its line',
  );
});
