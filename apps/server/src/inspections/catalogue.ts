import {
  INSPECTION_ITEM_WORDS,
  type InspectionItemId,
  type InspectionLevel,
  type InspectionSeverity,
} from '@portolan/api';

export type ItemParams = Record<string, number | string | boolean>;

/** One check Portolan knows: its defaults, and in plain words why it matters and how to fix it. */
export interface InspectionItem {
  id: string;
  level: InspectionLevel;
  severity: InspectionSeverity;
  params: ItemParams;
  why: string;
  fix: string;
}

/** An item with its why and fix in English from packages/api (the console words them in 简体中文 too). */
const item = (
  id: InspectionItemId,
  level: InspectionLevel,
  severity: InspectionSeverity,
  params: ItemParams,
): InspectionItem => ({ id, level, severity, params, ...INSPECTION_ITEM_WORDS[id] });

/** Every item, in the order a report lists them within a severity. */
export const INSPECTION_ITEMS: readonly InspectionItem[] = [
  item('component-health', 'cluster', 'critical', { leaseStaleSeconds: 60 }),
  item('etcd-health', 'cluster', 'critical', {}),
  item('certificate-expiry', 'cluster', 'critical', { days: 30 }),
  item('credential-expiry', 'cluster', 'warning', { days: 30 }),
  item('version-skew', 'cluster', 'warning', { maxMinorSkew: 3 }),
  item('deprecated-apis', 'cluster', 'warning', {}),
  item('requests-vs-allocatable', 'cluster', 'warning', { percent: 90 }),
  item('node-conditions', 'node', 'critical', {}),
  item('node-heartbeat', 'node', 'critical', { maxAgeSeconds: 120 }),
  item('node-pressure', 'node', 'warning', {}),
  item('node-pod-capacity', 'node', 'warning', { percent: 90 }),
  item('node-usage', 'node', 'warning', { cpuPercent: 90, memoryPercent: 90 }),
  item('pod-not-running', 'workload', 'critical', {}),
  item('pod-restarts', 'workload', 'warning', { threshold: 5 }),
  item('pod-pending', 'workload', 'warning', { graceSeconds: 300 }),
  item('image-latest', 'workload', 'warning', {}),
  item('missing-requests-limits', 'workload', 'warning', { requireLimits: true }),
  item('missing-probes', 'workload', 'info', {}),
  item('privileged-containers', 'workload', 'critical', {}),
  item('root-containers', 'workload', 'warning', {}),
  item('single-replica-no-pdb', 'workload', 'warning', {}),
  item('pvc-pending-lost', 'workload', 'critical', { graceSeconds: 120 }),
  item('service-no-endpoints', 'workload', 'warning', {}),
  item('job-failing', 'workload', 'warning', {}),
  item('unused-configmaps', 'workload', 'info', {}),
  item('unused-secrets', 'workload', 'info', {}),
];

export const ITEMS_BY_ID: ReadonlyMap<string, InspectionItem> = new Map(
  INSPECTION_ITEMS.map((i) => [i.id, i]),
);
