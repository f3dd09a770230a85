import type { PolicySpec, PolicyView } from '@portolan/api';
import type { NotificationStore, StoredPolicy } from '#server/store/notifications/notification-store.ts';
import type { Clock } from '#server/time/clock.ts';
import { parseDuration } from './durations.ts';
import type { PolicyInput } from './inputs.ts';
import { invalid, NotificationError } from './notify-errors.ts';

/** A policy as the dispatcher uses it: durations in milliseconds, defaults filled. */
export interface Policy {
  name: string;
  spec: PolicyInput;
  groupBy: string[];
  groupWaitMs: number;
  groupIntervalMs: number;
  repeatIntervalMs: number;
  sendResolved: boolean;
}

export const POLICY_DEFAULTS = {
  groupBy: ['alertname', 'cluster'],
  groupWait: '30s',
  groupInterval: '5m',
  repeatInterval: '4h',
};

const durationOf = (field: 'groupWait' | 'groupInterval' | 'repeatInterval', spec: PolicyInput) => {
  const text = spec[field] ?? POLICY_DEFAULTS[field];
  const ms = parseDuration(text);
  if (ms === undefined) throw invalid(field, `"${text}" is not a duration: write it like 30s, 5m or 4h`);
  return ms;
};

export function policyOf(name: string, spec: PolicyInput): Policy {
  const groupWaitMs = durationOf('groupWait', spec);
  const groupIntervalMs = durationOf('groupInterval', spec);
  const repeatIntervalMs = durationOf('repeatInterval', spec);
  if (groupIntervalMs < 1000) throw invalid('groupInterval', 'groupInterval must be at least 1s');
  if (repeatIntervalMs < groupIntervalMs)
    throw invalid(
      'repeatInterval',
      'repeatInterval must be at least groupInterval: a repeat cannot come before a change would',
    );
  return {
    name,
    spec,
    groupBy: spec.groupBy && spec.groupBy.length > 0 ? spec.groupBy : POLICY_DEFAULTS.groupBy,
    groupWaitMs,
    groupIntervalMs,
    repeatIntervalMs,
    sendResolved: spec.sendResolved ?? true,
  };
}

export interface PoliciesDeps {
  store: NotificationStore;
  clock: Clock;
}

/** Notification policies, in order; a policy naming a receiver that does not exist is saved and says so. */
export function createPolicies(deps: PoliciesDeps) {
  async function view(row: StoredPolicy, receivers: Set<string>): Promise<PolicyView> {
    const spec = row.spec as PolicySpec;
    const missing = spec.receivers.filter((name) => !receivers.has(name));
    return {
      name: row.name,
      spec,
      ...(missing.length > 0 && { missingReceivers: missing }),
      updatedBy: row.updatedBy,
      updatedAt: row.updatedAt.toISOString(),
    };
  }
  const receiverNames = async () => new Set((await deps.store.listReceivers()).map((r) => r.name));

  return {
    async list(): Promise<PolicyView[]> {
      const names = await receiverNames();
      return Promise.all((await deps.store.listPolicies()).map((row) => view(row, names)));
    },
    /** Enabled policies in order, ready for the dispatcher. A broken stored one is skipped. */
    async active(): Promise<Policy[]> {
      const rows = await deps.store.listPolicies();
      return rows
        .filter((row) => (row.spec as PolicySpec).enabled !== false)
        .flatMap((row) => {
          try {
            return [policyOf(row.name, row.spec as PolicySpec)];
          } catch {
            return [];
          }
        });
    },
    async put(name: string, spec: PolicyInput, by: string): Promise<{ created: boolean; view: PolicyView }> {
      policyOf(name, spec);
      const seen = new Set<string>();
      for (const receiver of spec.receivers) {
        if (seen.has(receiver)) throw invalid('receivers', `receiver ${receiver} is named twice`);
        seen.add(receiver);
      }
      const row: StoredPolicy = {
        name,
        position: spec.order ?? 100,
        spec,
        updatedBy: by,
        updatedAt: deps.clock(),
      };
      const { created } = await deps.store.putPolicy(row);
      return { created, view: await view(row, await receiverNames()) };
    },
    async remove(name: string): Promise<void> {
      if (!(await deps.store.deletePolicy(name)))
        throw new NotificationError(404, 'not-found', `there is no notification policy named ${name}`);
    },
  };
}

export type Policies = ReturnType<typeof createPolicies>;
