import assert from 'node:assert/strict';
import { test } from 'node:test';
import { proxyUrlOf } from './proxy-url.ts';

test('kubeconfigs name --proxy-url when it is set, whatever the proxy listens on', () => {
  assert.equal(
    proxyUrlOf({ proxyUrl: 'https://kube.example.com', host: '0.0.0.0' }, 8443),
    'https://kube.example.com',
  );
});

test('without --proxy-url they name the listener, and loopback for a wildcard host', () => {
  assert.equal(proxyUrlOf({ proxyUrl: undefined, host: '0.0.0.0' }, 40123), 'https://127.0.0.1:40123');
  assert.equal(proxyUrlOf({ proxyUrl: undefined, host: '10.1.2.3' }, 8443), 'https://10.1.2.3:8443');
});
