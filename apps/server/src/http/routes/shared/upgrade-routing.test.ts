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
function upgradeRequest(
  path: string,
  headers: Record<string, string> = harness.headers,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${harness.url}${path}`, {
      headers: {
        ...headers,
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

/** The administrator's session cookie, signed in with a password as the console does. */
async function sessionCookie(): Promise<string> {
  const login = await fetch(`${harness.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'harness-admin-password' }),
  });
  assert.equal(login.status, 200, await login.clone().text());
  return login.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

test('an upgrade with the session cookie from another site is refused before it is routed; bearer tokens and the own origin pass', async () => {
  const cookie = await sessionCookie();
  const exec = '/api/v1/clusters/ghost/pods/ns/pod/exec?command=true';
  const own = new URL(harness.url).origin;
  const crossSite = await upgradeRequest(exec, { cookie, origin: 'http://evil.example' });
  assert.equal(crossSite.status, 403, crossSite.body);
  const error = JSON.parse(crossSite.body).error;
  assert.equal(error.field, 'Origin');
  assert.match(error.message, /evil\.example/);
  assert.match(error.message, /--allowed-origins/);
  // Routed, so the cookie counted: the cluster is unknown.
  assert.equal((await upgradeRequest(exec, { cookie, origin: own })).status, 404);
  assert.equal(
    (await upgradeRequest(exec, { ...harness.headers, origin: 'http://evil.example' })).status,
    404,
    'a bearer token is no browser session',
  );
});
