import { createNodes } from './cluster-ready.ts';
import { SandboxError } from './errors.ts';
import { type KubeEndpoint, kubeGetJson, kubeRequest } from './kube-http.ts';
import {
  buildPoolNode,
  isSystemTaint,
  nextPoolNodeNames,
  nodeInfoOf,
  poolLabels,
  poolResources,
} from './pool-nodes.ts';
import { type NodePoolOptions, resolvePool } from './pool-options.ts';
import type { SandboxState } from './state.ts';
import { DEFAULT_VERSION, isKnownVersion, SANDBOX_VERSIONS } from './versions.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mergePatch = (admin: KubeEndpoint, path: string, body: unknown) =>
  kubeRequest(admin, 'PATCH', path, body, 10_000, 'application/merge-patch+json');
const nodePath = (node: string) => `/api/v1/nodes/${encodeURIComponent(node)}`;

function check(response: { status: number; body: string }, what: string): void {
  if (response.status < 200 || response.status >= 300) {
    throw new SandboxError(
      'nodes-failed',
      `${what} failed (${response.status}): ${response.body.slice(0, 300)}`,
      {
        component: 'kube-apiserver',
      },
    );
  }
}

export const sandboxVersion = (state: SandboxState) => state.version ?? DEFAULT_VERSION;
export const totalNodes = (state: SandboxState) =>
  state.options.nodePools
    ? Object.values(state.poolNodes ?? {}).reduce((sum, nodes) => sum + nodes.length, 0)
    : state.options.nodes;

/** The pool a node belongs to, from the state. */
export function poolOfNode(state: SandboxState, node: string): string | undefined {
  return Object.entries(state.poolNodes ?? {}).find(([, nodes]) => nodes.includes(node))?.[0];
}

/** Makes up the pools' node names up to each pool's count (never removing any); on first boot of a new sandbox. */
export function planPoolNodes(state: SandboxState): void {
  if (!state.options.nodePools) return;
  state.poolNodes ??= {};
  state.nodeVersions ??= {};
  for (const pool of state.options.nodePools) {
    const existing = state.poolNodes[pool.name] ?? [];
    const more = nextPoolNodeNames(
      state.name,
      pool.name,
      existing,
      Math.max(0, pool.count - existing.length),
    );
    state.poolNodes[pool.name] = [...existing, ...more];
    for (const node of more) state.nodeVersions[node] = sandboxVersion(state);
  }
}

/**
 * Registers the sandbox's nodes: the legacy `<name>-node-<i>` ones, or every pool node. A pool node
 * that exists is brought up to this start (kubelet port, annotations) and its recorded version.
 * Answers the names it created.
 */
export async function registerNodes(
  admin: KubeEndpoint,
  state: SandboxState,
  kubeletPort: number,
): Promise<string[]> {
  if (!state.options.nodePools) {
    await createNodes(admin, state.options, kubeletPort);
    return [];
  }
  const created: string[] = [];
  const jobs = state.options.nodePools.flatMap((pool) =>
    (state.poolNodes?.[pool.name] ?? []).map((name) => ({ pool, name })),
  );
  while (jobs.length > 0) {
    await Promise.all(
      jobs.splice(0, 20).map(async ({ pool, name }) => {
        const version = state.nodeVersions?.[name] ?? sandboxVersion(state);
        const node = buildPoolNode(state.options.region, pool, name, version);
        const response = await kubeRequest(admin, 'POST', '/api/v1/nodes', node);
        if (response.status === 201) {
          created.push(name);
          return;
        }
        if (response.status !== 409) check(response, `creating node ${name}`);
        const { annotations } = node.metadata as { annotations: Record<string, string> };
        check(
          await mergePatch(admin, nodePath(name), { metadata: { annotations } }),
          `updating node ${name}`,
        );
        check(
          await mergePatch(admin, `${nodePath(name)}/status`, {
            status: {
              daemonEndpoints: { kubeletEndpoint: { Port: kubeletPort } },
              nodeInfo: nodeInfoOf(version),
            },
          }),
          `updating node ${name}`,
        );
      }),
    );
  }
  return created;
}

/** Puts the pool's labels, taints and size on one existing node; labels only `previous` had are removed. */
export async function conformNode(
  admin: KubeEndpoint,
  region: string,
  pool: NodePoolOptions,
  previous: NodePoolOptions | undefined,
  name: string,
): Promise<void> {
  const current = await kubeGetJson<{ spec?: { taints?: { key: string }[] } }>(admin, nodePath(name));
  const labels: Record<string, string | null> = poolLabels(region, pool, name);
  for (const key of Object.keys(previous?.labels ?? {})) if (!(key in labels)) labels[key] = null;
  if (previous?.zone && !pool.zone) labels['topology.kubernetes.io/zone'] = null;
  const taints = [
    ...(current.spec?.taints ?? []).filter((taint) => isSystemTaint(taint.key)),
    ...pool.taints,
  ];
  check(
    await mergePatch(admin, nodePath(name), { metadata: { labels }, spec: { taints } }),
    `relabelling node ${name}`,
  );
  const resources = poolResources(pool);
  check(
    await mergePatch(admin, `${nodePath(name)}/status`, {
      status: { capacity: resources, allocatable: resources },
    }),
    `resizing node ${name}`,
  );
}

/** Waits until every node of `names` reports Ready. */
export async function waitNodesReady(admin: KubeEndpoint, names: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let waiting = [...names];
  while (waiting.length > 0) {
    const still: string[] = [];
    for (const name of waiting) {
      const node = await kubeGetJson<{ status?: { conditions?: { type: string; status: string }[] } }>(
        admin,
        nodePath(name),
      ).catch(() => undefined);
      if (!node?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) still.push(name);
    }
    waiting = still;
    if (waiting.length === 0) return;
    if (Date.now() > deadline) {
      throw new SandboxError(
        'not-ready',
        `nodes ${waiting.join(', ')} did not become Ready within ${timeoutMs / 1000} s; see the kwok log`,
        { component: 'kwok' },
      );
    }
    await sleep(250);
  }
}

/** Records pool `input` (new or changed) in the state; answers the pool as resolved and the one it replaces. */
export function recordPool(
  state: SandboxState,
  input: NodePoolOptions,
): { pool: NodePoolOptions; previous?: NodePoolOptions } {
  if (!state.options.nodePools) {
    throw new SandboxError(
      'not-pooled',
      `sandbox "${state.name}" was made without node pools, so its nodes cannot be changed by pool; make a new sandbox with nodePools`,
    );
  }
  const pool = resolvePool(input, 'pool');
  const previous = state.options.nodePools.find((item) => item.name === pool.name);
  state.options.nodePools = previous
    ? state.options.nodePools.map((item) => (item.name === pool.name ? pool : item))
    : [...state.options.nodePools, pool];
  planPoolNodes(state);
  state.options.nodes = totalNodes(state);
  return previous ? { pool, previous } : { pool };
}

export function refuseUnknownVersion(version: string): void {
  if (!isKnownVersion(version)) {
    throw new SandboxError(
      'invalid-option',
      `version: "${version}" is not one this installation can build; choose one of ${SANDBOX_VERSIONS.join(', ')}`,
    );
  }
}

/** Puts the new version in the node's status (kwok keeps what it is given) . */
export async function reportNodeVersion(admin: KubeEndpoint, node: string, version: string): Promise<void> {
  check(
    await mergePatch(admin, `${nodePath(node)}/status`, {
      status: { nodeInfo: { kubeletVersion: version, kubeProxyVersion: version } },
    }),
    `setting the version of node ${node}`,
  );
}

export async function deleteNode(admin: KubeEndpoint, node: string): Promise<void> {
  const response = await kubeRequest(admin, 'DELETE', nodePath(node));
  if (response.status !== 404) check(response, `deleting node ${node}`);
}
