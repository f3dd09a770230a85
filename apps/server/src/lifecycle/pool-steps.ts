import type { NodePool, OperationStep } from '@portolan/api';
import { cordonNode } from '#server/nodes/node-edits.ts';
import { apiserverNotReady, controlPlaneReady, nodesNotReady, waitFor } from './kube-checks.ts';
import type { StepContext } from './operation-runner.ts';
import { runOf, type StepDeps, type StepTools, waitingLine } from './step-tools.ts';
import { type Said, StepError, said } from './step-words.ts';

type Work = (step: OperationStep, context: StepContext) => Promise<Said | undefined>;
type PoolCode =
  | 'apply-pool'
  | 'remove-node'
  | 'remove-pool'
  | 'restore'
  | 'prune'
  | 'unregister'
  | 'delete'
  | 'forget';

/** The steps that change a made cluster's pools, restore or prune its snapshots, or remove it. */
export function poolAndSnapshotWork(deps: StepDeps, tools: StepTools): Record<PoolCode, Work> {
  const { client, saveSpec, drain } = tools;
  return {
    async 'apply-pool'(_step, context) {
      const name = context.operation.cluster;
      const pool = context.operation.input.pool as NodePool;
      const { added } = await deps.provider.applyPool(name, pool, runOf(context));
      await saveSpec(name, (spec) => ({
        ...spec,
        nodePools: [...spec.nodePools.filter((p) => p.name !== pool.name), pool],
      }));
      const kube = await client(name);
      const nodes =
        (await deps.provider.describe(name))?.nodes.filter((n) => n.pool === pool.name).map((n) => n.name) ??
        [];
      await waitFor(
        context.signal,
        () => nodesNotReady(kube, nodes, undefined, context.signal),
        waitingLine(context),
      );
      return said(
        'pool-applied',
        { pool: pool.name, nodes: nodes.length, added: added.length },
        `pool ${pool.name}: ${nodes.length} nodes, ${added.length} added`,
      );
    },
    async 'remove-node'(step, context) {
      const name = context.operation.cluster;
      const node = String(step.params.node);
      const present = (await deps.provider.describe(name))?.nodes.some((n) => n.name === node);
      if (!present) return said('node-gone-already', { node }, `${node} is gone already`);
      const kube = await client(name);
      await cordonNode(kube, node).catch(() => undefined);
      await drain(kube, node, context);
      await deps.provider.removeNode(name, node, runOf(context));
      await kube.request({ method: 'DELETE', path: `/api/v1/nodes/${node}` }).catch(() => undefined);
      return said('node-removed', { node }, `${node} drained and removed`);
    },
    async 'remove-pool'(step, context) {
      const name = context.operation.cluster;
      const pool = String(step.params.pool);
      await deps.provider.removePool(name, pool, runOf(context));
      await saveSpec(name, (spec) => ({ ...spec, nodePools: spec.nodePools.filter((p) => p.name !== pool) }));
      return said('pool-removed', { pool }, `pool ${pool} removed`);
    },
    async restore(step, context) {
      const name = context.operation.cluster;
      const id = String(step.params.snapshot);
      const snapshot = (await deps.provider.listSnapshots(name)).find((s) => s.id === id);
      if (!snapshot)
        throw new StepError(
          'snapshot-gone',
          { snapshot: id, cluster: name },
          `snapshot ${id} of ${name} is gone; choose another`,
        );
      await deps.provider.restoreSnapshot(name, id, runOf(context));
      const kube = await client(name);
      await waitFor(
        context.signal,
        async () => ((await controlPlaneReady(kube, context.signal)) ? undefined : apiserverNotReady()),
        waitingLine(context),
      );
      await saveSpec(name, (spec) => ({ ...spec, version: snapshot.version }));
      return said(
        'etcd-restored',
        { snapshot: id, takenAt: snapshot.takenAt },
        `etcd restored from ${id} (taken ${snapshot.takenAt}); writes after it are lost`,
      );
    },
    async prune(step, context) {
      const name = context.operation.cluster;
      const keep = Number(step.params.keep);
      const scheduled = (await deps.provider.listSnapshots(name))
        .filter((s) => s.reason === 'schedule')
        .sort((a, b) => b.takenAt.localeCompare(a.takenAt));
      const extra = scheduled.slice(keep);
      for (const snapshot of extra) await deps.provider.deleteSnapshot(name, snapshot.id);
      return said(
        'snapshots-pruned',
        { count: extra.length, keep },
        `${extra.length} scheduled snapshots beyond ${keep} removed`,
      );
    },
    async unregister(_step, context) {
      const name = context.operation.cluster;
      if (await deps.clusters.labelsOf(name)) await deps.clusters.unregister(name);
      return said('unregistered', { cluster: name }, `${name} unregistered`);
    },
    async delete(_step, context) {
      await deps.provider.delete(context.operation.cluster, runOf(context));
      return said('cluster-deleted', {}, 'cluster stopped and removed with its snapshots');
    },
    async forget(_step, context) {
      await deps.store.deleteCluster(context.operation.cluster);
      return said('forgotten', {}, 'forgotten');
    },
  };
}
