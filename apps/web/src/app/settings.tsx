import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { loadLocale } from './locale-loading.ts';
import {
  initialLocale,
  initialTheme,
  LOCALE_KEY,
  type Locale,
  THEME_KEY,
  type Theme,
} from './preferences.ts';

interface Settings {
  locale: Locale;
  theme: Theme;
  setLocale(locale: Locale): void;
  setTheme(theme: Theme): void;
}

const SettingsContext = createContext<Settings | undefined>(undefined);

/** The language and theme, remembered in localStorage so the next visit opens the same way. */
export function SettingsProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState(() => initialLocale(localStorage, navigator.languages));
  const [theme, setThemeState] = useState(() =>
    initialTheme(localStorage, matchMedia('(prefers-color-scheme: dark)').matches),
  );
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(LOCALE_KEY, next);
    void loadLocale(next).then(() => setLocaleState(next));
  }, []);
  const setTheme = useCallback((next: Theme) => {
    localStorage.setItem(THEME_KEY, next);
    setThemeState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dataset.theme = theme;
  }, [locale, theme]);
  const value = useMemo(() => ({ locale, theme, setLocale, setTheme }), [locale, theme, setLocale, setTheme]);
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): Settings {
  const settings = useContext(SettingsContext);
  if (!settings) throw new Error('useSettings outside SettingsProvider');
  return settings;
}
