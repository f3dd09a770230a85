import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { kubectlOk, sharedSandboxes, uniqueNamespace } from '@portolan/sandbox/testing';
import YAML from 'yaml';
import { startConnectProxy } from '#server/kube/testing/connect-proxy.ts';
import { selectResources } from '#server/sync/resource-selection.ts';
import { closedPort } from '#server/testing/sandbox-clients.ts';
import { type ConnectionCheck, type ConnectionCheckDeps, checkKubeconfig } from './connection-check.ts';
import { issueClientCertificate, makeCa } from './testing/certificates.ts';

const { binDir, clusters } = sharedSandboxes();
const sandbox = clusters[0];
if (!sandbox) throw new Error('no shared sandbox');
const pkiDir = path.join(path.dirname(sandbox.kubeconfig), 'pki');
const sandboxCa = { certPath: path.join(pkiDir, 'ca.crt'), keyPath: path.join(pkiDir, 'ca.key') };
const namespace = uniqueNamespace('connection-check');
const kubectl = (...args: string[]) => kubectlOk(binDir, sandbox.kubeconfig, args);

interface KubeconfigDoc {
  clusters: { name: string; cluster: Record<string, unknown> }[];
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: Record<string, unknown> }[];
  'current-context': string;
}

let dir = '';
let original: KubeconfigDoc;
let limitedToken = '';

const deps: ConnectionCheckDeps = {
  clock: () => new Date(),
  env: process.env,
  allowExec: true,
  allowFiles: true,
  syncedResources: (served) => selectResources(served, { include: 'default' }),
};
const b64 = (text: string) => Buffer.from(text).toString('base64');

/** The sandbox's admin kubeconfig with its cluster and user entries changed. */
function variant(change: (cluster: Record<string, unknown>, user: Record<string, unknown>) => void): string {
  const doc = structuredClone(original);
  const cluster = doc.clusters[0]?.cluster ?? {};
  const user = doc.users[0]?.user ?? {};
  change(cluster, user);
  return YAML.stringify(doc);
}

const withToken = (token: string) =>
  variant((_cluster, user) => {
    for (const key of Object.keys(user)) delete user[key];
    user.token = token;
  });

function assertRefused(result: ConnectionCheck, problem: string, pattern: RegExp): void {
  assert.equal(result.ok, false, JSON.stringify(result));
  if (result.ok) return;
  assert.equal(result.problem, problem, result.message);
  assert.match(result.message, pattern);
}

function assertAccepted(result: ConnectionCheck) {
  assert.equal(result.ok, true, JSON.stringify(result));
  if (!result.ok) throw new Error('refused');
  return result.cluster;
}

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'connection-check-'));
  original = YAML.parse(await readFile(sandbox.kubeconfig, 'utf8')) as KubeconfigDoc;
  await kubectl('create', 'namespace', namespace);
  await kubectl('create', 'serviceaccount', 'limited', '-n', namespace);
  await kubectl('create', 'role', 'pod-reader', '--verb=list,watch', '--resource=pods', '-n', namespace);
  await kubectl(
    'create',
    'rolebinding',
    'limited',
    '--role=pod-reader',
    `--serviceaccount=${namespace}:limited`,
    '-n',
    namespace,
  );
  limitedToken = (await kubectl('create', 'token', 'limited', '-n', namespace, '--duration=1h')).trim();
});

after(async () => {
  await kubectl('delete', 'namespace', namespace, '--wait=false');
  await rm(dir, { recursive: true, force: true });
});

test('the sandbox admin kubeconfig is accepted with version, platform, node count and full permissions', async () => {
  const cluster = assertAccepted(await checkKubeconfig({ kubeconfig: { file: sandbox.kubeconfig } }, deps));
  const version = JSON.parse(await kubectl('version', '-o', 'json')).serverVersion;
  const nodes = JSON.parse(await kubectl('get', 'nodes', '-o', 'json')).items.length;
  assert.equal(cluster.version.gitVersion, version.gitVersion);
  assert.equal(cluster.platform, 'kwok');
  assert.equal(cluster.nodeCount, nodes);
  assert.deepEqual(cluster.missingPermissions, []);
  assert.deepEqual(cluster.identity, {
    username: 'portolan-admin',
    groups: ['system:masters', 'system:authenticated'],
  });
  assert.equal(cluster.context.name, original['current-context']);
  assert.equal(cluster.server, sandbox.server);
  assert.equal(cluster.credentialExpiry[0]?.kind, 'client-certificate');
  assert.ok((cluster.credentialExpiry[0]?.expiresAt?.getTime() ?? 0) > Date.now());
  assert.deepEqual(cluster.warnings, []);
});

test('the permissions checked are those of the resources sync keeps, as the caller chooses them', async () => {
  const podsAndConfigMaps: ConnectionCheckDeps = {
    ...deps,
    syncedResources: (served) => selectResources(served, { include: ['pods', 'configmaps'] }),
  };
  const cluster = assertAccepted(
    await checkKubeconfig({ kubeconfig: { text: withToken(limitedToken) } }, podsAndConfigMaps),
  );
  assert.deepEqual(cluster.missingPermissions.map((entry) => `${entry.group}/${entry.resource}`).sort(), [
    '/configmaps',
    '/pods',
  ]);
});

test('a token that may only read pods in one namespace is accepted, listing what sync cannot do', async () => {
  const cluster = assertAccepted(
    await checkKubeconfig({ kubeconfig: { text: withToken(limitedToken) } }, deps),
  );
  assert.equal(cluster.identity?.username, `system:serviceaccount:${namespace}:limited`);
  assert.equal(cluster.nodeCount, undefined);
  assert.deepEqual(
    cluster.missingPermissions.find((entry) => entry.group === '' && entry.resource === 'pods'),
    { group: '', resource: 'pods', verbs: ['list', 'watch'] },
    'pods may be read in one namespace only, and sync needs all',
  );
  assert.ok(
    cluster.missingPermissions.some((entry) => entry.group === 'apps' && entry.resource === 'deployments'),
  );
  assert.match(cluster.warnings.join('\n'), /may not list nodes/);
  assert.match(
    cluster.warnings.join('\n'),
    /sync cannot list and watch \d+ resource type\(s\) in all namespaces: .*pods/,
  );
});

test('token files, exec plugins and OIDC id-tokens authenticate', async () => {
  const tokenFile = path.join(dir, 'token');
  await writeFile(tokenFile, `${limitedToken}\n`);
  const fromFile = variant((_cluster, user) => {
    for (const key of Object.keys(user)) delete user[key];
    user.tokenFile = tokenFile;
  });
  assert.equal(
    assertAccepted(await checkKubeconfig({ kubeconfig: { text: fromFile } }, deps)).identity?.username,
    `system:serviceaccount:${namespace}:limited`,
  );

  const plugin = path.join(dir, 'token-plugin.sh');
  await writeFile(
    plugin,
    `#!/bin/sh\nprintf '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"%s"}}' "$TOKEN" "$EXPIRES"\n`,
  );
  await chmod(plugin, 0o755);
  const expires = new Date(Date.now() + 3600_000).toISOString();
  const exec = variant((_cluster, user) => {
    for (const key of Object.keys(user)) delete user[key];
    user.exec = {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: plugin,
      env: [
        { name: 'TOKEN', value: limitedToken },
        { name: 'EXPIRES', value: expires },
      ],
    };
  });
  const viaExec = assertAccepted(await checkKubeconfig({ kubeconfig: { text: exec } }, deps));
  assert.equal(viaExec.identity?.username, `system:serviceaccount:${namespace}:limited`);
  assert.equal(
    viaExec.credentialExpiry.find((item) => item.kind === 'exec')?.expiresAt?.toISOString(),
    expires,
  );

  // A service account token is a JWT the API server accepts, so it stands in for an OIDC id-token.
  const oidc = variant((_cluster, user) => {
    for (const key of Object.keys(user)) delete user[key];
    user['auth-provider'] = { name: 'oidc', config: { 'id-token': limitedToken, 'client-id': 'portolan' } };
  });
  const viaOidc = assertAccepted(await checkKubeconfig({ kubeconfig: { text: oidc } }, deps));
  assert.equal(viaOidc.identity?.username, `system:serviceaccount:${namespace}:limited`);
  assert.ok(viaOidc.credentialExpiry.find((item) => item.kind === 'id-token')?.expiresAt);
});

test('tls-server-name, insecure-skip-tls-verify and proxy-url connect; a wrong server name is refused', async () => {
  const named = variant((cluster) => {
    cluster['tls-server-name'] = 'kubernetes.default.svc';
  });
  assertAccepted(await checkKubeconfig({ kubeconfig: { text: named } }, deps));

  const wrongName = variant((cluster) => {
    cluster['tls-server-name'] = 'wrong.example';
  });
  assertRefused(
    await checkKubeconfig({ kubeconfig: { text: wrongName } }, deps),
    'tls-name-mismatch',
    /not valid for the name used to reach it.*tls-server-name/,
  );

  const insecure = variant((cluster) => {
    delete cluster['certificate-authority-data'];
    cluster['insecure-skip-tls-verify'] = true;
  });
  const accepted = assertAccepted(await checkKubeconfig({ kubeconfig: { text: insecure } }, deps));
  assert.match(accepted.warnings.join(), /insecure-skip-tls-verify is set/);

  const proxy = await startConnectProxy();
  try {
    const proxied = variant((cluster) => {
      cluster['proxy-url'] = proxy.url;
    });
    assertAccepted(await checkKubeconfig({ kubeconfig: { text: proxied } }, deps));
    assert.ok(
      proxy.tunnels.length > 0 && proxy.tunnels.every((tunnel) => tunnel === new URL(sandbox.server).host),
    );
  } finally {
    await proxy.close();
  }
});

test('a CA that did not sign the server certificate is refused: the CA does not match', async () => {
  const otherCa = await makeCa(dir, 'other-ca');
  const text = variant((cluster) => {
    cluster['certificate-authority-data'] = b64(otherCa.cert);
  });
  assertRefused(
    await checkKubeconfig({ kubeconfig: { text } }, deps),
    'tls-untrusted',
    new RegExp(
      `API server at ${new URL(sandbox.server).host.replace(/\./g, '\\.')} .*the CA does not match this cluster`,
    ),
  );
});

test('an expired client certificate is refused, saying when it expired', async () => {
  const expired = await issueClientCertificate({
    dir,
    ca: sandboxCa,
    name: 'expired-admin',
    subject: '/O=system:masters/CN=expired-admin',
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date('2020-02-01T00:00:00Z'),
  });
  const text = variant((_cluster, user) => {
    user['client-certificate-data'] = b64(expired.cert);
    user['client-key-data'] = b64(expired.key);
  });
  const result = await checkKubeconfig({ kubeconfig: { text } }, deps);
  assertRefused(
    result,
    'credential-expired',
    /client certificate \(CN=expired-admin, O=system:masters\) .* expired at 2020-02-01T00:00:00\.000Z/,
  );
});

test('credentials the server does not accept are refused as unauthorized', async () => {
  assertRefused(
    await checkKubeconfig({ kubeconfig: { text: withToken('not-a-valid-token') } }, deps),
    'unauthorized',
    /did not accept the credentials of user "admin" \(401 Unauthorized\)/,
  );
  const strangerCa = await makeCa(dir, 'stranger-ca');
  const stranger = await issueClientCertificate({
    dir,
    ca: strangerCa,
    name: 'stranger',
    subject: '/CN=stranger',
    notBefore: new Date(Date.now() - 3600_000),
    notAfter: new Date(Date.now() + 3600_000),
  });
  const text = variant((_cluster, user) => {
    user['client-certificate-data'] = b64(stranger.cert);
    user['client-key-data'] = b64(stranger.key);
  });
  assertRefused(await checkKubeconfig({ kubeconfig: { text } }, deps), 'unauthorized', /401 Unauthorized/);
});

test('an unknown context is refused, listing the contexts there are', async () => {
  assertRefused(
    await checkKubeconfig({ kubeconfig: { file: sandbox.kubeconfig }, context: 'production' }, deps),
    'unknown-context',
    new RegExp(`no context "production"; its contexts are: "${original['current-context']}"`),
  );
});

test('a missing exec plugin is refused, naming it and its install hint', async () => {
  const text = variant((_cluster, user) => {
    for (const key of Object.keys(user)) delete user[key];
    user.exec = {
      apiVersion: 'client.authentication.k8s.io/v1',
      command: 'portolan-missing-auth-plugin',
      interactiveMode: 'Never',
      installHint: 'Install it from https://example.com/plugin',
    };
  });
  assertRefused(
    await checkKubeconfig({ kubeconfig: { text } }, deps),
    'exec-plugin-missing',
    /"portolan-missing-auth-plugin" named in users\[admin\]\.user\.exec\.command was not found.*Install it from https:\/\/example\.com\/plugin/,
  );
});

test('an unreachable server is refused, naming host and port', async () => {
  const port = await closedPort();
  const text = variant((cluster) => {
    cluster.server = `https://127.0.0.1:${port}`;
  });
  assertRefused(
    await checkKubeconfig({ kubeconfig: { text } }, deps),
    'unreachable',
    new RegExp(`API server at 127\\.0\\.0\\.1:${port} is unreachable: connection refused`),
  );
});
