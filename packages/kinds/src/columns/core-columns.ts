import type { Column } from '../kind-descriptor.ts';
import { age, labelText, or } from './common-columns.ts';
import { at, count, list, record, text } from './object-fields.ts';

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

function dataCount(object: unknown): number {
  return Object.keys(record(object, 'data')).length + Object.keys(record(object, 'binaryData')).length;
}

export const SERVICE_COLUMNS: Column[] = [
  { title: 'TYPE', value: (o) => text(o, 'spec', 'type') || 'ClusterIP' },
  { title: 'CLUSTER-IP', value: (o) => or(text(o, 'spec', 'clusterIP')) },
  { title: 'EXTERNAL-IP', value: externalIp },
  { title: 'PORT(S)', value: servicePorts },
  age,
  { title: 'SELECTOR', wide: true, value: (o) => or(labelText(record(o, 'spec', 'selector'))) },
];

export const NODE_COLUMNS: Column[] = [
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
];

export const NAMESPACE_COLUMNS: Column[] = [
  { title: 'STATUS', value: (o) => text(o, 'status', 'phase') },
  age,
];

export const CONFIG_MAP_COLUMNS: Column[] = [{ title: 'DATA', value: (o) => String(dataCount(o)) }, age];

export const SECRET_COLUMNS: Column[] = [
  { title: 'TYPE', value: (o) => text(o, 'type') },
  { title: 'DATA', value: (o) => String(dataCount(o)) },
  age,
];

export const CLAIM_COLUMNS: Column[] = [
  { title: 'STATUS', value: (o) => text(o, 'status', 'phase') },
  { title: 'VOLUME', value: (o) => text(o, 'spec', 'volumeName') },
  { title: 'CAPACITY', value: (o) => text(o, 'status', 'capacity', 'storage') },
  { title: 'STORAGECLASS', value: (o) => or(text(o, 'spec', 'storageClassName')) },
  age,
];
