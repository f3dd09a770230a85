import type { ClusterSpecInput, ManagedClusterSpec, NodePool, NodePoolInput } from '@portolan/api';
import { LifecycleError } from './lifecycle-errors.ts';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const QUANTITY = /^\d+(\.\d+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const EFFECTS = new Set(['NoSchedule', 'PreferNoSchedule', 'NoExecute']);

export const POOL_DEFAULTS = { count: 3, cpu: '8', memory: '32Gi', maxPods: 110 } as const;
export const SPEC_DEFAULTS = {
  podCidr: '10.244.0.0/16',
  serviceCidr: '10.96.0.0/16',
  auditLog: false,
} as const;

const invalid = (field: string, message: string) => new LifecycleError('invalid', message, field);

/** A label or taint key: an optional DNS subdomain prefix and a name of at most 63 characters. */
export function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(prefix)))
    return `its prefix "${prefix}" is not a DNS subdomain (lower case letters, digits, "-" and ".")`;
  if (name.length === 0 || name.length > 63 || !LABEL_NAME.test(name))
    return 'its name must be 1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit';
  return undefined;
}

/** An IPv4 CIDR as [first address, prefix length], or undefined. */
export function parseCidr(text: string): { base: number; bits: number } | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const bits = Number(match[5]);
  if (octets.some((o) => o > 255) || bits > 32 || bits < 8) return undefined;
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - bits);
  return { base: address - (address % size), bits };
}

export function cidrsOverlap(a: { base: number; bits: number }, b: { base: number; bits: number }): boolean {
  const endA = a.base + 2 ** (32 - a.bits);
  const endB = b.base + 2 ** (32 - b.bits);
  return a.base < endB && b.base < endA;
}

/** A pool with its defaults filled and every field checked; `at` names it in messages (nodePools[0]). */
export function checkPool(name: string, input: Partial<NodePoolInput>, at: string): NodePool {
  if (name.length > 20 || !DNS_LABEL.test(name))
    throw invalid(
      `${at}.name`,
      `pool name "${name}" must be a DNS label of at most 20 characters (a-z, 0-9, "-")`,
    );
  const pool: NodePool = {
    name,
    count: input.count ?? POOL_DEFAULTS.count,
    cpu: input.cpu ?? POOL_DEFAULTS.cpu,
    memory: input.memory ?? POOL_DEFAULTS.memory,
    maxPods: input.maxPods ?? POOL_DEFAULTS.maxPods,
    labels: input.labels ?? {},
    taints: input.taints ?? [],
    ...(input.zone ? { zone: input.zone } : {}),
  };
  if (!Number.isInteger(pool.count) || pool.count < 0 || pool.count > 100)
    throw invalid(`${at}.count`, `count ${pool.count} is out of range: a pool has 0 to 100 nodes`);
  if (!QUANTITY.test(pool.cpu))
    throw invalid(`${at}.cpu`, `cpu "${pool.cpu}" is not a Kubernetes quantity; write it as 8 or 500m`);
  if (!QUANTITY.test(pool.memory))
    throw invalid(`${at}.memory`, `memory "${pool.memory}" is not a Kubernetes quantity; write it as 32Gi`);
  if (!Number.isInteger(pool.maxPods) || pool.maxPods < 1 || pool.maxPods > 1000)
    throw invalid(`${at}.maxPods`, `maxPods ${pool.maxPods} is out of range: 1 to 1000`);
  for (const [key, value] of Object.entries(pool.labels)) {
    const problem = qualifiedNameProblem(key);
    if (problem) throw invalid(`${at}.labels`, `label key "${key}" is not valid: ${problem}`);
    if (value.length > 63 || !LABEL_VALUE.test(value))
      throw invalid(
        `${at}.labels`,
        `label "${key}" has value "${value}", which is not a label value (63 letters, digits, "-", "_", ".")`,
      );
  }
  pool.taints.forEach((taint, index) => {
    const problem = qualifiedNameProblem(taint.key);
    if (problem)
      throw invalid(`${at}.taints[${index}].key`, `taint key "${taint.key}" is not valid: ${problem}`);
    if (!EFFECTS.has(taint.effect))
      throw invalid(
        `${at}.taints[${index}].effect`,
        `taint effect "${taint.effect}" is not one of NoSchedule, PreferNoSchedule, NoExecute`,
      );
    if (taint.value !== undefined && (taint.value.length > 63 || !LABEL_VALUE.test(taint.value)))
      throw invalid(`${at}.taints[${index}].value`, `taint value "${taint.value}" is not a label value`);
  });
  if (pool.zone !== undefined && (pool.zone.length > 63 || !LABEL_VALUE.test(pool.zone)))
    throw invalid(
      `${at}.zone`,
      `zone "${pool.zone}" is not a label value (63 letters, digits, "-", "_", ".")`,
    );
  return pool;
}

/**
 * The spec with defaults filled and every field checked before anything starts; the first problem is
 * thrown with its field. The version is checked against `versions` (the provider's catalogue).
 */
export function checkClusterSpec(
  input: ClusterSpecInput,
  catalogue: { version: string; default: boolean }[],
): ManagedClusterSpec {
  if (input.name.length > 40 || !DNS_LABEL.test(input.name))
    throw invalid(
      'name',
      `name "${input.name}" must be a DNS label of at most 40 characters: a-z, 0-9 and "-", starting and ending with a letter or digit`,
    );
  const version = input.version ?? catalogue.find((entry) => entry.default)?.version ?? catalogue[0]?.version;
  if (!version || !catalogue.some((entry) => entry.version === version))
    throw invalid(
      'version',
      `version "${version ?? ''}" is not in the catalogue; choose one of ${catalogue.map((e) => e.version).join(', ')} (GET /api/v1/lifecycle/versions)`,
    );
  const podCidr = input.podCidr ?? SPEC_DEFAULTS.podCidr;
  const serviceCidr = input.serviceCidr ?? SPEC_DEFAULTS.serviceCidr;
  const pods = parseCidr(podCidr);
  if (!pods)
    throw invalid(
      'podCidr',
      `podCidr "${podCidr}" is not an IPv4 CIDR with a prefix of 8 to 32; write it as 10.244.0.0/16`,
    );
  const services = parseCidr(serviceCidr);
  if (!services)
    throw invalid(
      'serviceCidr',
      `serviceCidr "${serviceCidr}" is not an IPv4 CIDR with a prefix of 8 to 32; write it as 10.96.0.0/16`,
    );
  if (cidrsOverlap(pods, services))
    throw invalid(
      'serviceCidr',
      `serviceCidr ${serviceCidr} overlaps podCidr ${podCidr}; choose ranges that do not share addresses`,
    );
  const inputs = input.nodePools ?? [{ name: 'default' }];
  if (inputs.length === 0) throw invalid('nodePools', 'a cluster needs at least one node pool');
  const seen = new Set<string>();
  const nodePools = inputs.map((pool, index) => {
    if (seen.has(pool.name))
      throw invalid(
        `nodePools[${index}].name`,
        `pool name "${pool.name}" is used twice; pool names are unique`,
      );
    seen.add(pool.name);
    return checkPool(pool.name, pool, `nodePools[${index}]`);
  });
  return {
    name: input.name,
    provider: 'sandbox',
    version,
    nodePools,
    podCidr,
    serviceCidr,
    auditLog: input.auditLog ?? SPEC_DEFAULTS.auditLog,
  };
}
