/**
 * Monaco's own words (hovers, the diff's "hidden lines", the find box) in the console's language.
 * Monaco reads its messages from a global when it loads, so this module is imported before it: the
 * Chinese messages set that global, and it is cleared again for an English reader. A language chosen
 * after the editor first loaded takes effect for Monaco on the next page load.
 */
import 'monaco-editor/nls/lang/zh-cn.js';
import { initialLocale } from '../../app/preferences.ts';

const nls = globalThis as { _VSCODE_NLS_MESSAGES?: unknown; _VSCODE_NLS_LANGUAGE?: unknown };
if (initialLocale(localStorage, navigator.languages) !== 'zh-CN') {
  delete nls._VSCODE_NLS_MESSAGES;
  delete nls._VSCODE_NLS_LANGUAGE;
}
