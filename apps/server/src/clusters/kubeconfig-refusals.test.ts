import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { type SilentServer, startSilentServer } from '#server/kube/testing/silent-servers.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import { issueClientCertificate, makeCa } from './testing/certificates.ts';
import { billionLaughs, kubeconfigWithUser } from './testing/kubeconfigs.ts';

interface ErrorBody {
  error: { code: string; message: string; field?: string; line?: number; problem?: string };
}

let dir = '';
let harness: Harness;
let silent: SilentServer;

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kubeconfig-refusals-'));
  // Trusted kubeconfigs may read files and run plugins: the refusals below must hold even then.
  harness = await startHarness({
    args: ['--trust-kubeconfig-files', 'true', '--trust-kubeconfig-exec', 'true'],
  });
  silent = await startSilentServer('tls');
});
after(async () => {
  await silent?.close();
  await harness?.stop({ removeData: true });
  await rm(dir, { recursive: true, force: true });
});

const kubeconfig = kubeconfigWithUser;

const register = (text: string, name = 'refused') =>
  harness.call<ErrorBody>('POST', '/api/v1/clusters', { name, kubeconfig: text });

test('a YAML alias bomb is a 400 naming its line on both routes that take a kubeconfig', async () => {
  for (const route of ['/api/v1/kubeconfig/contexts', '/api/v1/clusters']) {
    const body = route.endsWith('contexts')
      ? { kubeconfig: billionLaughs }
      : { name: 'bomb', kubeconfig: billionLaughs };
    const answer = await harness.call<ErrorBody>('POST', route, body);
    assert.equal(answer.status, 400, `${route}: ${JSON.stringify(answer.body)}`);
    assert.equal(answer.body.error.code, 'invalid-kubeconfig');
    assert.match(answer.body.error.message, /aliases \(\*name\) more than 100 times/);
    assert.equal(answer.body.error.line, 4);
  }
  const deep = await harness.call<ErrorBody>('POST', '/api/v1/kubeconfig/contexts', {
    kubeconfig: `clusters: ${'['.repeat(500_000)}`,
  });
  assert.equal(deep.status, 400);
  assert.match(deep.body.error.message, /more than 64 levels deep/);
});

test('header-breaking token, tokenFile content and as are 400s naming the field the user wrote', async () => {
  const tokenFile = path.join(dir, 'token');
  await writeFile(tokenFile, 'line-one\r\nline-two');
  const cases: [Record<string, unknown>, string, RegExp][] = [
    [{ token: 'abc\r\ndef' }, 'users[u].user.token', /contains a line break \(CR\)/],
    [{ token: 'abc\u2028def' }, 'users[u].user.token', /"\u2028" \(U\+2028\), which is outside Latin-1/],
    [
      { tokenFile },
      'users[u].user.tokenFile',
      /the file .*token named by users\[u\]\.user\.tokenFile contains a line break/,
    ],
    [{ token: 't', as: 'jane\nx' }, 'users[u].user.as', /line break \(LF\)/],
    [{ token: 't', as: 'Łukasz' }, 'users[u].user.as', /"Ł" \(U\+0141\), which is outside Latin-1/],
    [{ token: 12 }, 'users[u].user.token', /must be text, not a number/],
  ];
  for (const [user, field, pattern] of cases) {
    const answer = await register(kubeconfig(user));
    assert.equal(answer.status, 400, `${field}: ${JSON.stringify(answer.body)}`);
    assert.equal(answer.body.error.code, 'invalid-kubeconfig');
    assert.equal(answer.body.error.field, field);
    assert.match(answer.body.error.message, pattern);
    assert.doesNotMatch(answer.body.error.message, /abc|line-one|def/, 'the secret is not echoed');
  }
});

test('with trust flags on, errors about client-certificate name client-certificate, not client-certificate-data', async () => {
  const garbage = path.join(dir, 'garbage.crt');
  await writeFile(garbage, 'not a certificate');
  const ca = await makeCa(dir, 'client-ca');
  const key = path.join(dir, 'unused.key');
  const expired = await issueClientCertificate({
    dir,
    ca,
    name: 'expired',
    subject: '/CN=expired',
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date('2020-02-01T00:00:00Z'),
  });
  await writeFile(key, expired.key);

  const text = kubeconfig({ 'client-certificate': garbage, 'client-key': key });
  const bad = await register(text);
  assert.equal(bad.status, 400, JSON.stringify(bad.body));
  assert.equal(bad.body.error.field, 'users[u].user.client-certificate');
  assert.match(bad.body.error.message, /^users\[u\]\.user\.client-certificate holds no PEM certificate/);
  const line = text.split('\n').findIndex((row) => row.includes('client-certificate:')) + 1;
  assert.equal(bad.body.error.line, line, 'the line in the kubeconfig as sent, not in a rewritten copy');

  const old = await register(
    kubeconfig({ 'client-certificate': expired.certPath, 'client-key': expired.keyPath }),
  );
  assert.equal(old.status, 422, JSON.stringify(old.body));
  assert.equal(old.body.error.problem, 'credential-expired');
  assert.equal(old.body.error.field, 'users[u].user.client-certificate');
  assert.match(old.body.error.message, /from users\[u\]\.user\.client-certificate expired at 2020-02-01/);
});

test('registering a server that never answers is refused within 10 s, naming the step', async () => {
  const started = performance.now();
  const answer = await register(kubeconfig({ token: 't' }, `https://${silent.address}`), 'silent');
  const elapsed = performance.now() - started;
  assert.equal(answer.status, 422, JSON.stringify(answer.body));
  assert.equal(answer.body.error.problem, 'timeout');
  assert.equal(answer.body.error.field, 'clusters[c].cluster.server');
  assert.match(
    answer.body.error.message,
    /took longer than 10 s: the time ran out waiting for the first byte/,
  );
  // The budget is 10 s; a second more for timers that fire late while tests share two cores.
  assert.ok(elapsed < 11_000, `answered after ${Math.round(elapsed)} ms`);
});
