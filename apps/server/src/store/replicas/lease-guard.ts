import type { Transaction } from 'kysely';
import type { Database } from '../schema.ts';

/** The lease a sync's writes are made under: `owner` must still hold `lease` under `generation`. */
export interface WriteFence {
  lease: string;
  owner: string;
  generation: number;
}

/** A write refused inside its transaction because its lease has moved on; nothing was written. */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

/** Run first in every fenced write transaction; throws LeaseLostError (rolling it back) when the lease moved. */
export type LeaseGuard = (trx: Transaction<Database>) => Promise<void>;

/**
 * The check a fenced write makes in its own transaction. With `lock` (PostgreSQL), the lease row is
 * locked for share until the transaction ends: a change of owner (an UPDATE of that row) waits for
 * the write to commit, and a write that starts after it sees the new generation and is refused. So no
 * write of an old owner ever commits after the next owner took the lease, however long the old owner
 * was paused between deciding to write and writing. SQLite has one writer and one replica: no lock.
 */
export function leaseGuard(fence: WriteFence, lock: boolean): LeaseGuard {
  return async (trx) => {
    const row = await trx
      .selectFrom('leases')
      .select('generation')
      .where('name', '=', fence.lease)
      .where('owner', '=', fence.owner)
      .where('generation', '=', fence.generation)
      .$if(lock, (q) => q.forShare())
      .executeTakeFirst();
    if (!row)
      throw new LeaseLostError(
        `lease ${fence.lease} is no longer held by ${fence.owner} under generation ${fence.generation}`,
      );
  };
}
