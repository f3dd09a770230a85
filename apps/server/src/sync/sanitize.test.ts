import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RELEASE_ANNOTATION } from '#server/helm/release-secret.ts';
import { MASKED } from '#server/kube/secret-mask.ts';
import { sanitizeObject } from './sanitize.ts';

const secrets = { group: '', version: 'v1', resource: 'secrets' };

test('Secret values and the last-applied copy of them reach the store masked; keys stay visible', () => {
  const secret = {
    kind: 'Secret',
    metadata: {
      name: 'db',
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"password":"aHVudGVyMg=="}}',
        team: 'a',
      },
    },
    data: { password: 'aHVudGVyMg==', user: 'YWRtaW4=' },
    type: 'Opaque',
  };
  const stored = sanitizeObject(secrets, secret) as typeof secret;
  assert.deepEqual(stored.data, { password: MASKED, user: MASKED });
  assert.equal(MASKED, '<masked>', 'the placeholder the README promises');
  assert.deepEqual(stored.metadata.annotations, {
    'kubectl.kubernetes.io/last-applied-configuration': MASKED,
    team: 'a',
  });
  assert.ok(!JSON.stringify(stored).includes('aHVudGVyMg=='));
  assert.equal(secret.data.password, 'aHVudGVyMg==', 'the input object is not changed');
});

test('other kinds pass unchanged', () => {
  const configMap = { kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } };
  assert.equal(sanitizeObject({ group: '', version: 'v1', resource: 'configmaps' }, configMap), configMap);
});

test('a Helm release Secret keeps its release metadata, never its values, manifest or notes', async () => {
  const { default: written } = await import('#server/helm/release-secret.fixture.json', {
    with: { type: 'json' },
  });
  const stored = sanitizeObject(secrets, written) as typeof written & {
    metadata: { annotations: Record<string, string> };
  };
  assert.deepEqual(stored.data, { release: MASKED });
  const release = JSON.parse(stored.metadata.annotations[RELEASE_ANNOTATION] ?? '{}');
  assert.deepEqual(
    [release.name, release.revision, release.status, release.chart, release.chartVersion, release.appVersion],
    ['web', 3, 'deployed', 'tiny', '0.1.0', '1.2.3'],
  );
  const text = JSON.stringify(stored);
  // The values (--set password=…), the rendered manifest and the notes stay in the cluster.
  for (const secret of ['s3cr3t-in-values', 'secretValue', 'ConfigMap', 'Thanks for installing'])
    assert.ok(!text.includes(secret), `the stored object holds "${secret}"`);
  assert.ok(!text.includes(written.data.release.slice(0, 40)), 'the payload is masked');
});

test('a release Secret whose payload cannot be read is still stored, with the reason', () => {
  const broken = {
    kind: 'Secret',
    type: 'helm.sh/release.v1',
    metadata: {
      name: 'sh.helm.release.v1.shop.v2',
      namespace: 'apps',
      labels: { owner: 'helm', name: 'shop', status: 'deployed', version: '2' },
      // Whatever the annotation held is written over: a release's metadata comes only from its payload.
      annotations: { [RELEASE_ANNOTATION]: '{"name":"forged"}' },
    },
    data: { release: 'bm90IGd6aXA=' },
  };
  const stored = sanitizeObject(secrets, broken) as typeof broken;
  const release = JSON.parse(stored.metadata.annotations[RELEASE_ANNOTATION]);
  assert.equal(release.decodeError, 'not-json');
  assert.deepEqual([release.name, release.revision, release.status], ['shop', 2, 'deployed']);
});
