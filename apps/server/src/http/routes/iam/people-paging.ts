import { PEOPLE_PAGE_DEFAULT } from '@portolan/api';
import { IamError } from '#server/iam/iam-errors.ts';
import type { Page } from '#server/store/iam/iam-store.ts';

/** The paging part of a People list's query string. */
export interface PagingQuery {
  limit?: number;
  offset?: number;
  continue?: string;
}

/** The next page's token: where it starts. Opaque to callers, who pass it back as it is. */
const tokenFor = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString('base64url');

function offsetOf(token: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0) return offset;
  } catch {
    // Answered below, as any other token this server did not make.
  }
  throw new IamError(
    'invalid',
    'continue is not a token from a previous answer; ask for the first page again',
  );
}

/**
 * A list's query split in two: where the page starts and how long it is (`offset` and `continue` are
 * two ways to say where), and the filters and sort that go to the store as they are.
 */
export function splitPaging<Query extends PagingQuery>(
  query: Query,
): { window: { limit: number; offset: number }; filter: Omit<Query, keyof PagingQuery> } {
  const { limit, offset, continue: token, ...filter } = query;
  if (offset !== undefined && token !== undefined)
    throw new IamError('invalid', 'give offset or continue, not both');
  const start = token !== undefined ? offsetOf(token) : (offset ?? 0);
  return { window: { limit: limit ?? PEOPLE_PAGE_DEFAULT, offset: start }, filter };
}

/** The answer: the page, the total, and the token of the next page while rows remain. */
export function pageAnswer<T>(page: Page<T>, window: { offset: number }) {
  const next = window.offset + page.items.length;
  return {
    items: page.items,
    total: page.total,
    continue: page.items.length > 0 && next < page.total ? tokenFor(next) : null,
  };
}
