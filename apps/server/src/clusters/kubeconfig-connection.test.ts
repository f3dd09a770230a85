import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import YAML from 'yaml';
import { parseKubeconfig, readKubeconfigFile } from './kubeconfig.ts';
import { connectionFromKubeconfig, type KubeconfigConnectionOptions } from './kubeconfig-connection.ts';
import { KubeconfigError } from './kubeconfig-errors.ts';
import { issueClientCertificate, makeCa, type PemPair } from './testing/certificates.ts';

let dir = '';
let ca: PemPair;
let client: PemPair;
let other: PemPair;

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kubeconfig-connection-'));
  ca = await makeCa(dir, 'test-ca');
  const validity = {
    notBefore: new Date(Date.now() - 3600_000),
    notAfter: new Date(Date.now() + 86_400_000),
  };
  client = await issueClientCertificate({ dir, ca, name: 'alice', subject: '/O=dev/CN=alice', ...validity });
  other = await issueClientCertificate({ dir, ca, name: 'bob', subject: '/CN=bob', ...validity });
});
after(() => rm(dir, { recursive: true, force: true }));

const b64 = (text: string) => Buffer.from(text).toString('base64');
let now = new Date('2030-01-01T00:00:00Z');
const options = (extra: Partial<KubeconfigConnectionOptions> = {}): KubeconfigConnectionOptions => ({
  clock: () => now,
  env: {},
  allowExec: true,
  files: { allowFiles: true },
  ...extra,
});

function kubeconfig(cluster: Record<string, unknown>, user: Record<string, unknown>): string {
  return YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster: { server: 'https://10.1.2.3:6443', ...cluster } }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'ctx',
  });
}

const connect = (text: string, extra: Partial<KubeconfigConnectionOptions> = {}) =>
  connectionFromKubeconfig(parseKubeconfig(text), options(extra));

const problem = (expected: string, pattern: RegExp) => (error: unknown) => {
  if (!(error instanceof KubeconfigError)) return false;
  assert.equal(error.problem, expected, error.message);
  assert.match(error.message, pattern);
  return true;
};

test('embedded CA, client certificate, tls-server-name and impersonation become connection settings', async () => {
  const prepared = await connect(
    kubeconfig(
      { 'certificate-authority-data': b64(ca.cert), 'tls-server-name': 'kubernetes' },
      {
        'client-certificate-data': b64(client.cert),
        'client-key-data': b64(client.key),
        as: 'admin',
        'as-groups': ['ops', 'dev'],
      },
    ),
  );
  assert.equal(prepared.connection.server, 'https://10.1.2.3:6443');
  assert.equal(prepared.connection.ca, ca.cert);
  assert.equal(prepared.connection.tlsServerName, 'kubernetes');
  assert.deepEqual(prepared.connection.headers, {
    'impersonate-user': 'admin',
    'impersonate-group': ['ops', 'dev'],
  });
  assert.deepEqual(prepared.credentials.kinds, ['client-certificate']);
  assert.deepEqual(await prepared.connection.credentials.get(), {
    clientCertificate: { cert: client.cert, key: client.key },
  });
  assert.deepEqual(prepared.warnings, []);
});

test('a bare host:port server means https', async () => {
  const prepared = await connect(kubeconfig({ server: 'api.example:6443' }, { token: 't' }));
  assert.equal(prepared.connection.server, 'https://api.example:6443');
  await assert.rejects(connect(kubeconfig({ server: '' }, {})), problem('invalid-server', /has no server/));
  await assert.rejects(
    connect(kubeconfig({ server: 'ftp://x' }, {})),
    problem('invalid-server', /must start with https/),
  );
});

test('bad base64 and bad PEM are refused naming the field and its line', async () => {
  await assert.rejects(
    connect(kubeconfig({ 'certificate-authority-data': ca.cert }, {})),
    (error: unknown) =>
      problem(
        'invalid-base64',
        /clusters\[c\]\.cluster\.certificate-authority-data holds PEM text.*base64 -w0/,
      )(error) && (error as KubeconfigError).line === 7,
  );
  await assert.rejects(
    connect(kubeconfig({}, { 'client-certificate-data': 'not*base64', 'client-key-data': b64(client.key) })),
    problem('invalid-base64', /users\[u\]\.user\.client-certificate-data is not valid base64/),
  );
  await assert.rejects(
    connect(kubeconfig({ 'certificate-authority-data': b64('hello') }, {})),
    problem('invalid-pem', /holds no PEM certificate/),
  );
  await assert.rejects(
    connect(
      kubeconfig(
        {},
        {
          'client-certificate-data': b64(client.cert),
          'client-key-data': b64('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n'),
        },
      ),
    ),
    problem('invalid-pem', /client-key-data is not a usable PEM private key/),
  );
  await assert.rejects(
    connect(
      kubeconfig({}, { 'client-certificate-data': b64(client.cert), 'client-key-data': b64(other.key) }),
    ),
    problem('invalid-pem', /the client key does not belong to the client certificate/),
  );
  await assert.rejects(
    connect(kubeconfig({}, { 'client-certificate-data': b64(client.cert) })),
    problem('invalid-kubeconfig', /client certificate without its key/),
  );
});

test('file references resolve against the kubeconfig directory and are refused when not allowed', async () => {
  const file = path.join(dir, 'config');
  await writeFile(
    file,
    kubeconfig(
      { 'certificate-authority': 'test-ca.crt' },
      { 'client-certificate': client.certPath, 'client-key': 'alice.key' },
    ),
  );
  const prepared = await connectionFromKubeconfig(await readKubeconfigFile(file), options());
  assert.equal(prepared.connection.ca, ca.cert);
  assert.equal((await prepared.connection.credentials.get()).clientCertificate?.key, client.key);

  await assert.rejects(
    connectionFromKubeconfig(await readKubeconfigFile(file), options({ files: { allowFiles: false } })),
    problem(
      'files-not-allowed',
      /certificate-authority points at the file test-ca\.crt, and file references are not allowed/,
    ),
  );
  await assert.rejects(
    connect(kubeconfig({ 'certificate-authority': 'ca.crt' }, {})),
    problem('relative-path', /relative path ca\.crt, which cannot be resolved for a pasted kubeconfig/),
  );
  await assert.rejects(
    connect(kubeconfig({ 'certificate-authority': path.join(dir, 'nope.crt') }, {})),
    problem(
      'unreadable-file',
      /cannot read .*nope\.crt named by clusters\[c\]\.cluster\.certificate-authority: it does not exist/,
    ),
  );
});

test('tokens, token files and basic auth become Authorization headers', async () => {
  const token = await connect(kubeconfig({}, { token: 'abc ' }));
  assert.deepEqual(await token.connection.credentials.get(), { authorization: 'Bearer abc' });

  const basic = await connect(kubeconfig({}, { username: 'admin', password: 's3cret' }));
  assert.deepEqual(await basic.connection.credentials.get(), {
    authorization: `Basic ${Buffer.from('admin:s3cret').toString('base64')}`,
  });
  assert.match(basic.warnings.join(), /dropped basic authentication in 1\.19/);
  await assert.rejects(
    connect(kubeconfig({}, { token: 'a', username: 'b', password: 'c' })),
    problem('conflicting-auth', /both a bearer token and a username\/password/),
  );

  const tokenFile = path.join(dir, 'token');
  await writeFile(tokenFile, 'first\n');
  const fromFile = await connect(kubeconfig({}, { tokenFile }));
  await writeFile(tokenFile, 'second\n');
  assert.deepEqual(await fromFile.connection.credentials.get(), { authorization: 'Bearer first' });
  now = new Date(now.getTime() + 61_000);
  assert.deepEqual(
    await fromFile.connection.credentials.get(),
    { authorization: 'Bearer second' },
    're-read after a minute',
  );
});

test('insecure-skip-tls-verify is allowed with a warning, but not together with a CA', async () => {
  const insecure = await connect(kubeconfig({ 'insecure-skip-tls-verify': true }, { token: 't' }));
  assert.equal(insecure.connection.insecureSkipTlsVerify, true);
  assert.match(insecure.warnings.join(), /insecure-skip-tls-verify is set for cluster "c"/);
  await assert.rejects(
    connect(kubeconfig({ 'insecure-skip-tls-verify': true, 'certificate-authority-data': b64(ca.cert) }, {})),
    problem('invalid-kubeconfig', /both a certificate authority and insecure-skip-tls-verify/),
  );
  const anonymous = await connect(kubeconfig({}, {}));
  assert.match(anonymous.warnings.join(), /no credentials: requests are anonymous/);
});

test('HTTP(S) proxies are accepted; SOCKS proxies are refused with a reason', async () => {
  const proxied = await connect(
    kubeconfig({ 'proxy-url': 'http://user:pw@proxy.example:3128' }, { token: 't' }),
  );
  assert.equal(proxied.connection.proxyUrl, 'http://user:pw@proxy.example:3128/');
  await assert.rejects(
    connect(kubeconfig({ 'proxy-url': 'socks5://proxy.example:1080' }, {})),
    problem('unsupported-proxy', /SOCKS proxies are not supported/),
  );
});

test('exec plugins are refused where commands may not run; removed auth providers name their successor', async () => {
  const exec = { apiVersion: 'client.authentication.k8s.io/v1', command: 'aws', args: ['eks', 'get-token'] };
  await assert.rejects(
    connect(kubeconfig({}, { exec }), { allowExec: false }),
    problem('exec-not-allowed', /exec plugin "aws".*not allowed/),
  );
  await assert.rejects(
    connect(kubeconfig({}, { exec: { ...exec, apiVersion: 'client.authentication.k8s.io/v1alpha1' } })),
    problem('unsupported-auth', /v1alpha1 was removed/),
  );
  await assert.rejects(
    connect(kubeconfig({}, { 'auth-provider': { name: 'gcp', config: {} } })),
    problem('unsupported-auth', /gke-gcloud-auth-plugin/),
  );
  await assert.rejects(
    connect(kubeconfig({}, { exec, 'auth-provider': { name: 'oidc', config: { 'id-token': 'x' } } })),
    problem('conflicting-auth', /both exec and auth-provider/),
  );
});

test('OIDC sends the id-token and refuses it once expired', async () => {
  const jwt = (exp: number) =>
    `${['{"alg":"none"}', JSON.stringify({ sub: 'alice', exp })]
      .map((part) => Buffer.from(part).toString('base64url'))
      .join('.')}.sig`;
  const valid = jwt(now.getTime() / 1000 + 3600);
  const oidc = await connect(
    kubeconfig(
      {},
      { 'auth-provider': { name: 'oidc', config: { 'id-token': valid, 'refresh-token': 'r' } } },
    ),
  );
  assert.deepEqual(await oidc.connection.credentials.get(), { authorization: `Bearer ${valid}` });
  assert.deepEqual(oidc.credentials.kinds, ['oidc']);

  const expired = await connect(
    kubeconfig(
      {},
      { 'auth-provider': { name: 'oidc', config: { 'id-token': jwt(now.getTime() / 1000 - 60) } } },
    ),
  );
  await assert.rejects(
    expired.connection.credentials.get(),
    problem('credential-expired', /id-token .* expired at .*log in again/),
  );
  await assert.rejects(
    connect(kubeconfig({}, { 'auth-provider': { name: 'oidc', config: {} } })),
    problem('unsupported-auth', /has no id-token/),
  );
});
