import { eventually } from '@portolan/sandbox/testing';
import type { Locator, Page } from 'playwright-core';

// How the terminal tests (and the click-to-prompt benchmark) drive the dock as a person would.
// Written without the DOM's types: bench/ imports it and is checked as server code.

/** The dock's tab `index` (0-based, in the order they were opened). */
export const terminalTab = (page: Page, index = 0): Locator =>
  page.locator('[data-testid=terminal-tab]').nth(index);

/** What the tab's terminal shows now (its rows run together, without line breaks). */
export async function screenText(page: Page, index = 0): Promise<string> {
  return (await terminalTab(page, index).locator('.xterm-rows').textContent()) ?? '';
}

/** Waits until the tab's terminal shows `text` (a string or a pattern). */
export async function waitForScreen(
  page: Page,
  text: string | RegExp,
  index = 0,
  timeoutMs = 30_000,
): Promise<string> {
  return eventually(
    `the terminal to show ${String(text)}`,
    async () => {
      const shown = await screenText(page, index);
      return (typeof text === 'string' ? shown.includes(text) : text.test(shown)) ? shown : undefined;
    },
    timeoutMs,
    200,
  );
}

/** The prompt: the tab is connected (shown or not) and the shell has printed something. */
export async function waitForPrompt(page: Page, index = 0, timeoutMs = 30_000): Promise<void> {
  await eventually(
    'the terminal to connect',
    async () =>
      (await terminalTab(page, index).getAttribute('data-state')) === 'connected' ? true : undefined,
    timeoutMs,
    100,
  );
  await waitForScreen(page, /\S/, index, timeoutMs);
}

/** Types a command into the tab's terminal and presses Enter. */
export async function run(page: Page, command: string, index = 0): Promise<void> {
  await terminalTab(page, index).locator('.xterm-screen').click();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}

/** The top bar's Terminal: the cluster searched for in its picker and chosen. */
export async function openFromTopBar(page: Page, cluster: string): Promise<void> {
  await page.getByTestId('top-bar-terminal').click();
  const dialog = page.getByRole('dialog');
  const search = dialog.getByRole('combobox');
  await search.fill(cluster);
  // On a loaded machine the list can be drawn again (the clusters query refetched) under the click,
  // which then chooses nothing: the picker stays open. Choose again, at most three times.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0 && !(await page.locator('.ant-select-dropdown:visible').count())) await search.click();
    await page.locator('.ant-select-item-option', { hasText: cluster }).click();
    const closed = await dialog.waitFor({ state: 'hidden', timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (closed) return;
  }
  throw new Error(`the terminal picker stayed open after choosing ${cluster} three times`);
}
