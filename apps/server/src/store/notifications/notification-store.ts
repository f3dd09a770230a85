import type { DeliveryErrorCode } from '@portolan/api';
/**
 * Notifications in the database (migration 0020): receivers (public settings and one sealed blob),
 * policies, the delivery log and the dispatcher's memory per group. alerting/notify/ is what the rest
 * of the server uses; times are passed in, never read here. Sealing is the caller's: the store keeps
 * the sealed text as it is.
 */
export interface StoredReceiver {
  name: string;
  type: string;
  /** The receiver's settings without its secrets. */
  spec: Record<string, unknown>;
  /** The secrets, sealed by the credential cipher; null when it has none. */
  sealed: string | null;
  updatedBy: string;
  updatedAt: Date;
}

export interface StoredPolicy {
  name: string;
  /** Lower first. */
  position: number;
  spec: Record<string, unknown>;
  updatedBy: string;
  updatedAt: Date;
}

export interface StoredAttempt {
  at: string;
  ok: boolean;
  status?: number;
  error?: string;
  /** `error` as a code and values (delivery-codes.ts); kept in the attempts' JSON. */
  errorCode?: DeliveryErrorCode;
  errorParams?: Record<string, string | number>;
  durationMs?: number;
}

export interface StoredDelivery {
  /** Sorts by time: newer ids are greater. */
  id: string;
  receiver: string;
  policy: string | null;
  kind: 'firing' | 'resolved' | 'test';
  group: Record<string, string>;
  alerts: string[];
  at: Date;
  ok: boolean;
  pending: boolean;
  attempts: StoredAttempt[];
  title: string | null;
}

export interface DeliveryFilter {
  receiver?: string;
  policy?: string;
  ok?: boolean;
  alert?: string;
  /** Older than this id. */
  before?: string;
  limit: number;
}

/** What the dispatcher remembers of one group of one policy. */
export interface StoredGroup {
  policy: string;
  key: string;
  labels: Record<string, string>;
  /** Ids of the firing alerts in the last message sent (empty once the resolution went out). */
  firing: string[];
  /** Since when a change waits to be sent; null when nothing waits. */
  waitingSince: Date | null;
  lastSentAt: Date | null;
  updatedAt: Date;
}

export interface NotificationStore {
  listReceivers(): Promise<StoredReceiver[]>;
  getReceiver(name: string): Promise<StoredReceiver | undefined>;
  /** Inserts or replaces; answers whether it was created. */
  putReceiver(receiver: StoredReceiver): Promise<{ created: boolean }>;
  deleteReceiver(name: string): Promise<boolean>;
  /** In order: position, then name. */
  listPolicies(): Promise<StoredPolicy[]>;
  getPolicy(name: string): Promise<StoredPolicy | undefined>;
  putPolicy(policy: StoredPolicy): Promise<{ created: boolean }>;
  /** Removes the policy and its groups. */
  deletePolicy(name: string): Promise<boolean>;
  /** Inserts or replaces (a delivery is saved pending, then again with its outcome). */
  saveDelivery(delivery: StoredDelivery): Promise<void>;
  /** Newest first. */
  listDeliveries(filter: DeliveryFilter): Promise<StoredDelivery[]>;
  /** Removes deliveries older than `before`; answers how many. */
  pruneDeliveries(before: Date): Promise<number>;
  listGroups(): Promise<StoredGroup[]>;
  saveGroup(group: StoredGroup): Promise<void>;
  deleteGroup(policy: string, key: string): Promise<void>;
}
