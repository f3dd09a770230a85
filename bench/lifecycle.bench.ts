/**
 * Cluster lifecycle benchmark (issue #15), through the HTTP API of a real Portolan server:
 * - create-to-Ready: POST /api/v1/lifecycle/clusters until the operation ends (registered and
 *   syncing), with the version's build time apart when it was not cached;
 * - a patch upgrade (v1.36.1 → v1.36.3) of a cluster with a Deployment, until post-checks pass,
 *   with the time of each step;
 * - `--minor`: the minor upgrade v1.36.3 → v1.37.2 instead (the recorded run for BENCHMARKS.md).
 *
 *   node bench/lifecycle.bench.ts [--nodes 3] [--minor] [--print-only]
 */
import { parseArgs } from 'node:util';
import type { Operation } from '@portolan/api';
import { clientOf, create, waitOperation } from '../apps/server/src/lifecycle/testing/lifecycle-calls.ts';
import { startHarness } from '../apps/server/src/testing/portolan-harness.ts';
import { createResults } from './report.ts';

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '3' },
    minor: { type: 'boolean', default: false },
    'print-only': { type: 'boolean', default: false },
  },
});
const NODES = Number(values.nodes);
const [FROM, TO] = values.minor ? ['v1.36.3', 'v1.37.2'] : ['v1.36.1', 'v1.36.3'];
const NAME = `bench-lc-${process.pid}`;
const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const results = createResults(log);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const stepTime = (op: Operation, id: string) => {
  const step = op.steps.find((s) => s.id === id);
  return step?.startedAt && step.finishedAt ? Date.parse(step.finishedAt) - Date.parse(step.startedAt) : 0;
};

const harness = await startHarness({ args: ['--log-level', 'fatal'] });
try {
  let started = Date.now();
  const created = await harness.call<Operation>('POST', '/api/v1/lifecycle/clusters', {
    name: NAME,
    version: FROM,
    nodePools: [{ name: 'default', count: NODES, cpu: '4', memory: '8Gi' }],
  });
  if (created.status !== 202)
    throw new Error(`create answered ${created.status}: ${JSON.stringify(created.body)}`);
  const made = await waitOperation(harness, created.body.id, undefined, 3_600_000);
  if (made.state !== 'succeeded') throw new Error(`create ${made.state}: ${JSON.stringify(made.failure)}`);
  const total = Date.now() - started;
  const build = stepTime(made, 'prepare-version');
  results.row(
    `create-to-Ready, ${NODES} nodes on ${FROM} (registered and syncing)`,
    seconds(total - build),
    '< 60 s',
  );
  results.row(
    `  of which: make the cluster / wait Ready / register and sync`,
    ['create', 'wait-ready', 'register'].map((id) => seconds(stepTime(made, id))).join(' / '),
  );
  if (build > 1000) results.row(`  building ${FROM} first (not cached)`, seconds(build));

  const client = await clientOf(harness, NAME);
  await create(client, '/api/v1/namespaces', { metadata: { name: 'bench' } });
  await create(client, '/apis/apps/v1/namespaces/bench/deployments', {
    metadata: { name: 'web' },
    spec: {
      replicas: NODES,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'registry.example/web:1' }] },
      },
    },
  });
  started = Date.now();
  const upgrade = await harness.call<Operation>('POST', `/api/v1/lifecycle/clusters/${NAME}/upgrade`, {
    version: TO,
  });
  if (upgrade.status !== 202)
    throw new Error(`upgrade answered ${upgrade.status}: ${JSON.stringify(upgrade.body)}`);
  const upgraded = await waitOperation(harness, upgrade.body.id, undefined, 3_600_000);
  if (upgraded.state !== 'succeeded')
    throw new Error(`upgrade ${upgraded.state}: ${JSON.stringify(upgraded.failure)}`);
  const nodeSteps = upgraded.steps.filter((s) => s.id.startsWith('node:'));
  results.row(
    `${values.minor ? 'minor' : 'patch'} upgrade ${FROM} → ${TO}, ${NODES} nodes one at a time`,
    seconds(Date.now() - started),
    values.minor ? '' : '< 120 s',
  );
  results.row(
    '  of which: preflight / snapshot / control plane / nodes / post-checks',
    [
      stepTime(upgraded, 'preflight'),
      stepTime(upgraded, 'snapshot'),
      stepTime(upgraded, 'control-plane'),
      nodeSteps.reduce((sum, s) => sum + stepTime(upgraded, s.id), 0),
      stepTime(upgraded, 'post-checks'),
    ]
      .map(seconds)
      .join(' / '),
  );
  const section = values.minor
    ? 'Cluster lifecycle: minor upgrade'
    : 'Cluster lifecycle: create and patch upgrade';
  const command = `node bench/lifecycle.bench.ts --nodes ${NODES}${values.minor ? ' --minor' : ''}`;
  if (values['print-only']) process.stdout.write(`${section}\n`);
  else await results.publish(section, command);
} finally {
  await harness.portolan.sandboxes.delete(NAME).catch(() => undefined);
  await harness.stop({ removeData: true }).catch(() => undefined);
}
