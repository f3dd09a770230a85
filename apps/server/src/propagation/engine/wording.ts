import {
  type PropagationCode,
  type PropagationParams,
  type PropagationWording,
  propagationEnglish,
} from '@portolan/api';

/** A code and its values. */
export const wording = (code: PropagationCode, params: PropagationParams = {}): PropagationWording => ({
  code,
  params,
});

/** A reason as the store keeps it: the English made from the code, and the code beside it. */
export const because = (why: PropagationWording) => ({ reason: propagationEnglish(why), reasonWording: why });

/** No reason: the English and its code both go. */
export const noReason = { reason: null, reasonWording: null } as const;

/**
 * An error that carries its code and values (a source that cannot be read): its message is their
 * English, so whoever shows only the message says the same.
 */
export class WordedError extends Error {
  readonly wording: PropagationWording;
  constructor(wording: PropagationWording) {
    super(propagationEnglish(wording));
    this.wording = wording;
  }
}
