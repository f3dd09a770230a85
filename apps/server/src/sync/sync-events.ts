import { KubeConnectionError } from '#server/kube/kube-connection-errors.ts';
import { KubeError } from '#server/kube/kube-errors.ts';
import { SyncStoreError } from './sync-reasons.ts';

/**
 * What a sync tells its owner besides its status: each failed attempt, each 410 relist, and the
 * return to health after a failure. `resource` is `plural` or `plural.group`, and empty for the
 * cluster's discovery.
 */
export type SyncEvent =
  | {
      type: 'failed';
      clusterId: string;
      resource: string;
      /** A short, bounded cause: a Kubernetes reason (Forbidden, NotFound, …) or a connection failure. */
      reason: string;
      message: string;
      retryInMs: number;
      /** True for the first failure after healthy running, or when the cause changed; false for a retry failing alike. */
      changed: boolean;
    }
  | { type: 'relisting'; clusterId: string; resource: string }
  | { type: 'recovered'; clusterId: string; resource: string; failedForMs: number };

export type SyncEventListener = (event: SyncEvent) => void;

/** `plural` or `plural.group`, as the metrics and the log name a type. */
export const resourceLabel = (type: { group: string; resource: string }): string =>
  type.group ? `${type.resource}.${type.group}` : type.resource;

/** A label value with few possible values, so counters by reason stay a handful of series. */
export function failureReason(error: unknown): string {
  if (error instanceof KubeError) return error.reason;
  if (error instanceof KubeConnectionError) return error.failure;
  if (error instanceof SyncStoreError) return 'StoreFailed';
  return 'Error';
}

/**
 * Tracks one sync's health so its owner hears one event per change of state, not one per retry:
 * `fail` says whether this failure changed the state, `recover` returns how long it failed, once.
 */
export function createTroubleTracker(now: () => number) {
  let trouble: { reason: string; message: string; since: number } | undefined;
  return {
    get failing() {
      return trouble !== undefined;
    },
    fail(reason: string, message: string): boolean {
      const changed = trouble?.reason !== reason;
      if (!trouble || changed) trouble = { reason, message, since: trouble?.since ?? now() };
      return changed;
    },
    recover(): number | undefined {
      if (!trouble) return undefined;
      const failedForMs = now() - trouble.since;
      trouble = undefined;
      return failedForMs;
    },
  };
}
