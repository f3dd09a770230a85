import assert from 'node:assert/strict';
import { test } from 'node:test';
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
