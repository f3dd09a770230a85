import '@xterm/xterm/css/xterm.css';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { type ITerminalOptions, Terminal } from '@xterm/xterm';
import { theme } from 'antd';
import { useEffect, useRef, useState } from 'react';

export interface TerminalParts {
  terminal: Terminal;
  fit: FitAddon;
  search: SearchAddon;
}

/**
 * An xterm.js terminal in the element `ref` points at, fitted to it as it resizes (window or panel),
 * coloured from the Ant Design theme so it follows light and dark. Gone with the component.
 */
export function useTerminal(
  options: ITerminalOptions,
): [React.RefObject<HTMLDivElement | null>, TerminalParts | undefined] {
  const ref = useRef<HTMLDivElement>(null);
  const [parts, setParts] = useState<TerminalParts>();
  const { token } = theme.useToken();
  const optionsText = JSON.stringify(options);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const terminal = new Terminal({
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
      fontSize: 13,
      scrollback: 20_000,
      allowProposedApi: true,
      ...(JSON.parse(optionsText) as ITerminalOptions),
    });
    const fit = new FitAddon();
    const search = new SearchAddon({ highlightLimit: 2_000 });
    terminal.loadAddon(fit);
    terminal.loadAddon(search);
    terminal.open(element);
    const refit = () => {
      // A hidden panel has no size; fitting it would shrink the terminal to nothing.
      if (element.clientWidth > 0 && element.clientHeight > 0) fit.fit();
    };
    refit();
    const observer = new ResizeObserver(refit);
    observer.observe(element);
    setParts({ terminal, fit, search });
    return () => {
      observer.disconnect();
      terminal.dispose();
      setParts(undefined);
    };
  }, [optionsText]);

  useEffect(() => {
    if (!parts) return;
    parts.terminal.options.theme = {
      background: token.colorBgContainer,
      foreground: token.colorText,
      cursor: token.colorText,
      selectionBackground: token.colorPrimaryBg,
      selectionForeground: token.colorText,
    };
  }, [parts, token.colorBgContainer, token.colorText, token.colorPrimaryBg]);

  return [ref, parts];
}

/** Match colours for the search addon, from the theme. */
export function searchDecorations(token: ReturnType<typeof theme.useToken>['token']) {
  return {
    matchBackground: token.colorWarningBg,
    matchOverviewRuler: token.colorWarning,
    activeMatchBackground: token.colorWarning,
    activeMatchColorOverviewRuler: token.colorError,
  };
}

export async function copySelection(terminal: Terminal): Promise<void> {
  const text = terminal.getSelection();
  if (text) await navigator.clipboard?.writeText(text).catch(() => undefined);
  terminal.focus();
}

export async function pasteInto(terminal: Terminal): Promise<void> {
  const text = await navigator.clipboard?.readText().catch(() => '');
  if (text) terminal.paste(text);
  terminal.focus();
}

/**
 * Ctrl+Shift+C copies the selection and Ctrl+Shift+V pastes (plain Ctrl+C and Ctrl+V belong to the
 * shell). `more` sees other keydowns first: it returns false for a key it took.
 */
export function handleClipboardKeys(terminal: Terminal, more?: (event: KeyboardEvent) => boolean): void {
  terminal.attachCustomKeyEventHandler((event) => {
    if (event.type !== 'keydown') return true;
    if (event.ctrlKey && event.shiftKey && event.code === 'KeyC') {
      void copySelection(terminal);
      return false;
    }
    if (event.ctrlKey && event.shiftKey && event.code === 'KeyV') {
      void pasteInto(terminal);
      return false;
    }
    return more ? more(event) : true;
  });
}

/**
 * Find in a terminal with the search addon: `find(text, backwards)` moves to the next (or previous)
 * match and marks them all; `matches` says which of how many (undefined before a search).
 */
export function useTerminalFind(parts: TerminalParts | undefined) {
  const { token } = theme.useToken();
  const [matches, setMatches] = useState<{ index: number; count: number }>();
  useEffect(() => {
    if (!parts) return;
    const listener = parts.search.onDidChangeResults(({ resultIndex, resultCount }) =>
      setMatches({ index: resultIndex, count: resultCount }),
    );
    return () => listener.dispose();
  }, [parts]);
  const find = (text: string, backwards = false) => {
    if (!parts) return;
    if (!text) {
      parts.search.clearDecorations();
      setMatches(undefined);
      return;
    }
    const findOptions = { decorations: searchDecorations(token) };
    if (backwards) parts.search.findPrevious(text, findOptions);
    else parts.search.findNext(text, findOptions);
  };
  return { matches, find };
}
