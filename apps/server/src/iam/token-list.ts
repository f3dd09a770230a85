import type { TokenSort, TokenState } from '@portolan/api';

/** What listing reads of a token (api-token-service.ts's ApiTokenView has these). */
interface ListedToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** What the token list is asked for, its paging already read. */
export interface TokenFilter {
  q?: string;
  state?: TokenState;
  sort?: TokenSort;
  order?: 'asc' | 'desc';
}

export function stateOfToken(token: ListedToken, now: number): TokenState {
  if (token.revokedAt) return 'revoked';
  return token.expiresAt.getTime() <= now ? 'expired' : 'active';
}

const KEYS: Record<TokenSort, (token: ListedToken) => string | number> = {
  name: (token) => token.name.toLowerCase(),
  created: (token) => token.createdAt.getTime(),
  expires: (token) => token.expiresAt.getTime(),
  // Never used sorts before the oldest use.
  lastUsed: (token) => token.lastUsedAt?.getTime() ?? -1,
};

/**
 * One page of a user's tokens, filtered and sorted, with the count over all pages. A user's own
 * tokens are few (ended short-lived ones are swept), so they are read whole and paged here.
 */
export function pageOfTokens<Token extends ListedToken>(
  tokens: Token[],
  filter: TokenFilter,
  window: { limit: number; offset: number },
  now: number,
): { items: Token[]; total: number } {
  const needle = filter.q?.toLowerCase();
  const matching = tokens.filter(
    (token) =>
      (!needle || `${token.name}\n${token.prefix}`.toLowerCase().includes(needle)) &&
      (!filter.state || stateOfToken(token, now) === filter.state),
  );
  const sort = filter.sort ?? 'created';
  const order = filter.order ?? (sort === 'created' ? 'desc' : 'asc');
  const key = KEYS[sort];
  const sign = order === 'desc' ? -1 : 1;
  // The id breaks ties, so pages never repeat or skip a token.
  matching.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return (x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0) * sign;
  });
  return {
    items: matching.slice(window.offset, window.offset + window.limit),
    total: matching.length,
  };
}
