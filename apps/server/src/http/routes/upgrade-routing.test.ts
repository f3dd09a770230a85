import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

let harness: Harness;
before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness.stop({ removeData: true });
});

/** A GET that asks for a WebSocket upgrade; resolves with the status of an ordinary answer. */
function upgradeRequest(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${harness.url}${path}`, {
      headers: {
        ...harness.headers,
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    request.once('upgrade', () => reject(new Error('upgraded')));
    request.once('response', (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        body += chunk;
      });
      response.once('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.once('error', reject);
    request.end();
  });
}

test('an upgrade request to any other route is answered as an ordinary request', async () => {
  const health = await upgradeRequest('/healthz');
  assert.equal(health.status, 200);
  assert.deepEqual(JSON.parse(health.body), { status: 'ok' });
  assert.equal((await upgradeRequest('/api/v1/nothing')).status, 404);
});

test('an exec upgrade is validated before it is accepted, and names a registered cluster', async () => {
  const invalid = await upgradeRequest('/api/v1/clusters/ghost/pods/ns/pod/exec');
  assert.equal(invalid.status, 400, invalid.body);
  assert.match(JSON.parse(invalid.body).error.message, /command/);
  const unknown = await upgradeRequest('/api/v1/clusters/ghost/pods/ns/pod/exec?command=true');
  assert.equal(unknown.status, 404, unknown.body);
});
