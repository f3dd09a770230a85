import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGetArgs, parseGetTargets } from './get-args.ts';
import { resolveKind, routeKindOf, searchKindOf } from './kinds.ts';
import { UsageError } from './output.ts';

const targets = (...positionals: string[]) =>
  parseGetTargets(positionals).map((request) => ({ kind: request.kind.typed, names: request.names }));

test('kinds are known by plural, singular, short and qualified names', () => {
  for (const name of ['pods', 'pod', 'po', 'Pod']) assert.equal(searchKindOf(resolveKind(name)), 'pods');
  for (const name of ['deployments', 'deployment', 'deploy', 'deployments.apps', 'apps/deployments']) {
    assert.equal(searchKindOf(resolveKind(name)), 'apps/deployments', name);
    assert.equal(routeKindOf(resolveKind(name)), 'deployments', name);
  }
  assert.equal(resolveKind('no').known?.namespaced, false);
  assert.equal(searchKindOf(resolveKind('widgets.example.com')), 'widgets.example.com', 'passed through');
  assert.equal(resolveKind('widgets.example.com').known, undefined);
});

test('get takes KIND, KIND NAME…, KIND,KIND and KIND/NAME…', () => {
  assert.deepEqual(targets('pods'), [{ kind: 'pods', names: [] }]);
  assert.deepEqual(targets('pods', 'a', 'b'), [{ kind: 'pods', names: ['a', 'b'] }]);
  assert.deepEqual(targets('pods,deploy'), [
    { kind: 'pods', names: [] },
    { kind: 'deploy', names: [] },
  ]);
  assert.deepEqual(targets('pod/a', 'deploy/b', 'pod/c'), [
    { kind: 'pod', names: ['a', 'c'] },
    { kind: 'deploy', names: ['b'] },
  ]);
  assert.deepEqual(
    targets('apps/deployments'),
    [{ kind: 'apps/deployments', names: [] }],
    'a group, not a name',
  );
  assert.throws(() => parseGetTargets([]), UsageError);
  assert.throws(() => parseGetTargets(['pods,deploy', 'a']), /one kind/);
  assert.throws(() => parseGetTargets(['pod/a', 'b']), /KIND\/NAME for every object/);
});

test('get options: clusters, namespaces, output and sorting', () => {
  const { options } = parseGetArgs([
    'pods',
    '--cluster',
    'a,b',
    '--cluster',
    'c',
    '-l',
    'app=web',
    '-o',
    'wide',
    '--sort-by',
    'created',
    '--limit',
    '5',
    '-A',
  ]);
  assert.deepEqual(options.clusters, ['a', 'b', 'c']);
  assert.equal(options.selector, 'app=web');
  assert.equal(options.format, 'wide');
  assert.equal(options.sortBy, 'created');
  assert.equal(options.limit, 5);
  assert.equal(options.allNamespaces, true);
  assert.equal(parseGetArgs(['pods']).options.format, 'table');
  assert.equal(parseGetArgs(['pods', '--cluster-selector', 'env=prod']).options.clusterSelector, 'env=prod');
});

test('get refuses contradictions and unknown values', () => {
  const refused: [string[], RegExp][] = [
    [['pods', '--cluster', 'a', '--all-clusters'], /not both/],
    [['pods', '-n', 'x', '-A'], /not both/],
    [['pods', '-o', 'xml'], /--output "xml" must be one of json, yaml, wide, name/],
    [['pods', '--sort-by', 'size'], /--sort-by/],
    [['pods', '--limit', '0'], /--limit/],
    [['pods', '--watch'], /Unknown option '--watch'/],
  ];
  for (const [argv, message] of refused) assert.throws(() => parseGetArgs(argv), message, argv.join(' '));
});
