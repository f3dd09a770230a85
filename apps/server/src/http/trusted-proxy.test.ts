import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SandboxManager } from '@portolan/sandbox';
import { loadConfig } from '#server/config/config.ts';
import { createTestIam, type TestIam } from '#server/iam/testing/iam-services.ts';
import { buildApp } from './app.ts';

/** Sandboxes play no part here; the app only needs something of the SandboxManager shape. */
const noSandboxes = {} as SandboxManager;

let iam: TestIam;
before(async () => {
  iam = await createTestIam();
  await iam.users.createLocal({ username: 'alice', password: 'alice-password-1' });
});
after(() => iam.destroy());

const appWith = (trustedProxies: string[]) =>
  buildApp({
    sandboxes: noSandboxes,
    logLevel: 'silent',
    isReady: () => true,
    identity: { iam, cookies: { secure: false } },
    trustedProxies,
  });

async function signInFrom(
  app: ReturnType<typeof appWith>,
  remoteAddress: string,
  forwardedFor: string,
): Promise<string | null | undefined> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress,
    headers: { 'x-forwarded-for': forwardedFor },
    payload: { username: 'alice', password: 'alice-password-1' },
  });
  assert.equal(response.statusCode, 200, response.body);
  const records = await iam.audit.search({ action: 'auth.login', actor: 'alice' });
  return records.items[0]?.sourceIp;
}

test('the forwarded address counts only when it comes from a configured trusted proxy', async () => {
  const app = appWith(['10.0.0.0/8']);
  await app.ready();
  assert.equal(await signInFrom(app, '10.1.2.3', '203.0.113.7'), '203.0.113.7');
  // Anyone else claiming a forwarded address is taken at their own address, so a guesser cannot
  // pick a fresh address for each guess.
  assert.equal(await signInFrom(app, '198.51.100.4', '203.0.113.8'), '198.51.100.4');
  await app.close();
  const untrusting = appWith([]);
  await untrusting.ready();
  assert.equal(await signInFrom(untrusting, '10.1.2.3', '203.0.113.9'), '10.1.2.3');
  await untrusting.close();
});

test('trusted proxies are read from --trusted-proxies or PORTOLAN_TRUSTED_PROXIES and checked', () => {
  assert.deepEqual(loadConfig([], {}).trustedProxies, []);
  assert.deepEqual(
    loadConfig([], { PORTOLAN_TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.1,loopback' }).trustedProxies,
    ['10.0.0.0/8', '192.0.2.1', 'loopback'],
  );
  assert.deepEqual(loadConfig(['--trusted-proxies', 'fd00::/8'], {}).trustedProxies, ['fd00::/8']);
  assert.throws(
    () => loadConfig([], { PORTOLAN_TRUSTED_PROXIES: 'proxy.example' }),
    /PORTOLAN_TRUSTED_PROXIES.*"proxy\.example" is not an address/,
  );
  assert.throws(() => loadConfig(['--trusted-proxies', '10.0.0.0/33'], {}), /--trusted-proxies/);
});
