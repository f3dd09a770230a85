/** What the console remembers in the browser between visits: the language and the theme. */
export type Locale = 'en' | 'zh-CN';
export type Theme = 'light' | 'dark';

export const LOCALE_KEY = 'portolan.locale';
export const THEME_KEY = 'portolan.theme';

interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The remembered language, else the browser's when it prefers Chinese, else English. */
export function initialLocale(store: KeyValueStore, languages: readonly string[]): Locale {
  const saved = store.getItem(LOCALE_KEY);
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return languages.some((language) => language.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

/** The remembered theme, else the system's. */
export function initialTheme(store: KeyValueStore, prefersDark: boolean): Theme {
  const saved = store.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return prefersDark ? 'dark' : 'light';
}
