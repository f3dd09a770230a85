import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addMember, revokeToken } from '#server/testing/members.ts';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

// Open answers are checked every second (besides at once on this server's own changes).
let harness: Harness;
before(async () => {
  harness = await startHarness({ args: ['--access-recheck-seconds', '1'] });
});
after(async () => {
  await harness?.stop({ removeData: true });
});

/** A user who may read everything (a platform Viewer), signed in, with an API token. */
async function member(username: string) {
  const made = await addMember(harness, username, 'Viewer', { level: 'platform' });
  return { ...made, token: await made.newToken() };
}

/** Opens the change stream; `ended` resolves with all it said once the server ends it. */
async function openStream(headers: Record<string, string>) {
  const response = await fetch(`${harness.url}/api/v1/changes`, { headers });
  assert.equal(response.status, 200);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  let text = '';
  const ended = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return text;
      text += Buffer.from(value).toString('utf8');
    }
  })();
  // The stream is open and holding until something takes access away.
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.match(text, /: connected/);
  return {
    /** Resolves when the stream ends, within `ms` of being asked, else fails. */
    async endsWithin(ms: number): Promise<{ text: string; error: { code: string; message: string } }> {
      const started = Date.now();
      const timer = setTimeout(() => void reader.cancel(), ms);
      const all = await ended.catch(() => text);
      clearTimeout(timer);
      const elapsed = Date.now() - started;
      assert.ok(elapsed < ms, `the stream was still open ${elapsed} ms after access was taken away`);
      const last = /event: ended\ndata: (.*)\n\n$/.exec(all);
      assert.ok(last, `the stream says why it ends: ${all}`);
      return { text: all, error: JSON.parse(last[1] ?? '{}').error };
    },
  };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

test('an open change stream ends within seconds after its token is revoked', async () => {
  const mia = await member('mia');
  const stream = await openStream(bearer(mia.token.token));
  await revokeToken(harness, mia.token);
  const { error } = await stream.endsWithin(3000);
  assert.equal(error.code, 'unauthenticated');
  assert.match(error.message, /revoked/);
  assert.equal(
    (await fetch(`${harness.url}/api/v1/changes`, { headers: bearer(mia.token.token) })).status,
    401,
  );
});

test('an open change stream ends within seconds after the caller’s only role binding is deleted', async () => {
  const noa = await member('noa');
  const stream = await openStream(bearer(noa.token.token));
  assert.equal((await harness.call('DELETE', `/api/v1/rolebindings/${noa.bindingId}`)).status, 204);
  const { error } = await stream.endsWithin(3000);
  assert.equal(error.code, 'forbidden');
  assert.match(error.message, /resources:read/);
  assert.equal(
    (await fetch(`${harness.url}/api/v1/changes`, { headers: bearer(noa.token.token) })).status,
    403,
  );
});

test('a stream opened from a session ends when the user signs out, or is disabled', async () => {
  const ola = await member('ola');
  const session = await openStream({ cookie: ola.cookie });
  const signedOut = await fetch(`${harness.url}/api/v1/auth/logout`, {
    method: 'POST',
    headers: { cookie: ola.cookie, 'x-csrf-token': ola.csrf },
  });
  assert.ok(signedOut.status < 300, String(signedOut.status));
  assert.equal((await session.endsWithin(3000)).error.code, 'unauthenticated');

  const withToken = await openStream(bearer(ola.token.token));
  const disabled = await harness.call('PATCH', '/api/v1/users/ola', { disabled: true });
  assert.equal(disabled.status, 200, JSON.stringify(disabled.body));
  assert.equal((await withToken.endsWithin(3000)).error.code, 'unauthenticated');
});

test('a stream opened from a session ends when an administrator sets the user’s password', async () => {
  const uma = await member('uma');
  const stream = await openStream({ cookie: uma.cookie });
  const set = await harness.call('PUT', '/api/v1/users/uma/password', { password: 'a-new-password-456' });
  assert.equal(set.status, 204, JSON.stringify(set.body));
  assert.equal((await stream.endsWithin(3000)).error.code, 'unauthenticated');
});

test('a revocation saved by another replica ends the stream too', async () => {
  const pia = await member('pia');
  const stream = await openStream(bearer(pia.token.token));
  // A second server on the same data: its change is not heard here, only found by the timer.
  const replica = await startHarness({ dataDir: harness.dataDir });
  try {
    await revokeToken(replica, pia.token);
    // The caller may be remembered for up to 5 s; the check runs every second.
    assert.equal((await stream.endsWithin(8000)).error.code, 'unauthenticated');
  } finally {
    await replica.stop();
  }
});
