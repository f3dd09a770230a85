import { randomUUID } from 'node:crypto';
import {
  type AlertEventDetail,
  alertEventDetail,
  type DeliveryView,
  deliveryError,
  raisedAlertText,
} from '@portolan/api';
import type { AlertFeed } from '#server/monitoring/contract.ts';
import type {
  NotificationStore,
  StoredAttempt,
  StoredDelivery,
} from '#server/store/notifications/notification-store.ts';
import type { Clock } from '#server/time/clock.ts';
import type { MessageInput } from './message-template.ts';
import type { Receiver } from './receiver-config.ts';
import { createReceiverSlots } from './receiver-slots.ts';
import { sendOnce, titleFor } from './send-message.ts';

export const DELIVERY_FAILING_RULE = 'NotificationDeliveryFailing';

/**
 * NotificationDeliveryFailing's summary and description, as a code and values beside the English: the
 * last attempt's error rides along as `error` (English), `errorCode` and `error.<name>` values.
 */
export function failingText(
  receiver: string,
  failures: number,
  since: Date | undefined,
  last: Pick<StoredAttempt, 'error' | 'errorCode' | 'errorParams'> | undefined,
) {
  const params: Record<string, string | number> = { receiver, failures, error: last?.error ?? 'unknown' };
  if (since) params.since = since.toISOString();
  if (last?.errorCode) {
    params.errorCode = last.errorCode;
    for (const [name, value] of Object.entries(last.errorParams ?? {})) params[`error.${name}`] = value;
  }
  return raisedAlertText(since ? 'delivery-failing-since' : 'delivery-failing', params);
}

/** A notify-failed event's detail: the receiver and its last error, that error's own code inside. */
export function failedDetail(
  receiver: string,
  last: Pick<StoredAttempt, 'error' | 'errorCode' | 'errorParams'> | undefined,
): AlertEventDetail {
  const params: Record<string, string | number> = { receiver, error: last?.error ?? 'failed' };
  if (last?.errorCode) {
    params.errorCode = last.errorCode;
    for (const [name, value] of Object.entries(last.errorParams ?? {})) params[`error.${name}`] = value;
  }
  return alertEventDetail('notify-failed', params);
}

/** Records a notified / notify-failed event on an alert's timeline (the rules' alert store keeps it). */
export type AlertTimeline = (
  alertId: string,
  event: 'notified' | 'notify-failed',
  detail: AlertEventDetail,
  at: Date,
) => Promise<void>;

export interface DelivererDeps {
  store: NotificationStore;
  feed: Pick<AlertFeed, 'raise' | 'resolve'>;
  clock: Clock;
  /** Waits between attempts; tests pass a short one. Default: 1 s, 2 s, 4 s … capped at 30 s. */
  backoffMs?: (retry: number) => number;
  sleep?: (ms: number) => Promise<void>;
  /** Messages in flight per receiver (default 4); the others wait their turn. */
  perReceiver?: number;
  /** Failures in a row that raise NotificationDeliveryFailing (default 3) … */
  failuresInRow?: number;
  /** … or failing for this long (default 10 minutes). */
  failingForMs?: number;
  timeline?: AlertTimeline;
  log: { warn(fields: object, message: string): void };
}

export interface DeliveryMeta {
  policy: string | null;
  kind: StoredDelivery['kind'];
}

/** Delivery ids sort by time (newest greatest), so the log pages by id. */
const deliveryId = (at: Date) => `${String(at.getTime()).padStart(13, '0')}-${randomUUID().slice(0, 8)}`;

export const deliveryView = (d: StoredDelivery): DeliveryView => ({
  id: d.id,
  receiver: d.receiver,
  ...(d.policy !== null && { policy: d.policy }),
  kind: d.kind,
  group: d.group,
  alerts: d.alerts,
  at: d.at.toISOString(),
  ok: d.ok,
  ...(d.pending && { pending: true }),
  attempts: d.attempts,
  ...(d.title !== null && { title: d.title }),
});

/** Whether a receiver keeps failing, from its newest deliveries (tests of "send test" do not count). */
export async function receiverHealth(
  store: NotificationStore,
  receiver: string,
): Promise<{ failuresInRow: number; failingSince: Date | undefined; last: StoredDelivery | undefined }> {
  const recent = (await store.listDeliveries({ receiver, limit: 50 })).filter(
    (d) => !d.pending && d.kind !== 'test',
  );
  let failuresInRow = 0;
  let failingSince: Date | undefined;
  for (const delivery of recent) {
    if (delivery.ok) break;
    failuresInRow++;
    failingSince = delivery.at;
  }
  return { failuresInRow, failingSince, last: recent[0] };
}

/**
 * Sends one message to one receiver with retries and backoff, keeping the delivery in the log (saved
 * pending first, so the log shows a delivery still being retried) with every attempt's result; then
 * raises or resolves NotificationDeliveryFailing for the receiver.
 */
export function createDeliverer(deps: DelivererDeps) {
  const backoff = deps.backoffMs ?? ((retry: number) => Math.min(30_000, 1000 * 2 ** retry));
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const threshold = deps.failuresInRow ?? 3;
  const failingFor = deps.failingForMs ?? 600_000;
  const slot = createReceiverSlots(deps.perReceiver ?? 4);

  async function judgeReceiver(receiver: string, delivered: boolean, before: boolean): Promise<void> {
    const labels = { receiver };
    if (delivered) {
      if (before) await deps.feed.resolve(DELIVERY_FAILING_RULE, labels);
      return;
    }
    const health = await receiverHealth(deps.store, receiver);
    const since = health.failingSince;
    const longFailing = since !== undefined && deps.clock().getTime() - since.getTime() >= failingFor;
    if (health.failuresInRow < threshold && !longFailing) return;
    await deps.feed.raise({
      rule: DELIVERY_FAILING_RULE,
      level: 'warning',
      labels,
      ...failingText(receiver, health.failuresInRow, since, health.last?.attempts.at(-1)),
    });
  }

  return {
    deliver(receiver: Receiver, input: MessageInput, meta: DeliveryMeta): Promise<StoredDelivery> {
      return slot(receiver.name, () => deliverNow(receiver, input, meta));
    },
    /** A policy names a receiver that does not exist: a failed delivery in the log that says so. */
    async recordMissing(receiver: string, input: MessageInput, meta: DeliveryMeta): Promise<void> {
      const at = deps.clock();
      const error = deliveryError('no-receiver', { receiver, policy: meta.policy ?? '' });
      await deps.store.saveDelivery({
        id: deliveryId(at),
        receiver,
        policy: meta.policy,
        kind: meta.kind,
        group: input.groupLabels,
        alerts: input.alerts.map((alert) => alert.id),
        at,
        ok: false,
        pending: false,
        attempts: [{ at: at.toISOString(), ok: false, ...error }],
        title: null,
      });
      deps.log.warn(
        { policy: meta.policy, receiver },
        'a notification policy names a receiver that does not exist',
      );
    },
  };

  async function deliverNow(
    receiver: Receiver,
    input: MessageInput,
    meta: DeliveryMeta,
  ): Promise<StoredDelivery> {
    const at = deps.clock();
    const failingBefore =
      meta.kind !== 'test' && (await receiverHealth(deps.store, receiver.name)).failuresInRow > 0;
    const delivery: StoredDelivery = {
      id: deliveryId(at),
      receiver: receiver.name,
      policy: meta.policy,
      kind: meta.kind,
      group: input.groupLabels,
      alerts: input.alerts.map((alert) => alert.id),
      at,
      ok: false,
      pending: true,
      attempts: [],
      title: titleFor(receiver, input),
    };
    await deps.store.saveDelivery(delivery);
    const retries = receiver.settings.retries ?? 3;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep(backoff(attempt - 1));
      const started = deps.clock();
      const t0 = performance.now();
      const result = await sendOnce(receiver, input, started.getTime());
      const record: StoredAttempt = {
        at: started.toISOString(),
        ok: result.ok,
        ...(result.status !== undefined && { status: result.status }),
        ...(result.error !== undefined && { error: result.error }),
        ...(result.error !== undefined &&
          result.errorCode !== undefined && {
            errorCode: result.errorCode,
            errorParams: result.errorParams ?? {},
          }),
        durationMs: Math.round(performance.now() - t0),
      };
      delivery.attempts.push(record);
      delivery.ok = result.ok;
      delivery.pending = !result.ok && attempt < retries;
      await deps.store.saveDelivery(delivery);
      if (result.ok) break;
    }
    if (!delivery.ok)
      deps.log.warn(
        { receiver: receiver.name, error: delivery.attempts.at(-1)?.error },
        'notification delivery failed after its retries',
      );
    if (meta.kind !== 'test') {
      await judgeReceiver(receiver.name, delivery.ok, failingBefore).catch((error: unknown) =>
        deps.log.warn(
          { err: error, receiver: receiver.name },
          'raising or resolving NotificationDeliveryFailing failed',
        ),
      );
      if (deps.timeline) {
        const event = delivery.ok ? 'notified' : 'notify-failed';
        const detail = delivery.ok
          ? alertEventDetail(meta.kind === 'resolved' ? 'notified-resolved' : 'notified-firing', {
              receiver: receiver.name,
            })
          : failedDetail(receiver.name, delivery.attempts.at(-1));
        for (const alert of input.alerts)
          await deps.timeline(alert.id, event, detail, deps.clock()).catch(() => undefined);
      }
    }
    return delivery;
  }
}

export type Deliverer = ReturnType<typeof createDeliverer>;
