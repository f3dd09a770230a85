/** One Portolan server among those sharing a database. */
export interface ReplicaRecord {
  id: string;
  /** Where it listens, for people reading /api/v1/replicas. */
  address: string;
  startedAt: Date;
  heartbeatAt: Date;
}

/** Who does one piece of work (a cluster's sync, a singleton job), and under which generation. */
export interface Lease {
  name: string;
  /** '' when released. */
  owner: string;
  /** Goes up on every change of owner; a write under an older generation is refused. */
  generation: number;
  acquiredAt: Date;
  renewedAt: Date;
  expiresAt: Date;
}

/**
 * Replicas and leases in the database. Each call is one SQL statement, atomic on PostgreSQL, so
 * two replicas never both hold a lease. Times are passed in (the caller's clock), never read here.
 */
export interface ReplicaStore {
  /** Adds the replica, or refreshes it when it is already there. */
  join(replica: { id: string; address: string; startedAt: number }, now: number): Promise<void>;
  heartbeat(id: string, now: number): Promise<void>;
  leave(id: string): Promise<void>;
  /** Replicas whose heartbeat is after `since`; older ones are forgotten. */
  live(since: number): Promise<ReplicaRecord[]>;
  /**
   * Takes the lease when it is free, released or expired, or renews it when `owner` holds it.
   * Undefined when another replica holds it.
   */
  acquire(name: string, owner: string, now: number, ttlMs: number): Promise<Lease | undefined>;
  /** Extends a lease held under `generation`; false when it has moved on (then stop its work). */
  renew(name: string, owner: string, generation: number, now: number, ttlMs: number): Promise<boolean>;
  /** Gives the lease up so another replica takes it at once; nothing when it has moved on. */
  release(name: string, owner: string, generation: number): Promise<void>;
  /** Deletes the lease whatever its owner: its work is gone for good (a removed cluster). */
  forget(name: string): Promise<void>;
  /** The lease as it is now, for fencing a write. */
  get(name: string): Promise<Lease | undefined>;
  list(): Promise<Lease[]>;
}
