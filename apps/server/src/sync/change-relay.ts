import type { Notices } from '#server/store/notices/notices.ts';
import type { ResourceStore } from '#server/store/store.ts';
import type { ChangeHub, ResourceChangeEvent } from './change-hub.ts';

/** A change as sent to other replicas: `stored` means its object was too large to send; read it from the store. */
type SentChange = ResourceChangeEvent & { stored?: true };

interface RelayMessage {
  /** The replica that sent it, so it ignores its own. */
  origin: string;
  /** Counts up from 1 per sender; PostgreSQL drops identical notices of one transaction, so none are. */
  seq: number;
  changes: SentChange[];
}

export interface ChangeRelay extends ChangeHub {
  /** Starts hearing the other replicas. */
  start(): Promise<void>;
  /** Sends what is still queued, then stops hearing and closes the notices. */
  stop(): Promise<void>;
}

/**
 * A change hub shared by replicas: a change synced here reaches this replica's subscribers at once
 * (as before) and is sent to the others through the database's notices; changes they send reach
 * subscribers here. Each subscriber's filter applies as before, wherever the change came from.
 * Changes are sent in order, packed into as few notices as fit, while the previous send is in flight.
 */
export function createChangeRelay(deps: {
  hub: ChangeHub;
  notices: Notices;
  /** Where a change too large for a notice is read from: the sender stored it before publishing. */
  resources: Pick<ResourceStore, 'get'>;
  /** This replica's name among the others (unique per process). */
  origin: string;
  /** Told of changes that could not be sent or received (the server logs them). */
  onProblem?: (message: string, error?: unknown) => void;
}): ChangeRelay {
  const { hub, notices, origin } = deps;
  const problem = deps.onProblem ?? (() => {});
  let queue: string[] = [];
  let sending: Promise<void> | undefined;
  let seq = 0;
  let received: Promise<void> = Promise.resolve();
  const lastSeq = new Map<string, number>();
  let running = false;

  const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
  const envelope = (changes: string) =>
    `{"origin":${JSON.stringify(origin)},"seq":${seq + 1},"changes":[${changes}]}`;
  // Room for the envelope around the changes (a seq up to 2^53 has 16 digits).
  const room = () => notices.maxBytes - bytes(envelope('')) - 16;

  /** The change as sent: itself, or a reference to its stored object when it is too large. */
  function encode(event: ResourceChangeEvent): string | undefined {
    const whole = JSON.stringify(event);
    if (bytes(whole) <= room()) return whole;
    const { object: _object, ...rest } = event;
    const reference = JSON.stringify({ ...rest, stored: true } satisfies SentChange);
    if (bytes(reference) <= room()) return reference;
    problem(
      `a change of ${event.resource} ${event.namespace}/${event.name} is too large to send to other replicas even without its object (its labels); their change streams miss it`,
    );
    return undefined;
  }

  /** Packs changes into messages of at most `maxBytes`, in order. */
  function pack(changes: string[]): string[] {
    const messages: string[] = [];
    let current: string[] = [];
    let size = 0;
    const close = () => {
      if (current.length === 0) return;
      messages.push(envelope(current.join(',')));
      seq += 1;
      current = [];
      size = 0;
    };
    for (const change of changes) {
      const length = bytes(change) + 1;
      if (size + length > room()) close();
      current.push(change);
      size += length;
    }
    close();
    return messages;
  }

  async function sendQueued(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      const messages = pack(batch);
      try {
        await notices.send(messages);
      } catch (error) {
        problem(
          `sending ${batch.length} changes to other replicas failed; their change streams miss them`,
          error,
        );
      }
    }
    sending = undefined;
  }

  async function deliver(text: string): Promise<void> {
    let message: RelayMessage;
    try {
      message = JSON.parse(text) as RelayMessage;
    } catch (error) {
      return problem('a notice from another replica is not a change message; ignored', error);
    }
    if (message.origin === origin) return;
    const previous = lastSeq.get(message.origin);
    if (previous !== undefined && message.seq !== previous + 1)
      problem(`missed ${message.seq - previous - 1} change messages from replica ${message.origin}`);
    lastSeq.set(message.origin, message.seq);
    for (const sent of message.changes) {
      const { stored, ...event } = sent;
      if (stored) {
        const found = await deps.resources.get(event.clusterId, event);
        // Gone since: its DELETED follows.
        if (!found) continue;
        Object.assign(event, {
          object: found.object,
          labels: found.labels,
          resourceVersion: found.resourceVersion,
        });
      }
      hub.publish(event);
    }
  }

  return {
    publish(event) {
      hub.publish(event);
      if (!running) return;
      const encoded = encode(event);
      if (encoded === undefined) return;
      queue.push(encoded);
      sending ??= sendQueued();
    },
    subscribe: (filter, listener) => hub.subscribe(filter, listener),
    // Subscribers on other replicas count too, though they cannot be seen from here.
    subscriberCount: () => hub.subscriberCount() + (running ? 1 : 0),
    async start() {
      await notices.listen((text) => {
        received = received.then(() =>
          deliver(text).catch((error: unknown) =>
            problem('reading a change from another replica failed; change streams here miss it', error),
          ),
        );
      });
      running = true;
    },
    async stop() {
      running = false;
      await sending;
      await received;
      await notices.close();
    },
  };
}
