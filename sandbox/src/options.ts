import { SandboxError } from './errors.ts';
import {
  checkNetworks,
  DEFAULT_POD_CIDR,
  DEFAULT_SERVICE_CIDR,
  type NodePoolOptions,
  resolvePool,
} from './pool-options.ts';
import { isKnownVersion, SANDBOX_VERSIONS } from './versions.ts';

/** What a user chooses when creating a sandbox. */
export interface SandboxOptions {
  name: string;
  nodes: number;
  /** Capacity of every node, as Kubernetes quantities. */
  nodeCpu: string;
  nodeMemory: string;
  nodePods: number;
  /** Zones the nodes are spread over, round robin, as topology.kubernetes.io/zone. */
  zones: string[];
  region: string;
  /** Extra labels put on every node. */
  nodeLabels: Record<string, string>;
  /** A fixed port for the API server; a free one is picked when absent. */
  apiserverPort?: number;
  /**
   * Run metrics-server (`kubectl top`, HorizontalPodAutoscalers, the metrics.k8s.io API) when its
   * binary is found; a sandbox without it starts all the same and says its metrics are unavailable.
   */
  metricsServer: boolean;
  /**
   * The Kubernetes version of the control plane (the catalogue in versions.ts); absent: the main
   * build's. A sandbox made before versions existed has none and runs the main build.
   */
  version?: string;
  /**
   * Node pools; when given they replace nodes/nodeCpu/nodeMemory/nodePods/zones/nodeLabels (and
   * `nodes` is their total). A sandbox made before pools has none and keeps its `<name>-node-<i>` nodes.
   */
  nodePools?: NodePoolOptions[];
  /** Pod range: kwok's pod addresses and the controller manager's per-node ranges (--allocate-node-cidrs). */
  podCidr?: string;
  /** Service range: kube-apiserver's --service-cluster-ip-range (default 10.96.0.0/16). */
  serviceCidr?: string;
  /** kube-apiserver writes an audit log (Metadata level) to logs/audit.log in the sandbox's directory. */
  auditLog?: boolean;
}

export type SandboxOptionsInput = Partial<SandboxOptions> & { name: string };

export const DEFAULT_OPTIONS: Omit<SandboxOptions, 'name'> = {
  nodes: 3,
  nodeCpu: '8',
  nodeMemory: '32Gi',
  nodePods: 110,
  zones: ['zone-a', 'zone-b', 'zone-c'],
  region: 'sandbox',
  nodeLabels: {},
  metricsServer: true,
};

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const QUANTITY = /^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function invalid(field: string, message: string): never {
  throw new SandboxError('invalid-option', `${field}: ${message}`);
}

function validateLabelKey(key: string): void {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : '';
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix && (prefix.length > 253 || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(prefix))) {
    invalid('nodeLabels', `"${key}" has an invalid prefix; it must be a DNS subdomain such as example.com`);
  }
  if (!name || name.length > 63 || !LABEL_NAME.test(name)) {
    invalid('nodeLabels', `"${key}" is not a valid label key (at most 63 letters, digits, "-", "_" or ".")`);
  }
}

/** Fills defaults and refuses anything Kubernetes or the launcher would reject later. */
export function resolveOptions(input: SandboxOptionsInput): SandboxOptions {
  const options: SandboxOptions = {
    ...DEFAULT_OPTIONS,
    ...input,
    nodeLabels: { ...(input.nodeLabels ?? {}) },
  };
  if (typeof options.name !== 'string' || options.name.length > 40 || !DNS_LABEL.test(options.name)) {
    invalid(
      'name',
      `"${options.name}" must be 1-40 lower-case letters, digits or "-", starting and ending with a letter or digit`,
    );
  }
  if (!Number.isInteger(options.nodes) || options.nodes < 0 || options.nodes > 1000) {
    invalid('nodes', `${options.nodes} must be a whole number from 0 to 1000`);
  }
  if (!QUANTITY.test(options.nodeCpu))
    invalid('nodeCpu', `"${options.nodeCpu}" is not a quantity such as 8 or 500m`);
  if (!QUANTITY.test(options.nodeMemory))
    invalid('nodeMemory', `"${options.nodeMemory}" is not a quantity such as 32Gi`);
  if (!Number.isInteger(options.nodePods) || options.nodePods < 1 || options.nodePods > 10_000) {
    invalid('nodePods', `${options.nodePods} must be a whole number from 1 to 10000`);
  }
  if (!Array.isArray(options.zones) || options.zones.length === 0) invalid('zones', 'give at least one zone');
  for (const zone of [...options.zones, options.region]) {
    if (zone.length > 63 || !LABEL_VALUE.test(zone)) invalid('zones', `"${zone}" is not a valid label value`);
  }
  for (const [key, value] of Object.entries(options.nodeLabels)) {
    validateLabelKey(key);
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) {
      invalid('nodeLabels', `the value of "${key}" ("${value}") is not a valid label value`);
    }
  }
  if (typeof options.metricsServer !== 'boolean') invalid('metricsServer', 'must be true or false');
  if (options.apiserverPort !== undefined) {
    if (
      !Number.isInteger(options.apiserverPort) ||
      options.apiserverPort < 1024 ||
      options.apiserverPort > 65535
    ) {
      invalid('apiserverPort', `${options.apiserverPort} must be a port from 1024 to 65535`);
    }
  }
  resolveClusterOptions(options);
  return options;
}

/** The cluster-level options (version, pools, networks, audit log); absent ones stay absent. */
function resolveClusterOptions(options: SandboxOptions): void {
  if (
    options.version !== undefined &&
    (typeof options.version !== 'string' || !isKnownVersion(options.version))
  ) {
    invalid(
      'version',
      `"${options.version}" is not a version this installation can build; choose one of ${SANDBOX_VERSIONS.join(', ')}`,
    );
  }
  if (options.nodePools !== undefined) {
    if (!Array.isArray(options.nodePools)) invalid('nodePools', 'must be a list of pools');
    options.nodePools = options.nodePools.map((pool, index) => resolvePool(pool, `nodePools[${index}]`));
    const names = new Set<string>();
    options.nodePools.forEach((pool, index) => {
      if (names.has(pool.name))
        invalid(`nodePools[${index}].name`, `the pool name "${pool.name}" is used twice`);
      names.add(pool.name);
    });
    options.nodes = options.nodePools.reduce((sum, pool) => sum + pool.count, 0);
    if (options.nodes > 1000) invalid('nodePools', `${options.nodes} nodes in all; at most 1000`);
  }
  if (options.podCidr !== undefined || options.serviceCidr !== undefined) {
    checkNetworks(
      options.podCidr ?? DEFAULT_POD_CIDR,
      options.serviceCidr ?? DEFAULT_SERVICE_CIDR,
      options.nodes,
    );
  }
  if (options.auditLog !== undefined && typeof options.auditLog !== 'boolean')
    invalid('auditLog', 'must be true or false');
}
