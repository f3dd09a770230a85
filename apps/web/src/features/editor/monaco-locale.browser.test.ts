import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sharedSandboxes } from '@portolan/sandbox/testing';
import type { Browser, Page } from 'playwright-core';
import { type Harness, startHarness } from '../../../../server/src/testing/portolan-harness.ts';
import { launchBrowser, openPage, requireBuiltConsole, signIn } from '../../testing/browser.ts';

// A real server serving the built console, one shared sandbox, Debian's Chromium: switching the
// console to 简体中文 with a YAML editor open turns Monaco's own words (context menu, find box) Chinese
// at once, without a page load, and the editor keeps its text and cursor; and back to English.
const { clusters } = sharedSandboxes();
const sandbox = clusters[0];
const CLUSTER = 'monaco-words';
let harness: Harness;
let browser: Browser;
let page: Page;

before(async () => {
  requireBuiltConsole();
  assert.ok(sandbox, 'the test runner starts shared sandboxes');
  harness = await startHarness();
  await harness.register(CLUSTER, sandbox.kubeconfig);
  browser = await launchBrowser();
  page = await openPage(browser, { locale: 'en' });
});

after(async () => {
  await browser?.close();
  await harness?.stop({ removeData: true });
});

const editor = () => page.locator('[data-editor="YAML"]');

/** The context menu's entries, opened on the editor's text and closed again. */
async function contextMenu(): Promise<string> {
  await editor().locator('.view-line').first().click({ button: 'right' });
  const menu = page.locator('.monaco-menu').first();
  await menu.waitFor();
  const text = ((await menu.textContent()) ?? '').replace(/\s+/g, ' ');
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'detached' });
  return text;
}

test('a switch to 简体中文 turns the open editor’s menu and find box Chinese, keeping text and cursor', async () => {
  await signIn(page, harness.url);
  await page.goto(`${harness.url}/create/yaml?cluster=${CLUSTER}`);
  await page.locator('input[type=file]').setInputFiles({
    name: 'settings.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n'),
  });
  await editor().locator('.view-line', { hasText: 'name: settings' }).waitFor();
  assert.match(await contextMenu(), /Cut.*Copy.*Command Palette/);

  // The cursor at the end of the name, in the English editor, whose element is marked as the old one.
  await editor().locator('.view-line', { hasText: 'name: settings' }).click();
  await page.keyboard.press('End');
  // Where the cursor is drawn (its visibility follows focus, which the language switch takes).
  const cursor = async () =>
    /top: \d+px; left: \d+px/.exec(
      (await editor().locator('.cursors-layer .cursor').first().getAttribute('style')) ?? '',
    )?.[0];
  const before = await cursor();
  assert.ok(before, 'the cursor is drawn');
  await editor()
    .locator('.monaco-editor')
    .evaluate((element) => element.setAttribute('data-old', ''));
  const loads: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) loads.push(frame.url());
  });

  await page.getByText('简体中文').click();
  await page.getByRole('heading', { name: '通过 YAML 创建' }).waitFor();
  // The editor is made again, in the Chinese copy of Monaco, with the same text and cursor.
  await editor().locator('.monaco-editor:not([data-old])').waitFor();
  await editor().locator('.view-line', { hasText: 'name: settings' }).waitFor();
  assert.equal(await cursor(), before, 'the cursor where it was');
  await editor().locator('.view-line', { hasText: 'name: settings' }).click();
  await page.keyboard.press('End');
  await page.keyboard.type('-v2');
  await editor().locator('.view-line', { hasText: 'name: settings-v2' }).waitFor();

  const menu = await contextMenu();
  assert.match(menu, /剪切.*复制.*命令面板/, menu);
  assert.doesNotMatch(menu, /Cut|Copy|Command Palette/);

  await page.keyboard.press('Control+f');
  const find = page.locator('.find-widget textarea, .find-widget input').first();
  await find.waitFor();
  assert.equal(await find.getAttribute('placeholder'), '查找');
  await page.keyboard.press('Escape');

  // And back: the English copy, loaded first, is used again, and its late words are English too.
  await page.getByText('English').click();
  await page.getByRole('heading', { name: 'Create from YAML' }).waitFor();
  await editor().locator('.view-line', { hasText: 'name: settings-v2' }).waitFor();
  let english = '';
  for (let tries = 0; tries < 20 && !english.includes('Cut'); tries++) english = await contextMenu();
  assert.match(english, /Cut.*Copy.*Command Palette/, english);
  assert.deepEqual(loads, [], 'no page load');
});
