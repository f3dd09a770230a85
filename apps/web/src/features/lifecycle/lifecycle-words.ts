import type { MessageKey } from '../../app/en.ts';
import type { I18n } from '../../app/i18n.tsx';
import { wordedOr } from '../../app/worded.ts';
import { clusterEn } from '../cluster/messages.ts';
import { reasonText } from '../jobs/job-words.ts';
import type { JobStepView } from '../jobs/jobs-api.ts';
import type { Operation, OperationStep, PreflightCheck } from './lifecycle-api.ts';
import { lifecycleEn } from './messages.ts';

type Translate = I18n['t'];
type Params = Record<string, string | number>;

/**
 * The console's words for `key` with `params`, or `fallback` (the server's English) when it has no
 * words for the key or the words need a value the server did not send: a new code is never lost
 * and never shows a bare {placeholder}.
 */
export function wordsOr(t: Translate, key: string, params: Params | undefined, fallback: string): string {
  return wordedOr(t, lifecycleEn, key, params, fallback);
}

/** A step's title from its code (or `titleCode`, the same work said another way). */
export function titleOf(t: Translate, step: Pick<OperationStep, 'code' | 'params' | 'title' | 'titleCode'>) {
  return wordsOr(t, `lifecycle.code.${step.titleCode ?? step.code}`, step.params, step.title);
}

/** The values of a message, themselves in the reader's language where the server wrote words. */
function paramsOf(t: Translate, params: Params | undefined): Params | undefined {
  if (!params) return params;
  const out: Params = { ...params };
  if (typeof out.reason === 'string') out.reason = reasonText(t, out.reason);
  if (typeof out.checks === 'string')
    out.checks = out.checks
      .split(',')
      .map((id) => wordsOr(t, `lifecycle.check.${id}`, {}, id))
      .join(t('lifecycle.listSeparator'));
  return out;
}

/** What a step did or why it stopped, from its code; the server's words for one without. */
export function stepMessage(
  t: Translate,
  step: Pick<OperationStep, 'message' | 'messageCode' | 'messageParams'>,
) {
  if (!step.message) return null;
  if (!step.messageCode) return step.message;
  return wordsOr(t, `lifecycle.said.${step.messageCode}`, paramsOf(t, step.messageParams), step.message);
}

/** Why the operation stopped, from its code; the server's words for one without. */
export function failureText(t: Translate, failure: NonNullable<Operation['failure']>): string {
  if (!failure.code) return failure.reason;
  return wordsOr(t, `lifecycle.said.${failure.code}`, paramsOf(t, failure.params), failure.reason);
}

/** A preflight check's title by its id and its finding by its code. */
export function checkTitle(t: Translate, check: PreflightCheck): string {
  return wordsOr(t, `lifecycle.check.${check.id}`, {}, check.title);
}

export function checkMessage(t: Translate, check: PreflightCheck): string {
  return wordsOr(t, check.code, check.params, check.message);
}

/** What a `lifecycle.waiting` line waits for (`wait` and its values), else the server's words. */
function waitText(t: Translate, params: Params): string {
  const what = String(params.what ?? '');
  if (params.wait === 'nodes') {
    const parts = (['missing', 'notReady', 'behind'] as const)
      .filter((part) => params[part])
      .map((part) =>
        t(`lifecycle.wait.nodes.${part}`, { nodes: params[part] ?? '', version: params.version ?? '' }),
      );
    return parts.length ? parts.join(t('lifecycle.partSeparator')) : what;
  }
  // A cluster's sync state in the words the cluster pages use for it.
  const state = `clusterPage.syncState.${params.state}`;
  const values =
    params.wait === 'sync-state' && state in clusterEn
      ? { ...params, state: t(state as MessageKey) }
      : params;
  return wordsOr(t, `lifecycle.wait.${params.wait}`, values, what);
}

/**
 * A log line in the reader's language: a step started or done (named by the plan's words, with what
 * it did), a wait, or another progress line the console has words for (`lifecycle.log.*`); anything
 * else as the server wrote it.
 */
export function logText(t: Translate, line: JobStepView, operation: Operation): string | undefined {
  const step = operation.steps.find((each) => each.id === line.params.step);
  const title = step ? titleOf(t, step) : undefined;
  if (line.code === 'lifecycle.step.started' && title) return t('lifecycle.log.started', { step: title });
  if (line.code === 'lifecycle.step.done' && step && title) {
    const said = step.messageCode ? stepMessage(t, step) : /: done \((.*)\)$/s.exec(line.text)?.[1];
    return said
      ? t('lifecycle.log.doneSaid', { step: title, said })
      : t('lifecycle.log.done', { step: title });
  }
  if (line.code === 'lifecycle.waiting' && 'wait' in line.params)
    return t('lifecycle.log.waiting', { what: waitText(t, line.params) });
  // The job's own end line: the operation's failure in the reader's words.
  if (line.code === 'failed' && operation.failure)
    return t('jobs.step.failed', { reason: failureText(t, operation.failure) });
  if (!line.code.startsWith('lifecycle.')) return undefined;
  return wordsOr(t, `lifecycle.log.${line.code.slice('lifecycle.'.length)}`, line.params, line.text);
}
