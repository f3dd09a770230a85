import type { MessageKey } from '../../app/en.ts';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** "42 s", "3 min 5 s", "2 h 10 min". */
export function durationWords(t: Translate, ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return t('terminals.duration.seconds', { s: seconds });
  if (seconds < 3600)
    return t('terminals.duration.minutes', { m: Math.floor(seconds / 60), s: seconds % 60 });
  return t('terminals.duration.hours', {
    h: Math.floor(seconds / 3600),
    m: Math.floor((seconds % 3600) / 60),
  });
}
