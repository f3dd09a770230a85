import type { ClusterReasonParams } from '@portolan/api';
import type { MessageKey } from '../../app/en.ts';
import type { I18n } from '../../app/i18n.tsx';
import { fits, under } from '../../app/worded.ts';
import { clusterReasonEn } from './reason-words.ts';

type Translate = I18n['t'];

/** What the server sends about why a cluster is not Ready: the English, and its code and values. */
export interface ReasonFields {
  reason?: string | null;
  reasonCode?: string | null;
  reasonParams?: ClusterReasonParams | null;
}

const known = (key: string): key is keyof typeof clusterReasonEn => key in clusterReasonEn;

/** `key`'s words with `params`, or undefined when there are none or a value they need is missing. */
function words(t: Translate, key: string, params: ClusterReasonParams): string | undefined {
  if (!known(key)) return undefined;
  return fits(clusterReasonEn[key], params) ? t(key as MessageKey, params) : undefined;
}

/** A value the console words itself (a system code, a step), in the reader's language. */
function valuesOf(t: Translate, code: string, params: ClusterReasonParams): ClusterReasonParams {
  const out: ClusterReasonParams = { ...params };
  const systemCode = String(params.systemCode ?? '');
  if (code === 'unreachable') {
    const cause = words(t, `clusterReason.cause.${systemCode}`, {});
    // A cause the console has no words for is told as the system said it.
    const told = cause ?? params.detail ?? params.systemCode;
    if (told !== undefined) out.cause = told;
  }
  if (code === 'timeout' && params.step !== undefined) {
    const step = words(t, `clusterReason.step.${params.step}`, {});
    const hint = words(t, `clusterReason.hint.${params.step}`, {});
    if (step !== undefined && hint !== undefined) Object.assign(out, { step, hint });
  }
  if (code === 'tls-server-certificate-expired') {
    const state = words(t, `clusterReason.certificate.${systemCode}`, {});
    if (state !== undefined) out.state = state;
  }
  return out;
}

/**
 * Why a cluster is not Ready, in the reader's language, from its code and values; the server's
 * English when the console does not know the code or lacks a value its words need, so a new code is
 * never lost and never shows a bare {placeholder}.
 */
export function clusterReasonText(t: Translate, fields: ReasonFields): string {
  const fallback = fields.reason ?? '';
  const code = fields.reasonCode;
  if (!code || !fields.reasonParams) return fallback;
  const params = valuesOf(t, code, fields.reasonParams);
  const key =
    code === 'timeout' && fields.reasonParams.step !== undefined
      ? 'clusterReason.timeout.step'
      : `clusterReason.${code}`;
  return words(t, key, params) ?? fallback;
}

type Values = Record<string, string | number>;

/**
 * A reason carried inside another's as its `detail` value, in the reader's words: the cluster's reason
 * (with `clusterCode` and `cluster.*` values) or one of the area's own (with `detailCode` and
 * `detail.*` values, worded by `own`). Undefined when there is no detail or it has no code.
 */
export function detailInside(
  t: Translate,
  params: Values,
  own: (english: string, code: string, values: Values) => string,
): string | undefined {
  const detail = typeof params.detail === 'string' ? params.detail : undefined;
  if (detail === undefined) return undefined;
  if (typeof params.clusterCode === 'string')
    return clusterReasonText(t, {
      reason: detail,
      reasonCode: params.clusterCode,
      reasonParams: under('cluster', params),
    });
  if (typeof params.detailCode === 'string') return own(detail, params.detailCode, under('detail', params));
  return undefined;
}
