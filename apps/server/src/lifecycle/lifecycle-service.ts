import { randomUUID } from 'node:crypto';
import type {
  ClusterSpecInput,
  ManagedCluster,
  ManagedClusterSpec,
  NodePoolInput,
  Operation,
  OperationKind,
  PreflightReport,
  Snapshot,
  VersionEntry,
} from '@portolan/api';
import type { JobsService } from '#server/jobs/job-service.ts';
import type { LifecycleStore, StoredOperation } from '#server/store/lifecycle/lifecycle-store.ts';
import { checkClusterSpec, checkPool } from './cluster-spec.ts';
import { preflightChecks } from './kube-checks.ts';
import { LifecycleError } from './lifecycle-errors.ts';
import { createStepWork } from './lifecycle-steps.ts';
import type { ManagedClusters } from './managed-clusters.ts';
import { newOperation, type OperationRecord, operationView } from './operation.ts';
import { createOperationControls, recordOf } from './operation-controls.ts';
import {
  createPlan,
  deletePlan,
  poolPlan,
  removePoolPlan,
  restorePlan,
  snapshotPlan,
  upgradePlan,
} from './operation-plans.ts';
import { runOperation } from './operation-runner.ts';
import type { ClusterProvider } from './provider.ts';
import { upgradeRefusal, upgradeTargets } from './versions.ts';

export type Actor = { id: string; name: string };

export interface LifecycleDeps {
  store: LifecycleStore;
  jobs: JobsService;
  provider: ClusterProvider;
  clusters: ManagedClusters;
  clock: () => Date;
  newId?: () => string;
  drainTimeoutSeconds?: number;
}

export { recordOf };

const storedOf = (op: OperationRecord): StoredOperation => ({
  id: op.id,
  cluster: op.cluster,
  kind: op.kind,
  state: op.state,
  createdAt: new Date(op.createdAt),
  document: op as unknown as Record<string, unknown>,
});

const STATE_BY_KIND: Record<OperationKind, ManagedCluster['state']> = {
  create: 'creating',
  upgrade: 'upgrading',
  delete: 'deleting',
  'node-pool': 'changing',
  snapshot: 'changing',
  'restore-snapshot': 'changing',
};

/** The lifecycle core: operations started, resumed, rolled back and cancelled; clusters described. */
export function createLifecycle(deps: LifecycleDeps) {
  const newId = deps.newId ?? randomUUID;
  const work = createStepWork({
    provider: deps.provider,
    store: deps.store,
    clusters: deps.clusters,
    ...(deps.drainTimeoutSeconds ? { drainTimeoutSeconds: deps.drainTimeoutSeconds } : {}),
  });
  const save = (op: OperationRecord) => deps.store.saveOperation(storedOf(op));

  /** Runs the operation's remaining steps as a job on this replica. */
  async function launch(op: OperationRecord, by: Actor): Promise<OperationRecord> {
    const job = await deps.jobs.start(
      { kind: `lifecycle.${op.kind}`, cluster: op.cluster, target: op.id, createdBy: by },
      (context) =>
        runOperation(op, context, { save, clock: deps.clock, work }).then(() => ({ operation: op.id })),
    );
    op.jobId = job.id;
    await save(op);
    return op;
  }

  async function start(op: OperationRecord, by: Actor): Promise<Operation> {
    if (!(await deps.store.insertOperation(storedOf(op)))) {
      const running = await deps.store.runningOperation(op.cluster);
      throw new LifecycleError(
        'conflict',
        `cluster ${op.cluster} has an operation running already (${running?.kind ?? 'unknown'} ${running?.id ?? ''}); wait for it, or cancel it`,
      );
    }
    return operationView(await launch(op, by));
  }

  /** The cluster as recorded, or a refusal that says imported clusters are never touched. */
  async function managed(name: string) {
    const stored = await deps.store.getCluster(name);
    if (stored) return stored;
    const labels = await deps.clusters.labelsOf(name);
    throw new LifecycleError(
      'not-found',
      labels
        ? `cluster ${name} was imported, not created by Portolan: the lifecycle never changes imported clusters`
        : `no cluster named ${name} was created by Portolan; GET /api/v1/lifecycle/clusters lists them`,
    );
  }

  function operationFor(
    name: string,
    kind: OperationKind,
    by: Actor,
    steps: Operation['steps'],
    input: Record<string, unknown>,
    extra: Partial<Operation> = {},
  ) {
    return {
      ...newOperation({
        id: newId(),
        cluster: name,
        kind,
        createdAt: deps.clock(),
        createdBy: by,
        steps,
        input,
      }),
      ...extra,
    };
  }

  async function view(name: string): Promise<ManagedCluster> {
    const stored = await managed(name);
    const spec = stored.spec as ManagedClusterSpec;
    const [described, last, catalogue] = await Promise.all([
      deps.provider.describe(name).catch(() => undefined),
      deps.store.latestOperation(name),
      deps.provider.versions(),
    ]);
    const lastOperation = last ? operationView(recordOf(last)) : null;
    const state: ManagedCluster['state'] =
      lastOperation?.state === 'running'
        ? STATE_BY_KIND[lastOperation.kind]
        : lastOperation?.kind === 'create' && lastOperation.state !== 'succeeded'
          ? 'failed'
          : 'ready';
    const version = described?.version || spec.version;
    return {
      name,
      provider: 'sandbox',
      version,
      state,
      nodePools: described?.nodePools ?? spec.nodePools,
      nodes: described?.nodes ?? [],
      components: described?.components ?? [],
      podCidr: spec.podCidr,
      serviceCidr: spec.serviceCidr,
      auditLog: spec.auditLog,
      createdAt: stored.createdAt.toISOString(),
      lastOperation,
      upgradeTargets: upgradeTargets(version, catalogue),
      snapshotSchedule: stored.snapshotSchedule,
    };
  }

  async function preflight(name: string, version: string): Promise<PreflightReport> {
    const current = (await view(name)).version;
    const catalogue = await deps.provider.versions();
    if (!catalogue.some((entry) => entry.version === version))
      throw new LifecycleError(
        'invalid',
        `version ${version} is not in the catalogue; choose one of ${catalogue.map((e) => e.version).join(', ')}`,
        'version',
      );
    const refusal = upgradeRefusal(current, version);
    if (refusal) throw new LifecycleError('invalid', refusal, 'version');
    const client = await deps.clusters.clientOf(name);
    if (!client)
      throw new LifecycleError(
        'conflict',
        `cluster ${name} is not connected; wait until it is Ready in Portolan`,
      );
    const checks = await preflightChecks(client, current, version);
    return {
      cluster: name,
      fromVersion: current,
      toVersion: version,
      ok: checks.every((c) => c.status !== 'fail'),
      checks,
    };
  }

  const snapshotView = (
    name: string,
    s: Awaited<ReturnType<ClusterProvider['listSnapshots']>>[number],
  ): Snapshot => ({
    id: s.id,
    cluster: name,
    takenAt: s.takenAt,
    version: s.version,
    sizeBytes: s.sizeBytes,
    reason: s.reason === 'schedule' || s.reason === 'pre-upgrade' ? s.reason : 'manual',
  });

  return {
    launch,
    start,
    operationFor,
    async versions(): Promise<VersionEntry[]> {
      return (await deps.provider.versions()).map((v) => ({
        version: v.version,
        minor: v.minor,
        built: v.built,
        default: v.default,
      }));
    },
    async list(): Promise<ManagedCluster[]> {
      const names = (await deps.store.listClusters()).map((c) => c.name);
      return Promise.all(names.map((name) => view(name)));
    },
    get: view,
    managed,
    /** Names of the clusters Portolan created (a caller's reach filters operations by them). */
    async knownClusters(): Promise<string[]> {
      return (await deps.store.listClusters()).map((c) => c.name);
    },
    async create(input: ClusterSpecInput, by: Actor): Promise<Operation> {
      const spec = checkClusterSpec(input, await deps.provider.versions());
      if ((await deps.clusters.labelsOf(spec.name)) || (await deps.store.getCluster(spec.name)))
        throw new LifecycleError(
          'conflict',
          `a cluster named "${spec.name}" exists already; choose another name`,
          'name',
        );
      const inserted = await deps.store.insertCluster({
        name: spec.name,
        provider: 'sandbox',
        spec,
        createdAt: deps.clock(),
        createdBy: by.name,
        snapshotSchedule: null,
        nextSnapshotAt: null,
      });
      if (!inserted)
        throw new LifecycleError(
          'conflict',
          `a cluster named "${spec.name}" exists already; choose another name`,
          'name',
        );
      return start(
        operationFor(spec.name, 'create', by, createPlan(spec), { spec }, { toVersion: spec.version }),
        by,
      );
    },
    async remove(name: string, by: Actor): Promise<Operation> {
      await managed(name);
      return start(operationFor(name, 'delete', by, deletePlan(name), {}), by);
    },
    preflight,
    async upgrade(
      name: string,
      body: { version: string; maxUnavailable?: number },
      by: Actor,
    ): Promise<Operation> {
      const report = await preflight(name, body.version);
      if (!report.ok) {
        const failed = report.checks.filter((c) => c.status === 'fail');
        throw new LifecycleError(
          'invalid',
          `preflight failed: ${failed.map((c) => `${c.title} (${c.message})`).join('; ')}`,
          'version',
          { checks: failed },
        );
      }
      const described = await deps.provider.describe(name);
      const byPool = new Map<string, string[]>();
      for (const node of described?.nodes ?? [])
        byPool.set(node.pool, [...(byPool.get(node.pool) ?? []), node.name]);
      const steps = upgradePlan(report.fromVersion, report.toVersion, byPool, body.maxUnavailable ?? 1);
      return start(
        operationFor(
          name,
          'upgrade',
          by,
          steps,
          {},
          { fromVersion: report.fromVersion, toVersion: report.toVersion },
        ),
        by,
      );
    },
    async putPool(name: string, poolName: string, input: NodePoolInput, by: Actor): Promise<Operation> {
      await managed(name);
      const pool = checkPool(poolName, input, 'pool');
      const nodes = ((await deps.provider.describe(name))?.nodes ?? [])
        .filter((n) => n.pool === poolName)
        .map((n) => n.name);
      return start(operationFor(name, 'node-pool', by, poolPlan(pool, nodes), { pool }), by);
    },
    async deletePool(name: string, poolName: string, by: Actor): Promise<Operation> {
      await managed(name);
      const described = await deps.provider.describe(name);
      if (!described?.nodePools.some((p) => p.name === poolName))
        throw new LifecycleError('not-found', `cluster ${name} has no node pool "${poolName}"`, 'pool');
      const nodes = described.nodes.filter((n) => n.pool === poolName).map((n) => n.name);
      return start(
        operationFor(name, 'node-pool', by, removePoolPlan(poolName, nodes), { pool: { name: poolName } }),
        by,
      );
    },
    async snapshots(name: string): Promise<Snapshot[]> {
      await managed(name);
      return (await deps.provider.listSnapshots(name))
        .map((s) => snapshotView(name, s))
        .sort((a, b) => b.takenAt.localeCompare(a.takenAt));
    },
    async takeSnapshot(
      name: string,
      by: Actor,
      reason: 'manual' | 'schedule' = 'manual',
      keep?: number,
    ): Promise<Operation> {
      await managed(name);
      return start(operationFor(name, 'snapshot', by, snapshotPlan(reason, keep), {}), by);
    },
    async restore(name: string, id: string, by: Actor): Promise<Operation> {
      await managed(name);
      if (!(await deps.provider.listSnapshots(name)).some((s) => s.id === id))
        throw new LifecycleError(
          'not-found',
          `cluster ${name} has no snapshot ${id}; GET …/snapshots lists them`,
          'id',
        );
      return start(operationFor(name, 'restore-snapshot', by, restorePlan(id), {}, { snapshotId: id }), by);
    },
    ...createOperationControls({ store: deps.store, jobs: deps.jobs, launch }),
  };
}

export type Lifecycle = ReturnType<typeof createLifecycle>;
