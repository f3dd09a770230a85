/**
 * The proxy's audit records, against a fake API server on loopback (no sandbox): which requests are
 * recorded, and what each record says.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AuditEvent, AuditLog } from '#server/audit/audit-log.ts';
import { authorize } from '#server/iam/authorize.ts';
import type { Caller } from '#server/iam/caller.ts';
import { type KubeConnection, staticCredentials } from '#server/kube/kube-connection.ts';
import { createProxyAudit } from '#server/proxy/proxy-audit.ts';
import { statusOf } from '#server/proxy/testing/kube-tools.ts';
import { registerKubeProxy } from './kube-proxy-routes.ts';

const callers: Record<string, Caller> = {
  alice: {
    userId: 'u-alice',
    username: 'alice',
    groups: [],
    grants: [
      {
        role: 'Viewer',
        level: 'cluster',
        cluster: 'c1',
        subject: { kind: 'user', name: 'alice' },
        bindingId: 'b1',
      },
    ],
    credential: { kind: 'token', tokenId: 't-alice', scopes: ['clusters:proxy'] },
  },
  bob: {
    userId: 'u-bob',
    username: 'bob',
    groups: [],
    grants: [],
    credential: { kind: 'token', tokenId: 't-bob', scopes: 'all' },
  },
};

let upstream: http.Server;
let proxy: FastifyInstance;
let base = '';
const recorded: AuditEvent[] = [];
const upstreamSaw: string[] = [];

const audit: AuditLog = {
  async record(event) {
    recorded.push(event);
  },
  search: async () => ({ items: [], total: 0 }),
  prune: async () => 0,
};

before(async () => {
  upstream = http.createServer((request, response) => {
    upstreamSaw.push(`${request.method} ${request.url}`);
    request.resume();
    const path = (request.url ?? '').split('?')[0] ?? '';
    const status = path.endsWith('/forbidden') ? 403 : request.method === 'POST' ? 201 : 200;
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ kind: status === 403 ? 'Status' : 'ConfigMap', code: status }));
  });
  upstream.on('upgrade', (request, socket) => {
    upstreamSaw.push(`UPGRADE ${request.url}`);
    socket.end('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n\r\n');
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const connection: KubeConnection = {
    server: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
    credentials: staticCredentials({}),
  };
  proxy = Fastify({ logger: false });
  const kube = registerKubeProxy<Caller>(proxy, {
    authenticate: (request) => callers[(request.headers.authorization ?? '').replace(/^Bearer /, '')],
    targets: {
      resolve: (name, caller) =>
        name === 'c1' && authorize(caller, 'clusters:proxy', { cluster: name }) ? { connection } : undefined,
    },
    permission: 'clusters:proxy',
    onExchange: createProxyAudit(audit, proxy.log),
  });
  proxy.server.on('upgrade', (request, socket, head) => {
    if (!kube.handleUpgrade(request, socket, head)) socket.destroy();
  });
  await proxy.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
});

after(async () => {
  await proxy?.close();
  upstream?.close();
});

async function send(method: string, path: string, token?: string): Promise<number> {
  const response = await fetch(`${base}/k8s/clusters${path}`, {
    method,
    headers: {
      'user-agent': 'kubectl/v1.31.0 (linux/amd64) kubernetes/test',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
    },
    ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }),
  });
  await response.arrayBuffer();
  return response.status;
}

function upgrade(path: string, token: string): Promise<number> {
  return statusOf(
    http.request(`${base}/k8s/clusters${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, connection: 'Upgrade', upgrade: 'SPDY/3.1' },
    }),
  );
}

/** Records arrive after the answer; they are never awaited by the request. */
async function recordFor(route: string, verb?: string): Promise<AuditEvent> {
  for (let i = 0; i < 100; i++) {
    const found = recorded.find(
      (event) => event.route === route && (verb === undefined || event.verb === verb),
    );
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no record of ${verb ?? ''} ${route}; records: ${JSON.stringify(recorded, null, 1)}`);
}

test('a change through the proxy is recorded: who, from where, what, where, outcome', async () => {
  assert.equal(await send('POST', '/c1/api/v1/namespaces/ns/configmaps', 'alice'), 201);
  const event = await recordFor('/k8s/clusters/c1/api/v1/namespaces/ns/configmaps');
  assert.deepEqual(
    { ...event, sourceIp: event.sourceIp?.replace(/^::ffff:/, '') },
    {
      action: 'clusters:proxy',
      outcome: 'allowed',
      status: 201,
      actor: 'alice',
      credential: 'token:t-alice',
      sourceIp: '127.0.0.1',
      userAgent: 'kubectl/v1.31.0 (linux/amd64) kubernetes/test',
      verb: 'create',
      route: '/k8s/clusters/c1/api/v1/namespaces/ns/configmaps',
      cluster: 'c1',
      namespace: 'ns',
      resourceKind: 'configmaps',
      resourceName: null,
      detail: null,
    },
  );
  assert.equal(
    await send('PATCH', '/c1/apis/apps/v1/namespaces/ns/deployments/web/scale?dryRun=All', 'alice'),
    200,
  );
  const scaled = await recordFor('/k8s/clusters/c1/apis/apps/v1/namespaces/ns/deployments/web/scale');
  assert.equal(scaled.verb, 'patch');
  assert.equal(scaled.resourceKind, 'deployments/scale');
  assert.equal(scaled.resourceName, 'web');
  assert.equal(scaled.detail, 'dry run');
});

test('reads are not recorded, except Secrets (their values travel in clear)', async () => {
  const before = recorded.length;
  assert.equal(await send('GET', '/c1/api/v1/namespaces/ns/configmaps', 'alice'), 200);
  assert.equal(await send('GET', '/c1/api/v1/namespaces/ns/configmaps/cm', 'alice'), 200);
  assert.equal(await send('GET', '/c1/api/v1/namespaces/ns/secrets/token', 'alice'), 200);
  const secret = await recordFor('/k8s/clusters/c1/api/v1/namespaces/ns/secrets/token');
  assert.equal(secret.verb, 'get');
  assert.equal(secret.outcome, 'allowed');
  assert.equal(recorded.length, before + 1, 'only the Secret read');
});

test("denials are recorded: the member cluster's, Portolan's 401, and a cluster the caller may not use", async () => {
  assert.equal(await send('GET', '/c1/api/v1/namespaces/ns/pods/forbidden', 'alice'), 403);
  const byCluster = await recordFor('/k8s/clusters/c1/api/v1/namespaces/ns/pods/forbidden');
  assert.equal(byCluster.outcome, 'denied');
  assert.equal(byCluster.status, 403);
  assert.equal(byCluster.detail, 'refused by the member cluster');
  assert.equal(byCluster.resourceName, 'forbidden');

  assert.equal(await send('DELETE', '/c1/api/v1/namespaces/ns/configmaps/cm'), 401);
  const anonymous = await recordFor('/k8s/clusters/c1/api/v1/namespaces/ns/configmaps/cm', 'delete');
  assert.equal(anonymous.outcome, 'denied');
  assert.equal(anonymous.actor, null);
  assert.equal(anonymous.cluster, 'c1');
  assert.match(anonymous.detail ?? '', /^refused by Portolan: Portolan did not accept the credentials/);

  const seen = upstreamSaw.length;
  assert.equal(await send('GET', '/c1/api/v1/namespaces/ns/pods', 'bob'), 404);
  const bob = await recordFor('/k8s/clusters/c1/api/v1/namespaces/ns/pods');
  assert.equal(bob.actor, 'bob');
  assert.equal(bob.outcome, 'denied', 'a 404 that hides a cluster is a denial in the trail');
  assert.equal(bob.verb, 'list');
  assert.equal(upstreamSaw.length, seen, 'nothing reached the cluster');
});

test('exec, attach and port-forward upgrades are recorded with their command', async () => {
  assert.equal(
    await upgrade(
      '/c1/api/v1/namespaces/ns/pods/web-0/exec?command=sh&command=-c&command=id&container=app&stdout=1',
      'alice',
    ),
    101,
  );
  const exec = await recordFor('/k8s/clusters/c1/api/v1/namespaces/ns/pods/web-0/exec');
  assert.equal(exec.outcome, 'allowed');
  assert.equal(exec.status, 101);
  assert.equal(exec.resourceKind, 'pods/exec');
  assert.equal(exec.resourceName, 'web-0');
  assert.equal(exec.detail, 'command: sh -c id; container: app');

  assert.equal(await upgrade('/c1/api/v1/namespaces/ns/pods/web-0/portforward?ports=8080', 'bob'), 404);
  const refused = await recordFor('/k8s/clusters/c1/api/v1/namespaces/ns/pods/web-0/portforward');
  assert.equal(refused.outcome, 'denied');
  assert.equal(refused.actor, 'bob');
  assert.match(refused.detail ?? '', /ports: 8080/);
});
