import type { I18n } from '../../app/i18n.tsx';
import { wordedOr } from '../../app/worded.ts';
import { backupsEn } from './messages.ts';

type Translate = I18n['t'];
type Params = Record<string, string | number>;

/** The console's words for `key`, or the server's (`fallback`) for a code it does not know. */
function wordsOr(t: Translate, key: string, params: Params | undefined, fallback: string): string {
  return wordedOr(t, backupsEn, key, params, fallback);
}

/** Words from a code when there is one (`text` is the server's English, null when nothing is said). */
function coded(
  t: Translate,
  prefix: string,
  text: string | null,
  code: string | undefined,
  params: Params | undefined,
): string | null {
  return text === null || !code ? text : wordsOr(t, `${prefix}${code}`, params, text);
}

/** Why a restore plan does what it does with an object; null when it needs no reason. */
export const reasonText = (
  t: Translate,
  item: { reason: string | null; reasonCode?: string; reasonParams?: Params },
) => coded(t, 'backups.reasonCode.', item.reason, item.reasonCode, item.reasonParams);

/** Why an object failed to restore: a conflict's reason in words, Kubernetes' own answer as it is. */
export const resultError = (
  t: Translate,
  item: { error: string | null; errorCode?: string; errorParams?: Params },
) => coded(t, 'backups.reasonCode.', item.error, item.errorCode, item.errorParams);

/** Why a backup or restore ended without finishing. */
export const runError = (
  t: Translate,
  run: { error: string | null; errorCode?: string; errorParams?: Params },
) => coded(t, 'backups.errorCode.', run.error, run.errorCode, run.errorParams);

/** Why an object could not be backed up. */
export function failureText(
  t: Translate,
  failure: { reason: string; code?: string; params?: Params },
): string {
  const where = failure.code === 'list-failed' && failure.params?.namespace ? '.namespace' : '';
  return (
    coded(
      t,
      'backups.failureCode.',
      failure.reason,
      failure.code && `${failure.code}${where}`,
      failure.params,
    ) ?? ''
  );
}
