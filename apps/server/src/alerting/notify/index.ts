import type { CredentialCipher } from '#server/clusters/credential-cipher.ts';
import type { AlertFeed } from '#server/monitoring/contract.ts';
import type { NotificationStore } from '#server/store/notifications/notification-store.ts';
import type { Clock } from '#server/time/clock.ts';
import { type AlertTimeline, createDeliverer, deliveryView } from './deliverer.ts';
import { createDispatcher } from './dispatcher.ts';
import { createPolicies } from './policies.ts';
import { createReceivers } from './receivers.ts';

export interface NotificationsDeps {
  store: NotificationStore;
  cipher: CredentialCipher;
  feed: AlertFeed;
  clock: Clock;
  /** The console's address for links in messages ('' when unknown). */
  consoleUrl: () => string;
  timeline?: AlertTimeline;
  /** Tests shorten these. */
  tickMs?: number;
  backoffMs?: (retry: number) => number;
  failuresInRow?: number;
  log: { warn(fields: object, message: string): void };
}

/**
 * Notifications (issue #14): receivers, policies, the delivery log, and the notifier that one replica
 * runs (`alert-notifier`) to send grouped alerts from the rules' feed.
 */
export function createNotifications(deps: NotificationsDeps) {
  const deliverer = createDeliverer({
    store: deps.store,
    feed: deps.feed,
    clock: deps.clock,
    log: deps.log,
    ...(deps.backoffMs && { backoffMs: deps.backoffMs }),
    ...(deps.failuresInRow !== undefined && { failuresInRow: deps.failuresInRow }),
    ...(deps.timeline && { timeline: deps.timeline }),
  });
  const receivers = createReceivers({
    store: deps.store,
    cipher: deps.cipher,
    deliverer,
    clock: deps.clock,
    consoleUrl: deps.consoleUrl,
  });
  const policies = createPolicies({ store: deps.store, clock: deps.clock });
  const dispatcher = createDispatcher({
    feed: deps.feed,
    store: deps.store,
    policies,
    receivers,
    deliverer,
    clock: deps.clock,
    consoleUrl: deps.consoleUrl,
    ...(deps.tickMs !== undefined && { tickMs: deps.tickMs }),
    log: deps.log,
  });
  return {
    receivers,
    policies,
    async deliveries(query: {
      receiver?: string;
      policy?: string;
      ok?: boolean;
      alert?: string;
      cursor?: string;
      limit?: number;
    }) {
      const limit = query.limit ?? 100;
      const rows = await deps.store.listDeliveries({
        ...(query.receiver !== undefined && { receiver: query.receiver }),
        ...(query.policy !== undefined && { policy: query.policy }),
        ...(query.ok !== undefined && { ok: query.ok }),
        ...(query.alert !== undefined && { alert: query.alert }),
        ...(query.cursor !== undefined && { before: query.cursor }),
        limit: limit + 1,
      });
      const items = rows.slice(0, limit).map(deliveryView);
      const next = rows.length > limit ? items.at(-1)?.id : undefined;
      return { items, ...(next && { next }) };
    },
    /** The singleton job `alert-notifier`. */
    notifier: () => dispatcher.job,
    /** One round now and its messages delivered (tests; the job runs rounds on its own). */
    round: async () => {
      await dispatcher.poke();
      await dispatcher.settle();
    },
  };
}

export type Notifications = ReturnType<typeof createNotifications>;
