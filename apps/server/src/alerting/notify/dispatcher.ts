import type { AlertFeed, AlertRecord } from '#server/monitoring/contract.ts';
import type { SingletonJob } from '#server/replicas/work-leases.ts';
import type { NotificationStore, StoredGroup } from '#server/store/notifications/notification-store.ts';
import type { Clock } from '#server/time/clock.ts';
import type { Deliverer } from './deliverer.ts';
import { type AlertGroup, groupAlerts } from './grouping.ts';
import type { Policies, Policy } from './policies.ts';
import type { Receivers } from './receivers.ts';

export interface DispatcherDeps {
  feed: Pick<AlertFeed, 'current' | 'onChange'>;
  store: NotificationStore;
  policies: Pick<Policies, 'active'>;
  receivers: Pick<Receivers, 'load'>;
  deliverer: Deliverer;
  clock: Clock;
  consoleUrl: () => string;
  /** How often groups are looked at besides the feed's changes (default 5 s). */
  tickMs?: number;
  /** Deliveries older than this are pruned (default 30 days). */
  keepDeliveriesMs?: number;
  log: { warn(fields: object, message: string): void };
}

/** Resolved alerts stay in the feed's answer this long, so their group can send the resolution. */
const RESOLVED_WINDOW_MS = 24 * 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((id) => b.includes(id));

type Decision =
  | { action: 'none' }
  /** A change waits for its time: remember since when. */
  | { action: 'wait' }
  /** Due, with nothing to tell (alerts only silenced, or resolved without resolution messages). */
  | { action: 'settle' }
  | { action: 'send'; kind: 'firing' | 'resolved'; alerts: AlertRecord[] };

/**
 * What a group does now, Alertmanager's way: a new group waits groupWait, a changed one groupInterval
 * after its last message, an unchanged firing one repeats after repeatInterval; a group whose alerts
 * all resolved sends the resolution (when the policy sends resolved messages) and is forgotten.
 */
function decide(policy: Policy, state: StoredGroup, current: AlertGroup | undefined, now: number): Decision {
  const firing = current?.firing ?? [];
  const ids = firing.map((a) => a.id);
  if (sameSet(ids, state.firing)) {
    const last = state.lastSentAt?.getTime();
    if (ids.length > 0 && last !== undefined && now - last >= policy.repeatIntervalMs)
      return { action: 'send', kind: 'firing', alerts: firing };
    return { action: 'none' };
  }
  const waiting = state.waitingSince?.getTime() ?? now;
  const due =
    state.firing.length === 0 || state.lastSentAt === null
      ? waiting + policy.groupWaitMs
      : Math.max(waiting, state.lastSentAt.getTime() + policy.groupIntervalMs);
  if (now < due) return { action: 'wait' };
  // Alerts sent as firing that are gone now: resolved ones (or ones the feed no longer knows) are
  // told when wanted; silenced or inhibited ones are simply no longer sent.
  const resolved = state.firing.flatMap((id) => {
    if (ids.includes(id)) return [];
    const alert = current?.known.get(id);
    return alert?.state === 'resolved' ? [alert] : [];
  });
  if (firing.length > 0)
    return {
      action: 'send',
      kind: 'firing',
      alerts: policy.sendResolved ? [...firing, ...resolved] : firing,
    };
  if (policy.sendResolved && resolved.length > 0)
    return { action: 'send', kind: 'resolved', alerts: resolved };
  return { action: 'settle' };
}

/**
 * The notifier (singleton job `alert-notifier`): on each change of the feed and on a timer, groups
 * alerts per policy and sends what is due; what was sent per group is kept in the store, so a replica
 * taking over neither resends everything nor loses a message still waiting.
 */
export function createDispatcher(deps: DispatcherDeps) {
  const tickMs = deps.tickMs ?? 5000;
  let running: Promise<void> | undefined;
  let again = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  let unsubscribe: (() => void) | undefined;
  let lastPrune = 0;
  /**
   * Messages being sent. A round does not wait for them: a receiver that times out and retries for a
   * minute must not hold back every other group's messages. The group's state is saved before, so the
   * next round does not send the same message again.
   */
  const inflight = new Set<Promise<void>>();
  const track = (sending: Promise<void>) => {
    const tracked = sending
      .catch((error: unknown) => deps.log.warn({ err: error }, 'sending a notification failed'))
      .finally(() => inflight.delete(tracked));
    inflight.add(tracked);
  };
  /** Resolves when every message started so far is delivered or given up. */
  const settle = async () => {
    while (inflight.size > 0) await Promise.all([...inflight]);
  };

  async function sendGroup(
    policy: Policy,
    group: StoredGroup,
    decision: Extract<Decision, { action: 'send' }>,
  ) {
    const input = {
      kind: decision.kind,
      groupLabels: group.labels,
      alerts: decision.alerts,
      consoleUrl: deps.consoleUrl(),
    };
    await Promise.all(
      policy.spec.receivers.map(async (name) => {
        const receiver = await deps.receivers.load(name);
        if (!receiver) {
          // Logged as a failed delivery, so the log shows where the message did not go and why.
          await deps.deliverer.recordMissing(name, input, { policy: policy.name, kind: decision.kind });
          return;
        }
        await deps.deliverer.deliver(receiver, input, { policy: policy.name, kind: decision.kind });
      }),
    );
  }

  async function round(): Promise<void> {
    const now = deps.clock();
    const policies = await deps.policies.active();
    const alerts = await deps.feed.current(new Date(now.getTime() - RESOLVED_WINDOW_MS));
    const groups = groupAlerts(policies, alerts);
    const stored = new Map((await deps.store.listGroups()).map((g) => [`${g.policy}\u0000${g.key}`, g]));
    const byName = new Map(policies.map((p) => [p.name, p]));
    const ids = new Set([...groups.keys(), ...stored.keys()]);
    for (const id of ids) {
      const current = groups.get(id);
      const saved = stored.get(id);
      const policy = current?.policy ?? (saved && byName.get(saved.policy));
      if (!policy) {
        // Its policy was disabled: forget the group (it would never send again).
        if (saved) await deps.store.deleteGroup(saved.policy, saved.key);
        continue;
      }
      const state: StoredGroup = saved ?? {
        policy: policy.name,
        key: current?.key ?? '',
        labels: current?.labels ?? {},
        firing: [],
        waitingSince: null,
        lastSentAt: null,
        updatedAt: now,
      };
      const firingIds = (current?.firing ?? []).map((a) => a.id);
      const decision = decide(policy, state, current, now.getTime());
      if (decision.action === 'send' || decision.action === 'settle') {
        // Saved before sending: a replica that dies mid-send does not send it again and again.
        const sent = decision.action === 'send' ? now : state.lastSentAt;
        if (firingIds.length === 0) await deps.store.deleteGroup(state.policy, state.key);
        else
          await deps.store.saveGroup({
            ...state,
            firing: firingIds,
            waitingSince: null,
            lastSentAt: sent,
            updatedAt: now,
          });
        if (decision.action === 'send') track(sendGroup(policy, state, decision));
      } else if (decision.action === 'wait') {
        if (state.waitingSince === null)
          await deps.store.saveGroup({ ...state, waitingSince: now, updatedAt: now });
      } else if (firingIds.length === 0) {
        // Nothing firing and nothing owed: forget it.
        if (saved) await deps.store.deleteGroup(state.policy, state.key);
      } else if (state.waitingSince !== null) {
        // It changed back before it was due: nothing to say.
        await deps.store.saveGroup({ ...state, waitingSince: null, updatedAt: now });
      }
    }
    if (now.getTime() - lastPrune >= PRUNE_EVERY_MS) {
      lastPrune = now.getTime();
      await deps.store.pruneDeliveries(new Date(now.getTime() - (deps.keepDeliveriesMs ?? 30 * 86_400_000)));
    }
  }

  /** One round at a time; a change during a round runs one more right after. */
  function poke(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await round();
        } catch (error) {
          deps.log.warn({ err: error }, 'a notification round failed; the next one tries again');
        }
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  const job: SingletonJob = {
    start() {
      unsubscribe = deps.feed.onChange(() => void poke());
      timer = setInterval(() => void poke(), tickMs);
      timer.unref();
      void poke();
    },
    async stop() {
      unsubscribe?.();
      unsubscribe = undefined;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
      await settle();
    },
  };
  return { job, poke, settle };
}
