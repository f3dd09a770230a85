import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskedSecretDiff } from './secret-diff.ts';
import { MASKED, maskSecret, refuseMaskedValues } from './secret-masking.ts';

const secret = (data: Record<string, string>, annotations: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'shop', annotations },
  data,
});

test('a Secret is masked key by key, its last-applied copy too; other objects pass untouched', () => {
  const last = { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"password":"czNjcmV0"}}' };
  const masked = maskSecret(secret({ password: 'czNjcmV0', user: 'YXBw' }, last));
  assert.deepEqual(masked.data, { password: MASKED, user: MASKED });
  assert.equal(masked.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'], MASKED);
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', data: { password: 'plain' } };
  assert.equal(maskSecret(configMap), configMap);
});

test('masked values are refused on the way back, naming each key', () => {
  assert.throws(
    () => refuseMaskedValues(secret({ password: MASKED, user: 'YXBw' })),
    (error: { fields: { field: string }[] }) =>
      error.fields.length === 1 && error.fields[0]?.field === 'data.password',
  );
  assert.doesNotThrow(() => refuseMaskedValues(secret({ password: 'bmV3' })));
});

test("a Secret's diff says which keys change without showing a value", () => {
  const live = secret({ password: 'b2xk', user: 'YXBw' });
  const diff = maskedSecretDiff(live, secret({ password: 'bmV3', user: 'YXBw' }), 'Secret/shop/db');
  assert.match(diff, /-\s+password: <masked>/);
  assert.match(diff, /\+\s+password: <masked, changed>/);
  assert.doesNotMatch(diff, /^[-+]\s+user:/m, 'an unchanged key is not changed in the diff');
  assert.doesNotMatch(diff, /b2xk|bmV3|YXBw/);
});
