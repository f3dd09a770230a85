import type { PreflightCheck, PreflightCheckId } from '@portolan/api';
import type { KubeClient } from '#server/kube/kube-client.ts';
import { removedBetween } from './removed-apis.ts';
import { type Waiting, waiting } from './step-words.ts';
import { parseVersion } from './versions.ts';

interface NodeShape {
  metadata?: { name?: string };
  spec?: { unschedulable?: boolean };
  status?: { conditions?: { type?: string; status?: string }[]; nodeInfo?: { kubeletVersion?: string } };
}

export interface NodeState {
  name: string;
  ready: boolean;
  version: string;
}

export async function readNodes(client: KubeClient, signal?: AbortSignal): Promise<NodeState[]> {
  const list = await client.list<NodeShape>('/api/v1/nodes', signal ? { signal } : {});
  return list.items.map((node) => ({
    name: node.metadata?.name ?? '',
    ready: node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    version: node.status?.nodeInfo?.kubeletVersion ?? '',
  }));
}

/** True when kube-apiserver says it is ready (/readyz). */
export async function controlPlaneReady(client: KubeClient, signal?: AbortSignal): Promise<boolean> {
  try {
    const answer = await client.request({ path: '/readyz', timeoutMs: 5000, ...(signal ? { signal } : {}) });
    return answer.status === 200;
  } catch {
    return false;
  }
}

export async function serverVersion(client: KubeClient, signal?: AbortSignal): Promise<string> {
  const answer = await client.get<{ gitVersion?: string }>('/version', undefined, signal);
  return answer.gitVersion ?? '';
}

export const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/**
 * Polls until `ok` answers undefined (done) and returns; each round's answer is what is still
 * awaited, said as progress when it changes. The step's time limit ends it otherwise.
 */
export async function waitFor(
  signal: AbortSignal,
  check: () => Promise<Waiting | undefined>,
  onWaiting: (what: Waiting) => void,
  everyMs = 1000,
): Promise<void> {
  let last = '';
  for (;;) {
    const what = await check().catch((error: unknown) => {
      const text = error instanceof Error ? error.message : String(error);
      return waiting('error', { error: text }, text);
    });
    if (what === undefined) return;
    if (what.text !== last) onWaiting(what);
    last = what.text;
    await sleep(everyMs, signal);
  }
}

export const apiserverNotReady = () => waiting('apiserver', {}, 'kube-apiserver not ready');
export const apiserverReports = (version: string) =>
  waiting('apiserver-version', { version }, `kube-apiserver reports ${version}`);

/** What is still awaited before these nodes (all when absent) are Ready, on `version` when given. */
export async function nodesNotReady(
  client: KubeClient,
  names: string[] | undefined,
  version?: string,
  signal?: AbortSignal,
): Promise<Waiting | undefined> {
  const nodes = await readNodes(client, signal);
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const wanted = names ?? nodes.map((node) => node.name);
  const missing = wanted.filter((name) => !byName.has(name));
  const notReady = wanted.filter((name) => byName.get(name) && !byName.get(name)?.ready);
  const behind = version
    ? wanted.filter((name) => byName.get(name) && byName.get(name)?.version !== version)
    : [];
  const parts = [
    missing.length ? `nodes not registered yet: ${missing.join(', ')}` : '',
    notReady.length ? `nodes not Ready: ${notReady.join(', ')}` : '',
    behind.length ? `nodes not on ${version}: ${behind.join(', ')}` : '',
  ].filter(Boolean);
  if (!parts.length) return undefined;
  const params = {
    missing: missing.join(', '),
    notReady: notReady.join(', '),
    behind: behind.join(', '),
    version: version ?? '',
  };
  return waiting('nodes', params, parts.join('; '));
}

interface DeploymentShape {
  metadata?: { namespace?: string; name?: string };
  spec?: { replicas?: number };
  status?: { availableReplicas?: number };
}

/** Deployments whose available replicas are fewer than wanted, as `ns/name 1/3`. */
export async function deploymentsBehind(
  client: KubeClient,
  signal?: AbortSignal,
): Promise<Waiting | undefined> {
  const list = await client.list<DeploymentShape>('/apis/apps/v1/deployments', signal ? { signal } : {});
  const behind = list.items
    .filter((d) => (d.status?.availableReplicas ?? 0) < (d.spec?.replicas ?? 1))
    .map(
      (d) =>
        `${d.metadata?.namespace}/${d.metadata?.name} ${d.status?.availableReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
    );
  const listed = behind.slice(0, 10).join(', ');
  return behind.length
    ? waiting('deployments', { deployments: listed }, `Deployments not available yet: ${listed}`)
    : undefined;
}

const check = (
  id: PreflightCheckId,
  status: PreflightCheck['status'],
  title: string,
  message: string,
  params: Record<string, string | number> = {},
): PreflightCheck => ({ id, status, title, message, code: `lifecycle.preflight.${id}.${status}`, params });

interface PdbShape {
  metadata?: { namespace?: string; name?: string };
  spec?: { selector?: { matchLabels?: Record<string, string> } };
  status?: { disruptionsAllowed?: number; expectedPods?: number };
}

/**
 * The checks an upgrade from `from` to `to` must pass, through the Kubernetes API: nodes Ready,
 * control plane ready, version skew, objects under APIs the target removes, PodDisruptionBudgets
 * that allow no disruption while their pods sit on nodes the upgrade drains.
 */
export async function preflightChecks(
  client: KubeClient,
  from: string,
  to: string,
): Promise<PreflightCheck[]> {
  const checks: PreflightCheck[] = [];
  const nodes = await readNodes(client);
  const notReady = nodes.filter((node) => !node.ready).map((node) => node.name);
  checks.push(
    notReady.length === 0
      ? check('nodes-ready', 'pass', 'Every node is Ready', `${nodes.length} nodes are Ready`, {
          nodes: nodes.length,
        })
      : check(
          'nodes-ready',
          'fail',
          'Every node is Ready',
          `not Ready: ${notReady.join(', ')}; fix them or remove them from their pool first`,
          { nodes: notReady.join(', ') },
        ),
  );
  const healthy = await controlPlaneReady(client);
  checks.push(
    healthy
      ? check(
          'control-plane',
          'pass',
          'The control plane is healthy',
          'kube-apiserver answers /readyz with ok',
          {},
        )
      : check(
          'control-plane',
          'fail',
          'The control plane is healthy',
          'kube-apiserver does not answer /readyz with ok; see its log',
        ),
  );
  const target = parseVersion(to);
  const server = parseVersion((await serverVersion(client).catch(() => '')) || from);
  const tooOld = nodes.filter((node) => {
    const v = parseVersion(node.version);
    return !v || !target || v.minor < target.minor - 3 || (server && v.minor > server.minor);
  });
  checks.push(
    tooOld.length === 0
      ? check(
          'version-skew',
          'pass',
          'Version skew is within policy',
          `every kubelet is within 3 minors of ${to} and not newer than the control plane`,
          { to },
        )
      : check(
          'version-skew',
          'fail',
          'Version skew is within policy',
          `kubelets out of the supported skew: ${tooOld.map((n) => `${n.name} ${n.version}`).join(', ')}`,
          { kubelets: tooOld.map((n) => `${n.name} ${n.version}`).join(', ') },
        ),
  );
  const inUse: string[] = [];
  const moves: string[] = [];
  if (server && target)
    for (const api of removedBetween(server.minor, target.minor)) {
      const base = api.group ? `/apis/${api.group}/${api.version}` : `/api/${api.version}`;
      const answer = await client.request<{ items?: unknown[] }>({
        path: `${base}/${api.resource}`,
        query: { limit: 1 },
      });
      if (answer.status === 200 && (answer.body.items?.length ?? 0) > 0) {
        inUse.push(`${api.resource}.${api.group}/${api.version} (move to ${api.replacement})`);
        moves.push(`${api.resource}.${api.group}/${api.version} → ${api.replacement}`);
      }
    }
  checks.push(
    inUse.length === 0
      ? check(
          'removed-apis',
          'pass',
          'No objects use APIs the new version removes',
          `nothing stored under an API removed by ${to}`,
          { to },
        )
      : check(
          'removed-apis',
          'fail',
          'No objects use APIs the new version removes',
          `still in use: ${inUse.join('; ')}`,
          { apis: moves.join('; ') },
        ),
  );
  const blocking: string[] = [];
  const pdbs = await client.list<PdbShape>('/apis/policy/v1/poddisruptionbudgets');
  for (const pdb of pdbs.items) {
    if ((pdb.status?.disruptionsAllowed ?? 1) > 0) continue;
    const labels = pdb.spec?.selector?.matchLabels ?? {};
    const selector = Object.entries(labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    const pods = await client.list<{ spec?: { nodeName?: string } }>(
      `/api/v1/namespaces/${pdb.metadata?.namespace}/pods`,
      selector ? { labelSelector: selector } : {},
    );
    if (pods.items.some((pod) => pod.spec?.nodeName))
      blocking.push(`${pdb.metadata?.namespace}/${pdb.metadata?.name}`);
  }
  checks.push(
    blocking.length === 0
      ? check(
          'pod-disruption-budgets',
          'pass',
          'No PodDisruptionBudget blocks a drain',
          'every budget allows a disruption',
        )
      : check(
          'pod-disruption-budgets',
          'fail',
          'No PodDisruptionBudget blocks a drain',
          `these allow no disruption while their pods run on nodes to drain: ${blocking.join(', ')}; raise their replicas or relax them`,
          { budgets: blocking.join(', ') },
        ),
  );
  return checks;
}
