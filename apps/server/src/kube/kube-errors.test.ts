import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyConnectionError } from './kube-connection-errors.ts';
import { kubeErrorFromResponse } from './kube-errors.ts';

const request = { method: 'GET', path: '/api/v1/pods', server: 'https://k.example:6443' };

test('a Status keeps its reason, code, message and causes', () => {
  const error = kubeErrorFromResponse(
    422,
    {
      kind: 'Status',
      status: 'Failure',
      message: 'ConfigMap "x" is invalid',
      reason: 'Invalid',
      code: 422,
      details: {
        name: 'x',
        kind: 'ConfigMap',
        causes: [{ reason: 'FieldValueInvalid', field: 'metadata.name' }],
      },
    },
    request,
  );
  assert.equal(error.message, 'ConfigMap "x" is invalid');
  assert.equal(error.reason, 'Invalid');
  assert.equal(error.code, 422);
  assert.deepEqual(error.causes, [{ reason: 'FieldValueInvalid', field: 'metadata.name' }]);
});

test('an answer that is not a Status still becomes a KubeError with a reason from its code', () => {
  const error = kubeErrorFromResponse(503, '<html>upstream down</html>', request);
  assert.equal(error.reason, 'ServiceUnavailable');
  assert.match(error.message, /GET \/api\/v1\/pods answered 503: <html>upstream down/);
});

test('socket and TLS errors name the server and the fix', () => {
  const refused = classifyConnectionError(
    Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
    request.server,
  );
  assert.equal(refused.failure, 'unreachable');
  assert.equal(refused.address, 'k.example:6443');
  assert.match(refused.message, /k\.example:6443 is unreachable: connection refused/);
  const ca = classifyConnectionError(
    Object.assign(new Error('x'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }),
    'https://10.0.0.1',
  );
  assert.equal(ca.failure, 'tls-untrusted');
  assert.match(ca.message, /10\.0\.0\.1:443 .*the CA does not match this cluster/);
  const name = classifyConnectionError(
    Object.assign(new Error('x'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }),
    request.server,
  );
  assert.match(name.message, /tls-server-name/);
});
