import { randomBytes } from 'node:crypto';
import type { ResourceRecord } from '../apps/server/src/store/store.ts';
import { PODS } from '../apps/server/src/store/testing/store-fixtures.ts';

/** Synthetic pod rows for the store and search benchmarks: about 1 KB each, 4 labels. */
export const NAMESPACES = 100; // per cluster
export const APPS = 10_000; // so `app=…` is narrow (~rows/APPS pods)

let seed = 1;
export const resetSeed = () => {
  seed = 1;
};
const random = (n: number) => {
  seed = (seed * 48271) % 2147483647;
  return seed % n;
};
const PHASES = [
  'Running',
  'Running',
  'Running',
  'Running',
  'Running',
  'Running',
  'Running',
  'Pending',
  'Succeeded',
  'Failed',
];

export function pod(i: number): ResourceRecord {
  const app = `app-${random(APPS)}`;
  const hash = (i >> 3).toString(36).padStart(6, '0');
  const name = `${app}-${hash}-${randomBytes(3).toString('hex')}`;
  const namespace = `ns-${random(NAMESPACES)}`;
  const labels = {
    app,
    tier: ['front', 'back', 'cache'][random(3)] as string,
    team: `team-${random(50)}`,
    'pod-template-hash': hash,
  };
  const created = new Date(Date.UTC(2025, 0, 1) + random(90 * 86_400) * 1000);
  const node = `node-${random(1000)}`;
  const owner = `rs-${hash}`;
  const phase = PHASES[random(PHASES.length)] as string;
  return {
    ...PODS,
    kind: 'Pod',
    namespace,
    name,
    uid: `uid-${i}`,
    resourceVersion: String(i),
    labels,
    ownerUid: owner,
    nodeName: node,
    phase,
    createdAt: created,
    // About 1 KB, like a small pod with managedFields stripped.
    object: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace, uid: `uid-${i}`, labels, creationTimestamp: created.toISOString() },
      spec: {
        nodeName: node,
        containers: [
          {
            name: 'main',
            image: `registry.example.com/${app}:1.${random(20)}`,
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
            ports: [{ containerPort: 8080, protocol: 'TCP' }],
            env: [{ name: 'LOG_LEVEL', value: 'info' }],
          },
        ],
        serviceAccountName: 'default',
        restartPolicy: 'Always',
      },
      status: {
        phase,
        podIP: `10.${random(255)}.${random(255)}.${random(255)}`,
        conditions: [{ type: 'Ready', status: phase === 'Running' ? 'True' : 'False' }],
      },
    },
  };
}
