import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldErrorsOf, NAME, parseLabels, secretInputOf } from './secret-form.ts';

test('the form becomes the body the server takes, with only what its type uses', () => {
  assert.deepEqual(
    secretInputOf({
      namespace: 'shop',
      name: ' api-keys ',
      type: 'opaque',
      entries: [{ key: 'token', value: 's3cret' }, { key: ' ', value: 'ignored' }, {}],
      tls: { certificate: 'left over from switching types' },
      labels: 'app=web\nteam = pay',
    }),
    { name: 'api-keys', type: 'opaque', data: { token: 's3cret' }, labels: { app: 'web', team: 'pay' } },
  );
  assert.deepEqual(
    secretInputOf({
      namespace: 'shop',
      name: 'pull',
      type: 'docker-registry',
      dockerRegistry: { server: 'r.example', username: 'u', password: 'p' },
    }),
    {
      name: 'pull',
      type: 'docker-registry',
      dockerRegistry: { server: 'r.example', username: 'u', password: 'p' },
    },
  );
});

test('labels that are not key=value are named; names follow Kubernetes', () => {
  assert.deepEqual(parseLabels('a=1, b\n=c'), { labels: { a: '1' }, bad: ['b', '=c'] });
  assert.ok(NAME.test('api-keys.v2'));
  assert.ok(!NAME.test('API_keys'));
});

test("the server's reasons land on the field at fault, the rest above the form", () => {
  const values = {
    namespace: 'shop',
    name: 'x',
    type: 'tls' as const,
    entries: [{ key: 'bad key', value: '' }],
  };
  const mapped = fieldErrorsOf(
    {
      code: 'invalid',
      message: 'Secret "x" is invalid',
      fields: [
        { field: 'tls.key', message: 'does not belong to the certificate' },
        { field: 'data.bad key', message: 'keys are letters' },
        { field: 'type', message: 'tls and dockerRegistry need type tls' },
      ],
    },
    values,
  );
  assert.deepEqual(mapped.fields, [
    { name: ['tls', 'key'], errors: ['does not belong to the certificate'] },
    { name: ['entries', 0, 'key'], errors: ['keys are letters'] },
  ]);
  assert.deepEqual(mapped.rest, ['type: tls and dockerRegistry need type tls']);
  assert.deepEqual(
    fieldErrorsOf(
      { code: 'conflict', reason: 'AlreadyExists', message: 'secrets "x" already exists' },
      values,
    ).fields,
    [{ name: ['name'], errors: ['secrets "x" already exists'] }],
  );
});
