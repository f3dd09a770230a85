import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type IamTestApp, startIamTestApp } from '../../testing/iam-app.ts';

/** My API tokens list: one page, the total and the next page's token; filters and sort by the server. */
let t: IamTestApp;
let mine: { authorization: string };
let other: { authorization: string };
const DAY = 86_400_000;

interface Answer {
  items: Array<{ id: string; name: string; prefix: string; revokedAt: string | null }>;
  total: number;
  continue: string | null;
}

before(async () => {
  t = await startIamTestApp();
  const me = await t.iam.users.createLocal({ username: 'tess', password: 'tess-password-123' });
  const someone = await t.iam.users.createLocal({ username: 'otto', password: 'otto-password-123' });
  mine = {
    authorization: `Bearer ${(await t.iam.tokens.create(me.id, { name: 'login', scopes: 'all' })).token}`,
  };
  other = {
    authorization: `Bearer ${(await t.iam.tokens.create(someone.id, { name: 'otto-ci', scopes: 'all' })).token}`,
  };
  // Eleven more of tess's, a second apart: ci-01 … ci-10 and one that lives a day.
  for (let i = 1; i <= 10; i++) {
    t.iam.advance(1000);
    await t.iam.tokens.create(me.id, { name: `ci-${String(i).padStart(2, '0')}`, scopes: 'all' });
  }
  t.iam.advance(1000);
  await t.iam.tokens.create(me.id, { name: 'short', scopes: 'all', expiresInDays: 1 });
  const listed = await t.iam.tokens.list(me.id);
  const revoked = listed.find((token) => token.name === 'ci-03');
  assert.ok(revoked);
  await t.iam.tokens.revoke(me.id, revoked.id);
  t.iam.advance(2 * DAY);
});
after(() => t.close());

const get = async (url: string, who = mine) => {
  const response = await t.app.inject({ method: 'GET', url, headers: who });
  return { status: response.statusCode, body: response.json() as Answer & { error?: { message: string } } };
};

test('GET /api/v1/auth/tokens: newest first, a page, the total, and continue until the last page', async () => {
  const first = await get('/api/v1/auth/tokens?limit=5');
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.deepEqual(
    first.body.items.map((token) => token.name),
    ['short', 'ci-10', 'ci-09', 'ci-08', 'ci-07'],
  );
  assert.equal(first.body.total, 12, "tess's twelve tokens, none of otto's");
  const seen = first.body.items.map((token) => token.name);
  let next = first.body.continue;
  while (next) {
    const page = await get(`/api/v1/auth/tokens?limit=5&continue=${next}`);
    seen.push(...page.body.items.map((token) => token.name));
    next = page.body.continue;
  }
  assert.equal(seen.length, 12);
  assert.equal(new Set(seen).size, 12, 'no token twice');
  assert.ok(!seen.includes('otto-ci'));
  const jump = await get('/api/v1/auth/tokens?sort=name&limit=5&offset=10');
  assert.deepEqual(
    jump.body.items.map((token) => token.name),
    ['login', 'short'],
  );
  assert.equal(jump.body.continue, null, 'the last page has no continue');
});

test('the state and text filters and the sort are the server’s, and the total counts what matches', async () => {
  const expired = await get('/api/v1/auth/tokens?state=expired');
  assert.deepEqual(
    expired.body.items.map((token) => token.name),
    ['short'],
  );
  const revoked = await get('/api/v1/auth/tokens?state=revoked');
  assert.deepEqual(
    revoked.body.items.map((token) => token.name),
    ['ci-03'],
  );
  const active = await get('/api/v1/auth/tokens?state=active&q=CI-0&sort=name&order=desc&limit=3');
  assert.deepEqual(
    active.body.items.map((token) => token.name),
    ['ci-09', 'ci-08', 'ci-07'],
  );
  assert.equal(active.body.total, 8, 'ci-01 … ci-09 but the revoked ci-03');
  const byPrefix = await get(`/api/v1/auth/tokens?q=${encodeURIComponent(first(active.body).prefix)}`);
  assert.ok(
    byPrefix.body.items.some((token) => token.name === 'ci-09'),
    'the prefix matches too',
  );
  assert.equal((await get('/api/v1/auth/tokens', other)).body.total, 1, "otto sees only otto's");
});

test('bad paging, sort or filters are a 400 that names the parameter', async () => {
  const cases: Array<[string, RegExp]> = [
    ['/api/v1/auth/tokens?sort=secret', /query parameter "sort" must be one of: name, created/],
    ['/api/v1/auth/tokens?state=lost', /"state" must be one of: active, expired, revoked/],
    ['/api/v1/auth/tokens?colour=red', /unknown query parameter "colour"/],
    ['/api/v1/auth/tokens?limit=0', /limit/],
    ['/api/v1/auth/tokens?continue=bm90LWEtdG9rZW4', /continue/],
  ];
  for (const [url, names] of cases) {
    const answer = await get(url);
    assert.equal(answer.status, 400, `${url}: ${JSON.stringify(answer.body)}`);
    assert.match(answer.body.error?.message ?? '', names, url);
  }
});

const first = (answer: Answer) => {
  const [one] = answer.items;
  assert.ok(one);
  return one;
};
