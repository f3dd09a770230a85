/** Users made the way an administrator and the user would, for tests of what a caller may do. */
import assert from 'node:assert/strict';
import type { Harness } from './portolan-harness.ts';

/** A user made for a test, with one role binding, signed in. */
export interface Member extends Session {
  username: string;
  /** The role binding made for the member. */
  bindingId: string;
}

/** A user's signed-in session: its Cookie header and CSRF token, and API tokens made from it. */
export interface Session {
  cookie: string;
  csrf: string;
  /** A new API token of the user's, made from the session, with its id (to revoke it). */
  newToken(): Promise<{ token: string; id: string }>;
}

/** Signs in with a password, as the user would in the console. */
export async function signIn(harness: Harness, username: string, password: string): Promise<Session> {
  const login = await fetch(`${harness.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  assert.equal(login.status, 200, await login.clone().text());
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken: csrf } = (await login.json()) as { csrfToken: string };
  return {
    cookie,
    csrf,
    async newToken() {
      const created = await fetch(`${harness.url}/api/v1/auth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
        body: JSON.stringify({ name: 'test', scopes: 'all', expiresInDays: 1 }),
      });
      assert.equal(created.status, 201, await created.clone().text());
      return (await created.json()) as { token: string; id: string };
    },
  };
}

/** A new user with one role binding, signed in with a password. */
export async function addMember(
  harness: Harness,
  username: string,
  role: 'Admin' | 'Editor' | 'Viewer',
  scope: Record<string, string>,
): Promise<Member> {
  const password = `${username}-password-123`;
  const user = await harness.call('POST', '/api/v1/users', { username, password });
  assert.equal(user.status, 201, JSON.stringify(user.body));
  const binding = await harness.call<{ id: string }>('POST', '/api/v1/rolebindings', {
    subject: { kind: 'user', name: username },
    role,
    scope,
  });
  assert.equal(binding.status, 201, JSON.stringify(binding.body));
  return { username, bindingId: binding.body.id, ...(await signIn(harness, username, password)) };
}

/** A new user with one role binding, and the Authorization header of an API token of theirs. */
export async function memberHeaders(
  harness: Harness,
  username: string,
  role: 'Admin' | 'Editor' | 'Viewer',
  scope: Record<string, string>,
): Promise<{ authorization: string }> {
  const { token } = await (await addMember(harness, username, role, scope)).newToken();
  return { authorization: `Bearer ${token}` };
}

/** Revokes one of the member's tokens through the API, as the member would. */
export async function revokeToken(harness: Harness, token: { token: string; id: string }): Promise<void> {
  const revoked = await fetch(`${harness.url}/api/v1/auth/tokens/${token.id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${token.token}` },
  });
  assert.equal(revoked.status, 204, await revoked.text());
}
