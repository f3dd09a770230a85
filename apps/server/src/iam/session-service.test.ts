import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { User } from '#server/store/iam/iam-store.ts';
import { hashSecret } from './opaque-secret.ts';
import { clearedSessionCookies, csrfProblem, readCookie, sessionCookies } from './session-cookie.ts';
import { csrfTokenFor } from './session-service.ts';
import { createTestIam, type TestIam } from './testing/iam-services.ts';

let iam: TestIam;
let user: User;
const from = { sourceIp: '127.0.0.1', userAgent: 'test' };
before(async () => {
  iam = await createTestIam({ sessionPolicy: { idleMs: 60_000, absoluteMs: 300_000, touchEveryMs: 10_000 } });
  user = await iam.users.createLocal({ username: 'sam', password: 'sam-password-123' });
});
after(() => iam.destroy());

test('sessions are stored hashed and end after idling, however often they were used before', async () => {
  const session = await iam.sessions.create(user, 'password', from);
  assert.equal(await iam.store.sessions.get(session.id), undefined, 'the id itself is not stored');
  assert.ok(await iam.store.sessions.get(hashSecret(session.id)));
  iam.advance(50_000);
  assert.ok(await iam.sessions.validate(session.id), 'used within the idle time');
  iam.advance(50_000);
  assert.ok(await iam.sessions.validate(session.id), 'the last use counts, not sign-in');
  iam.advance(60_000);
  assert.equal(await iam.sessions.validate(session.id), undefined);
  assert.equal(
    await iam.store.sessions.get(hashSecret(session.id)),
    undefined,
    'an expired session is removed',
  );
});

test('sessions end at the absolute limit even when busy', async () => {
  const session = await iam.sessions.create(user, 'password', from);
  for (let i = 0; i < 9; i++) {
    iam.advance(30_000);
    assert.ok(await iam.sessions.validate(session.id), `use ${i}`);
  }
  iam.advance(30_000);
  assert.equal(await iam.sessions.validate(session.id), undefined);
});

test('logout, logout everywhere but here, and disabling end sessions', async () => {
  const [a, b, c] = await Promise.all([1, 2, 3].map(() => iam.sessions.create(user, 'password', from)));
  await iam.sessions.logout(a?.id ?? '');
  assert.equal(await iam.sessions.validate(a?.id ?? ''), undefined);
  assert.equal(await iam.sessions.logoutEverywhere(user.id, b?.id), 1);
  assert.ok(await iam.sessions.validate(b?.id ?? ''));
  assert.equal(await iam.sessions.validate(c?.id ?? ''), undefined);
  await iam.users.setDisabled(user.id, true);
  assert.equal(await iam.sessions.validate(b?.id ?? ''), undefined);
  await iam.users.setDisabled(user.id, false);
});

test('cookies are HttpOnly (the id) and SameSite, Secure on https; CSRF is required for changes', async () => {
  const session = await iam.sessions.create(user, 'password', from);
  const [sid, csrf] = sessionCookies(session, 3600, { secure: true });
  assert.match(
    sid ?? '',
    /^portolan_session=[\w-]{43}; Path=\/; Max-Age=3600; SameSite=Lax; HttpOnly; Secure$/,
  );
  assert.match(csrf ?? '', /^portolan_csrf=[\w-]{43}; Path=\/; Max-Age=3600; SameSite=Lax; Secure$/);
  assert.doesNotMatch(sessionCookies(session, 1, { secure: false, sameSite: 'Strict' })[0] ?? '', /Secure/);
  assert.match(clearedSessionCookies({ secure: false })[0] ?? '', /Max-Age=0/);
  assert.equal(session.csrfToken, csrfTokenFor(session.id));
  assert.equal(readCookie({ cookie: `a=1; portolan_session=${session.id}` }, 'portolan_session'), session.id);

  const cookie = `portolan_session=${session.id}`;
  assert.equal(csrfProblem({ method: 'GET', headers: { cookie } }), undefined, 'reads need no token');
  assert.match(csrfProblem({ method: 'POST', headers: { cookie } }) ?? '', /X-CSRF-Token/);
  assert.match(
    csrfProblem({ method: 'DELETE', headers: { cookie, 'x-csrf-token': csrfTokenFor('another-session') } }) ??
      '',
    /X-CSRF-Token/,
  );
  assert.equal(
    csrfProblem({ method: 'POST', headers: { cookie, 'x-csrf-token': session.csrfToken } }),
    undefined,
  );
  assert.equal(csrfProblem({ method: 'POST', headers: { authorization: 'Bearer ptl_x' } }), undefined);
});
