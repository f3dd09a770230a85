import type { I18n } from '../../app/i18n.tsx';
import { under, wordedOr } from '../../app/worded.ts';
import { helmWordsEn } from '../helm-actions/helm-words.ts';
import type { JobState, JobStepView, JobView } from './jobs-api.ts';
import { jobsEn } from './messages.ts';

type Translate = I18n['t'];
type JobsKey = keyof typeof jobsEn;

const known = (key: string): key is JobsKey => key in jobsEn;

export const STATE_COLOR: Record<JobState, string> = {
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  cancelled: 'warning',
};

/** Where a job acted: cluster / namespace, or the platform (`platform`, already translated). */
export function whereOf(job: Pick<JobView, 'cluster' | 'namespace'>, platform: string): string {
  return job.cluster ? [job.cluster, job.namespace].filter(Boolean).join(' / ') : platform;
}

/** `helm.install` → "Helm install"; a kind the console does not know yet is shown as it is. */
export function kindLabel(t: Translate, kind: string): string {
  const key = `jobs.kind.${kind}`;
  return known(key) ? t(key) : kind;
}

/** The server's reasons that have a fixed shape, in the reader's language; any other as written. */
export function reasonText(t: Translate, reason: string): string {
  const by = /^Cancelled by (.+)$/.exec(reason);
  if (by) return t('jobs.reason.cancelledBy', { name: by[1] ?? '' });
  const stopped = /^Portolan replica (\S+) stopped while the job ran$/.exec(reason);
  if (stopped) return t('jobs.reason.replicaStopped', { replica: stopped[1] ?? '' });
  return reason;
}

type Values = Record<string, string | number>;

/**
 * Why a job failed, from the code and values its reason came with: a Helm operation's words
 * (helm-codes.ts) for a `helm.*` job; the English reason (its fixed shapes worded) otherwise, or when
 * the console does not know the code or lacks a value its words need.
 */
function codedReason(t: Translate, kind: string, english: string, code: unknown, values: Values): string {
  const fallback = reasonText(t, english);
  if (typeof code !== 'string' || !kind.startsWith('helm.')) return fallback;
  return wordedOr(t, helmWordsEn, `helmActions.error.${code}`, values, fallback);
}

/** A job's `error` in the reader's language. */
export function jobErrorText(
  t: Translate,
  job: Pick<JobView, 'kind' | 'error' | 'errorCode' | 'errorParams'>,
): string {
  return codedReason(t, job.kind, job.error ?? '', job.errorCode, job.errorParams ?? {});
}

/**
 * A step in the reader's language, from its code and parameters; a step the console has no words
 * for keeps the server's English text, so a new code is never lost.
 */
export function stepText(t: Translate, step: JobStepView, kind: string): string {
  const params: Record<string, string | number> = { ...step.params };
  if (typeof params.reason === 'string')
    params.reason = codedReason(t, kind, params.reason, params.reasonCode, under('reason', step.params));
  // A code whose words differ by the job's kind (a backup's progress counts objects written, a
  // restore's objects done).
  if (known(`jobs.step.${step.code}.${kind}`)) return t(`jobs.step.${step.code}.${kind}` as JobsKey, params);
  if (step.code === 'uninstalled' && params.keepHistory === 'yes') return t('jobs.step.uninstalled.kept');
  const key = `jobs.step.${step.code}`;
  // "Rendered 1 object", not "1 objects": a code with a count may have words for one.
  if (params.count === 1 && known(`${key}.one`)) return t(`${key}.one` as JobsKey, params);
  return known(key) ? t(key, params) : step.text;
}

/** What a job returned: a Helm release's revision in words; anything else as its JSON. */
export function resultText(t: Translate, result: unknown): string {
  const revision = (result as { revision?: unknown } | null)?.revision;
  if (typeof revision === 'number' && Object.keys(result as object).length === 1)
    return t('jobs.result.revision', { revision });
  return JSON.stringify(result);
}

/** How long from `from` to `to` (or to `now` while it runs): "42 s", "3 min 5 s", "1 h 4 min". */
export function durationText(t: Translate, from: string, to: string | null, now: number): string {
  const seconds = Math.max(
    0,
    Math.round(((to ? new Date(to).getTime() : now) - new Date(from).getTime()) / 1000),
  );
  if (seconds < 60) return t('jobs.duration.seconds', { s: seconds });
  if (seconds < 3600) return t('jobs.duration.minutes', { m: Math.floor(seconds / 60), s: seconds % 60 });
  return t('jobs.duration.hours', { h: Math.floor(seconds / 3600), m: Math.floor((seconds % 3600) / 60) });
}
