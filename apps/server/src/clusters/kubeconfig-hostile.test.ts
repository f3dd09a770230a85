import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { parseKubeconfig } from './kubeconfig.ts';
import { connectionFromKubeconfig } from './kubeconfig-connection.ts';
import { KubeconfigError } from './kubeconfig-errors.ts';
import { billionLaughs, kubeconfigWithUser } from './testing/kubeconfigs.ts';

const withUser = (user: Record<string, unknown>) => kubeconfigWithUser(user);

let dir = '';
before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kubeconfig-hostile-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function refusal(run: () => unknown): KubeconfigError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof KubeconfigError, `expected a KubeconfigError, got ${String(error)}`);
    return error;
  }
  assert.fail('the kubeconfig was accepted');
}

async function connectRefusal(text: string, allowFiles = false): Promise<KubeconfigError> {
  try {
    await connectionFromKubeconfig(parseKubeconfig(text), {
      clock: () => new Date(),
      env: {},
      allowExec: false,
      files: { allowFiles },
    });
  } catch (error) {
    assert.ok(error instanceof KubeconfigError, `expected a KubeconfigError, got ${String(error)}`);
    return error;
  }
  assert.fail('the kubeconfig was accepted');
}

test('a YAML alias bomb is refused as invalid YAML at the first alias, not expanded', () => {
  const error = refusal(() => parseKubeconfig(billionLaughs));
  assert.equal(error.problem, 'invalid-yaml');
  assert.match(error.message, /aliases \(\*name\) more than 100 times.*write the values out/);
  assert.equal(error.line, 4, 'the line of the first alias');
});

test('deep nesting is refused quickly, flow or block, with its line', () => {
  const started = Date.now();
  const flow = refusal(() => parseKubeconfig(`apiVersion: v1\nclusters: ${'['.repeat(300_000)}`));
  assert.equal(flow.problem, 'invalid-yaml');
  assert.match(flow.message, /more than 64 levels deep/);
  assert.equal(flow.line, 2);
  const json = refusal(() => parseKubeconfig(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`));
  assert.match(json.message, /more than 64 levels deep/);
  const block = refusal(() =>
    parseKubeconfig(Array.from({ length: 1300 }, (_, depth) => `${' '.repeat(depth)}a:`).join('\n')),
  );
  assert.equal(block.problem, 'invalid-yaml');
  assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
});

test('a duplicate key is refused with its line, and many keys do not take quadratic time', () => {
  const duplicate = refusal(() =>
    parseKubeconfig('apiVersion: v1\nusers:\n- name: u\n  user:\n    token: a\n    token: b\n'),
  );
  assert.equal(duplicate.problem, 'invalid-yaml');
  assert.match(duplicate.message, /"token" appears twice/);
  assert.equal(duplicate.line, 6);
  const started = Date.now();
  const keys = Array.from({ length: 50_000 }, (_, index) => `k${index}: v`).join('\n');
  parseKubeconfig(`apiVersion: v1\n${keys}\n`);
  assert.ok(Date.now() - started < 10_000, `50,000 keys took ${Date.now() - started} ms (was 30 s)`);
});

test('fields of the wrong type are refused, naming the field and how to fix it', () => {
  const cases: [Record<string, unknown>, string, RegExp][] = [
    [{ token: 12345 }, 'users[u].user.token', /must be text, not a number; put the value in quotes/],
    [{ 'as-groups': 'admins' }, 'users[u].user.as-groups', /must be a list of text values, not a string/],
    [{ 'as-groups': ['a', 7] }, 'users[u].user.as-groups[1]', /must be text/],
    [{ 'as-user-extra': { scopes: 'x' } }, 'users[u].user.as-user-extra.scopes', /must be a list/],
    [
      { exec: { command: 'x', args: '--flag', apiVersion: 'client.authentication.k8s.io/v1' } },
      'users[u].user.exec.args',
      /must be a list of text values/,
    ],
    [{ exec: { command: 'x', env: [{ name: 'A', value: 1 }] } }, 'users[u].user.exec.env[0].value', /text/],
    [{ 'auth-provider': 'oidc' }, 'users[u].user.auth-provider', /must be a mapping, not a string/],
  ];
  for (const [user, field, pattern] of cases) {
    const error = refusal(() => parseKubeconfig(withUser(user)));
    assert.equal(error.problem, 'invalid-kubeconfig');
    assert.equal(error.field, field);
    assert.match(error.message, pattern);
    assert.ok(error.line, `${field} has a line`);
  }
  const server = refusal(() =>
    parseKubeconfig(
      'clusters:\n- name: c\n  cluster:\n    server: 6443\n    insecure-skip-tls-verify: "yes"\n',
    ),
  );
  assert.equal(server.field, 'clusters[c].cluster.server');
  const binary = refusal(() =>
    parseKubeconfig(withUser({}).replace('user: {}', 'user:\n      token: !!binary aGk=')),
  );
  assert.match(binary.message, /users\[u\]\.user\.token must be text, not binary data/);
});

test('a token with CR/LF or outside Latin-1 is refused naming the field, never echoing the token', async () => {
  const crlf = await connectRefusal(withUser({ token: 'abc\r\nX-Injected: yes' }));
  assert.equal(crlf.problem, 'invalid-kubeconfig');
  assert.equal(crlf.field, 'users[u].user.token');
  assert.match(
    crlf.message,
    /contains a line break \(CR\) at position 4, which cannot be sent in an HTTP header/,
  );
  assert.doesNotMatch(crlf.message, /abc|Injected/);

  const quote = await connectRefusal(withUser({ token: 'sha256~token’' }));
  assert.match(
    quote.message,
    /users\[u\]\.user\.token contains the character "’" \(U\+2019\), which is outside Latin-1/,
  );
  const control = await connectRefusal(withUser({ token: 'a\u0000b' }));
  assert.match(control.message, /the control character U\+0000/);
});

test('as, as-uid, as-groups and as-user-extra values that cannot be headers are refused by field', async () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ token: 't', as: 'jane\nImpersonate-Group: system:masters' }, 'users[u].user.as'],
    [{ token: 't', as: 'Zoë “admin”' }, 'users[u].user.as'],
    [{ token: 't', 'as-uid': 'a\rb' }, 'users[u].user.as-uid'],
    [{ token: 't', as: 'jane', 'as-groups': ['dev', 'ops\n'] }, 'users[u].user.as-groups[1]'],
    [
      { token: 't', as: 'jane', 'as-user-extra': { scopes: ['ok', 'bad\r\n'] } },
      'users[u].user.as-user-extra.scopes',
    ],
  ];
  for (const [user, field] of cases) {
    const error = await connectRefusal(withUser(user));
    assert.equal(error.field, field, error.message);
    assert.match(error.message, /cannot be sent in an HTTP header; write it as plain text on one line/);
  }
});

test('as-user-extra keys of any characters become valid header names, escaped as client-go does', async () => {
  const prepared = await connectionFromKubeconfig(
    parseKubeconfig(withUser({ token: 't', as: 'jane', 'as-user-extra': { 'acme.io/scope (x)%': ['a'] } })),
    { clock: () => new Date(), env: {}, allowExec: false, files: { allowFiles: false } },
  );
  assert.deepEqual(prepared.connection.headers, {
    'impersonate-user': 'jane',
    'impersonate-extra-acme.io%2Fscope%20%28x%29%25': ['a'],
  });
});

test('a tokenFile whose content holds CR/LF is refused naming tokenFile and the file', async () => {
  const file = path.join(dir, 'token');
  await writeFile(file, 'first-half\r\nsecond-half\n');
  const error = await connectRefusal(withUser({ tokenFile: file }), true);
  assert.equal(error.field, 'users[u].user.tokenFile');
  assert.match(
    error.message,
    new RegExp(`the file ${file} named by users\\[u\\]\\.user\\.tokenFile contains a line break`),
  );
  assert.doesNotMatch(error.message, /half/);
});

test('an OIDC id-token that cannot be a header is refused naming its field', async () => {
  const error = await connectRefusal(
    withUser({ 'auth-provider': { name: 'oidc', config: { 'id-token': 'eyJ\nabc', 'client-id': 'x' } } }),
  );
  assert.equal(error.field, 'users[u].user.auth-provider.config.id-token');
});

test('an error about a client certificate file names client-certificate, the field the user wrote', async () => {
  const cert = path.join(dir, 'client.crt');
  const key = path.join(dir, 'client.key');
  await writeFile(cert, 'not a certificate\n');
  await writeFile(key, 'not a key\n');
  const error = await connectRefusal(withUser({ 'client-certificate': cert, 'client-key': key }), true);
  assert.equal(error.problem, 'invalid-pem');
  assert.equal(error.field, 'users[u].user.client-certificate');
  assert.match(error.message, /^users\[u\]\.user\.client-certificate holds no PEM certificate/);
});
