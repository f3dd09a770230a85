import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { favourBrowser } from './process-priority.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

/** The built console the server serves (scripts/setup.sh builds it). */
export const WEB_DIST = path.join(ROOT, 'apps/web/dist');

/** The administrator the test harness (apps/server/src/testing/portolan-harness.ts) creates. */
export const ADMIN = { username: 'admin', password: 'harness-admin-password' };

let chromiumPath: string | undefined;

/** Debian's Chromium, installed by scripts/chromium.sh when missing. */
export function findChromium(): string {
  chromiumPath ??= execFileSync('bash', [path.join(ROOT, 'scripts/chromium.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  return chromiumPath;
}

/** Fails with what to do when the console was never built, rather than testing a "not built" page. */
export function requireBuiltConsole(): void {
  if (!existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error(`the console is not built (${WEB_DIST}): run 'bash scripts/setup.sh' first`);
}

/** Headless Chromium through playwright-core; as root Chromium runs only without its sandbox. */
export async function launchBrowser(): Promise<Browser> {
  const args = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args });
  favourBrowser();
  return browser;
}

/** A page with a fixed size and a chosen language and theme, as a returning user would have them. */
export async function openPage(
  browser: Browser,
  options: { locale?: 'en' | 'zh-CN'; theme?: 'light' | 'dark' } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  await context.addInitScript(
    ([locale, theme]) => {
      if (locale && !localStorage.getItem('portolan.locale')) localStorage.setItem('portolan.locale', locale);
      if (theme && !localStorage.getItem('portolan.theme')) localStorage.setItem('portolan.theme', theme);
    },
    [options.locale ?? 'en', options.theme ?? 'light'],
  );
  await context.addInitScript({ content: recordNotices });
  // The machine is shared and small: give a slow moment room before calling it a failure.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  await throttle(page);
  return page;
}

/**
 * PORTOLAN_TEST_CPU_THROTTLE=N runs each page's scripts N times slower (Chromium's own CPU throttling),
 * as on a loaded CI machine: a test that waits for the address where it should wait for the page
 * (a render the router defers) fails here at once, not one CI run in many.
 */
async function throttle(page: Page): Promise<void> {
  const rate = Number(process.env.PORTOLAN_TEST_CPU_THROTTLE ?? '1');
  if (!(rate > 1)) return;
  const session = await page.context().newCDPSession(page);
  await session.send('Emulation.setCPUThrottlingRate', { rate });
}

/**
 * Keeps the text of every notice (antd's message and notification) the page shows, so a test can
 * ask for one after it has gone: on a loaded machine a 3-second notice can come and go between two
 * polls of a locator.
 */
const recordNotices = `
  const seen = [];
  window.__portolanNotices = seen;
  const selector = '.ant-message-notice, .ant-notification-notice';
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations)
      for (const node of mutation.addedNodes) {
        if (!(node instanceof HTMLElement)) continue;
        const notices = node.matches(selector) ? [node] : [...node.querySelectorAll(selector)];
        for (const notice of notices) seen.push(notice.textContent ?? '');
      }
  });
  document.addEventListener('DOMContentLoaded', () =>
    observer.observe(document.body, { childList: true, subtree: true }),
  );
`;

/** Waits until the page has shown a notice with this text, even if it has gone again since. */
export async function noticeShown(page: Page, text: string, timeout?: number): Promise<void> {
  try {
    await page.waitForFunction(
      // Runs in the page: recordNotices keeps the list there.
      (wanted) =>
        ((globalThis as { __portolanNotices?: string[] }).__portolanNotices ?? []).some((notice) =>
          notice.includes(wanted),
        ),
      text,
      { timeout },
    );
  } catch (error) {
    const seen = await page.evaluate(
      () => (globalThis as { __portolanNotices?: string[] }).__portolanNotices ?? [],
    );
    throw new Error(`no notice “${text}” was shown; the notices shown: ${JSON.stringify(seen)}`, {
      cause: error,
    });
  }
}

/** Signs in through the sign-in page, as a person does, and waits for the overview. */
export async function signIn(page: Page, baseUrl: string, user = ADMIN): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/sign-in/);
  await page.locator('#username').fill(user.username);
  await page.locator('#password').fill(user.password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** The little of the page's DOM that englishWords reads. */
interface PageDocument {
  body: { innerText: string };
  querySelectorAll(selector: string): Iterable<{ getAttribute(name: string): string | null }>;
}

/**
 * Latin words left in the page's visible text once the allowed ones are taken out: product and
 * technical names that stay as they are in Chinese, and the data the page shows (cluster names,
 * labels, addresses), which no translation changes.
 */
export async function englishWords(page: Page, allowed: readonly string[]): Promise<string[]> {
  const text = await page.evaluate(() => {
    // Runs in the page; typed by shape, since this file is also checked without the DOM library
    // (the benchmarks in bench/ import it).
    const document = (globalThis as unknown as { document: PageDocument }).document;
    return [
      // biome-ignore lint/performance/useDomNodeTextContent: the visible text is what a person reads
      document.body.innerText,
      // Ant Design's icons carry their English file names as aria-label (role img): not the console's words.
      ...[...document.querySelectorAll('[placeholder], [aria-label]:not([role=img]), [title]')].map(
        (element) =>
          ['placeholder', 'aria-label', 'title'].map((name) => element.getAttribute(name) ?? '').join(' '),
      ),
    ].join('\n');
  });
  const keep = new Set(
    [...ALWAYS_ALLOWED, ...allowed].flatMap((term) => term.toLowerCase().split(/[^a-z]+/)).filter(Boolean),
  );
  const words = text.match(/[A-Za-z]{2,}/g) ?? [];
  return [...new Set(words.filter((word) => !keep.has(word.toLowerCase())))];
}

/** Names a Chinese console writes as they are. */
const ALWAYS_ALLOWED = [
  'Portolan',
  'Kubernetes',
  'kubeconfig',
  'Kubeconfig',
  'API',
  'CPU',
  'English',
  'EN',
  'KiB MiB GiB TiB',
  'https http',
];
