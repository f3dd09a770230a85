/**
 * The route × permission matrix (security issue #5): every route of the real app declares a
 * permission, and a caller whose roles do not grant it in the request's scope is refused (401 or
 * 403) before anything reaches a member cluster. Callers whose roles do grant it get past the
 * access check (any answer but 401/403). "Grants" comes from roles.ts; a hand-written list of spot
 * checks keeps roles.ts itself honest.
 *
 * The one registered cluster is reached through a fake of Portolan's own KubeClient interface
 * (testing/fake-kube-client.ts) that counts what it is asked and as whom, so "never touches a
 * cluster" is measured, not assumed. Streams that open their own connection (followed logs, exec)
 * go to the kubeconfig's server address, where a listener records each request and answers nothing.
 * No sandbox is needed. The matrix runs on both stores: identity, sessions and tokens are in them.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Permission } from '#server/iam/permissions.ts';
import { type BindingLevel, roleGrants } from '#server/iam/roles.ts';
import type { RoleName } from '#server/store/iam/iam-store.ts';
import { createFakeKubeClient, type RecordedRequest } from '#server/testing/fake-kube-client.ts';
import { HARNESS_STORES } from '#server/testing/harness-database.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';
import type { RouteEntry } from './app.ts';

const CLUSTER = 'c1';
const OTHER_CLUSTER = 'c2';
const NAMESPACE = 'ns-a';
const OTHER_NAMESPACE = 'ns-b';

interface GrantSpec {
  role: RoleName;
  level: BindingLevel;
  cluster?: string;
  namespace?: string;
}

interface CallerSpec {
  name: string;
  kind: 'anonymous' | 'session' | 'token';
  grants: GrantSpec[];
  /** A token's scopes; sessions and unscoped tokens carry all of their user's permissions. */
  scopes?: Permission[];
}

const CALLERS: CallerSpec[] = [
  { name: 'anonymous', kind: 'anonymous', grants: [] },
  { name: 'nobody', kind: 'session', grants: [] },
  { name: 'platform-viewer', kind: 'token', grants: [{ role: 'Viewer', level: 'platform' }] },
  { name: 'platform-editor', kind: 'session', grants: [{ role: 'Editor', level: 'platform' }] },
  {
    name: 'c1-viewer',
    kind: 'token',
    grants: [{ role: 'Viewer', level: 'cluster', cluster: CLUSTER }],
  },
  {
    name: 'c2-admin',
    kind: 'token',
    grants: [{ role: 'Admin', level: 'cluster', cluster: OTHER_CLUSTER }],
  },
  {
    name: 'ns-viewer',
    kind: 'token',
    grants: [{ role: 'Viewer', level: 'namespace', cluster: CLUSTER, namespace: NAMESPACE }],
  },
  {
    name: 'ns-editor',
    kind: 'token',
    grants: [{ role: 'Editor', level: 'namespace', cluster: CLUSTER, namespace: NAMESPACE }],
  },
  {
    name: 'ns-b-editor',
    kind: 'token',
    grants: [{ role: 'Editor', level: 'namespace', cluster: CLUSTER, namespace: OTHER_NAMESPACE }],
  },
  {
    // A platform Admin's token limited to one permission the routes under test mostly do not need.
    name: 'audit-token',
    kind: 'token',
    grants: [{ role: 'Admin', level: 'platform' }],
    scopes: ['audit:read'],
  },
];

/**
 * What the fake client answers: enough for registration's connection check (version, who am I, a
 * node count, access reviews); everything else is 404 NotFound. Discovery finds no resources.
 */
function answer(request: RecordedRequest) {
  if (request.path === '/version')
    return { status: 200, body: { gitVersion: 'v1.31.0', major: '1', minor: '31' } };
  if (request.path === '/readyz') return { status: 200, body: 'ok' };
  if (request.path === '/api/v1/nodes')
    return { status: 200, body: { kind: 'NodeList', metadata: {}, items: [] } };
  if (request.path.endsWith('/selfsubjectaccessreviews'))
    return { status: 201, body: { status: { allowed: true } } };
  return undefined;
}

/**
 * The kubeconfig's server: only a stream that opens its own connection comes here. It records the
 * request and who it acts as, then drops the connection without an answer.
 */
function startStreamListener(requests: string[]): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((request) => {
    requests.push(`${request.method} ${request.url} as ${request.headers['impersonate-user'] ?? 'portolan'}`);
    request.socket.destroy();
  });
  server.on('upgrade', (request, socket) => {
    requests.push(`${request.method} ${request.url} as ${request.headers['impersonate-user'] ?? 'portolan'}`);
    socket.destroy();
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    });
  });
}

let harness: Harness;
/** Every request that reached the cluster, by the client or by a stream: "METHOD path as USER". */
let upstream: string[] = [];
let listener: Awaited<ReturnType<typeof startStreamListener>> | undefined;
let routes: RouteEntry[];
/** "METHOD /url" of the routes that take `?namespace=` (from the OpenAPI document). */
const takesNamespace = new Set<string>();
const headersOf = new Map<string, Record<string, string>>();

/** A server on `store` with the one cluster registered and every caller made; the tests below use it. */
async function startMatrix(store: (typeof HARNESS_STORES)[number]): Promise<void> {
  upstream = [];
  takesNamespace.clear();
  headersOf.clear();
  hung.clear();
  const log = upstream;
  listener = await startStreamListener(log);
  harness = await startHarness({
    store,
    args: ['--log-level', 'fatal', '--probe-interval', '3600'],
    createClient: (connection) =>
      createFakeKubeClient({
        server: connection.server,
        answer,
        onRequest: (request) => log.push(`${request.method} ${request.path} as ${request.as}`),
      }),
  });
  const kubeconfig = path.join(harness.dataDir, 'fake-cluster.kubeconfig');
  await writeFile(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      `clusters: [{ name: fake, cluster: { server: "${listener.url}" } }]`,
      'users: [{ name: fake, user: { token: fake-token } }]',
      'contexts: [{ name: fake, context: { cluster: fake, user: fake } }]',
      'current-context: fake',
      '',
    ].join('\n'),
  );
  await harness.register(CLUSTER, kubeconfig);
  const { iam } = harness.portolan;
  for (const caller of CALLERS) {
    if (caller.kind === 'anonymous') {
      headersOf.set(caller.name, {});
      continue;
    }
    const password = passwordOf(caller.name);
    const user = await iam.users.createLocal({ username: caller.name, password });
    for (const grant of caller.grants) {
      const { role, ...scope } = grant;
      await iam.store.bindings.create({
        subject: { kind: 'user', name: caller.name },
        role,
        scope: scope as never,
      });
    }
    if (caller.kind === 'token') {
      const { token } = await iam.tokens.create(user.id, {
        name: 'matrix',
        scopes: caller.scopes ?? 'all',
        expiresInDays: 1,
      });
      headersOf.set(caller.name, { authorization: `Bearer ${token}` });
    } else {
      headersOf.set(caller.name, await signIn(caller.name, password));
    }
  }
  routes = [...harness.portolan.app.routeTable].sort(
    (a, b) => Number(endsSession(a)) - Number(endsSession(b)),
  );
  const openapi = (await harness.call<OpenApi>('GET', '/openapi.json')).body;
  for (const [url, operations] of Object.entries(openapi.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!operation.parameters?.some((p) => p.in === 'query' && p.name === 'namespace')) continue;
      const key = url.replace(/\{(\w+)\}/g, ':$1');
      takesNamespace.add(`${method.toUpperCase()} ${key}`);
      if (method === 'get') takesNamespace.add(`HEAD ${key}`);
    }
  }
  await quiet();
}

interface OpenApi {
  paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>>;
}

async function stopMatrix(): Promise<void> {
  await harness?.stop({ removeData: true });
  listener?.server.close();
}

const passwordOf = (username: string) => `${username}-password-123`;

/** Signing out ends the session the later requests of the same caller need: those go last. */
const endsSession = (route: RouteEntry) => route.url.startsWith('/api/v1/auth/logout');

async function signIn(username: string, password: string): Promise<Record<string, string>> {
  const response = await fetch(`${harness.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  assert.equal(response.status, 200, `signing in ${username}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken };
}

/** Waits until the cluster has had no request for a while (registration, sync, RBAC). */
async function quiet(): Promise<void> {
  let seen = -1;
  while (seen !== upstream.length) {
    seen = upstream.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** Path parameters filled with plausible values: the registered cluster, a namespace, made-up names. */
function fill(url: string): string {
  const value = (param: string) => {
    if (param === 'cluster') return CLUSTER;
    if (param === 'namespace') return NAMESPACE;
    if (param === 'name' && url.startsWith('/api/v1/clusters/:name')) return CLUSTER;
    if (param === 'name' && url.startsWith('/api/v1/clusters/:cluster/namespaces/:name')) return NAMESPACE;
    return `mx-${param}`;
  };
  return url.replace(/:(\w+)/g, (_match, param: string) => value(param));
}

/**
 * The scope the request acts in, worked out here rather than taken from the access hook: the
 * cluster of the path, and the namespace of the path (a `:namespace`, or the name of a namespace
 * route) or else of `?namespace=` on the routes that take one. A route about the cluster as a whole
 * (its sync state, its nodes, its CRDs) acts on the cluster whatever the query string says: a
 * namespace there must not let a namespace's role in.
 */
function scopeOf(route: RouteEntry, queryNamespace: string | undefined) {
  const url = route.url;
  const cluster = url.includes(':cluster') || url.startsWith('/api/v1/clusters/:name') ? CLUSTER : undefined;
  if (cluster === undefined) return 'platform' as const;
  if (url.includes(':namespace') || url.startsWith('/api/v1/clusters/:cluster/namespaces/:name'))
    return { cluster, namespace: NAMESPACE };
  const fromQuery = takesNamespace.has(`${route.method} ${url}`) ? queryNamespace : undefined;
  return { cluster, namespace: fromQuery };
}

function reaches(grant: GrantSpec, scope: ReturnType<typeof scopeOf>): boolean {
  if (grant.level === 'platform') return true;
  if (scope === 'platform' || grant.cluster !== scope.cluster) return false;
  if (grant.level === 'cluster') return true;
  return grant.level === 'namespace' && grant.namespace === scope.namespace;
}

type Expectation = 'allowed' | 'unauthenticated' | 'forbidden' | 'handler decides';

function expectation(
  caller: CallerSpec,
  route: RouteEntry,
  queryNamespace?: string,
  options: { asIfHookScoped?: boolean } = {},
): Expectation {
  const permission = route.permission;
  if (permission === 'public') return 'allowed';
  if (caller.kind === 'anonymous') return 'unauthenticated';
  if (caller.scopes && !caller.scopes.includes(permission)) return 'forbidden';
  if (permission === 'self') return 'allowed';
  const usable = caller.grants.filter((grant) => roleGrants(grant.role, grant.level, permission));
  // Routes that check the exact scope themselves: only "no permission anywhere" is the hook's to refuse.
  if (route.scope === 'handler' && !options.asIfHookScoped)
    return usable.length === 0 ? 'forbidden' : 'handler decides';
  const scope = scopeOf(route, queryNamespace);
  return usable.some((grant) => reaches(grant, scope)) ? 'allowed' : 'forbidden';
}

interface Answer {
  /** 0: no answer within the time allowed (a stream that never starts; see `hung`). */
  status: number;
  code: string | undefined;
  /** Requests that reached the cluster while this one was answered. */
  upstream: string[];
}

/** Routes that never answered an admitted caller: a refusal is immediate, so these got past the hook. */
const hung = new Set<string>();

async function send(callerName: string, route: RouteEntry, query: string, patienceMs = 500): Promise<Answer> {
  const headers: Record<string, string> = { ...headersOf.get(callerName) };
  const hasBody = !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(route.method);
  if (hasBody) headers['content-type'] = 'application/json';
  const before = upstream.length;
  const response = await fetch(`${harness.url}${fill(route.url)}${query}`, {
    method: route.method,
    headers,
    ...(hasBody ? { body: '{}' } : {}),
    redirect: 'manual',
    signal: AbortSignal.timeout(patienceMs),
  }).catch((error: unknown) => {
    if ((error as Error).name === 'TimeoutError') return undefined;
    throw error;
  });
  if (!response) return { status: 0, code: undefined, upstream: upstream.slice(before) };
  let code: string | undefined;
  if (response.status === 401 || response.status === 403) {
    const text = route.method === 'HEAD' ? '' : await response.text();
    code = text ? (JSON.parse(text) as { error?: { code?: string } }).error?.code : undefined;
  } else {
    // Streams (change feeds, logs) would not end by themselves: the status line is all that counts.
    await response.body?.cancel();
  }
  return { status: response.status, code, upstream: upstream.slice(before) };
}

interface Finding {
  caller: string;
  route: string;
  expected: Expectation;
  got: string;
}

const DISCOVERY = /^\/(version|api(\/v1)?|apis(\/[^/]+){0,2})$/;

function judge(caller: CallerSpec, route: RouteEntry, expected: Expectation, answer: Answer): string[] {
  const problems: string[] = [];
  const refused = answer.status === 401 || answer.status === 403;
  if (expected === 'unauthenticated' || expected === 'forbidden') {
    const status = expected === 'unauthenticated' ? 401 : 403;
    if (answer.status !== status) problems.push(`answered ${answer.status}, not ${status}`);
    else if (route.method !== 'HEAD' && answer.code !== expected)
      problems.push(`refused with code ${answer.code}, not ${expected}`);
    if (answer.upstream.length > 0)
      problems.push(`reached the cluster: ${answer.upstream.slice(0, 3).join(', ')}`);
  } else {
    if (expected === 'allowed' && refused)
      problems.push(
        `refused (${answer.status} ${answer.code ?? ''}) though its roles grant ${route.permission}`,
      );
    // Admitted: what reaches the cluster on the caller's behalf carries the caller's identity, so the
    // member cluster's RBAC decides too. Only discovery (every user may discover) goes as Portolan.
    const platformAdmin = caller.grants.some((g) => g.role === 'Admin' && g.level === 'platform');
    const actsAsCaller = !platformAdmin;
    for (const request of answer.upstream) {
      const [, url = '', , as] = request.split(' ');
      if (actsAsCaller && !DISCOVERY.test(url.split('?')[0] ?? '') && as !== `portolan:${caller.name}`)
        problems.push(`reached the cluster as ${as}, not as the caller: ${request}`);
    }
  }
  return problems.map((problem) => `${caller.name} ${route.method} ${route.url}: ${problem}`);
}

async function walk(queryNamespace: string | undefined): Promise<{ findings: Finding[]; checked: number }> {
  const query = queryNamespace === undefined ? '' : `?namespace=${queryNamespace}`;
  const findings: Finding[] = [];
  let checked = 0;
  for (const caller of CALLERS) {
    for (const route of routes) {
      const expected = expectation(caller, route, queryNamespace);
      let answer = await send(caller.name, route, query);
      // A refusal never waits: give one that should be refused all the time it needs.
      if (answer.status === 0 && (expected === 'forbidden' || expected === 'unauthenticated'))
        answer = await send(caller.name, route, query, 10_000);
      if (answer.status === 0) hung.add(`${route.method} ${route.url}`);
      if (caller.kind === 'session' && endsSession(route))
        headersOf.set(caller.name, await signIn(caller.name, passwordOf(caller.name)));
      checked++;
      let problems = judge(caller, route, expected, answer);
      // Requests counted while a refusal was answered may be late work of a route before it (helm
      // asking /version, the RBAC keeper reading /apis) on a loaded machine: once the cluster is
      // quiet, a refusal that really reaches the cluster does so again.
      if (problems.some((problem) => problem.includes('reached the cluster')) && answer.status !== 0) {
        await quiet();
        const again = await send(caller.name, route, query, 10_000);
        problems = judge(caller, route, expected, again);
      }
      for (const problem of problems)
        findings.push({ caller: caller.name, route: `${route.method} ${route.url}`, expected, got: problem });
    }
  }
  return { findings, checked };
}

/**
 * Written by hand, not derived from roles.ts: if roles.ts granted too much (or too little) the
 * derived expectations above would follow it, these would not.
 */
const SPOT_CHECKS: Array<[caller: string, method: string, url: string, outcome: 'allowed' | 'forbidden']> = [
  ['platform-viewer', 'GET', '/api/v1/clusters/:name', 'allowed'],
  ['platform-viewer', 'GET', '/api/v1/clusters/:cluster/secrets/:namespace/:name', 'allowed'],
  ['platform-viewer', 'PUT', '/api/v1/clusters/:cluster/resources/:kind/:name', 'forbidden'],
  ['platform-viewer', 'POST', '/api/v1/clusters/:cluster/apply', 'forbidden'],
  ['platform-viewer', 'GET', '/api/v1/clusters/:cluster/secrets/:namespace/:name/reveal', 'forbidden'],
  ['platform-viewer', 'GET', '/api/v1/clusters/:cluster/pods/:namespace/:name/exec', 'forbidden'],
  ['platform-viewer', 'GET', '/api/v1/users', 'forbidden'],
  ['platform-viewer', 'GET', '/api/v1/audit', 'forbidden'],
  ['platform-viewer', 'DELETE', '/api/v1/clusters/:name', 'forbidden'],
  ['platform-editor', 'PUT', '/api/v1/clusters/:cluster/resources/:kind/:name', 'allowed'],
  ['platform-editor', 'GET', '/api/v1/clusters/:cluster/secrets/:namespace/:name/reveal', 'allowed'],
  ['platform-editor', 'GET', '/api/v1/clusters/:cluster/pods/:namespace/:name/exec', 'allowed'],
  ['platform-editor', 'POST', '/api/v1/users', 'forbidden'],
  ['platform-editor', 'PATCH', '/api/v1/users/:username', 'forbidden'],
  ['platform-editor', 'POST', '/api/v1/rolebindings', 'forbidden'],
  ['platform-editor', 'DELETE', '/api/v1/clusters/:name', 'forbidden'],
  ['platform-editor', 'GET', '/api/v1/audit', 'forbidden'],
  ['c1-viewer', 'GET', '/api/v1/clusters/:name', 'allowed'],
  ['c1-viewer', 'GET', '/api/v1/clusters/:cluster/workloads/:kind/:namespace/:name', 'allowed'],
  ['c1-viewer', 'GET', '/api/v1/clusters/:cluster/secrets/:namespace/:name/reveal', 'forbidden'],
  ['c1-viewer', 'DELETE', '/api/v1/clusters/:cluster/pods/:namespace/:name', 'forbidden'],
  ['c1-viewer', 'POST', '/api/v1/users', 'forbidden'],
  ['c2-admin', 'GET', '/api/v1/clusters/:name', 'forbidden'],
  ['c2-admin', 'DELETE', '/api/v1/clusters/:name', 'forbidden'],
  ['c2-admin', 'PUT', '/api/v1/clusters/:cluster/resources/:kind/:name', 'forbidden'],
  ['c2-admin', 'POST', '/api/v1/users', 'forbidden'],
  ['ns-viewer', 'GET', '/api/v1/clusters/:cluster/secrets/:namespace/:name', 'allowed'],
  ['ns-viewer', 'GET', '/api/v1/clusters/:cluster/secrets/:namespace/:name/reveal', 'forbidden'],
  ['ns-viewer', 'DELETE', '/api/v1/clusters/:cluster/pods/:namespace/:name', 'forbidden'],
  ['ns-viewer', 'GET', '/api/v1/clusters/:cluster/pods/:namespace/:name/exec', 'forbidden'],
  ['ns-viewer', 'DELETE', '/api/v1/clusters/:name', 'forbidden'],
  ['ns-b-editor', 'GET', '/api/v1/clusters/:cluster/secrets/:namespace/:name', 'forbidden'],
  ['ns-b-editor', 'DELETE', '/api/v1/clusters/:cluster/pods/:namespace/:name', 'forbidden'],
  ['platform-viewer', 'GET', '/api/v1/helm/charts', 'allowed'],
  ['platform-editor', 'POST', '/api/v1/helm/repositories', 'forbidden'],
  ['c2-admin', 'DELETE', '/api/v1/helm/repositories/:name', 'forbidden'],
  ['audit-token', 'GET', '/api/v1/audit', 'allowed'],
  ['audit-token', 'GET', '/api/v1/users', 'forbidden'],
  ['audit-token', 'POST', '/api/v1/users', 'forbidden'],
  ['audit-token', 'GET', '/api/v1/auth/me', 'forbidden'],
  ['audit-token', 'PUT', '/api/v1/clusters/:cluster/resources/:kind/:name', 'forbidden'],
  // Propagations act on many clusters: the hook needs the permission somewhere, the handler the rest.
  ['platform-viewer', 'GET', '/api/v1/propagations', 'allowed'],
  ['platform-viewer', 'POST', '/api/v1/propagations/preview', 'allowed'],
  ['platform-viewer', 'PUT', '/api/v1/propagations/:name', 'forbidden'],
  ['platform-viewer', 'DELETE', '/api/v1/propagations/:name', 'forbidden'],
  ['platform-editor', 'PUT', '/api/v1/propagations/:name', 'allowed'],
  ['c1-viewer', 'PUT', '/api/v1/propagations/:name', 'forbidden'],
  ['audit-token', 'GET', '/api/v1/propagations', 'forbidden'],
  ['audit-token', 'GET', '/api/v1/propagations/:name/events', 'forbidden'],
  // Multi-cluster Services too: writing needs write on every import cluster, checked by the handler.
  ['platform-viewer', 'GET', '/api/v1/multicluster-services', 'allowed'],
  ['platform-viewer', 'GET', '/api/v1/multicluster-services/:namespace/:name', 'allowed'],
  ['platform-viewer', 'PUT', '/api/v1/multicluster-services/:namespace/:name', 'forbidden'],
  ['platform-viewer', 'DELETE', '/api/v1/multicluster-services/:namespace/:name', 'forbidden'],
  ['platform-editor', 'PUT', '/api/v1/multicluster-services/:namespace/:name', 'allowed'],
  ['audit-token', 'GET', '/api/v1/multicluster-services', 'forbidden'],
  // The metrics engine: its state for anyone who may read metrics somewhere; a cluster's source needs cluster reach, setting it platform Admin.
  ['platform-viewer', 'GET', '/api/v1/monitoring/engine', 'allowed'],
  ['ns-viewer', 'GET', '/api/v1/monitoring/sources/:cluster', 'forbidden'],
  ['c1-viewer', 'GET', '/api/v1/monitoring/sources/:cluster', 'allowed'],
  ['c1-viewer', 'PUT', '/api/v1/monitoring/sources/:cluster', 'forbidden'],
  ['c2-admin', 'PUT', '/api/v1/monitoring/sources/:cluster', 'forbidden'],
  ['platform-editor', 'PUT', '/api/v1/monitoring/sources/:cluster', 'forbidden'],
  ['audit-token', 'GET', '/api/v1/monitoring/engine', 'forbidden'],
  // Named metrics: the handler holds each caller to its scope (series-routes.cluster.test.ts); raw PromQL is a platform Admin's.
  ['platform-viewer', 'POST', '/api/v1/monitoring/series', 'allowed'],
  ['platform-viewer', 'GET', '/api/v1/monitoring/top', 'allowed'],
  ['platform-viewer', 'POST', '/api/v1/monitoring/promql', 'forbidden'],
  ['platform-editor', 'POST', '/api/v1/monitoring/promql', 'forbidden'],
  ['c1-viewer', 'POST', '/api/v1/monitoring/promql', 'forbidden'],
  ['audit-token', 'POST', '/api/v1/monitoring/series', 'forbidden'],
  ['audit-token', 'GET', '/api/v1/monitoring/catalogue', 'forbidden'],
  // Alerting: reads and writes need the permission somewhere; the handler checks the scope named in the body.
  ['platform-viewer', 'GET', '/api/v1/alerting/alerts', 'allowed'],
  ['platform-viewer', 'GET', '/api/v1/alerting/rules', 'allowed'],
  ['ns-viewer', 'POST', '/api/v1/alerting/silences', 'forbidden'],
  ['ns-viewer', 'PUT', '/api/v1/alerting/rules/:name', 'forbidden'],
  ['platform-editor', 'POST', '/api/v1/alerting/silences', 'allowed'],
  ['platform-viewer', 'DELETE', '/api/v1/alerting/silences/:id', 'forbidden'],
  ['platform-editor', 'PUT', '/api/v1/alerting/rules/:name', 'allowed'],
  ['audit-token', 'GET', '/api/v1/alerting/alerts', 'forbidden'],
  // Notifications are platform Admin's: receivers hold credentials; a cluster Admin is not enough.
  ['platform-viewer', 'GET', '/api/v1/notifications/receivers', 'forbidden'],
  ['platform-editor', 'PUT', '/api/v1/notifications/receivers/:name', 'forbidden'],
  ['platform-editor', 'POST', '/api/v1/notifications/receivers/:name/test', 'forbidden'],
  ['c2-admin', 'GET', '/api/v1/notifications/deliveries', 'forbidden'],
  ['c2-admin', 'PUT', '/api/v1/notifications/policies/:name', 'forbidden'],
  // Inspections: every role reads its clusters' runs; writing and running is a cluster Admin's.
  ['platform-viewer', 'GET', '/api/v1/inspections/configs', 'allowed'],
  ['platform-viewer', 'GET', '/api/v1/inspections/runs/:id', 'allowed'],
  ['platform-editor', 'PUT', '/api/v1/inspections/configs/:name', 'forbidden'],
  ['platform-viewer', 'POST', '/api/v1/inspections/configs/:name/run', 'forbidden'],
  ['c1-viewer', 'DELETE', '/api/v1/inspections/configs/:name', 'forbidden'],
  ['audit-token', 'GET', '/api/v1/inspections/runs', 'forbidden'],
  // Lifecycle: Viewers read, Admins change; creating is a platform Admin's; namespace roles see nothing.
  ['platform-viewer', 'GET', '/api/v1/lifecycle/clusters', 'allowed'],
  ['ns-editor', 'GET', '/api/v1/lifecycle/clusters', 'forbidden'],
  ['ns-viewer', 'GET', '/api/v1/lifecycle/operations/:id', 'forbidden'],
  ['platform-editor', 'POST', '/api/v1/lifecycle/clusters', 'forbidden'],
  ['c2-admin', 'POST', '/api/v1/lifecycle/clusters', 'forbidden'],
  ['platform-viewer', 'POST', '/api/v1/lifecycle/clusters/:name/upgrade', 'forbidden'],
  ['c1-viewer', 'POST', '/api/v1/lifecycle/operations/:id/cancel', 'forbidden'],
  // Backups: destinations hold credentials (platform Admin); plans and restores are Editors' where they reach.
  ['platform-viewer', 'GET', '/api/v1/backups/destinations', 'allowed'],
  ['platform-editor', 'PUT', '/api/v1/backups/destinations/:name', 'forbidden'],
  ['c2-admin', 'POST', '/api/v1/backups/destinations/:name/test', 'forbidden'],
  ['platform-viewer', 'PUT', '/api/v1/backups/plans/:name', 'forbidden'],
  ['ns-viewer', 'POST', '/api/v1/restores', 'forbidden'],
  ['platform-editor', 'POST', '/api/v1/restores', 'allowed'],
  ['audit-token', 'GET', '/api/v1/restores', 'forbidden'],
  ['c1-viewer', 'GET', '/api/v1/clusters/:cluster/velero', 'allowed'],
  ['c1-viewer', 'POST', '/api/v1/clusters/:cluster/velero/backups', 'forbidden'],
];

for (const store of HARNESS_STORES) {
  describe(`on ${store}`, () => {
    before(() => startMatrix(store));
    after(() => stopMatrix());

    test('the route table is whole: every route names a known permission, and the families are all there', () => {
      assert.ok(routes.length > 100, `${routes.length} routes`);
      const permissions = new Set(routes.map((route) => route.permission));
      for (const permission of [
        'resources:write',
        'secrets:reveal',
        'pods:exec',
        'users:write',
        'audit:read',
      ])
        assert.ok(permissions.has(permission as Permission), `some route needs ${permission}`);
      // The kubeconfig route is added after buildApp, by the composition root; it is in the table too.
      assert.ok(routes.some((route) => route.url === '/api/v1/kubeconfig'));
      // Which routes take ?namespace= comes from the OpenAPI document; the resource routes do.
      assert.ok(
        takesNamespace.has('GET /api/v1/clusters/:cluster/resources/:kind/:name'),
        [...takesNamespace].join(', '),
      );
    });

    test('every route refuses callers its permission is not granted to, before reaching the cluster; and admits the others', async () => {
      const { findings, checked } = await walk(undefined);
      assert.ok(checked >= CALLERS.length * 100, `${checked} requests`);
      assert.deepEqual(
        findings.map((finding) => finding.got),
        [],
      );
    });

    test('the same with ?namespace= on every request: a namespace counts as the scope, never widens it', async () => {
      const { findings } = await walk(NAMESPACE);
      assert.deepEqual(
        findings.map((finding) => finding.got),
        [],
      );
    });

    test('spot checks written by hand agree with roles.ts and with the server', async () => {
      const problems: string[] = [];
      for (const [callerName, method, url, outcome] of SPOT_CHECKS) {
        const caller = CALLERS.find((c) => c.name === callerName);
        const route = routes.find((r) => r.method === method && r.url === url);
        assert.ok(caller && route, `spot check ${callerName} ${method} ${url} names a caller and a route`);
        const derived = expectation(caller, route, undefined, { asIfHookScoped: true });
        if (derived !== outcome) problems.push(`${callerName} ${method} ${url}: roles.ts says ${derived}`);
        const answer = await send(callerName, route, '');
        const refused = answer.status === 401 || answer.status === 403;
        if (refused !== (outcome === 'forbidden'))
          problems.push(`${callerName} ${method} ${url}: the server answered ${answer.status}`);
      }
      assert.deepEqual(problems, []);
    });
  });
}

test("roles.ts: user management is the platform Admin's alone; no Viewer reveals Secrets or writes", () => {
  const levels: BindingLevel[] = ['platform', 'workspace', 'cluster', 'namespace'];
  const roles: RoleName[] = ['Viewer', 'Editor', 'Admin'];
  for (const role of roles) {
    for (const level of levels) {
      const only = role === 'Admin' && level === 'platform';
      for (const permission of [
        'users:write',
        'users:read',
        'audit:read',
        'metrics:read',
        'replicas:read',
      ] as const)
        assert.equal(roleGrants(role, level, permission), only, `${role}@${level} ${permission}`);
      if (role === 'Viewer') {
        for (const permission of [
          'resources:write',
          'secrets:reveal',
          'pods:exec',
          'clusters:write',
          'bindings:write',
        ] as const)
          assert.equal(roleGrants(role, level, permission), false, `Viewer@${level} ${permission}`);
      }
      if (level === 'namespace' || level === 'workspace')
        assert.equal(roleGrants(role, level, 'clusters:write'), false, `${role}@${level} clusters:write`);
    }
  }
});
