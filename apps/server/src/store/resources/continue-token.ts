import { createHash } from 'node:crypto';
import { type SearchQuery, StoreError } from '../store.ts';

/**
 * A continue token carries the last row's sort key (with its id as the tie-breaker), so the next page
 * starts strictly after it: rows added or removed elsewhere never shift or repeat a page. It also
 * carries a fingerprint of the query, so a token cannot be replayed against other filters or sorts.
 */
export interface ContinuePosition {
  key: Array<string | number>;
  /** Rows returned before this point, for the remaining-count estimate. */
  seen: number;
}

/** Objects with their keys sorted, so equal queries serialize alike. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

export function queryFingerprint(query: SearchQuery): string {
  const { continue: _token, limit: _limit, objects: _objects, ...rest } = query;
  return createHash('sha256')
    .update(JSON.stringify(canonical(rest)))
    .digest('base64url')
    .slice(0, 16);
}

export function encodeContinue(query: SearchQuery, position: ContinuePosition): string {
  const body = { v: 1, f: queryFingerprint(query), k: position.key, n: position.seen };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

export function decodeContinue(query: SearchQuery, token: string, keyLength: number): ContinuePosition {
  let body: { v?: unknown; f?: unknown; k?: unknown; n?: unknown };
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new StoreError(
      'invalid',
      'continue token is not one this server issued; repeat the query without it',
    );
  }
  const key = body.k;
  if (
    body.v !== 1 ||
    typeof body.n !== 'number' ||
    !Array.isArray(key) ||
    key.length !== keyLength ||
    !key.every((v) => typeof v === 'string' || typeof v === 'number')
  ) {
    throw new StoreError(
      'invalid',
      'continue token is not one this server issued; repeat the query without it',
    );
  }
  if (body.f !== queryFingerprint(query)) {
    throw new StoreError(
      'invalid',
      'continue token belongs to a query with other filters or sort; repeat the query without continue to start over',
    );
  }
  return { key, seen: body.n };
}
