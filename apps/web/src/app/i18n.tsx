import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { setErrorWords } from '../api/client.ts';
import type { MessageKey } from './en.ts';
import { type Formatters, formatters, translate } from './messages.ts';
import type { Locale } from './preferences.ts';
import { serverErrorText } from './server-errors.ts';

export interface I18n {
  locale: Locale;
  t(key: MessageKey, values?: Record<string, string | number>): string;
  format: Formatters;
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo<I18n>(() => {
    const t: I18n['t'] = (key, values) => translate(locale, key, values);
    // Refusals read in the console's language; in English the server's own words say the most.
    setErrorWords(locale === 'en' ? undefined : (body) => serverErrorText(body, t));
    return { locale, t, format: formatters(locale) };
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
