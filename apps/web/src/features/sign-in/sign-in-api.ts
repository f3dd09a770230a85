import { request } from '../../api/client.ts';

/** GET /api/v1/auth/methods (public): how one may sign in, and the OpenID provider when there is one. */
export interface SignInMethods {
  password: boolean;
  oidc: { name: string; start: string } | null;
}

export const signInMethods = () => request<SignInMethods>('GET', '/api/v1/auth/methods');
