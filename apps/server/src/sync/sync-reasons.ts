import {
  CONNECTION_FAILURES,
  type SyncReasonCode,
  type SyncReasonParams,
  type SyncVerb,
} from '@portolan/api';
import { reasonOfError } from '#server/clusters/cluster-reasons.ts';
import { KubeError } from '#server/kube/kube-errors.ts';

/** A sync failure as the status and the store keep it: the English, its code and its values. */
export interface SyncReason {
  error: string;
  reasonCode: SyncReasonCode;
  reasonParams: SyncReasonParams;
}

/** A status that shows its failure: the English, the code and the values, all null while it works. */
export interface FailureFields {
  error: string | null;
  reasonCode: SyncReasonCode | null;
  reasonParams: SyncReasonParams | null;
}

/** Sets a status's failure, or clears it with null: the three fields always go together. */
export function showFailure(status: FailureFields, reason: SyncReason | null): void {
  status.error = reason?.error ?? null;
  status.reasonCode = reason?.reasonCode ?? null;
  status.reasonParams = reason?.reasonParams ?? null;
}

/** What the sync was doing when it failed: the verb and the type (`plural` or `plural.group`). */
export interface SyncSubject {
  verb: SyncVerb;
  resource: string;
  kind?: string;
  group?: string;
}

/** Portolan's own store failed to keep what the sync read (not the cluster's fault). */
export class SyncStoreError extends Error {
  override name = 'SyncStoreError';
  constructor(cause: unknown) {
    super(`the store could not keep it: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

/** Runs a store call; a failure becomes a SyncStoreError, so it is told apart from the cluster's. */
export async function stored<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw error instanceof SyncStoreError ? error : new SyncStoreError(error);
  }
}

/**
 * Writes what `read` yields with `write`: a failure of the reading (a later page of a list) is the
 * cluster's and is thrown as it came, though it reaches here through the write; the write's own is
 * the store's.
 */
export async function readInto<T>(
  read: AsyncIterable<T>,
  write: (items: AsyncIterable<T>) => Promise<void>,
): Promise<void> {
  let readFailure: unknown;
  async function* tracked(): AsyncIterable<T> {
    try {
      yield* read;
    } catch (error) {
      readFailure = error;
      throw error;
    }
  }
  try {
    await write(tracked());
  } catch (error) {
    throw readFailure ?? (error instanceof SyncStoreError ? error : new SyncStoreError(error));
  }
}

const connectionCodes = new Set<string>([...CONNECTION_FAILURES, 'credentials-failed']);

/** Values without the empty ones, so the console never words a value the server did not have. */
function valuesOf(values: Record<string, string | number | undefined>): SyncReasonParams {
  const params: SyncReasonParams = {};
  for (const [key, value] of Object.entries(values))
    if (value !== undefined && value !== '') params[key] = value;
  return params;
}

/** The verb of a failed request: the watch says so; a GET of a type's path is its list. */
const verbOf = (error: KubeError, subject: SyncSubject): SyncVerb =>
  error.method === 'WATCH' ? 'watch' : subject.verb;

/**
 * Why a sync failed, as the English, a code and its values: connection failures keep the cluster
 * reason's code and values; an answer of the API server keeps its status, the verb and the type; a
 * store failure is `store-failed`. 410 Gone is not a failure (the sync lists again) and never comes here.
 */
export function syncReasonOfError(error: unknown, subject: SyncSubject): SyncReason {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof KubeError) {
    const verb = verbOf(error, subject);
    const about = { verb, resource: subject.resource, detail: message };
    if (error.code === 401)
      return { error: message, reasonCode: 'unauthorized', reasonParams: valuesOf(about) };
    if (error.code === 403) {
      const values = { ...about, kind: subject.kind, group: subject.group, status: 403 };
      return { error: message, reasonCode: 'forbidden', reasonParams: valuesOf(values) };
    }
    if (error.code === 404) {
      const values = { ...about, kind: subject.kind, status: 404 };
      return { error: message, reasonCode: 'not-found', reasonParams: valuesOf(values) };
    }
    const values = { ...about, status: error.code, reason: error.reason };
    return { error: message, reasonCode: 'api-error', reasonParams: valuesOf(values) };
  }
  if (error instanceof SyncStoreError) {
    const detail = error.cause instanceof Error ? error.cause.message : String(error.cause);
    return {
      error: message,
      reasonCode: 'store-failed',
      reasonParams: valuesOf({ resource: subject.resource, detail }),
    };
  }
  const cluster = reasonOfError(error);
  if (connectionCodes.has(cluster.reasonCode)) {
    return {
      error: message,
      reasonCode: cluster.reasonCode as SyncReasonCode,
      reasonParams: cluster.reasonParams,
    };
  }
  return { error: message, reasonCode: 'error', reasonParams: { detail: message } };
}

/** The engine's words when discovery answered but some APIs (an aggregated one down, …) did not. */
export function discoveryIncomplete(failed: { groupVersion: string; message: string }[]): SyncReason {
  const detail = failed.map((f) => `${f.groupVersion} (${f.message})`).join('; ');
  return {
    error: `some APIs could not be discovered: ${detail}`,
    reasonCode: 'discovery-incomplete',
    reasonParams: { apis: failed.map((f) => f.groupVersion).join(', '), detail },
  };
}
