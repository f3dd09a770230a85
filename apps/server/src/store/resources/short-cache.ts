import { type Clock, systemClock } from '#server/time/clock.ts';

/**
 * What a search learned about the data lately (an estimate, that a filter matches many rows), kept
 * for a few seconds per database connection pool and key. Only for what may be slightly out of date:
 * estimates, and choices between plans that return the same rows.
 */
export class ShortCache<V> {
  readonly #ttlMs: number;
  readonly #max: number;
  readonly #clock: Clock;
  readonly #entries = new Map<string, { value: V; until: number }>();

  constructor(ttlMs: number, options: { max?: number; clock?: Clock } = {}) {
    this.#ttlMs = ttlMs;
    this.#max = options.max ?? 500;
    this.#clock = options.clock ?? systemClock;
  }

  get(db: object, key: string): V | undefined {
    const entry = this.#entries.get(`${databaseKey(db)} ${key}`);
    return entry && entry.until > this.#clock().getTime() ? entry.value : undefined;
  }

  set(db: object, key: string, value: V): void {
    if (this.#entries.size >= this.#max) this.#entries.clear();
    this.#entries.set(`${databaseKey(db)} ${key}`, { value, until: this.#clock().getTime() + this.#ttlMs });
  }
}

const databaseKeys = new WeakMap<object, number>();
let databases = 0;
function databaseKey(db: object): number {
  const known = databaseKeys.get(db);
  if (known !== undefined) return known;
  databases += 1;
  databaseKeys.set(db, databases);
  return databases;
}
