import type { ApiToken, Permission, TokenList, TokenListQuery } from '@portolan/api';
import { request } from '../../api/client.ts';
import { queryString } from '../people/list-address.ts';

// The caller's own account routes (apps/server/src/http/routes/iam/auth-*.ts). The token list's types
// are @portolan/api's; the others follow the routes' response schemas.

export type { ApiToken };

export interface NewToken {
  name: string;
  scopes: 'all' | Permission[];
  expiresInDays?: number;
}

/** The server's longest token lifetime (MAX_TOKEN_DAYS in iam/api-token-service.ts). */
export const MAX_TOKEN_DAYS = 366;

export const accountApi = {
  tokens: (query: TokenListQuery) => request<TokenList>('GET', `/api/v1/auth/tokens?${queryString(query)}`),
  createToken: (body: NewToken) => request<ApiToken & { token: string }>('POST', '/api/v1/auth/tokens', body),
  revokeToken: (id: string) => request<void>('DELETE', `/api/v1/auth/tokens/${encodeURIComponent(id)}`),
  changePassword: (oldPassword: string, newPassword: string) =>
    request<void>('PUT', '/api/v1/auth/password', { oldPassword, newPassword }),
  signOutEverywhere: () => request<{ ended: number }>('POST', '/api/v1/auth/logout-everywhere'),
};
