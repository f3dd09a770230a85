import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sharedSandboxes } from '@portolan/sandbox/testing';
import type { Browser, Page } from 'playwright-core';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';

// A real server serving the built console, one shared sandbox cluster registered in it, and two
// browsers: the administrator's and the new user's.
const sandbox = sharedSandboxes().clusters[0];
const CLUSTER = 'people-test';
const VIOLA = { username: 'viola', password: 'viola-password-123' };
let harness: Harness;
let browser: Browser;
let admin: Page;
let viola: Page;

before(async () => {
  assert.ok(sandbox, 'the test runner starts shared sandboxes');
  // PORTOLAN_TEST_WEB_DIR: a console built elsewhere (the shared tree may hold others' half-done pages).
  const web = process.env.PORTOLAN_TEST_WEB_DIR;
  if (!web) requireBuiltConsole();
  harness = await startHarness(web ? { args: ['--web-dir', web] } : {});
  await harness.register(CLUSTER, sandbox.kubeconfig);
  browser = await launchBrowser();
  admin = await openPage(browser, { locale: 'en' });
  // The namespace picker reads synced namespaces: wait until the store has them.
  for (let i = 0; i < 120; i++) {
    const found = await harness.call<{ items: unknown[] }>(
      'GET',
      `/api/v1/search?kinds=namespaces&clusters=${CLUSTER}&name=default&objects=false`,
    );
    if (found.body.items?.length) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
});

after(async () => {
  await browser?.close();
  await harness?.stop({ removeData: true });
});

/** An Ant Design select: open it by its label, type to narrow, pick the option. */
async function pick(page: Page, field: string, option: string) {
  const select = page.locator(`.ant-modal .ant-form-item:has(#${field}) .ant-select`);
  await select.click();
  await page.keyboard.type(option);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

test('the sign-in page offers the OpenID provider only when the server names one', async () => {
  const page = await openPage(browser, { locale: 'en' });
  const answered = page.waitForResponse('**/api/v1/auth/methods');
  await page.goto(`${harness.url}/sign-in`);
  assert.deepEqual(await (await answered).json(), { password: true, oidc: null });
  await page.locator('#username').waitFor();
  assert.equal(await page.getByRole('link', { name: /Sign in with/ }).count(), 0);
  // Configured, the server answers as apps/server's auth-routes.test.ts shows; here the page gets that answer.
  await page.route('**/api/v1/auth/methods', (route) =>
    route.fulfill({
      json: { password: true, oidc: { name: 'Example SSO', start: '/api/v1/auth/oidc/start' } },
    }),
  );
  await page.goto(`${harness.url}/sign-in?next=%2Fpeople`);
  const button = page.getByRole('link', { name: 'Sign in with Example SSO' });
  assert.equal(await button.getAttribute('href'), '/api/v1/auth/oidc/start?returnTo=%2Fpeople');
  await page.context().close();
});

test('an administrator creates a user; a bad username is refused on its field first', async () => {
  await signIn(admin, harness.url);
  await admin.locator('.ant-layout-sider').getByRole('link', { name: 'People', exact: true }).click();
  await admin.getByRole('tab', { name: 'Users' }).waitFor();
  await admin.locator('tr', { hasText: 'admin' }).waitFor();
  await admin.getByRole('button', { name: 'Create a user' }).click();
  await admin.locator('#username').fill('Bad Name');
  await admin.locator('#password').fill('short');
  await admin.locator('.ant-modal').getByRole('button', { name: 'Create' }).click();
  await admin
    .locator('.ant-form-item:has(#username) .ant-form-item-explain-error', { hasText: 'lower-case' })
    .waitFor();
  await admin
    .locator('.ant-form-item:has(#password) .ant-form-item-explain-error', { hasText: 'At least 12' })
    .waitFor();
  await admin.locator('#username').fill(VIOLA.username);
  await admin.locator('#password').fill(VIOLA.password);
  await admin.locator('.ant-modal').getByRole('button', { name: 'Create' }).click();
  await admin.locator('tr', { hasText: VIOLA.username }).filter({ hasText: 'Active' }).waitFor();
  const users = await harness.call<{ items: { username: string }[] }>('GET', '/api/v1/users');
  assert.ok(users.body.items.some((u) => u.username === VIOLA.username));
});

test('the administrator binds the user Viewer on one namespace, picked from the cluster’s namespaces', async () => {
  await admin.getByRole('tab', { name: 'Role bindings' }).click();
  await admin.getByRole('button', { name: 'Create a role binding' }).click();
  // The user picker asks the server for names containing what was typed, not for every user.
  const searched = admin.waitForRequest(
    (r) => r.url().includes('/api/v1/users?') && r.url().includes(`q=${VIOLA.username}`),
  );
  await pick(admin, 'name', VIOLA.username);
  assert.match((await searched).url(), /limit=20/);
  await admin.locator('.ant-modal .ant-segmented').getByText('Viewer').click();
  await pick(admin, 'cluster', CLUSTER);
  await pick(admin, 'namespace', 'default');
  await admin.locator('.ant-modal').getByRole('button', { name: 'Create' }).click();
  const row = admin.locator('tr', { hasText: VIOLA.username });
  await row
    .filter({ hasText: 'Viewer' })
    .filter({ hasText: `${CLUSTER} / default` })
    .waitFor();
  const bindings = await harness.call<{
    items: { subject: { name: string }; role: string; scope: object }[];
  }>('GET', '/api/v1/rolebindings');
  const made = bindings.body.items.filter((b) => b.subject.name === VIOLA.username);
  assert.deepEqual(
    made.map((b) => [b.role, b.scope]),
    [['Viewer', { level: 'namespace', cluster: CLUSTER, namespace: 'default' }]],
  );
});

test('the new user signs in elsewhere and sees neither People nor the audit log', async () => {
  viola = await openPage(browser, { locale: 'en' });
  await signIn(viola, harness.url, VIOLA);
  const menu = viola.locator('.ant-layout-sider .ant-menu');
  await menu.getByRole('link', { name: 'Clusters' }).waitFor();
  const entries = await menu.locator('.ant-menu-item').allInnerTexts();
  assert.ok(!entries.some((text) => /People|Audit/.test(text)), `menu: ${entries.join(', ')}`);
  // The administrator's menu has both.
  const adminEntries = await admin.locator('.ant-layout-sider .ant-menu .ant-menu-item').allInnerTexts();
  assert.ok(adminEntries.includes('People') && adminEntries.includes('Audit log'), adminEntries.join(', '));
  // Typed in by hand, the page says the user may not, and shows no list.
  await viola.goto(`${harness.url}/people`);
  await viola.getByText('You may not manage people or access.').waitFor();
  assert.equal(await viola.locator('.ant-table').count(), 0);
});

test('an API token is shown once at creation, then only by its name and prefix; it acts as its user', async () => {
  await viola.locator('.ant-layout-header button', { hasText: VIOLA.username }).hover();
  await viola.getByRole('link', { name: 'My account' }).click();
  await viola.locator('.ant-descriptions', { hasText: `${CLUSTER} / default` }).waitFor();
  await viola.getByRole('button', { name: 'Create a token' }).click();
  await viola.locator('.ant-modal #name').fill('ci-deploy');
  await viola.locator('.ant-modal').getByRole('button', { name: 'Create token' }).click();
  const shown = viola.getByTestId('new-token');
  await shown.waitFor();
  const token = ((await shown.textContent()) ?? '').trim();
  assert.match(token, /^ptl_\S{20,}$/);
  await viola.getByText('It is shown only this once').waitFor();
  await viola.getByRole('button', { name: 'I have copied it' }).click();
  await shown.waitFor({ state: 'detached' });
  const row = viola.locator('tr', { hasText: 'ci-deploy' });
  await row.filter({ hasText: 'Active' }).waitFor();
  const prefix = ((await row.locator('code').textContent()) ?? '').replace('…', '');
  assert.ok(token.startsWith(prefix) && prefix.length < token.length, `prefix ${prefix}`);
  // biome-ignore lint/performance/useDomNodeTextContent: the visible text is what a person reads
  const text = await viola.evaluate(() => document.body.innerText);
  assert.equal(text.includes(token), false, 'the secret is not on the page any more');
  await viola.reload();
  await viola.locator('tr', { hasText: 'ci-deploy' }).waitFor();
  assert.equal((await viola.content()).includes(token), false, 'nor after a reload');
  // The list is filtered, counted and paged by the server, the filter kept in the address.
  const asked = viola.waitForRequest((request) => {
    const url = new URL(request.url());
    return url.pathname === '/api/v1/auth/tokens' && url.searchParams.get('q') === 'no-such-token';
  });
  await viola.getByPlaceholder('Name or prefix').fill('no-such-token');
  await asked;
  await viola.getByText('No token matches these filters.').waitFor();
  await viola.waitForURL(/q=no-such-token/);
  await viola.getByPlaceholder('Name or prefix').fill('ci-dep');
  await viola.getByText('Tokens: 1').waitFor();
  await viola.locator('tr', { hasText: 'ci-deploy' }).waitFor();
  const me = await fetch(`${harness.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(((await me.json()) as { user: { username: string } }).user.username, VIOLA.username);
});

test('the audit log filtered by actor shows the binding the administrator made from the console', async () => {
  await admin.getByRole('link', { name: 'Audit log' }).click();
  // The People page behind has a table and a User box too: wait for the audit page itself.
  await admin.waitForURL(/\/audit/);
  await admin.getByRole('heading', { name: 'Audit log' }).waitFor();
  await admin.locator('.ant-table-row').first().waitFor();
  await admin.getByRole('searchbox', { name: 'User' }).fill('admin');
  await admin.getByRole('searchbox', { name: 'User' }).press('Enter');
  await admin.waitForURL(/actor=admin/);
  // Every row is the administrator's once the server's filtered answer is in: the server filtered.
  const actorCells = admin.locator('.ant-table-row td:nth-child(3)');
  let actors: string[] = [];
  for (let i = 0; i < 50; i++) {
    actors = await actorCells.allInnerTexts();
    if (actors.length > 0 && actors.every((actor) => actor === 'admin')) break;
    await admin.waitForTimeout(200);
  }
  assert.ok(actors.length > 0 && actors.every((actor) => actor === 'admin'), actors.join(', '));
  const row = admin
    .locator('.ant-table-row', { hasText: 'bindings:write' })
    .filter({ hasText: 'POST /api/v1/rolebindings' });
  await row.filter({ hasText: 'Allowed 201' }).first().waitFor();
  await row.first().locator('.ant-table-row-expand-icon').click();
  const details = admin.locator('.ant-table-expanded-row pre').first();
  await details.waitFor();
  const record = JSON.parse((await details.textContent()) ?? '') as {
    credential: string;
    route: string;
    actor: string;
  };
  assert.equal(record.route, '/api/v1/rolebindings');
  assert.equal(record.credential, 'session', 'made in the console, not with the harness token');
  // The new user's sign-in is not in the administrator's filtered view; it is in the user's own.
  await admin.goto(`${harness.url}/audit?actor=${VIOLA.username}&action=auth.*`);
  await admin.locator('.ant-table-row', { hasText: 'auth.login' }).first().waitFor();
});

test('60 users: the Users table pages, searches and moves on through the server, and keeps it in the address', async () => {
  const tellers = Array.from({ length: 60 }, (_, i) => `teller-${String(i + 1).padStart(2, '0')}`);
  for (const username of tellers) {
    const made = await harness.call('POST', '/api/v1/users', {
      username,
      password: `${username}-password`,
      displayName: `Teller ${username.slice(-2)}`,
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
  }
  const total = (await harness.call<{ total: number }>('GET', '/api/v1/users?limit=1')).body.total;
  assert.equal(total, 62, 'admin, viola and the 60 tellers');
  const asked: string[] = [];
  admin.on('request', (request) => {
    if (request.url().includes('/api/v1/users?')) asked.push(request.url());
  });

  await admin.goto(`${harness.url}/people?tab=users`);
  const rows = admin.locator('.ant-table-tbody tr.ant-table-row');
  await admin.locator('.ant-pagination-total-text', { hasText: '1–50 of 62' }).waitFor();
  assert.equal(await rows.count(), 50, 'one page of 50, not every user');
  await admin.getByText('Users: 62').waitFor();
  assert.ok(
    asked.some((url) => url.includes('limit=50') && url.includes('offset=0')),
    asked.join('\n'),
  );

  // A name typed in the search box is sent to the server, which answers only the matches.
  const searched = admin.waitForRequest(
    (r) => r.url().includes('/api/v1/users?') && r.url().includes('q=teller-0'),
  );
  await admin.getByRole('searchbox', { name: 'Search by name or email' }).fill('teller-0');
  await searched;
  await admin.getByText('Users: 9').waitFor();
  await admin.waitForURL(/[?&]q=teller-0/);
  assert.deepEqual((await rows.locator('td:first-child strong').allInnerTexts()).sort(), tellers.slice(0, 9));

  // Cleared, then page 2: the server's next 50 (ordered by username), here the last twelve.
  await admin.getByRole('searchbox', { name: 'Search by name or email' }).fill('');
  await admin.getByText('Users: 62').waitFor();
  const second = admin.waitForRequest(
    (r) => r.url().includes('/api/v1/users?') && r.url().includes('offset=50'),
  );
  await admin.locator('.ant-pagination-item-2').click();
  await second;
  await admin.locator('.ant-pagination-total-text', { hasText: '51–62 of 62' }).waitFor();
  await admin.waitForURL(/[?&]page=2/);
  await rows.first().filter({ hasText: 'teller-50' }).waitFor();
  assert.deepEqual(await rows.locator('td:first-child strong').allInnerTexts(), [
    ...tellers.slice(49),
    VIOLA.username,
  ]);
  // A reload keeps the page: it is in the address.
  await admin.reload();
  await admin.locator('.ant-pagination-total-text', { hasText: '51–62 of 62' }).waitFor();
});
