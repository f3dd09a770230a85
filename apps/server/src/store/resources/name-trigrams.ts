import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema.ts';

/** Names read to estimate how common each trigram is, in runs of consecutive rows. */
const SAMPLE_RUNS = 40;
const SAMPLE_RUN_LENGTH = 100;
/** The estimate is read again after this long (names change slowly in character). */
const SAMPLE_MAX_AGE_MS = 10 * 60_000;
/**
 * The ids' bounds, which tell whether the rows grew or shrank by half since the sample, are read again
 * after this long: not for every search (a round trip and two index lookups, 0.3–0.4 ms of a name
 * search's 3–4 ms on PostgreSQL at a million rows), as a first sync or a purge takes longer than this.
 */
const BOUNDS_MAX_AGE_MS = 5_000;
/**
 * When even the rarest trigram is in more names than this, the substring is common: scanning the
 * sorted rows finds a page of it sooner than its index entries can be read.
 */
const COMMON_ROWS = 100_000;
/**
 * Trigrams next to the rarest are added, the rarer side first, while their index entries are few (at
 * most this many): every candidate they rule out is a row not read (trigrams of one substring go
 * together, so how much each narrows cannot be told from their shares).
 */
const CHEAP_ROWS = 50_000;
const MAX_TRIGRAMS = 5;
/**
 * Beyond a million names the two limits grow with the store: a page of a substring found by scanning
 * the sorted rows costs rows in proportion to how rare it is, and its matches can sit together in the
 * sort order (`app-123-` names follow each other), so at ten million a fixed limit sent substrings to
 * a scan of millions of rows; and a trigram's entries are far cheaper to read than the candidate rows
 * each one rules out.
 */
const COMMON_SHARE = 0.1;
const CHEAP_SHARE = 0.05;

/** The trigrams of a text as SQLite's trigram tokenizer sees them (case folded), each once. */
export function trigramsOf(text: string): string[] {
  const chars = [...text.toLowerCase()];
  const out = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(''));
  return [...out];
}

/**
 * The trigram probe of a name substring (SQLite's FTS5 table; for pg_trgm, the part to ask for). Matching the whole substring as a phrase reads the
 * index entries of every trigram in it, and trigrams every name has ("app", "pp-" of `app-42-`) have
 * a million: tens of milliseconds. A part of the substring around its rarest trigrams (estimated from
 * a sample of names) selects the same rows and a few more (the query keeps its LIKE filter), from far
 * shorter lists.
 */
export class NameTrigrams {
  readonly #db: Kysely<Database>;
  readonly #now: () => number;
  #sample:
    | { shares: Map<string, number>; rows: number; span: number; at: number; checkedAt: number }
    | undefined;

  constructor(db: Kysely<Database>, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  /** A subquery of rowids of resource_names that includes every name containing `text`. */
  async idsContaining(text: string): Promise<RawBuilder<unknown> | undefined> {
    const chosen = await this.#choose(text);
    if (!chosen) return undefined;
    const match = chosen.terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(' ');
    return sql`select rowid from resource_names where resource_names match ${match}`;
  }

  /**
   * The part of `text` around its rarest trigrams (undefined when even those are common), for a
   * trigram index that reads the entries of every trigram it is given (pg_trgm): names containing
   * the part include every name containing `text`, and its trigrams' entries are far fewer.
   */
  async rarestPart(text: string): Promise<string | undefined> {
    return (await this.#choose(text))?.terms[0];
  }

  /** The terms to look up: a phrase of consecutive trigrams first, then single rare trigrams. */
  async #choose(text: string): Promise<{ terms: string[] } | undefined> {
    const chars = [...text.toLowerCase()];
    if (chars.length < 3) return undefined; // the index needs three characters
    const { shares, rows } = await this.#estimate();
    // Unseen in the sample: about one in a sample's size, or fewer.
    const floor = 1 / (SAMPLE_RUNS * SAMPLE_RUN_LENGTH);
    const share = (i: number) => Math.max(floor, shares.get(chars.slice(i, i + 3).join('')) ?? 0);
    const count = chars.length - 2;
    let rarest = 0;
    for (let i = 1; i < count; i++) if (share(i) < share(rarest)) rarest = i;
    if (share(rarest) * rows > Math.max(COMMON_ROWS, rows * COMMON_SHARE)) return undefined;
    const cheapRows = Math.max(CHEAP_ROWS, rows * CHEAP_SHARE);
    const cheap = (i: number) => share(i) * rows <= cheapRows;
    // A phrase of consecutive trigrams is a part of the substring, so nearly all it finds match.
    let [first, last] = [rarest, rarest];
    while (last - first + 1 < MAX_TRIGRAMS) {
      const left = first > 0 && cheap(first - 1) ? share(first - 1) : Number.POSITIVE_INFINITY;
      const right = last < count - 1 && cheap(last + 1) ? share(last + 1) : Number.POSITIVE_INFINITY;
      if (left === Number.POSITIVE_INFINITY && right === Number.POSITIVE_INFINITY) break;
      if (left <= right) first -= 1;
      else last += 1;
    }
    // Other rare trigrams of the substring, where a common one cuts them off the phrase, are required
    // as well (each its own term): a few more short lists, far fewer rows to read.
    const terms = [chars.slice(first, last + 3).join('')];
    const others = Array.from({ length: count }, (_, i) => i)
      .filter((i) => (i < first || i > last) && cheap(i))
      .sort((a, b) => share(a) - share(b))
      .slice(0, Math.max(0, MAX_TRIGRAMS - (last - first + 1)));
    for (const i of others) terms.push(chars.slice(i, i + 3).join(''));
    return { terms };
  }

  async #estimate(): Promise<{ shares: Map<string, number>; rows: number }> {
    const at = this.#now();
    const sample = this.#sample;
    if (sample && at - sample.checkedAt < BOUNDS_MAX_AGE_MS && at - sample.at < SAMPLE_MAX_AGE_MS)
      return sample;
    // One statement of two subqueries: each of min and max alone is one index lookup (both as one
    // query's columns, a scan).
    const bounds = await this.#db
      .selectNoFrom((eb) => [
        eb
          .selectFrom('resources')
          .select((inner) => inner.fn.min('id').as('id'))
          .as('low'),
        eb
          .selectFrom('resources')
          .select((inner) => inner.fn.max('id').as('id'))
          .as('high'),
      ])
      .executeTakeFirst();
    const low = Number(bounds?.low ?? 0);
    const high = Number(bounds?.high ?? 0);
    const span = high > 0 ? high - low + 1 : 0;
    // Read again when old, or when the rows grew or shrank by half (a first sync, a purge).
    if (sample && at - sample.at < SAMPLE_MAX_AGE_MS && Math.abs(span - sample.span) <= sample.span / 2) {
      sample.checkedAt = at;
      return sample;
    }
    const counts = new Map<string, number>();
    let names = 0;
    if (high > 0) {
      const step = Math.max(SAMPLE_RUN_LENGTH, Math.floor((high - low + 1) / SAMPLE_RUNS));
      for (let start = low; start <= high; start += step) {
        const rows = await this.#db
          .selectFrom('resources')
          .select('name')
          .where('id', '>=', start)
          .orderBy('id')
          .limit(SAMPLE_RUN_LENGTH)
          .execute();
        for (const { name } of rows) {
          names++;
          for (const trigram of trigramsOf(name)) counts.set(trigram, (counts.get(trigram) ?? 0) + 1);
        }
      }
    }
    const shares = new Map([...counts].map(([trigram, n]) => [trigram, n / Math.max(1, names)]));
    this.#sample = { shares, rows: Math.max(names, span), span, at, checkedAt: at };
    return this.#sample;
  }
}
