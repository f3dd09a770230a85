import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';

/** Writes stop for this long before the lists are merged: a first sync's batches are not interrupted. */
const QUIET_MS = 1_000;
/** Rows that keep changing are merged at least this often. */
const MAX_WAIT_MS = 10_000;
/** The GIN indexes of resources (migrations 0001 and 0024); one missing is skipped. */
const GIN_INDEXES = ['resources_name_trigrams', 'resources_labels', 'resources_label_keys'];

/**
 * PostgreSQL's GIN indexes take new entries into a pending list, merged into the index in bulk only
 * when the list outgrows its limit (4 MB for the name trigrams, 512 kB for the labels) or when the
 * table is vacuumed, and every search through the index reads the whole list. At a million pods,
 * a name search took 7.4 ms (server's p50) with the 230 pages a first sync left, 4.7 ms once they
 * were merged; autovacuum comes after 20 % of the table changed, so the list stayed. After writes, once
 * they pause (or every MAX_WAIT_MS while they go on), this merges the lists of the store's GIN
 * indexes: the same work a later insert or vacuum would do, done before searches pay for it. Each
 * replica merges after its own writes; a list another one merged is empty and costs a lookup.
 */
export class PendingListMerger {
  readonly #db: Kysely<Database>;
  #timer: NodeJS.Timeout | undefined;
  #dirtySince: number | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;
  /** The role may not merge (see #mergeNow). */
  #refused = false;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** Rows were written: the lists are merged once writes pause. */
  wrote(): void {
    if (this.#stopped || this.#refused) return;
    const now = Date.now();
    this.#dirtySince ??= now;
    clearTimeout(this.#timer);
    const wait = Math.max(0, Math.min(QUIET_MS, this.#dirtySince + MAX_WAIT_MS - now));
    this.#timer = setTimeout(() => this.#merge(), wait);
    this.#timer.unref();
  }

  #merge(): void {
    this.#dirtySince = undefined;
    // One merge at a time: writes during it mark the store again, and the next merge follows.
    const previous = this.#running ?? Promise.resolve();
    const running = previous.then(() => this.#mergeNow());
    this.#running = running;
    void running.finally(() => {
      if (this.#running === running) this.#running = undefined;
    });
  }

  async #mergeNow(): Promise<void> {
    if (this.#refused) return;
    try {
      await sql`select gin_clean_pending_list(c.oid) from pg_class c
        where c.relkind = 'i'
          and c.relnamespace = (select oid from pg_namespace where nspname = current_schema())
          and c.relname in (${sql.join(GIN_INDEXES)})`.execute(this.#db);
    } catch (error) {
      // Only the index's owner may merge (42501, where a role other than the server's ran the
      // migrations): the lists are then left to PostgreSQL. Anything else is tried after the next write.
      if ((error as { code?: string }).code === '42501') this.#refused = true;
    }
  }

  /**
   * Merges what was written since the last merge, then no more: a server that stops right after a
   * sync leaves no pending list behind for the replicas that go on searching. Awaited before the
   * store's connections close.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    if (this.#dirtySince !== undefined) this.#merge();
    await this.#running;
  }
}
