/**
 * Each error Portolan writes about a Helm operation carries a code and values (issue #10), and the
 * refusal body sends them beside the English: helm's and Kubernetes' own text stays whole, as `detail`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JobRecord } from '#server/jobs/jobs.ts';
import { ChartSourceError } from './chart-source.ts';
import { HelmCommandError, helmRefusal } from './helm-runner-errors.ts';
import { createReleaseGuard, refusePending } from './release-guard.ts';
import { notFound } from './release-operations.ts';
import { parseValues, schemaProblem } from './values-check.ts';

const target = { cluster: 'c1', namespace: 'shop', name: 'web' };

/** The code and values an error says itself with. */
function said(error: unknown) {
  assert.ok(error instanceof HelmCommandError || error instanceof ChartSourceError, String(error));
  return { code: error.messageCode, params: error.params };
}

const caught = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  assert.fail('it did not throw');
};

test("helm's own text is `detail`; a kill or silence says so; Secrets refused keeps Kubernetes' words", () => {
  const helm = HelmCommandError.fromHelm('Error: INSTALLATION FAILED: timed out waiting for the condition\n');
  assert.deepEqual(said(helm), {
    code: 'helm-said',
    params: { detail: 'timed out waiting for the condition' },
  });
  assert.equal(helm.message, 'timed out waiting for the condition');
  assert.equal(HelmCommandError.fromHelm('Error: release: not found\n').status, 404);
  assert.deepEqual(said(HelmCommandError.fromHelm('', 'SIGKILL')), {
    code: 'helm-stopped',
    params: { signal: 'SIGKILL' },
  });
  assert.equal(HelmCommandError.fromHelm('').message, 'helm failed without saying why');
  const secrets = HelmCommandError.fromHelm(
    'Error: query: failed to query with labels: secrets is forbidden: User "bob" cannot list resource "secrets"\n',
  );
  assert.equal(secrets.status, 403);
  assert.equal(said(secrets).code, 'secrets-forbidden');
  assert.equal(
    said(secrets).params?.detail,
    'secrets is forbidden: User "bob" cannot list resource "secrets"',
  );
  assert.match(secrets.message, /^secrets is forbidden: User "bob".*helm keeps releases in Secrets/);
});

test('bad values name their field, line and the parser or schema text', () => {
  const yaml = said(caught(() => parseValues('a: [1,\n', 'targets[1].values')));
  assert.equal(yaml.code, 'values-not-yaml-line');
  assert.equal(yaml.params?.field, 'targets[1].values');
  assert.match(String(yaml.params?.line), /^\d+$/);
  assert.ok(yaml.params?.detail);
  assert.deepEqual(said(caught(() => parseValues('- 1\n- 2\n', 'values'))), {
    code: 'values-not-mapping',
    params: { field: 'values' },
  });
  const schema = schemaProblem(
    "values don't meet the specifications of the schema(s) in the following chart(s):\nweb:\n- at '/image/tag': got number, want string\n",
    'web',
  );
  assert.deepEqual(said(schema), {
    code: 'values-schema',
    params: { detail: 'image.tag: got number, want string' },
  });
});

test('release refusals carry the release, namespace, cluster and what to do', async () => {
  assert.deepEqual(said(notFound(target)), {
    code: 'release-not-found',
    params: { name: 'web', namespace: 'shop', cluster: 'c1' },
  });
  const pending = caught(() =>
    refusePending({ status: 'pending-upgrade', revision: 3 } as never, target, false),
  );
  assert.deepEqual(said(pending), {
    code: 'release-pending',
    params: { name: 'web', namespace: 'shop', status: 'pending-upgrade' },
  });
  const running = {
    id: 'job-9',
    kind: 'helm.upgrade',
    namespace: 'shop',
    target: 'web',
    createdBy: { id: 'u1', name: 'alice' },
  } as JobRecord;
  const guard = createReleaseGuard({ list: async () => ({ items: [running], total: 1 }) });
  const refused = await guard.claim(target).catch((error: unknown) => error);
  assert.deepEqual(said(refused), {
    code: 'operation-running',
    params: {
      name: 'web',
      namespace: 'shop',
      cluster: 'c1',
      operation: 'upgrade',
      job: 'job-9',
      user: 'alice',
    },
  });
  assert.match(
    (refused as Error).message,
    /^upgrade of release "web" in namespace "shop" on cluster c1 is running \(job job-9, started by alice\)/,
  );
});

test('the refusal body sends messageCode and params as text beside the English', () => {
  const body = helmRefusal(
    HelmCommandError.coded(
      409,
      'already-exists',
      {
        messageCode: 'release-exists',
        params: { name: 'web', namespace: 'shop', revision: 2, status: 'deployed' },
      },
      'name',
    ),
  );
  assert.deepEqual(body, {
    status: 409,
    error: {
      code: 'already-exists',
      message:
        'a release named "web" already exists in namespace "shop" (revision 2, deployed); upgrade it (POST …/shop/web/upgrade) or choose another name',
      field: 'name',
      messageCode: 'release-exists',
      params: { name: 'web', namespace: 'shop', revision: '2', status: 'deployed' },
    },
  });
  const chart = helmRefusal(
    ChartSourceError.coded(404, 'no-chart', { repository: 'bitnami', chart: 'nginz' }),
  );
  assert.equal(chart?.error.message, 'repository "bitnami" has no chart "nginz"');
  assert.equal(chart?.error.messageCode, 'no-chart');
  assert.equal(chart?.error.code, 'not-found');
  const plain = helmRefusal(new HelmCommandError(400, 'x', 'as said'));
  assert.deepEqual(plain?.error, { code: 'x', message: 'as said' });
});
