import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { listContexts, parseKubeconfig, readKubeconfigFile, selectContext } from './kubeconfig.ts';
import { KubeconfigError } from './kubeconfig-errors.ts';

const TWO_CONTEXTS = `apiVersion: v1
kind: Config
clusters:
- name: prod
  cluster:
    server: https://prod.example:6443
- name: dev
  cluster:
    server: https://dev.example:6443
users:
- name: alice
  user:
    token: abc
contexts:
- name: prod-admin
  context:
    cluster: prod
    user: alice
    namespace: web
- name: dev
  context:
    cluster: dev
- name: broken-cluster
  context:
    cluster: staging
    user: alice
- name: broken-user
  context:
    cluster: dev
    user: bob
current-context: prod-admin
`;

const problem = (expected: string, pattern: RegExp) => (error: unknown) =>
  error instanceof KubeconfigError && error.problem === expected && pattern.test(error.message);

test('contexts are listed and the current one is chosen by default', () => {
  const config = parseKubeconfig(TWO_CONTEXTS);
  assert.deepEqual(
    listContexts(config).map((context) => [context.name, context.cluster, context.user, context.current]),
    [
      ['prod-admin', 'prod', 'alice', true],
      ['dev', 'dev', '', false],
      ['broken-cluster', 'staging', 'alice', false],
      ['broken-user', 'dev', 'bob', false],
    ],
  );
  const chosen = selectContext(config);
  assert.equal(chosen.name, 'prod-admin');
  assert.equal(chosen.cluster.value.server, 'https://prod.example:6443');
  assert.equal(chosen.user.value.token, 'abc');
  assert.equal(chosen.namespace, 'web');
  const dev = selectContext(config, 'dev');
  assert.deepEqual(dev.user.value, {}, 'a context without a user is anonymous');
});

test('an unknown context is refused, listing the contexts there are', () => {
  const config = parseKubeconfig(TWO_CONTEXTS);
  assert.throws(
    () => selectContext(config, 'staging'),
    problem(
      'unknown-context',
      /no context "staging"; its contexts are: "prod-admin", "dev", "broken-cluster", "broken-user"/,
    ),
  );
  const noCurrent = parseKubeconfig(TWO_CONTEXTS.replace('current-context: prod-admin', ''));
  assert.throws(
    () => selectContext(noCurrent),
    problem('unknown-context', /sets no current-context; choose one/),
  );
});

test('contexts naming clusters or users that do not exist are refused with the line', () => {
  const config = parseKubeconfig(TWO_CONTEXTS);
  assert.throws(
    () => selectContext(config, 'broken-cluster'),
    (error: unknown) =>
      problem(
        'missing-cluster',
        /names cluster "staging", which the kubeconfig does not define; its clusters are: "prod", "dev"/,
      )(error) && (error as KubeconfigError).line === 25,
  );
  assert.throws(
    () => selectContext(config, 'broken-user'),
    problem('missing-user', /names user "bob".*its users are: "alice"/),
  );
});

test('malformed YAML is refused with its line and column', () => {
  const text = 'apiVersion: v1\nclusters:\n- name: a\n  cluster: {server: https://x\n';
  assert.throws(
    () => parseKubeconfig(text),
    (error: unknown) =>
      error instanceof KubeconfigError &&
      error.problem === 'invalid-yaml' &&
      error.line !== undefined &&
      /line \d+, column \d+/.test(error.message),
  );
  assert.throws(() => parseKubeconfig('a: 1\n  b: 2\n'), problem('invalid-yaml', /\(line 1, column 4\)/));
});

test('documents that are not kubeconfigs are named for what they are', () => {
  assert.throws(() => parseKubeconfig(''), problem('invalid-kubeconfig', /empty/));
  assert.throws(() => parseKubeconfig('- a\n- b\n'), problem('invalid-kubeconfig', /must be a YAML mapping/));
  assert.throws(
    () => parseKubeconfig('apiVersion: v1\nkind: Secret\nmetadata: {name: x}\n'),
    problem('invalid-kubeconfig', /this is a Secret, not a kubeconfig/),
  );
  assert.throws(
    () => parseKubeconfig('clusters:\n- cluster: {server: https://x}\n'),
    (error: unknown) =>
      problem('invalid-kubeconfig', /clusters\[0\] needs a name/)(error) &&
      (error as KubeconfigError).line === 2,
  );
  assert.throws(() => parseKubeconfig('users: {}\n'), problem('invalid-kubeconfig', /users must be a list/));
  assert.throws(
    () => selectContext(parseKubeconfig('clusters: []\n')),
    problem('no-contexts', /defines no contexts/),
  );
});

test('JSON kubeconfigs parse too, and files are read with their path kept', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kubeconfig-'));
  try {
    const file = path.join(dir, 'config.json');
    await writeFile(
      file,
      JSON.stringify({
        clusters: [{ name: 'c', cluster: { server: 'https://c' } }],
        contexts: [{ name: 'only', context: { cluster: 'c' } }],
      }),
    );
    const config = await readKubeconfigFile(file);
    assert.equal(config.path, file);
    assert.equal(selectContext(config).name, 'only', 'the only context is chosen without current-context');
    await assert.rejects(
      readKubeconfigFile(path.join(dir, 'missing')),
      problem('unreadable-file', /cannot read the kubeconfig file .*missing: it does not exist/),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
