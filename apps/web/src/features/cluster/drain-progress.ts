import type { DrainBody, DrainEvent, DrainReport, DrainState, ErrorBody } from '@portolan/api';
import { ApiError, CSRF_COOKIE, readCookie } from '../../api/client.ts';

/** One pod's row while a drain runs. */
export interface DrainRow {
  namespace: string;
  name: string;
  state: DrainState;
  reason?: string;
  message?: string;
  attempts: number;
}

/** Where a drain stands: every pod's latest state, and the server's summary once it came. */
export interface DrainProgress {
  rows: DrainRow[];
  report?: DrainReport;
  /** The server's reason when the drain ended early. */
  error?: string;
}

/** Handled: evicted (gone or terminating), or settled as blocked or failed; a stopped pod is not. */
const HANDLED: ReadonlySet<DrainState> = new Set(['evicted', 'deleted', 'blocked', 'failed']);

export const emptyProgress: DrainProgress = { rows: [] };
const keyOf = (row: { namespace: string; name: string }) => `${row.namespace}/${row.name}`;

/** The progress after one line of the stream. */
export function nextProgress(progress: DrainProgress, event: DrainEvent): DrainProgress {
  switch (event.type) {
    case 'plan':
      return {
        rows: (event.pods ?? []).map((pod) => ({
          namespace: pod.namespace,
          name: pod.name,
          state: pod.state,
          attempts: 0,
          ...(pod.reason ? { reason: pod.reason } : {}),
          ...(pod.message ? { message: pod.message } : {}),
        })),
      };
    case 'pod': {
      const pod = event.pod;
      if (!pod) return progress;
      const key = keyOf(pod);
      return {
        ...progress,
        rows: progress.rows.map((row) =>
          keyOf(row) === key
            ? {
                namespace: pod.namespace,
                name: pod.name,
                state: pod.state,
                attempts: pod.attempts,
                ...(pod.reason ? { reason: pod.reason } : {}),
                ...(pod.message ? { message: pod.message } : {}),
              }
            : row,
        ),
      };
    }
    case 'done':
      return event.report ? { ...progress, report: event.report } : progress;
    case 'error':
      return { ...progress, error: event.error?.message ?? 'the drain ended early' };
    default:
      return progress;
  }
}

/** n of N: the pods to evict, and how many of them are handled (evicted or settled). */
export function countsOf(progress: DrainProgress) {
  const evicting = progress.rows.filter((row) => row.state !== 'skipped');
  const count = (states: DrainState[]) => evicting.filter((row) => states.includes(row.state)).length;
  return {
    total: evicting.length,
    handled: evicting.filter((row) => HANDLED.has(row.state)).length,
    gone: count(['deleted']),
    terminating: count(['evicted']),
    skipped: progress.rows.length - evicting.length,
    /** Refused for now by a PodDisruptionBudget, asked again. */
    retrying: evicting.filter((row) => row.state === 'evicting' && row.reason === 'DisruptionBudget').length,
    blocked: count(['blocked', 'failed']),
    notEvicted: count(['pending', 'evicting', 'stopped']),
  };
}

/** After Stop: what had not started will not, so it reads as stopped. */
export function stoppedProgress(progress: DrainProgress): DrainProgress {
  return {
    ...progress,
    rows: progress.rows.map((row) =>
      row.state === 'pending' || row.state === 'evicting' ? { ...row, state: 'stopped' } : row,
    ),
  };
}

/**
 * Drains the node and reads its progress lines as they come (POST …/drain with
 * `Accept: application/x-ndjson`). Aborting `signal` closes the stream, which stops the drain.
 */
export async function streamDrain(
  cluster: string,
  node: string,
  body: DrainBody,
  onEvent: (event: DrainEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const headers: Record<string, string> = {
    accept: 'application/x-ndjson',
    'content-type': 'application/json',
  };
  const csrf = readCookie(document.cookie, CSRF_COOKIE);
  if (csrf) headers['x-csrf-token'] = csrf;
  const path = `/api/v1/clusters/${encodeURIComponent(cluster)}/nodes/${encodeURIComponent(node)}/drain`;
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal.aborted) return;
    throw new ApiError(0, {
      code: 'unreachable',
      message: `the Portolan server did not answer: ${String(error)}`,
    });
  }
  if (!response.ok || !response.body) {
    const parsed = (await response.json().catch(() => undefined)) as { error?: ErrorBody } | undefined;
    throw new ApiError(
      response.status,
      parsed?.error?.message
        ? parsed.error
        : { code: `http-${response.status}`, message: `POST ${path} answered ${response.status}` },
    );
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += value;
      for (let end = rest.indexOf('\n'); end >= 0; end = rest.indexOf('\n')) {
        const line = rest.slice(0, end).trim();
        rest = rest.slice(end + 1);
        if (line) onEvent(JSON.parse(line) as DrainEvent);
      }
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
}
