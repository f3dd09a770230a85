import assert from 'node:assert/strict';
import test from 'node:test';
import type { Cluster } from '../../api/types.ts';
import { overviewRows, podTotal, problemsOf } from './overview-model.ts';

const cluster = (name: string, status: Cluster['status'], extra: Partial<Cluster> = {}): Cluster => ({
  id: name,
  name,
  displayName: name,
  description: '',
  labels: {},
  serverUrl: 'https://127.0.0.1:6443',
  status,
  reason: null,
  reasonCode: null,
  reasonParams: null,
  lastSeenAt: null,
  probeLatencyMs: null,
  version: 'v1.34.0',
  platform: null,
  nodeCount: 3,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  credentialExpiry: [],
  warnings: [],
  ...extra,
});

test('an offline cluster and a credential warning are problems, each naming its cluster and the server’s words', () => {
  const problems = problemsOf([
    cluster('prod', 'Ready', { warnings: ['the client certificate expires in 5 days'] }),
    cluster('edge', 'Offline', {
      reason: 'connect: connection refused',
      reasonCode: 'unreachable',
      reasonParams: { address: '10.0.0.9:6443', systemCode: 'ECONNREFUSED' },
    }),
    cluster('dev', 'Ready'),
  ]);
  assert.deepEqual(problems, [
    { kind: 'warning', cluster: 'prod', warning: 'the client certificate expires in 5 days' },
    {
      kind: 'offline',
      cluster: 'edge',
      status: 'Offline',
      reason: 'connect: connection refused',
      reasonCode: 'unreachable',
      reasonParams: { address: '10.0.0.9:6443', systemCode: 'ECONNREFUSED' },
    },
  ]);
});

test('rows join the registry to the summary by cluster name; a cluster the summary lacks has no figures', () => {
  const rows = overviewRows([cluster('a', 'Ready'), cluster('b', 'Unknown')], {
    total: { pods: {}, workloads: {}, requests: { cpuCores: 0, memoryBytes: 0 } },
    clusters: [
      {
        name: 'a',
        status: 'Ready',
        visibility: 'cluster',
        pods: { Running: 4, Pending: 1 },
        workloads: {},
        requests: { cpuCores: 1, memoryBytes: 0 },
      },
    ],
  });
  assert.equal(rows[0]?.figures?.pods.Running, 4);
  assert.equal(podTotal(rows[0]?.figures?.pods ?? {}), 5);
  assert.equal(rows[1]?.figures, undefined);
});
