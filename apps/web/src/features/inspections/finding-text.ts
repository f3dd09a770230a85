import type { MessageKey } from '../../app/en.ts';
import type { I18n } from '../../app/i18n.tsx';
import { fits, under } from '../../app/worded.ts';
import { syncReasonText } from '../cluster/sync-reason.ts';
import { detailInside } from '../clusters/cluster-reason.ts';
import { findingWordsEn } from './finding-words.ts';

type Params = Record<string, string | number>;
type Words = Pick<I18n, 't' | 'format'>;

/** What a finding (or a run's error) says: the server's English, and its code and values when it has them. */
export interface Coded {
  message: string;
  code?: string | undefined;
  params?: Params | undefined;
}

/** Values whose names say they are instants: written as the reader's dates. */
const DATES = new Set(['expiresAt']);

const known = (key: string): key is keyof typeof findingWordsEn => key in findingWordsEn;

/**
 * The values as the words show them: numbers and dates the reader's way, and a reason carried inside
 * (a sync's failure, the cluster's reason, another finding's) in the reader's words as `detail`.
 */
function shown(words: Words, params: Params): Params {
  const { t, format } = words;
  const values: Params = {};
  for (const [name, value] of Object.entries(params)) {
    if (name.includes('.')) continue;
    values[name] =
      typeof value === 'number'
        ? format.number(value)
        : DATES.has(name) && !Number.isNaN(Date.parse(value))
          ? format.dateTime(value)
          : value;
  }
  const detail = typeof params.detail === 'string' ? params.detail : undefined;
  if (detail !== undefined && typeof params.syncCode === 'string')
    values.detail = syncReasonText(t, {
      message: detail,
      reasonCode: params.syncCode,
      reasonParams: under('sync', params),
      kinds: typeof params.kind === 'string' ? [params.kind] : [],
    });
  else {
    const inside = detailInside(t, params, (message, code, inner) =>
      findingText(words, { message, code, params: inner }),
    );
    if (inside !== undefined) values.detail = inside;
  }
  return values;
}

/** `key`'s words with the values, or undefined when the console has none or lacks a value they need. */
function worded(words: Words, key: string, params: Params): string | undefined {
  if (!known(key)) return undefined;
  if (!fits(findingWordsEn[key], params)) return undefined;
  return words.t(key as MessageKey, shown(words, params));
}

/** What a finding says in the reader's language; the server's English for a code the console does not know. */
export function findingText(words: Words, finding: Coded): string {
  if (!finding.code || !finding.params) return finding.message;
  return worded(words, `inspections.finding.${finding.code}`, finding.params) ?? finding.message;
}

/** Why a run failed, in the reader's language; the server's English for an unknown code or none. */
export function runErrorText(
  words: Words,
  run: { error?: string; errorCode?: string; errorParams?: Params },
): string {
  const message = run.error ?? '';
  if (!run.errorCode || !run.errorParams) return message;
  return worded(words, `inspections.runError.${run.errorCode}`, run.errorParams) ?? message;
}

/** An item's why or fix in the reader's language; the server's English for an item the console does not know. */
export function itemText(words: Words, part: 'why' | 'fix', item: string, english: string): string {
  const key = `inspections.${part}.${item}`;
  return known(key) ? words.t(key as MessageKey) : english;
}
