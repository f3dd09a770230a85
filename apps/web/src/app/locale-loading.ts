import type { Locale as AntdLocale } from 'antd/es/locale';
import enUS from 'antd/locale/en_US';
import { loadDictionary } from './messages.ts';
import type { Locale } from './preferences.ts';

/** Ant Design's own words (pagers, pickers, empty states) travel with the console's. */
const antdLocales: Partial<Record<Locale, AntdLocale>> = { en: enUS };

/** The console's words and Ant Design's for a language, loaded once (English is built in). */
export async function loadLocale(locale: Locale): Promise<void> {
  const antd = locale === 'zh-CN' && !antdLocales[locale] ? import('antd/locale/zh_CN') : undefined;
  await loadDictionary(locale);
  if (antd) antdLocales[locale] = (await antd).default;
}

export const antdLocaleOf = (locale: Locale): AntdLocale => antdLocales[locale] ?? enUS;
