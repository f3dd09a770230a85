import { PROPAGATION_WORDS } from '@portolan/api';

/**
 * The console's English for a propagation's reasons and events (issue #10): packages/api's own words
 * (the server makes its English from the same), under the console's keys. propagation-words-zh.ts has
 * 简体中文 for every key.
 */
type Prefixed<T> = { readonly [K in keyof T & string as `propagations.words.${K}`]: string };

export const propagationWordsEn = Object.fromEntries(
  Object.entries(PROPAGATION_WORDS).map(([code, words]) => [`propagations.words.${code}`, words]),
) as Prefixed<typeof PROPAGATION_WORDS>;

/** An event's reason, in English as the server sends it. */
export const eventReasonEn = {
  'propagations.eventReason.Applied': 'Applied',
  'propagations.eventReason.ApplyFailed': 'ApplyFailed',
  'propagations.eventReason.DriftRepaired': 'DriftRepaired',
  'propagations.eventReason.CleanedUp': 'CleanedUp',
  'propagations.eventReason.LeftInPlace': 'LeftInPlace',
  'propagations.eventReason.FailoverMoved': 'FailoverMoved',
  'propagations.eventReason.FailbackMoved': 'FailbackMoved',
  'propagations.eventReason.Forbidden': 'Forbidden',
  'propagations.eventReason.ClusterOffline': 'ClusterOffline',
  'propagations.eventReason.ClusterBack': 'ClusterBack',
} as const;
