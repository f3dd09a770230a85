import type { ManagedClusterSpec, NodePool, NodeTaint, PoolInput, TaintEffect } from './lifecycle-api.ts';

/** A created cluster's name: a DNS label of at most 40 (node names add `-<pool>-<n>` to it). */
export const CLUSTER_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const CLUSTER_NAME_MAX = 40;
/** A pool's name: a DNS label (at most 20, as the server takes it). */
export const POOL_NAME_MAX = 20;
export const POOL_NAME = CLUSTER_NAME;
/** A Kubernetes quantity: 2, 500m, 8Gi, 1.5G. */
export const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
/** A label key (optional DNS prefix and a name) and value, as Kubernetes takes them. */
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_PREFIX = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

export type NameProblem = 'required' | 'tooLong' | 'invalid' | undefined;

export function nameProblem(name: string | undefined): NameProblem {
  if (!name) return 'required';
  if (name.length > CLUSTER_NAME_MAX) return 'tooLong';
  return CLUSTER_NAME.test(name) ? undefined : 'invalid';
}

/** An IPv4 range as numbers: first address and size. */
export interface Range {
  first: number;
  size: number;
}

export type CidrProblem = 'required' | 'invalid' | 'notNetwork' | undefined;

/** `10.244.0.0/16` → its range; a problem when it is not an IPv4 network address with a prefix. */
export function parseCidr(text: string | undefined): { range?: Range; problem: CidrProblem } {
  if (!text?.trim()) return { problem: 'required' };
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!match) return { problem: 'invalid' };
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((octet) => octet > 255) || prefix > 32 || prefix < 8) return { problem: 'invalid' };
  const address = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const size = 2 ** (32 - prefix);
  if (address % size !== 0) return { problem: 'notNetwork' };
  return { range: { first: address, size }, problem: undefined };
}

/** The network address a host address with a prefix belongs to: 10.244.1.0/16 → 10.244.0.0/16. */
export function networkOf(text: string): string | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!match) return undefined;
  const prefix = Number(match[5]);
  const address = match.slice(1, 5).reduce((sum, octet) => sum * 256 + Number(octet), 0);
  const size = 2 ** (32 - prefix);
  const network = address - (address % size);
  return `${[24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join('.')}/${prefix}`;
}

export function overlaps(a: Range, b: Range): boolean {
  return a.first < b.first + b.size && b.first < a.first + a.size;
}

/** Both ranges valid and sharing addresses. */
export function cidrsOverlap(pod: string | undefined, service: string | undefined): boolean {
  const a = parseCidr(pod).range;
  const b = parseCidr(service).range;
  return Boolean(a && b && overlaps(a, b));
}

/** `key=value` as typed in a tag; a problem names what is wrong. */
export function parseLabel(text: string): { key: string; value: string } | undefined {
  const at = text.indexOf('=');
  const key = (at < 0 ? text : text.slice(0, at)).trim();
  const value = at < 0 ? '' : text.slice(at + 1).trim();
  const [prefix, name, extra] = key.includes('/') ? key.split('/') : [undefined, key];
  if (extra !== undefined || !name || !LABEL_NAME.test(name)) return undefined;
  if (prefix !== undefined && !LABEL_PREFIX.test(prefix)) return undefined;
  return LABEL_VALUE.test(value) ? { key, value } : undefined;
}

export function labelsProblem(labels: string[] | undefined): string | undefined {
  return (labels ?? []).find((label) => !parseLabel(label));
}

/** A pool as the form holds it: labels as `key=value` tags, taints as rows. */
export interface PoolForm {
  name: string;
  count: number;
  cpu: string;
  memory: string;
  maxPods: number;
  labels: string[];
  taints: { key?: string; value?: string; effect?: TaintEffect }[];
  zone?: string;
}

export interface ClusterForm {
  name: string;
  provider: 'sandbox';
  version: string;
  nodePools: PoolForm[];
  podCidr: string;
  serviceCidr: string;
  auditLog: boolean;
}

/** The server's defaults, so the form starts where a cluster made without choices would be. */
export const DEFAULT_POOL: PoolForm = {
  name: 'default',
  count: 3,
  cpu: '8',
  memory: '32Gi',
  maxPods: 110,
  labels: [],
  taints: [],
};

export function newClusterForm(version: string): ClusterForm {
  return {
    name: '',
    provider: 'sandbox',
    version,
    nodePools: [{ ...DEFAULT_POOL }],
    podCidr: '10.244.0.0/16',
    serviceCidr: '10.96.0.0/16',
    auditLog: false,
  };
}

function taintsOf(rows: PoolForm['taints']): NodeTaint[] {
  return (rows ?? [])
    .filter((row) => row?.key?.trim())
    .map((row) => ({
      key: (row.key ?? '').trim(),
      effect: row.effect ?? 'NoSchedule',
      ...(row.value?.trim() ? { value: row.value.trim() } : {}),
    }));
}

export function poolInputOf(pool: PoolForm): PoolInput {
  const labels: Record<string, string> = {};
  for (const text of pool.labels ?? []) {
    const label = parseLabel(text);
    if (label) labels[label.key] = label.value;
  }
  return {
    count: Number(pool.count),
    cpu: String(pool.cpu).trim(),
    memory: String(pool.memory).trim(),
    maxPods: Number(pool.maxPods),
    labels,
    taints: taintsOf(pool.taints),
    ...(pool.zone?.trim() ? { zone: pool.zone.trim() } : {}),
  };
}

export function poolFormOf(pool: NodePool): PoolForm {
  return {
    name: pool.name,
    count: pool.count,
    cpu: pool.cpu,
    memory: pool.memory,
    maxPods: pool.maxPods,
    labels: Object.entries(pool.labels).map(([key, value]) => (value ? `${key}=${value}` : key)),
    taints: pool.taints.map((taint) => ({ ...taint })),
    ...(pool.zone ? { zone: pool.zone } : {}),
  };
}

export function specOf(form: ClusterForm): ManagedClusterSpec {
  return {
    name: form.name.trim(),
    provider: form.provider,
    version: form.version,
    nodePools: form.nodePools.map((pool) => ({ name: pool.name.trim(), ...poolInputOf(pool) })),
    podCidr: form.podCidr.trim(),
    serviceCidr: form.serviceCidr.trim(),
    auditLog: form.auditLog,
  };
}

/** The step of the create form that holds a field the server named (`/nodePools/1/cpu` → 1). */
export function stepOfField(field: string): number {
  const first = field.replace(/^\//, '').split(/[/.[]/)[0] ?? '';
  if (first === 'nodePools') return 1;
  if (['podCidr', 'serviceCidr', 'auditLog'].includes(first)) return 2;
  return 0;
}

const POOL_LEAVES = ['name', 'count', 'cpu', 'memory', 'maxPods', 'labels', 'taints', 'zone'];

/**
 * The form's path of a field the server named: `/nodePools/1/labels/env` → ['nodePools', 1, 'labels'];
 * `/nodePools/0/taints/2/effect` → ['nodePools', 0, 'taints', 2, 'effect']; unknown → undefined.
 */
export function formPathOf(field: string): (string | number)[] | undefined {
  const steps = field
    .split(/[/.[\]]+/)
    .filter(Boolean)
    .map((step) => (/^\d+$/.test(step) ? Number(step) : step));
  const [first, index, leaf, row, part] = steps;
  if (first === 'name' || first === 'version' || first === 'provider') return [first];
  if (first === 'podCidr' || first === 'serviceCidr' || first === 'auditLog') return [first];
  if (first !== 'nodePools') return undefined;
  if (typeof index !== 'number') return ['nodePools'];
  if (typeof leaf !== 'string' || !POOL_LEAVES.includes(leaf)) return ['nodePools', index, 'name'];
  if (leaf === 'taints' && typeof row === 'number')
    return ['nodePools', index, 'taints', row, part === 'value' || part === 'effect' ? part : 'key'];
  return ['nodePools', index, leaf === 'taints' ? 'name' : leaf];
}
