import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseKubeconfig } from '#server/clusters/kubeconfig.ts';
import { connectionFromKubeconfig } from '#server/clusters/kubeconfig-connection.ts';
import { renderIssuedKubeconfig } from './issued-kubeconfig.ts';

const connect = (text: string, context?: string) =>
  connectionFromKubeconfig(parseKubeconfig(text), {
    ...(context ? { context } : {}),
    clock: () => new Date(),
    env: {},
    allowExec: false,
    files: { allowFiles: false },
  });

test('one context per cluster, each pointing at its proxy path, with the bearer token', async () => {
  const text = renderIssuedKubeconfig({
    baseUrl: 'https://portolan.example.com/',
    clusters: ['prod', 'edge 1'],
    token: 'ptl_abc',
    userName: 'jane',
  });
  const config = parseKubeconfig(text);
  assert.deepEqual(
    config.contexts.map((context) => context.name),
    ['prod', 'edge 1'],
  );
  assert.equal(config.currentContext, 'prod');
  const prod = await connect(text);
  assert.equal(prod.connection.server, 'https://portolan.example.com/k8s/clusters/prod');
  assert.deepEqual(await prod.connection.credentials.get(), { authorization: 'Bearer ptl_abc' });
  const edge = await connect(text, 'edge 1');
  assert.equal(edge.connection.server, 'https://portolan.example.com/k8s/clusters/edge%201');
});

test('a base path is kept, a CA is embedded, and the current cluster can be chosen', async () => {
  const ca = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  const text = renderIssuedKubeconfig({
    baseUrl: 'https://127.0.0.1:8443/portolan',
    clusters: ['a', 'b'],
    token: 't',
    currentCluster: 'b',
    certificateAuthority: ca,
  });
  const config = parseKubeconfig(text);
  assert.equal(config.currentContext, 'b');
  assert.equal(config.clusters[1]?.value.server, 'https://127.0.0.1:8443/portolan/k8s/clusters/b');
  assert.equal(
    Buffer.from(config.clusters[0]?.value['certificate-authority-data'] ?? '', 'base64').toString(),
    ca,
  );
});

test('bad input is refused with what to fix', () => {
  assert.throws(
    () => renderIssuedKubeconfig({ baseUrl: 'portolan', clusters: ['a'], token: 't' }),
    /not a URL/,
  );
  assert.throws(
    () => renderIssuedKubeconfig({ baseUrl: 'http://x', clusters: ['a'], token: 't' }),
    /kubectl sends no token over plain http/,
  );
  assert.throws(
    () => renderIssuedKubeconfig({ baseUrl: 'https://x', clusters: [], token: 't' }),
    /at least one/,
  );
  assert.throws(
    () => renderIssuedKubeconfig({ baseUrl: 'https://x', clusters: ['a'], token: 't', currentCluster: 'z' }),
    /"z" is not among/,
  );
});
