import { SandboxError } from './errors.ts';

export interface NodeTaintOptions {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** A group of like nodes, named `<sandbox>-<pool>-<n>` and labelled portolan.dev/node-pool=<pool>. */
export interface NodePoolOptions {
  name: string;
  count: number;
  cpu: string;
  memory: string;
  maxPods: number;
  labels: Record<string, string>;
  taints: NodeTaintOptions[];
  /** topology.kubernetes.io/zone of every node of the pool; absent: none. */
  zone?: string;
}

export const POOL_LABEL = 'portolan.dev/node-pool';
export const DEFAULT_POD_CIDR = '10.244.0.0/16';
export const DEFAULT_SERVICE_CIDR = '10.96.0.0/16';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function invalid(field: string, message: string): never {
  throw new SandboxError('invalid-option', `${field}: ${message}`);
}

/** Refuses a label or taint key Kubernetes would refuse, naming `field`. */
export function checkLabelKey(field: string, key: string): void {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : '';
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix && (prefix.length > 253 || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(prefix))) {
    invalid(field, `"${key}" has an invalid prefix; it must be a DNS subdomain such as example.com`);
  }
  if (!name || name.length > 63 || !LABEL_NAME.test(name)) {
    invalid(field, `"${key}" is not a valid key (at most 63 letters, digits, "-", "_" or ".")`);
  }
}

export function checkLabelValue(field: string, value: unknown): void {
  if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) {
    invalid(
      field,
      `"${String(value)}" is not a valid label value (at most 63 letters, digits, "-", "_" or ".")`,
    );
  }
}

/** Checks one pool; `field` is where it sits, e.g. nodePools[1]. Answers it with defaults filled. */
export function resolvePool(input: NodePoolOptions, field: string): NodePoolOptions {
  if (!input || typeof input !== 'object')
    invalid(field, 'must be an object with name, count, cpu and memory');
  const pool: NodePoolOptions = {
    ...input,
    labels: { ...(input.labels ?? {}) },
    taints: [...(input.taints ?? [])],
  };
  if (typeof pool.name !== 'string' || pool.name.length > 30 || !DNS_LABEL.test(pool.name)) {
    invalid(
      `${field}.name`,
      `"${pool.name}" must be 1-30 lower-case letters, digits or "-", starting and ending with a letter or digit`,
    );
  }
  if (!Number.isInteger(pool.count) || pool.count < 0 || pool.count > 1000) {
    invalid(`${field}.count`, `${pool.count} must be a whole number from 0 to 1000`);
  }
  if (typeof pool.cpu !== 'string' || !QUANTITY.test(pool.cpu))
    invalid(`${field}.cpu`, `"${pool.cpu}" is not a quantity such as 8 or 500m`);
  if (typeof pool.memory !== 'string' || !QUANTITY.test(pool.memory))
    invalid(`${field}.memory`, `"${pool.memory}" is not a quantity such as 32Gi`);
  if (!Number.isInteger(pool.maxPods) || pool.maxPods < 1 || pool.maxPods > 10_000) {
    invalid(`${field}.maxPods`, `${pool.maxPods} must be a whole number from 1 to 10000`);
  }
  for (const [key, value] of Object.entries(pool.labels)) {
    checkLabelKey(`${field}.labels`, key);
    if (key === POOL_LABEL)
      invalid(`${field}.labels`, `${POOL_LABEL} is set by Portolan to the pool's name; leave it out`);
    checkLabelValue(`${field}.labels["${key}"]`, value);
  }
  const seen = new Set<string>();
  pool.taints.forEach((taint, index) => {
    const at = `${field}.taints[${index}]`;
    if (!taint || typeof taint.key !== 'string') invalid(at, 'a taint needs a key and an effect');
    checkLabelKey(`${at}.key`, taint.key);
    if (taint.value !== undefined && taint.value !== '') checkLabelValue(`${at}.value`, taint.value);
    if (!EFFECTS.includes(taint.effect))
      invalid(`${at}.effect`, `"${taint.effect}" must be one of ${EFFECTS.join(', ')}`);
    const id = `${taint.key}:${taint.effect}`;
    if (seen.has(id)) invalid(at, `the taint ${id} is given twice`);
    seen.add(id);
  });
  if (pool.zone !== undefined) {
    if (!pool.zone) delete pool.zone;
    else checkLabelValue(`${field}.zone`, pool.zone);
  }
  return pool;
}

/** Parses a.b.c.d/n, naming `field` when it is not one. */
export function parseCidr(field: string, text: unknown): { base: number; prefix: number } {
  const match =
    typeof text === 'string' ? /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text) : null;
  const octets = match ? match.slice(1, 5).map(Number) : [];
  const prefix = match ? Number(match[5]) : -1;
  if (!match || octets.some((octet) => octet > 255) || prefix > 32) {
    invalid(field, `"${String(text)}" is not an IPv4 range such as 10.244.0.0/16`);
  }
  const base = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const size = 2 ** (32 - prefix);
  if (base % size !== 0)
    invalid(field, `"${text}" has host bits set; write the network address, e.g. the range's first address`);
  return { base, prefix };
}

/** Checks the pod and service ranges: sizes the components accept, and no overlap. */
export function checkNetworks(podCidr: string, serviceCidr: string, nodes: number): void {
  const pods = parseCidr('podCidr', podCidr);
  const services = parseCidr('serviceCidr', serviceCidr);
  // The controller manager gives every node a /24 of the pod range.
  if (pods.prefix < 8 || pods.prefix > 22)
    invalid('podCidr', `"${podCidr}" must be from /8 to /22 (every node gets a /24 of it)`);
  if (nodes > 2 ** (24 - pods.prefix)) {
    invalid(
      'podCidr',
      `"${podCidr}" holds ${2 ** (24 - pods.prefix)} node ranges (/24) but the pools ask for ${nodes} nodes; choose a larger range`,
    );
  }
  if (services.prefix < 12 || services.prefix > 28) {
    invalid('serviceCidr', `"${serviceCidr}" must be from /12 to /28 (kube-apiserver's limits)`);
  }
  const end = (range: { base: number; prefix: number }) => range.base + 2 ** (32 - range.prefix);
  if (pods.base < end(services) && services.base < end(pods)) {
    invalid(
      'serviceCidr',
      `"${serviceCidr}" overlaps the pod range ${podCidr}; choose ranges apart, e.g. 10.96.0.0/16 and 10.244.0.0/16`,
    );
  }
}
