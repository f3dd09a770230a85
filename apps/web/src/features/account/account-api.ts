import type { Permission } from '@portolan/api';
import { request } from '../../api/client.ts';

// The caller's own account routes (apps/server/src/http/routes/iam/auth-*.ts); their answers are not
// yet schemas in @portolan/api, so these types follow the routes' response schemas.

export interface ApiToken {
  id: string;
  name: string;
  /** The token's first characters, enough to recognise it; the rest is never shown again. */
  prefix: string;
  scopes: 'all' | Permission[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface NewToken {
  name: string;
  scopes: 'all' | Permission[];
  expiresInDays?: number;
}

/** The server's longest token lifetime (MAX_TOKEN_DAYS in iam/api-token-service.ts). */
export const MAX_TOKEN_DAYS = 366;

export const accountApi = {
  tokens: () => request<{ items: ApiToken[] }>('GET', '/api/v1/auth/tokens'),
  createToken: (body: NewToken) => request<ApiToken & { token: string }>('POST', '/api/v1/auth/tokens', body),
  revokeToken: (id: string) => request<void>('DELETE', `/api/v1/auth/tokens/${encodeURIComponent(id)}`),
  changePassword: (oldPassword: string, newPassword: string) =>
    request<void>('PUT', '/api/v1/auth/password', { oldPassword, newPassword }),
  signOutEverywhere: () => request<{ ended: number }>('POST', '/api/v1/auth/logout-everywhere'),
};
