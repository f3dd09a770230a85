import { ageOf } from './age.ts';
import { at, count, list, record, text } from './object-fields.ts';
import { POD_COLUMNS } from './pod-columns.ts';

/** One table column after NAME; `wide` ones show with `-o wide` only. */
export interface Column {
  title: string;
  wide?: boolean;
  value(object: unknown, now: Date): string;
}

const age: Column = { title: 'AGE', value: (o, now) => ageOf(text(o, 'metadata', 'creationTimestamp'), now) };
const num = (title: string, ...path: string[]): Column => ({
  title,
  value: (o) => String(count(o, ...path)),
});
const or = (value: string, fallback = '<none>') => value || fallback;

const containers = (o: unknown) => list(o, 'spec', 'template', 'spec', 'containers');
const wideTemplate: Column[] = [
  {
    title: 'CONTAINERS',
    wide: true,
    value: (o) =>
      containers(o)
        .map((c) => text(c, 'name'))
        .join(','),
  },
  {
    title: 'IMAGES',
    wide: true,
    value: (o) =>
      containers(o)
        .map((c) => text(c, 'image'))
        .join(','),
  },
];
const selector: Column = {
  title: 'SELECTOR',
  wide: true,
  value: (o) => or(labelText(record(o, 'spec', 'selector', 'matchLabels'))),
};

export function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

function nodeStatus(node: unknown): string {
  const ready = list(node, 'status', 'conditions').find((c) => text(c, 'type') === 'Ready');
  const state = text(ready, 'status') === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
  return at(node, 'spec', 'unschedulable') === true ? `${state},SchedulingDisabled` : state;
}

function nodeRoles(node: unknown): string {
  const roles = Object.keys(record(node, 'metadata', 'labels'))
    .filter((key) => key.startsWith('node-role.kubernetes.io/'))
    .map((key) => key.slice('node-role.kubernetes.io/'.length));
  return or(roles.join(','));
}

const address = (node: unknown, type: string) =>
  or(
    text(
      list(node, 'status', 'addresses').find((a) => text(a, 'type') === type),
      'address',
    ),
  );

function servicePorts(service: unknown): string {
  const ports = list(service, 'spec', 'ports').map((port) => {
    const nodePort = count(port, 'nodePort');
    return `${count(port, 'port')}${nodePort ? `:${nodePort}` : ''}/${text(port, 'protocol') || 'TCP'}`;
  });
  return or(ports.join(','));
}

function externalIp(service: unknown): string {
  const ingress = list(service, 'status', 'loadBalancer', 'ingress').map(
    (i) => text(i, 'ip') || text(i, 'hostname'),
  );
  const ips = [...ingress, ...list(service, 'spec', 'externalIPs').map(String)];
  if (ips.length) return ips.join(',');
  return text(service, 'spec', 'type') === 'LoadBalancer' ? '<pending>' : '<none>';
}

function jobStatus(job: unknown): string {
  const conditions = list(job, 'status', 'conditions').filter((c) => text(c, 'status') === 'True');
  const types = conditions.map((c) => text(c, 'type'));
  if (types.includes('Complete')) return 'Complete';
  if (types.includes('Failed')) return 'Failed';
  if (at(job, 'spec', 'suspend') === true) return 'Suspended';
  return 'Running';
}

const COLUMNS: Record<string, Column[]> = {
  pods: POD_COLUMNS,
  deployments: [
    {
      title: 'READY',
      value: (o) => `${count(o, 'status', 'readyReplicas')}/${count(o, 'spec', 'replicas')}`,
    },
    num('UP-TO-DATE', 'status', 'updatedReplicas'),
    num('AVAILABLE', 'status', 'availableReplicas'),
    age,
    ...wideTemplate,
    selector,
  ],
  statefulsets: [
    {
      title: 'READY',
      value: (o) => `${count(o, 'status', 'readyReplicas')}/${count(o, 'spec', 'replicas')}`,
    },
    age,
    ...wideTemplate,
  ],
  daemonsets: [
    num('DESIRED', 'status', 'desiredNumberScheduled'),
    num('CURRENT', 'status', 'currentNumberScheduled'),
    num('READY', 'status', 'numberReady'),
    num('UP-TO-DATE', 'status', 'updatedNumberScheduled'),
    num('AVAILABLE', 'status', 'numberAvailable'),
    age,
    ...wideTemplate,
    selector,
  ],
  replicasets: [
    num('DESIRED', 'spec', 'replicas'),
    num('CURRENT', 'status', 'replicas'),
    num('READY', 'status', 'readyReplicas'),
    age,
    ...wideTemplate,
  ],
  jobs: [
    { title: 'STATUS', value: jobStatus },
    {
      title: 'COMPLETIONS',
      value: (o) => `${count(o, 'status', 'succeeded')}/${at(o, 'spec', 'completions') ?? 1}`,
    },
    age,
    ...wideTemplate,
  ],
  cronjobs: [
    { title: 'SCHEDULE', value: (o) => text(o, 'spec', 'schedule') },
    { title: 'SUSPEND', value: (o) => String(at(o, 'spec', 'suspend') === true) },
    { title: 'ACTIVE', value: (o) => String(list(o, 'status', 'active').length) },
    { title: 'LAST SCHEDULE', value: (o, now) => ageOrNone(text(o, 'status', 'lastScheduleTime'), now) },
    age,
  ],
  services: [
    { title: 'TYPE', value: (o) => text(o, 'spec', 'type') || 'ClusterIP' },
    { title: 'CLUSTER-IP', value: (o) => or(text(o, 'spec', 'clusterIP')) },
    { title: 'EXTERNAL-IP', value: externalIp },
    { title: 'PORT(S)', value: servicePorts },
    age,
    { title: 'SELECTOR', wide: true, value: (o) => or(labelText(record(o, 'spec', 'selector'))) },
  ],
  nodes: [
    { title: 'STATUS', value: nodeStatus },
    { title: 'ROLES', value: nodeRoles },
    age,
    { title: 'VERSION', value: (o) => text(o, 'status', 'nodeInfo', 'kubeletVersion') },
    { title: 'INTERNAL-IP', wide: true, value: (o) => address(o, 'InternalIP') },
    { title: 'EXTERNAL-IP', wide: true, value: (o) => address(o, 'ExternalIP') },
    {
      title: 'OS-IMAGE',
      wide: true,
      value: (o) => or(text(o, 'status', 'nodeInfo', 'osImage'), '<unknown>'),
    },
    {
      title: 'KERNEL-VERSION',
      wide: true,
      value: (o) => or(text(o, 'status', 'nodeInfo', 'kernelVersion'), '<unknown>'),
    },
    {
      title: 'CONTAINER-RUNTIME',
      wide: true,
      value: (o) => or(text(o, 'status', 'nodeInfo', 'containerRuntimeVersion'), '<unknown>'),
    },
  ],
  namespaces: [{ title: 'STATUS', value: (o) => text(o, 'status', 'phase') }, age],
  configmaps: [{ title: 'DATA', value: (o) => String(dataCount(o)) }, age],
  secrets: [
    { title: 'TYPE', value: (o) => text(o, 'type') },
    { title: 'DATA', value: (o) => String(dataCount(o)) },
    age,
  ],
  persistentvolumeclaims: [
    { title: 'STATUS', value: (o) => text(o, 'status', 'phase') },
    { title: 'VOLUME', value: (o) => text(o, 'spec', 'volumeName') },
    { title: 'CAPACITY', value: (o) => text(o, 'status', 'capacity', 'storage') },
    { title: 'STORAGECLASS', value: (o) => or(text(o, 'spec', 'storageClassName')) },
    age,
  ],
};

function dataCount(object: unknown): number {
  return Object.keys(record(object, 'data')).length + Object.keys(record(object, 'binaryData')).length;
}

function ageOrNone(timestamp: string, now: Date): string {
  return timestamp ? ageOf(timestamp, now) : '<none>';
}

/** The columns after NAME for a resource (plural name); NAME and AGE for kinds without their own. */
export function columnsFor(resource: string, wide: boolean): Column[] {
  const columns = COLUMNS[resource] ?? [age];
  return wide ? columns : columns.filter((column) => !column.wide);
}
