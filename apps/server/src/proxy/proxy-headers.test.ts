import assert from 'node:assert/strict';
import { test } from 'node:test';
import { downstreamHeaders, upstreamHeaders } from './proxy-headers.ts';

const caller = [
  'Authorization',
  'Bearer portolan-token',
  'Impersonate-User',
  'system:admin',
  'Impersonate-Group',
  'system:masters',
  'Cookie',
  'portolan-session=1',
  'X-Remote-User',
  'root',
  'Accept',
  'application/json',
  'Connection',
  'Upgrade',
  'Upgrade',
  'SPDY/3.1',
  'X-Stream-Protocol-Version',
  'v4.channel.k8s.io',
  'X-Stream-Protocol-Version',
  'v3.channel.k8s.io',
  'Host',
  '127.0.0.1:8080',
];

test("the caller's credentials and claimed identities never reach the cluster", () => {
  const headers = upstreamHeaders(caller, { upgrade: false });
  assert.deepEqual(Object.keys(headers).sort(), ['accept', 'x-stream-protocol-version']);
});

test('an upgrade keeps its handshake headers, repeated ones as separate lines', () => {
  const headers = upstreamHeaders(caller, { upgrade: true });
  assert.equal(headers.connection, 'Upgrade');
  assert.equal(headers.upgrade, 'SPDY/3.1');
  assert.deepEqual(headers['x-stream-protocol-version'], ['v4.channel.k8s.io', 'v3.channel.k8s.io']);
  assert.equal(headers.authorization, undefined);
});

test('impersonation replaces the connection’s own, and the caller address is appended', () => {
  const headers = upstreamHeaders(['X-Forwarded-For', '10.0.0.1'], {
    upgrade: false,
    connectionHeaders: { 'Impersonate-User': 'kubeconfig-as', 'X-Extra': 'kept' },
    impersonate: { user: 'jane', groups: ['dev', 'ops'] },
    remoteAddress: '127.0.0.1',
  });
  assert.deepEqual(headers, {
    'x-extra': 'kept',
    'impersonate-user': 'jane',
    'impersonate-group': ['dev', 'ops'],
    'x-forwarded-for': '10.0.0.1, 127.0.0.1',
  });
  const plain = upstreamHeaders([], {
    upgrade: false,
    connectionHeaders: { 'impersonate-user': 'kubeconfig-as' },
  });
  assert.equal(plain['impersonate-user'], 'kubeconfig-as');
});

test('hop-by-hop response headers are dropped, others kept in order', () => {
  assert.deepEqual(
    downstreamHeaders(['Content-Type', 'application/json', 'Transfer-Encoding', 'chunked', 'Audit-Id', 'x']),
    ['Content-Type', 'application/json', 'Audit-Id', 'x'],
  );
});
