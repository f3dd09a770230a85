import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

// The console tests' way of driving Chromium (apps/web/src/testing/browser.ts), written without the
// DOM's types: bench/ is type-checked as server code.
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Debian's Chromium (scripts/chromium.sh installs it when missing), headless. */
export function launchChromium(): Promise<Browser> {
  const executablePath = execFileSync('bash', [path.join(ROOT, 'scripts/chromium.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  const args = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  return chromium.launch({ executablePath, headless: true, args });
}

/** A page of a fresh context, 1440×900, in English and the light theme. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  await context.addInitScript({
    content:
      "localStorage.setItem('portolan.locale', 'en'); localStorage.setItem('portolan.theme', 'light');",
  });
  context.setDefaultTimeout(60_000);
  return context.newPage();
}

/** Signs in as the test harness's administrator through the sign-in page. */
export async function signInAsAdmin(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/sign-in/);
  await page.locator('#username').fill('admin');
  await page.locator('#password').fill('harness-admin-password');
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}
