import type { MessageKey } from '../../app/en.ts';
import type { I18n } from '../../app/i18n.tsx';
import { fits } from '../../app/worded.ts';
import { detailInside } from '../clusters/cluster-reason.ts';
import { eventReasonEn, propagationWordsEn } from './propagation-words.ts';

type Params = Record<string, string | number>;
type Words = Pick<I18n, 't' | 'format'>;

/** What a target, an object or an event says: the server's English, and its code and values when it has them. */
export interface Coded {
  english: string;
  code?: string | undefined;
  params?: Params | undefined;
}

const known = (key: string): key is keyof typeof propagationWordsEn => key in propagationWordsEn;

/** Numbers that name something (a generation, an index in spec.overrides or in an array), not amounts. */
const NAMES = new Set(['generation', 'override', 'index']);

/** The values as the words show them: numbers the reader's way, a reason inside in the reader's words. */
function shown(words: Words, params: Params): Params {
  const values: Params = {};
  for (const [name, value] of Object.entries(params)) {
    if (name.includes('.')) continue;
    values[name] = typeof value === 'number' && !NAMES.has(name) ? words.format.number(value) : value;
  }
  const inside = detailInside(words.t, params, (english, code, inner) =>
    propagationText(words, { english, code, params: inner }),
  );
  if (inside !== undefined) values.detail = inside;
  return values;
}

/**
 * A propagation's reason or event in the reader's language, from its code and values; the server's
 * English when the console does not know the code or lacks a value its words need.
 */
export function propagationText(words: Words, said: Coded): string {
  if (!said.code || !said.params) return said.english;
  const key = `propagations.words.${said.code}`;
  if (!known(key)) return said.english;
  if (!fits(propagationWordsEn[key], said.params as Params)) return said.english;
  return words.t(key as MessageKey, shown(words, said.params));
}

/** A target's or object's reason in the reader's language. */
export const reasonText = (
  words: Words,
  from: { reason?: string; reasonCode?: string; reasonParams?: Params },
): string =>
  propagationText(words, { english: from.reason ?? '', code: from.reasonCode, params: from.reasonParams });

/** An event's message in the reader's language. */
export const eventText = (
  words: Words,
  event: { message: string; messageCode?: string; messageParams?: Params },
): string =>
  propagationText(words, { english: event.message, code: event.messageCode, params: event.messageParams });

/** An event's reason (Applied, Forbidden, …) in the reader's language; as sent when the console does not know it. */
export function eventReasonText(words: Pick<I18n, 't'>, reason: string): string {
  const key = `propagations.eventReason.${reason}`;
  return key in eventReasonEn ? words.t(key as MessageKey) : reason;
}

/** A PUT's or a preview's warnings in the reader's language, each from its code when it came with one. */
export function warningTexts(
  words: Words,
  answer: { warnings?: string[]; warningCodes?: { code: string; params: Params }[] },
): string[] {
  return (answer.warnings ?? []).map((english, index) => {
    const coded = answer.warningCodes?.[index];
    return propagationText(words, { english, code: coded?.code, params: coded?.params });
  });
}
