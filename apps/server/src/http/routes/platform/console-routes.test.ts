import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { type Harness, startHarness } from '#server/testing/portolan-harness.ts';

// A real server over a folder shaped like Vite's output, and one over a folder with no build.
let built: Harness;
let unbuilt: Harness;
let webDir: string;
const PAGE =
  '<!doctype html><title>Portolan console</title><script src="/assets/index-Ab12Cd34.js"></script>';

before(async () => {
  webDir = await mkdtemp(path.join(os.tmpdir(), 'portolan-web-'));
  await mkdir(path.join(webDir, 'assets'));
  await writeFile(path.join(webDir, 'index.html'), PAGE);
  await writeFile(path.join(webDir, 'assets', 'index-Ab12Cd34.js'), 'console.log("console")');
  await writeFile(path.join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  built = await startHarness({ args: ['--web-dir', webDir] });
  unbuilt = await startHarness({ args: ['--web-dir', path.join(webDir, 'missing')] });
});
after(async () => {
  await built.stop({ removeData: true });
  await unbuilt.stop({ removeData: true });
  await rm(webDir, { recursive: true, force: true });
});

const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

test('the console page is served at / without sign-in and is checked again on every load', async () => {
  const page = await fetch(`${built.url}/`, { headers: html });
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type') ?? '', /text\/html/);
  assert.equal(page.headers.get('cache-control'), 'no-cache');
  assert.equal(await page.text(), PAGE);
});

test('hashed assets are cached for a year; other files briefly', async () => {
  const asset = await fetch(`${built.url}/assets/index-Ab12Cd34.js`);
  assert.equal(asset.status, 200);
  assert.match(asset.headers.get('content-type') ?? '', /javascript/);
  assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(await asset.text(), 'console.log("console")');
  const icon = await fetch(`${built.url}/favicon.svg`);
  assert.equal(icon.status, 200);
  assert.equal(icon.headers.get('cache-control'), 'public, max-age=300');
});

test('a browser opening any console path gets the page, so links survive a reload', async () => {
  for (const where of ['/clusters', '/clusters/prod.eu/workloads?kind=Deployment', '/people/users']) {
    const page = await fetch(`${built.url}${where}`, { headers: html });
    assert.equal(page.status, 200, where);
    assert.equal(page.headers.get('cache-control'), 'no-cache', where);
    assert.equal(await page.text(), PAGE, where);
  }
});

test('API paths, missing files asked for by scripts, and escapes from the folder are not the page', async () => {
  for (const where of ['/api/v1/no-such-thing', '/k8s/clusters/x/api', '/metrics/nothing', '/docs/nothing']) {
    const answer = await fetch(`${built.url}${where}`, { headers: html });
    assert.equal(answer.status, 404, where);
    const body = (await answer.json()) as { error: { code: string } };
    assert.equal(body.error.code, 'not-found', where);
  }
  assert.equal((await fetch(`${built.url}/assets/gone-12345678.js`)).status, 404);
  const outside = await fetch(`${built.url}/..%2f..%2fetc%2fpasswd`, { headers: { accept: '*/*' } });
  assert.equal(outside.status, 404);
  // The API's own public routes are untouched.
  assert.equal((await fetch(`${built.url}/healthz`)).status, 200);
  assert.equal((await fetch(`${built.url}/openapi.json`, { headers: html })).status, 200);
});

test('without a built console, the page says how to build it', async () => {
  const page = await fetch(`${unbuilt.url}/`, { headers: html });
  assert.equal(page.status, 200);
  const text = await page.text();
  assert.match(text, /web console is not built/);
  assert.match(text, /scripts\/setup\.sh/);
  assert.match(text, /PORTOLAN_WEB_DIR/);
  const deep = await fetch(`${unbuilt.url}/workloads`, { headers: html });
  assert.match(await deep.text(), /web console is not built/);
});
