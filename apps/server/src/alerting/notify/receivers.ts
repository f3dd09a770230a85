import type { DeliveryView, ReceiverView } from '@portolan/api';
import type { CredentialCipher } from '#server/clusters/credential-cipher.ts';
import type { AlertRecord } from '#server/monitoring/contract.ts';
import type { NotificationStore, StoredReceiver } from '#server/store/notifications/notification-store.ts';
import type { Clock } from '#server/time/clock.ts';
import { type Deliverer, deliveryView, receiverHealth } from './deliverer.ts';
import type { ReceiverInput } from './inputs.ts';
import { NotificationError } from './notify-errors.ts';
import {
  type Receiver,
  type ReceiverSecrets,
  type ReceiverSettings,
  receiverViewOf,
  splitReceiverSpec,
} from './receiver-config.ts';

export interface ReceiversDeps {
  store: NotificationStore;
  cipher: CredentialCipher;
  deliverer: Deliverer;
  clock: Clock;
  consoleUrl: () => string;
}

/** The cipher's context binds a sealed blob to its receiver, so it cannot be moved to another row. */
const sealContext = (name: string) => `notification-receiver:${name}`;
const notFound = (name: string) =>
  new NotificationError(
    404,
    'not-found',
    `there is no receiver named ${name}: list them at GET /api/v1/notifications/receivers`,
  );

/** The test message: one made-up alert in the receiver's own format, marked as a test. */
function testAlert(name: string, now: Date): AlertRecord {
  return {
    id: `test-${name}`,
    rule: 'PortolanTestMessage',
    level: 'info',
    labels: { alertname: 'PortolanTestMessage', cluster: '-' },
    summary: `Test message from Portolan to receiver ${name}: if you read this, notifications reach you`,
    description: 'Sent by "send test"; no alert is firing.',
    state: 'firing',
    startsAt: now,
    updatedAt: now,
  };
}

/** Receivers: settings in clear, secrets sealed; answers never carry a secret. */
export function createReceivers(deps: ReceiversDeps) {
  const open = (row: StoredReceiver): Receiver => ({
    name: row.name,
    settings: { ...(row.spec as unknown as ReceiverSettings), type: row.type as ReceiverSettings['type'] },
    secrets: row.sealed
      ? (JSON.parse(
          deps.cipher.decrypt(row.sealed, sealContext(row.name)).toString('utf8'),
        ) as ReceiverSecrets)
      : {},
  });

  async function view(row: StoredReceiver): Promise<ReceiverView> {
    const receiver = open(row);
    const answer = receiverViewOf(row.name, receiver.settings, receiver.secrets, row);
    const health = await receiverHealth(deps.store, row.name);
    const [newest] = await deps.store.listDeliveries({ receiver: row.name, limit: 1 });
    if (newest && !newest.pending) {
      const last = newest.attempts.at(-1);
      const error = last?.error;
      answer.lastDelivery = {
        at: newest.at.toISOString(),
        ok: newest.ok,
        ...(error && { error }),
        ...(error && last?.errorCode && { errorCode: last.errorCode, errorParams: last.errorParams ?? {} }),
      };
    }
    if (health.failingSince) answer.failingSince = health.failingSince.toISOString();
    return answer;
  }

  async function load(name: string): Promise<Receiver | undefined> {
    const row = await deps.store.getReceiver(name);
    return row && open(row);
  }

  return {
    load,
    async list(): Promise<ReceiverView[]> {
      return Promise.all((await deps.store.listReceivers()).map(view));
    },
    async get(name: string): Promise<ReceiverView> {
      const row = await deps.store.getReceiver(name);
      if (!row) throw notFound(name);
      return view(row);
    },
    async put(
      name: string,
      spec: ReceiverInput,
      by: string,
    ): Promise<{ created: boolean; view: ReceiverView }> {
      const previous = await load(name);
      const { settings, secrets } = splitReceiverSpec(spec, previous);
      const hasSecrets = Object.keys(secrets).length > 0;
      const row: StoredReceiver = {
        name,
        type: settings.type,
        spec: settings as unknown as Record<string, unknown>,
        sealed: hasSecrets ? deps.cipher.encrypt(JSON.stringify(secrets), sealContext(name)) : null,
        updatedBy: by,
        updatedAt: deps.clock(),
      };
      const { created } = await deps.store.putReceiver(row);
      return { created, view: await view(row) };
    },
    async remove(name: string): Promise<void> {
      const users = (await deps.store.listPolicies())
        .filter((policy) => ((policy.spec.receivers as string[] | undefined) ?? []).includes(name))
        .map((policy) => policy.name);
      if (users.length > 0)
        throw new NotificationError(
          409,
          'conflict',
          `receiver ${name} is used by ${users.length === 1 ? 'policy' : 'policies'} ${users.join(', ')}: take it out of ${users.length === 1 ? 'that policy' : 'those policies'} first`,
        );
      if (!(await deps.store.deleteReceiver(name))) throw notFound(name);
    },
    /** Sends a test message now (with the receiver's retries) and answers the delivery with its attempts. */
    async test(name: string): Promise<DeliveryView> {
      const receiver = await load(name);
      if (!receiver) throw notFound(name);
      const alert = testAlert(name, deps.clock());
      const delivery = await deps.deliverer.deliver(
        receiver,
        {
          kind: 'test',
          groupLabels: { alertname: alert.rule },
          alerts: [alert],
          consoleUrl: deps.consoleUrl(),
        },
        { policy: null, kind: 'test' },
      );
      return deliveryView(delivery);
    },
  };
}

export type Receivers = ReturnType<typeof createReceivers>;
