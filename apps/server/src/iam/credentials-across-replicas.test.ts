import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addMember, revokeToken } from '#server/testing/members.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

/**
 * Two replicas on one PostgreSQL database (the second over the first's data directory, so the same
 * database and encryption key): whatever one knows of sessions, tokens and failed sign-ins, the
 * other knows too, the revocations within the 5 s a replica remembers a caller.
 */
const CACHE_MS = 5_000;
let a: Harness;
let b: Harness;
before(async () => {
  // Open streams check their caller every second.
  const args = ['--access-recheck-seconds', '1'];
  a = await startHarness({ store: 'postgres', args });
  b = await startHarness({ store: 'postgres', dataDir: a.dataDir, args });
});
after(async () => {
  await b?.stop();
  await a?.stop({ removeData: true });
});

const me = (replica: Harness, headers: Record<string, string>) =>
  fetch(`${replica.url}/api/v1/auth/me`, { headers }).then((response) => response.status);

/** How long until `replica` refuses the credential, polling; fails after the cache time and a second. */
async function refusedWithin(replica: Harness, headers: Record<string, string>): Promise<number> {
  const started = Date.now();
  while ((await me(replica, headers)) !== 401) {
    assert.ok(Date.now() - started < CACHE_MS + 1_000, 'still accepted after the cache time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return Date.now() - started;
}

test('a session signed in on one replica works on the other; signing out on one ends it on both', async () => {
  const ana = await addMember(a, 'ana', 'Viewer', { level: 'platform' });
  const cookie = { cookie: ana.cookie };
  assert.equal(await me(b, cookie), 200);
  // A change needs the session's CSRF token on any replica.
  const token = await fetch(`${b.url}/api/v1/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...cookie, 'x-csrf-token': ana.csrf },
    body: JSON.stringify({ name: 'from b', scopes: 'all', expiresInDays: 1 }),
  });
  assert.equal(token.status, 201, await token.clone().text());
  const out = await fetch(`${a.url}/api/v1/auth/logout`, {
    method: 'POST',
    headers: { ...cookie, 'x-csrf-token': ana.csrf },
  });
  assert.equal(out.status, 204, await out.text());
  assert.equal(await me(a, cookie), 401, 'at once on the replica that signed out');
  await refusedWithin(b, cookie);
});

test('an API token made on one replica works on the other; revoked on one, refused on both', async () => {
  const ben = await addMember(a, 'ben', 'Viewer', { level: 'platform' });
  const token = await ben.newToken();
  const bearer = { authorization: `Bearer ${token.token}` };
  assert.equal(await me(b, bearer), 200);
  assert.equal(await me(a, bearer), 200);
  await revokeToken(b, token);
  assert.equal(await me(b, bearer), 401, 'at once on the replica that revoked it');
  await refusedWithin(a, bearer);
});

const signIn = (replica: Harness, username: string, password: string) =>
  fetch(`${replica.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

test('failed sign-ins count across replicas: a guesser switching replicas gets no extra tries', async () => {
  await addMember(a, 'cleo', 'Viewer', { level: 'platform' });
  // Five free attempts for one account from one address, wherever they land.
  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await signIn(i % 2 ? b : a, 'cleo', 'wrong-guess')).status);
  assert.deepEqual(statuses, [401, 401, 401, 401, 401]);
  for (const replica of [b, a]) {
    const refused = await signIn(replica, 'cleo', 'cleo-password-123');
    assert.equal(refused.status, 429, 'even the right password waits');
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    const body = (await refused.json()) as { error: { code: string } };
    assert.ok(body.error.code);
  }
});

test('a change stream open on one replica ends when its token is revoked on the other', async () => {
  const dora = await addMember(a, 'dora', 'Viewer', { level: 'platform' });
  const token = await dora.newToken();
  const response = await fetch(`${b.url}/api/v1/changes`, {
    headers: { authorization: `Bearer ${token.token}` },
  });
  assert.equal(response.status, 200);
  const ended = response.text();
  const started = Date.now();
  await revokeToken(a, token);
  const text = await ended;
  // The other replica's remembered caller lasts up to 5 s, its next check 1 s more.
  assert.ok(Date.now() - started < CACHE_MS + 2_000, `ended after ${Date.now() - started} ms`);
  assert.match(text, /event: ended\ndata: .*"code":"unauthenticated"/);
});
