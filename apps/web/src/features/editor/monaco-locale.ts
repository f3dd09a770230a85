/**
 * Monaco's own words (hovers, the diff's "hidden lines", the find box, the context menu) in the
 * console's language. Monaco reads most of its words once, when its modules are evaluated (the find
 * box's labels and the menu's titles are module constants), so one loaded copy speaks one language:
 * a copy for another language is the same bundle chunk imported again under `?locale=` (see
 * use-monaco.ts), and this module, evaluated again in that copy, reads which language it is for.
 * The Chinese messages set Monaco's global as they load; it is cleared again for an English copy.
 */
import 'monaco-editor/nls/lang/zh-cn.js';
import { initialLocale, type Locale } from '../../app/preferences.ts';

const nls = globalThis as { _VSCODE_NLS_MESSAGES?: unknown; _VSCODE_NLS_LANGUAGE?: unknown };
const chinese = { messages: nls._VSCODE_NLS_MESSAGES, language: nls._VSCODE_NLS_LANGUAGE };

const asked = new URL(import.meta.url).searchParams.get('locale');
/** The language of this copy of Monaco: the one it was imported for, else the reader's. */
export const monacoLocale: Locale =
  asked === 'en' || asked === 'zh-CN' ? asked : initialLocale(localStorage, navigator.languages);

/**
 * Points Monaco's global at this copy's language. Words Monaco looks up late (a hover's, a marker's)
 * read the global when shown, so the copy in use sets it whenever it is handed out.
 */
export function speakMonacoLocale(): void {
  if (monacoLocale === 'zh-CN') {
    nls._VSCODE_NLS_MESSAGES = chinese.messages;
    nls._VSCODE_NLS_LANGUAGE = chinese.language;
  } else {
    delete nls._VSCODE_NLS_MESSAGES;
    delete nls._VSCODE_NLS_LANGUAGE;
  }
}

speakMonacoLocale();
