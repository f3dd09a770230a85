import type { PlanAction, RestoreReasonCode, RestoreResult, RestoreSpec } from '@portolan/api';
import type { DiscoveredResource } from '#server/kube/discovery-types.ts';
import { resourcePath } from '#server/kube/discovery-types.ts';
import type { KubeClient } from '#server/kube/kube-client.ts';
import type { RestoreEntry } from './restore-order.ts';

export interface PlannedEntry extends RestoreEntry {
  action: PlanAction;
  reason: string | null;
  /** The reason's code and values, for the console's own words. */
  reasonCode?: RestoreReasonCode;
  reasonParams?: Record<string, string | number>;
}

/** A reason with its code and values (the English words stay the API's `reason`). */
const because = (code: RestoreReasonCode, params: Record<string, string | number>, reason: string) => ({
  reason,
  reasonCode: code,
  reasonParams: params,
});

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const collection = (entry: RestoreEntry) =>
  resourcePath(
    {
      group: entry.group,
      version: entry.version,
      resource: entry.resource,
      namespaced: entry.targetNamespace !== undefined,
    },
    entry.targetNamespace,
  );
const nameOf = (entry: RestoreEntry) => String(entry.object.metadata?.name ?? entry.source.name);

/**
 * Reads the target cluster (one list per collection) and says what a restore would do to each object:
 * create it, update it, skip it (it exists and `existing` is skip) or a conflict (the target cannot
 * take it). Changes nothing.
 */
export async function planRestore(
  client: KubeClient,
  entries: RestoreEntry[],
  existing: RestoreSpec['existing'],
  signal?: AbortSignal,
): Promise<PlannedEntry[]> {
  const discovery = await client.discover({ signal });
  const served = new Set(
    discovery.resources.map((r: DiscoveredResource) => `${r.group}/${r.version}/${r.resource}`),
  );
  const crdsComing = new Set(
    entries.filter((e) => e.source.kind === 'CustomResourceDefinition').map((e) => nameOf(e)),
  );
  const names = new Map<string, Set<string> | Error>();
  const terminating = new Set<string>();
  async function existingNames(path: string): Promise<Set<string> | Error> {
    let known = names.get(path);
    if (known) return known;
    try {
      const found = new Set<string>();
      for await (const page of client.listPages<{ metadata?: { name?: string; deletionTimestamp?: string } }>(
        path,
        {
          limit: 500,
          ...(signal ? { signal } : {}),
        },
      ))
        for (const item of page.items) {
          found.add(String(item.metadata?.name));
          if (path === '/api/v1/namespaces' && item.metadata?.deletionTimestamp)
            terminating.add(String(item.metadata.name));
        }
      known = found;
    } catch (error) {
      known = error instanceof Error ? error : new Error(String(error));
    }
    names.set(path, known);
    return known;
  }
  await existingNames('/api/v1/namespaces');
  const planned: PlannedEntry[] = [];
  for (const entry of entries) {
    const key = `${entry.group}/${entry.version}/${entry.resource}`;
    if (!served.has(key)) {
      const crd = `${entry.resource}.${entry.group}`;
      planned.push(
        crdsComing.has(crd)
          ? {
              ...entry,
              action: 'create',
              ...because('crd-first', { crd }, `its CustomResourceDefinition ${crd} is restored first`),
            }
          : {
              ...entry,
              action: 'conflict',
              ...because(
                'not-served',
                { api: `${entry.group || 'core'}/${entry.version}`, resource: entry.resource },
                `cluster does not serve ${entry.group || 'core'}/${entry.version} ${entry.resource}; install its CustomResourceDefinition or include it`,
              ),
            },
      );
      continue;
    }
    if (entry.targetNamespace && terminating.has(entry.targetNamespace)) {
      planned.push({
        ...entry,
        action: 'conflict',
        ...because(
          'namespace-deleting',
          { namespace: entry.targetNamespace },
          `namespace ${entry.targetNamespace} is being deleted in the target; wait for it to go`,
        ),
      });
      continue;
    }
    const known = await existingNames(collection(entry));
    if (known instanceof Error) {
      planned.push({
        ...entry,
        action: 'conflict',
        ...because(
          'target-unreadable',
          { error: known.message },
          `the target could not be read: ${known.message}`,
        ),
      });
      continue;
    }
    if (!known.has(nameOf(entry))) planned.push({ ...entry, action: 'create', reason: null });
    else if (existing === 'update')
      planned.push({
        ...entry,
        action: 'update',
        ...because('exists-update', {}, 'it exists; it is updated from the backup'),
      });
    else
      planned.push({
        ...entry,
        action: 'skip',
        ...because('exists-skip', {}, 'it exists in the target (existing: skip)'),
      });
  }
  return planned;
}

/** Waits until a CRD says Established, so its objects can be created. */
async function waitEstablished(client: KubeClient, name: string, signal: AbortSignal, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const crd = await client.get<{ status?: { conditions?: Array<{ type: string; status: string }> } }>(
      `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${encodeURIComponent(name)}`,
      undefined,
      signal,
    );
    if (crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) return;
    if (Date.now() > end)
      throw new Error(`CustomResourceDefinition ${name} was not Established within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const failureOf = (answer: { status: number; body: { message?: string } | string }) =>
  new Error(
    `${answer.status}: ${typeof answer.body === 'object' && answer.body?.message ? answer.body.message : String(answer.body)}`,
  );

/**
 * One object: created (POST) or updated by server-side apply; the error in Kubernetes' words. An object
 * the target made meanwhile (a new namespace's `default` ServiceAccount) is skipped or updated as
 * `existing` says. Returns the outcome.
 */
async function applyOne(
  client: KubeClient,
  entry: PlannedEntry,
  existing: 'skip' | 'update',
  signal: AbortSignal,
): Promise<'created' | 'updated' | 'skipped'> {
  const path = collection(entry);
  if (entry.action === 'create') {
    const created = await client.request<{ message?: string }>({
      method: 'POST',
      path,
      body: entry.object,
      signal,
    });
    if (created.status < 300) return 'created';
    if (created.status !== 409) throw failureOf(created);
    if (existing === 'skip') return 'skipped';
  }
  const applied = await client.request<{ message?: string }>({
    method: 'PATCH',
    path: `${path}/${encodeURIComponent(nameOf(entry))}`,
    query: { fieldManager: 'portolan-restore', force: true },
    contentType: 'application/apply-patch+yaml',
    body: JSON.stringify(entry.object),
    signal,
  });
  if (applied.status >= 300) throw failureOf(applied);
  return 'updated';
}

/**
 * Applies the plan in order, a level at a time (up to 32 objects of one level at once: the API server, not Portolan, is the bound), waiting for
 * each restored CRD to be Established before the next level. Every object ends with its outcome.
 */
export async function applyRestore(
  client: KubeClient,
  planned: PlannedEntry[],
  /** One per planned entry, 'pending' until done: the caller keeps it, so a cancel still shows what ended. */
  results: RestoreResult[],
  options: {
    signal: AbortSignal;
    existing: 'skip' | 'update';
    concurrency?: number;
    onProgress?(done: number, total: number): void;
  },
): Promise<RestoreResult[]> {
  const levels = [...new Set(planned.map((p) => p.order))].sort((a, b) => a - b);
  let done = 0;
  for (const level of levels) {
    const indexes = planned.map((p, i) => [p, i] as const).filter(([p]) => p.order === level);
    let next = 0;
    const worker = async () => {
      while (next < indexes.length) {
        const [entry, index] = indexes[next++] as (typeof indexes)[number];
        options.signal.throwIfAborted();
        if (entry.action === 'skip' || entry.action === 'conflict') {
          results[index] = resultOf(
            entry,
            entry.action === 'skip' ? 'skipped' : 'failed',
            entry.action === 'conflict' ? entry.reason : null,
          );
        } else {
          try {
            const outcome = await applyOne(client, entry, options.existing, options.signal);
            if (entry.source.kind === 'CustomResourceDefinition')
              await waitEstablished(client, nameOf(entry), options.signal);
            results[index] = resultOf(entry, outcome, null);
          } catch (error) {
            options.signal.throwIfAborted();
            results[index] = resultOf(entry, 'failed', messageOf(error));
          }
        }
        done++;
        if (done % 200 === 0) options.onProgress?.(done, planned.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 32, indexes.length) }, worker));
  }
  return results;
}

export function resultOf(
  entry: PlannedEntry,
  outcome: RestoreResult['outcome'],
  error: string | null,
): RestoreResult {
  return {
    ...entry.source,
    ...(entry.targetNamespace !== undefined ? { targetNamespace: entry.targetNamespace } : {}),
    action: entry.action,
    reason: entry.reason,
    ...(entry.reasonCode ? { reasonCode: entry.reasonCode, reasonParams: entry.reasonParams ?? {} } : {}),
    order: entry.order,
    outcome,
    error,
    // A conflict fails for its reason: the console says it from the same code.
    ...(error !== null && error === entry.reason && entry.reasonCode
      ? { errorCode: entry.reasonCode, errorParams: entry.reasonParams ?? {} }
      : {}),
  };
}
