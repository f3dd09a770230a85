import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '#server/audit/audit-log.ts';
import type { MetricsEngine } from '#server/monitoring/contract.ts';
import type { SingletonJob } from '#server/replicas/work-leases.ts';
import type { AlertingStore } from '#server/store/alerting/alerting-store.ts';
import type { Clock } from '#server/time/clock.ts';
import { type AlertFeedWithEvents, createAlertFeed } from './alert-feed.ts';
import { type AlertingService, createAlertingService } from './alerting-service.ts';
import { createEvaluator, type Evaluator } from './evaluator.ts';
import { BUILT_IN_RULES, type ClusterFact } from './templates.ts';

export interface AlertingDeps {
  store: AlertingStore;
  /** The registered clusters as Portolan knows them (status, credential expiry). */
  clusters: () => Promise<ClusterFact[]>;
  /** The registered clusters' names alone (cheaper, for the routes); from `clusters` when absent. */
  clusterNames?: () => Promise<string[]>;
  /** The metrics engine when one runs (absent: only Portolan's own templates evaluate). */
  engine?: () => MetricsEngine | undefined;
  audit?: { record(event: AuditEvent): Promise<void> };
  clock: Clock;
  /** Milliseconds between rounds (30 s by default). */
  intervalMs?: number;
  /** Resolved alerts, their timelines and ended silences older than this go (the audit retention). */
  retentionDays?: number;
  timer: { every(ms: number, run: () => void): { cancel(): void } };
  log: { warn(fields: object, message: string): void };
  newId?: () => string;
}

export interface Alerting {
  /** What notify/ reads and raises through. */
  feed: AlertFeedWithEvents;
  /** The `alert-evaluator` singleton job. */
  evaluator: SingletonJob;
  /** What the routes use. */
  service: AlertingService;
  /** One round now (tests, and the job's own timer). */
  evaluate: Evaluator['round'];
  /** Makes the built-in rules that are missing; every replica calls it at start. */
  ensureBuiltIns(): Promise<void>;
}

const HOUR = 3_600_000;

/**
 * Alerting (issue #14): rules from templates or PromQL, evaluated once across replicas by the
 * `alert-evaluator` job; alerts with timelines, silences and inhibition; the feed notify/ reads.
 */
export function createAlerting(deps: AlertingDeps): Alerting {
  const intervalMs = deps.intervalMs ?? 30_000;
  let running: Promise<unknown> | undefined;
  let scheduled: { cancel(): void } | undefined;
  let wakeSoon: ReturnType<typeof setTimeout> | undefined;
  let lastPrune = 0;
  /** One round at a time; a round asked for while one runs is the next timer tick's. */
  const tick = () => {
    if (running || !scheduled) return;
    running = runRound().finally(() => {
      running = undefined;
    });
  };
  const wake = () => {
    if (!scheduled || wakeSoon) return;
    wakeSoon = setTimeout(() => {
      wakeSoon = undefined;
      tick();
    }, 200);
    wakeSoon.unref?.();
  };
  const feed = createAlertFeed({ store: deps.store, clock: deps.clock, wake });
  const evaluator = createEvaluator({
    store: deps.store,
    clusters: deps.clusters,
    engine: deps.engine ?? (() => undefined),
    ...(deps.audit ? { audit: deps.audit } : {}),
    clock: deps.clock,
    log: deps.log,
    onChanged: () => feed.changed(),
  });
  async function runRound(): Promise<void> {
    try {
      await evaluator.round();
      const now = deps.clock().getTime();
      if (deps.retentionDays && now - lastPrune > HOUR) {
        lastPrune = now;
        await deps.store.prune(new Date(now - deps.retentionDays * 86_400_000));
      }
    } catch (error) {
      deps.log.warn({ err: error }, 'an alert evaluation round failed; the next one tries again');
    }
  }
  const service = createAlertingService({
    store: deps.store,
    clusterNames: deps.clusterNames ?? (async () => (await deps.clusters()).map((cluster) => cluster.name)),
    engine: deps.engine ?? (() => undefined),
    clock: deps.clock,
    newId: deps.newId ?? randomUUID,
    wake,
  });
  return {
    feed,
    service,
    evaluate: () => evaluator.round(),
    evaluator: {
      start() {
        if (scheduled) return;
        scheduled = deps.timer.every(intervalMs, tick);
        tick();
      },
      async stop() {
        scheduled?.cancel();
        scheduled = undefined;
        if (wakeSoon) clearTimeout(wakeSoon);
        wakeSoon = undefined;
        await running;
      },
    },
    async ensureBuiltIns() {
      const now = deps.clock();
      for (const rule of BUILT_IN_RULES)
        await deps.store.ensureRule({
          ...rule,
          builtIn: true,
          createdBy: 'portolan',
          updatedBy: 'portolan',
          updatedAt: now,
        });
    },
  };
}

export type { AlertFeedWithEvents } from './alert-feed.ts';
export type { ClusterFact } from './templates.ts';
