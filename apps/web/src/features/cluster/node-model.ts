import { parseQuantity } from '@portolan/kinds';
import type { KubeObject } from './cluster-api.ts';

export { parseQuantity };

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export type NodeReadiness = 'Ready' | 'NotReady' | 'Unknown';

/** What the nodes table shows of one Node object. */
export interface NodeRow {
  name: string;
  ready: NodeReadiness;
  unschedulable: boolean;
  roles: string[];
  version: string;
  cpuCores: number;
  memoryBytes: number;
  podCapacity: number;
  createdAt: string | undefined;
  taints: Taint[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
  addresses: { type: string; address: string }[];
  os: string;
  runtime: string;
}

const ROLE_LABEL = 'node-role.kubernetes.io/';

/** Reads a Node object the way `kubectl get nodes` does: Ready condition, roles from labels. */
export function nodeRow(node: KubeObject): NodeRow {
  const spec = (node.spec ?? {}) as { unschedulable?: boolean; taints?: Taint[] };
  const status = (node.status ?? {}) as {
    conditions?: { type: string; status: string }[];
    allocatable?: Record<string, string>;
    nodeInfo?: { kubeletVersion?: string; osImage?: string; containerRuntimeVersion?: string };
    addresses?: { type: string; address: string }[];
  };
  const ready = status.conditions?.find((condition) => condition.type === 'Ready')?.status;
  const labels = node.metadata?.labels ?? {};
  const roles = Object.keys(labels)
    .filter((key) => key.startsWith(ROLE_LABEL))
    .map((key) => key.slice(ROLE_LABEL.length))
    .filter(Boolean);
  if (labels['kubernetes.io/role']) roles.push(labels['kubernetes.io/role']);
  return {
    name: node.metadata?.name ?? '',
    ready: ready === 'True' ? 'Ready' : ready === 'False' ? 'NotReady' : 'Unknown',
    unschedulable: spec.unschedulable === true,
    roles: [...new Set(roles)].sort(),
    version: status.nodeInfo?.kubeletVersion ?? '',
    cpuCores: parseQuantity(status.allocatable?.cpu),
    memoryBytes: parseQuantity(status.allocatable?.memory),
    podCapacity: parseQuantity(status.allocatable?.pods),
    createdAt: node.metadata?.creationTimestamp,
    taints: spec.taints ?? [],
    labels,
    annotations: node.metadata?.annotations ?? {},
    addresses: status.addresses ?? [],
    os: status.nodeInfo?.osImage ?? '',
    runtime: status.nodeInfo?.containerRuntimeVersion ?? '',
  };
}

/**
 * The changes that turn one map of labels or annotations into another, as the node routes take
 * them: a value sets its key, null removes it. Keys left as they were are not sent.
 */
export function mapChanges(
  before: Record<string, string>,
  after: Record<string, string>,
): Record<string, string | null> {
  const changes: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(after)) if (before[key] !== value) changes[key] = value;
  for (const key of Object.keys(before)) if (!(key in after)) changes[key] = null;
  return changes;
}

/**
 * Taints to add and remove so the node's taints become `after`. The route's `add` replaces a taint of
 * the same key and effect, so a changed value is only added; a key and effect no longer wanted is removed.
 */
export function taintChanges(
  before: readonly Taint[],
  after: readonly Taint[],
): { add: Taint[]; remove: { key: string; effect: string }[] } {
  const slot = (taint: Taint) => `${taint.key}\u0000${taint.effect}`;
  const whole = (taint: Taint) => `${slot(taint)}\u0000${taint.value ?? ''}`;
  const wanted = new Set(after.map(slot));
  const had = new Set(before.map(whole));
  return {
    remove: before.filter((taint) => !wanted.has(slot(taint))).map(({ key, effect }) => ({ key, effect })),
    add: after.filter((taint) => !had.has(whole(taint))),
  };
}
