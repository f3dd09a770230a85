import { randomUUID } from 'node:crypto';
import {
  INSPECTION_RUN_ERROR_WORDS,
  type InspectionConfigSpec,
  type InspectionConfigView,
  type InspectionFinding,
  type InspectionItemList,
  type InspectionRunView,
} from '@portolan/api';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { RoundTimer, SingletonJob } from '#server/replicas/work-leases.ts';
import type {
  StoredInspectionConfig,
  StoredInspectionRun,
} from '#server/store/inspections/inspection-store.ts';
import type { Store } from '#server/store/store.ts';
import type { Clock } from '#server/time/clock.ts';
import { INSPECTION_ITEMS } from './catalogue.ts';
import { nextOccurrence } from './cron-next.ts';
import { inspect } from './inspect.ts';
import { InspectionError } from './inspection-errors.ts';
import {
  type ClusterFacts,
  clusterValues,
  INSPECTED_TYPES,
  type InspectedKind,
  readLive,
  readStoredObjects,
  type StoredObjects,
} from './inspection-input.ts';
import { checkSpec } from './inspection-spec.ts';
import { RunFailure, runView } from './run-view.ts';
import { type Said, said } from './said.ts';

export { runView };

/** The cluster as the registry shows it: its id, health and Portolan's credential facts. */
export interface InspectedCluster extends ClusterFacts {
  id: string;
}

export interface InspectionsDeps {
  store: Pick<Store, 'inspections' | 'resources' | 'syncStates'>;
  /** The registered cluster of that name, or undefined. */
  cluster(name: string): Promise<InspectedCluster | undefined>;
  clientOf(clusterId: string): KubeClient | undefined;
  clock: Clock;
  timer: RoundTimer;
  log: { warn(fields: object, message: string): void };
  newId?: () => string;
  /** The scheduler looks for due configurations this often (15 s). */
  scheduleEveryMs?: number;
  /** Each live read's deadline (5 s). */
  liveTimeoutMs?: number;
  /** A run still `running` this long after it started lost its replica (10 min). */
  staleRunMs?: number;
}

export interface Inspections {
  items(): InspectionItemList;
  listConfigs(): Promise<InspectionConfigView[]>;
  getConfig(name: string): Promise<InspectionConfigView>;
  putConfig(
    name: string,
    spec: InspectionConfigSpec,
    actor: string,
  ): Promise<{ view: InspectionConfigView; created: boolean }>;
  deleteConfig(name: string): Promise<void>;
  /** Starts a run and answers at once; `done` settles when it ends (tests wait on it). */
  run(
    name: string,
    trigger: 'manual' | 'schedule',
    actor?: string,
  ): Promise<{ view: InspectionRunView; done: Promise<void> }>;
  listRuns(query: {
    config?: string;
    cluster?: string;
    cursor?: string;
    limit: number;
  }): Promise<{ items: InspectionRunView[]; next?: string }>;
  /** The run with its findings, or undefined. */
  getRun(id: string): Promise<InspectionRunView | undefined>;
  /** One round of the scheduler: ends orphaned runs, starts due ones. Tests call it. */
  tick(): Promise<Array<Promise<void>>>;
  /** The singleton job `inspection-scheduler`. */
  scheduler(): SingletonJob;
}

/** Every stored kind unavailable for the same reason: an Offline cluster's last objects are not judged. */
function unavailable(reason: Said): StoredObjects {
  return Object.fromEntries(
    (Object.keys(INSPECTED_TYPES) as InspectedKind[]).map((kind) => [kind, { ok: false, reason }]),
  ) as StoredObjects;
}

export function createInspections(deps: InspectionsDeps): Inspections {
  const { store, clock } = deps;
  const newId = deps.newId ?? randomUUID;

  function configView(config: StoredInspectionConfig, lastRun?: StoredInspectionRun): InspectionConfigView {
    return {
      name: config.name,
      spec: config.spec as InspectionConfigSpec,
      ...(config.nextRunAt ? { nextRun: config.nextRunAt.toISOString() } : {}),
      ...(lastRun ? { lastRun: runView(lastRun) } : {}),
      createdBy: config.createdBy,
      updatedBy: config.updatedBy,
      updatedAt: config.updatedAt.toISOString(),
    };
  }

  async function load(name: string): Promise<StoredInspectionConfig> {
    const config = await store.inspections.getConfig(name);
    if (!config)
      throw new InspectionError(
        'not-found',
        `no inspection configuration is named "${name}"; GET /api/v1/inspections/configs lists them`,
      );
    return config;
  }

  /** Reads, checks and records one run; never throws: a failure is the run's error. */
  async function execute(
    run: StoredInspectionRun,
    spec: InspectionConfigSpec,
    keepRuns: number,
  ): Promise<void> {
    const started = performance.now();
    try {
      const cluster = await deps.cluster(run.cluster);
      if (!cluster) throw new RunFailure('run.cluster-gone', { cluster: run.cluster });
      const namespaces = spec.namespaces?.length ? new Set(spec.namespaces) : undefined;
      const offline = cluster.status === 'Offline';
      const [objects, live] = await Promise.all([
        offline
          ? unavailable(
              said(
                cluster.reason ? 'skip.cluster-offline.reason' : 'skip.cluster-offline',
                clusterValues(cluster),
              ),
            )
          : readStoredObjects(store, cluster.id, namespaces),
        readLive(deps.clientOf(cluster.id), cluster, deps.liveTimeoutMs),
      ]);
      const result = inspect(
        { cluster, now: clock(), objects, live, ...(namespaces ? { namespaces } : {}) },
        spec,
      );
      const finished: StoredInspectionRun = {
        ...run,
        state: 'succeeded',
        finishedAt: clock(),
        summary: {
          durationMs: Math.round(performance.now() - started),
          objects: result.objects,
          scores: result.scores,
        },
      };
      await store.inspections.finishRun(finished, result.findings);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failure = error instanceof RunFailure ? error : new RunFailure('run.error', { detail: message });
      await store.inspections
        .finishRun(
          {
            ...run,
            state: 'failed',
            finishedAt: clock(),
            error: failure.message,
            summary: {
              durationMs: Math.round(performance.now() - started),
              errorCode: failure.code,
              errorParams: failure.params,
            },
          },
          [],
        )
        .catch((failure: unknown) =>
          deps.log.warn({ err: failure, run: run.id }, 'inspection: the run could not be recorded'),
        );
    }
    await store.inspections
      .pruneRuns(run.config, keepRuns)
      .catch((failure: unknown) =>
        deps.log.warn({ err: failure, config: run.config }, 'inspection: old runs could not be removed'),
      );
  }

  async function start(config: StoredInspectionConfig, trigger: 'manual' | 'schedule', actor?: string) {
    const spec = config.spec as InspectionConfigSpec;
    const run: StoredInspectionRun = {
      id: newId(),
      config: config.name,
      cluster: config.cluster,
      state: 'running',
      trigger,
      startedBy: actor ?? null,
      startedAt: clock(),
      finishedAt: null,
      error: null,
      summary: {},
    };
    await store.inspections.insertRun(run);
    const done = execute(run, spec, spec.keepRuns ?? 30);
    return { view: runView(run), done };
  }

  const inspections: Inspections = {
    items: () => ({
      items: INSPECTION_ITEMS.map(({ id, level, severity, params }) => ({
        id,
        level,
        severity,
        params: { ...params },
      })),
    }),
    async listConfigs() {
      const configs = await store.inspections.listConfigs();
      const latest = await store.inspections.latestRuns(configs.map((c) => c.name));
      return configs.map((config) => configView(config, latest.get(config.name)));
    },
    async getConfig(name) {
      const config = await load(name);
      return configView(config, (await store.inspections.latestRuns([name])).get(name));
    },
    async putConfig(name, spec, actor) {
      checkSpec(spec);
      if (!(await deps.cluster(spec.cluster)))
        throw new InspectionError(
          'invalid',
          `no cluster is named "${spec.cluster}"; GET /api/v1/clusters lists them`,
          'cluster',
        );
      const existing = await store.inspections.getConfig(name);
      if (existing && existing.cluster !== spec.cluster)
        throw new InspectionError(
          'invalid',
          `configuration ${name} inspects cluster ${existing.cluster}; a configuration keeps its cluster: create another for ${spec.cluster}`,
          'cluster',
        );
      const now = clock();
      const config: StoredInspectionConfig = {
        name,
        cluster: spec.cluster,
        spec,
        createdBy: existing?.createdBy ?? actor,
        updatedBy: actor,
        updatedAt: now,
        nextRunAt: spec.schedule ? (nextOccurrence(spec.schedule, now) ?? null) : null,
      };
      const created = await store.inspections.putConfig(config);
      return { view: await inspections.getConfig(name), created };
    },
    async deleteConfig(name) {
      if (!(await store.inspections.deleteConfig(name))) await load(name);
    },
    async run(name, trigger, actor) {
      const config = await load(name);
      const running = (await store.inspections.latestRuns([name])).get(name);
      if (running?.state === 'running')
        throw new InspectionError(
          'conflict',
          `run ${running.id} of ${name} is still running; wait for it to end`,
        );
      return start(config, trigger, actor);
    },
    async listRuns(query) {
      const page = await store.inspections.listRuns(query);
      return { items: page.items.map((run) => runView(run)), ...(page.next ? { next: page.next } : {}) };
    },
    async getRun(id) {
      const run = await store.inspections.getRun(id);
      return run ? runView(run, run.findings as InspectionFinding[]) : undefined;
    },
    async tick() {
      const now = clock();
      await store.inspections.failStaleRuns(
        new Date(now.getTime() - (deps.staleRunMs ?? 600_000)),
        INSPECTION_RUN_ERROR_WORDS['run.stopped'],
        now,
      );
      const runs: Array<Promise<void>> = [];
      for (const config of await store.inspections.dueConfigs(now)) {
        const schedule = (config.spec as InspectionConfigSpec).schedule;
        const next = schedule ? (nextOccurrence(schedule, now) ?? null) : null;
        // Whoever moves the schedule on runs it: a replica that took the lease meanwhile does not run it twice.
        if (
          !config.nextRunAt ||
          !(await store.inspections.advanceSchedule(config.name, config.nextRunAt, next))
        )
          continue;
        runs.push((await start(config, 'schedule')).done);
      }
      return runs;
    },
    scheduler() {
      let round: { cancel(): void } | undefined;
      let busy = false;
      return {
        start() {
          round = deps.timer.every(deps.scheduleEveryMs ?? 15_000, () => {
            if (busy) return;
            busy = true;
            inspections
              .tick()
              .catch((error: unknown) =>
                deps.log.warn({ err: error }, 'inspection scheduler: a round failed; trying again'),
              )
              .finally(() => {
                busy = false;
              });
          });
        },
        stop() {
          round?.cancel();
          round = undefined;
        },
      };
    },
  };
  return inspections;
}
