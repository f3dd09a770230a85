import { useEffect, useRef, useState } from 'react';
import type { Locale, Theme } from '../../app/preferences.ts';
import { useSettings } from '../../app/settings.tsx';
import { kit as first, MONACO_LOADED, type MonacoKit } from './monaco.ts';

/**
 * Monaco cannot change its language once loaded: the find box's labels and the context menu's titles
 * are read into module constants as Monaco's modules are evaluated. A switch of language therefore
 * loads another copy, the same chunk under `?locale=` (a new address makes the browser evaluate it
 * afresh), and the editors are made again in it, keeping their text and cursor. Each language is
 * loaded at most once. The chunk holds all of Monaco in a production build; under the dev server
 * Monaco's own modules are shared, so there the switch takes effect on the next page load.
 */
const copies = new Map<Locale, Promise<MonacoKit>>([[first.monacoLocale, Promise.resolve(first)]]);
const loaded = new Map<Locale, MonacoKit>([[first.monacoLocale, first]]);

function load(locale: Locale): Promise<MonacoKit> {
  let copy = copies.get(locale);
  if (!copy) {
    const url = new URL(first.chunkUrl);
    url.searchParams.set('locale', locale);
    let heard: MonacoKit | undefined;
    const listener = (event: Event) => {
      const kit = (event as CustomEvent<MonacoKit>).detail;
      if (kit.monacoLocale === locale) heard = kit;
    };
    addEventListener(MONACO_LOADED, listener);
    copy = import(/* @vite-ignore */ url.href)
      .then(() => {
        if (!heard) throw new Error(`${url.href} loaded no Monaco for ${locale}`);
        loaded.set(locale, heard);
        return heard;
      })
      .finally(() => removeEventListener(MONACO_LOADED, listener));
    copies.set(locale, copy);
  }
  return copy;
}

/** Every loaded copy follows the theme: each keeps its own colour rules, and the later one wins. */
function applyTheme(theme: Theme): void {
  for (const kit of loaded.values()) kit.monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
}

/**
 * The copy of Monaco in the console's language, with the console's theme. While a copy for a newly
 * chosen language loads, the copy in hand stays (so does the editor); if it cannot load (offline, a
 * newer build on the server), the editor keeps the language it has.
 */
export function useMonaco(): MonacoKit {
  const { locale, theme } = useSettings();
  const [, loadedOne] = useState(0);
  const held = useRef<MonacoKit>(first);
  const kit = loaded.get(locale) ?? held.current;
  held.current = kit;

  useEffect(() => {
    if (loaded.has(locale) || import.meta.env.DEV) return;
    let live = true;
    load(locale).then(
      () => {
        if (live) loadedOne((count) => count + 1);
      },
      (error: unknown) => {
        console.warn(`Monaco in ${locale} could not be loaded; the editor keeps its language`, error);
      },
    );
    return () => {
      live = false;
    };
  }, [locale]);

  useEffect(() => {
    kit.speakMonacoLocale();
    applyTheme(theme);
  }, [kit, theme]);
  return kit;
}
