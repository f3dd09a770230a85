import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createKubeClient } from './http-kube-client.ts';
import { type KubeConnection, staticCredentials } from './kube-connection.ts';
import { KubeConnectionError } from './kube-connection-errors.ts';
import { type SilentServer, type SilentStep, startSilentServer } from './testing/silent-servers.ts';

const servers: SilentServer[] = [];
after(() => Promise.all(servers.map((server) => server.close())));

async function silent(step: SilentStep): Promise<string> {
  const server = await startSilentServer(step);
  servers.push(server);
  return server.address;
}

const connectionTo = (address: string, extra: Partial<KubeConnection> = {}): KubeConnection => ({
  server: `https://${address}`,
  insecureSkipTlsVerify: true,
  credentials: staticCredentials({ authorization: 'Bearer t' }),
  ...extra,
});

/** Sends one request with a 1.5 s deadline; returns the error and how long it took. */
async function timedOut(connection: KubeConnection) {
  const client = createKubeClient(connection);
  const started = performance.now();
  try {
    await client.request({ path: '/version', timeoutMs: 1_500 });
  } catch (error) {
    assert.ok(error instanceof KubeConnectionError, String(error));
    return { error, elapsed: performance.now() - started };
  } finally {
    client.close();
  }
  assert.fail('the request was answered');
}

test('one deadline bounds the whole request and the error names the step that ran out', async () => {
  const cases: [SilentStep | 'proxy', RegExp][] = [
    ['tcp', /during the TLS handshake/],
    ['tls', /waiting for the first byte of its answer/],
    ['body', /while reading its answer/],
    ['proxy', /while the proxy \(proxy-url\) opened a tunnel/],
  ];
  const results = await Promise.all(
    cases.map(async ([step]) => {
      if (step !== 'proxy') return timedOut(connectionTo(await silent(step)));
      // A proxy that accepts the connection and never answers CONNECT.
      const proxy = await silent('tcp');
      return timedOut(connectionTo('127.0.0.1:6443', { proxyUrl: `http://${proxy}` }));
    }),
  );
  results.forEach(({ error, elapsed }, index) => {
    const [step, pattern] = cases[index] ?? [];
    assert.equal(error.failure, 'timeout', `${step}: ${error.message}`);
    assert.match(error.message, /took longer than 1\.5 s: the time ran out /);
    assert.match(error.message, pattern ?? /./, `${step}`);
    // Node's socket timeouts fired up to twice late (2 s at 4 s); the deadline must not (some
    // slack for timers on two shared cores).
    assert.ok(elapsed >= 1_450 && elapsed < 2_500, `${step}: answered after ${Math.round(elapsed)} ms`);
  });
  assert.deepEqual(
    results.map(({ error }) => error.step),
    ['tls', 'first-byte', 'body', 'proxy'],
  );
});

test('slow credentials count against the same deadline', async () => {
  const address = await silent('tls');
  const { error, elapsed } = await timedOut(
    connectionTo(address, {
      credentials: { get: () => new Promise(() => undefined) },
    }),
  );
  assert.equal(error.step, 'credentials');
  assert.match(error.message, /while getting the credentials/);
  assert.ok(elapsed < 2_000);
});

test('a header value node would refuse is a KubeConnectionError naming the fields, not a crash', async () => {
  const address = await silent('tls');
  const client = createKubeClient(
    connectionTo(address, { credentials: staticCredentials({ authorization: 'Bearer a\r\nb' }) }),
  );
  try {
    await assert.rejects(client.request({ path: '/version' }), (error: unknown) => {
      assert.ok(error instanceof KubeConnectionError, String(error));
      assert.equal(error.failure, 'credentials');
      assert.match(
        error.message,
        /holds characters HTTP does not allow.*token, as, as-groups and as-user-extra/,
      );
      return true;
    });
  } finally {
    client.close();
  }
});
