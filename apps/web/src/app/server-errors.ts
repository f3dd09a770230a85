import type { ErrorBody } from '@portolan/api';
import type { MessageKey } from './en.ts';

type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const SCOPES = ['platform', 'anywhere', 'workspace', 'cluster', 'namespace'] as const;
const PLACES = ['querystring', 'params', 'body'] as const;

/**
 * A refusal in the console's language, from the server's stable `code` and `params`; undefined when
 * the console does not know the code (or the params it needs are missing): the server's text is shown.
 */
export function serverErrorText(body: ErrorBody, t: Translate): string | undefined {
  const params = body.params as Record<string, string> | undefined;
  if (!params) return undefined;
  const where = (place: string | undefined) =>
    t(
      `serverError.where.${(PLACES as readonly string[]).includes(place ?? '') ? place : 'body'}` as MessageKey,
    );
  switch (body.code) {
    case 'unauthenticated':
      return t('serverError.unauthenticated');
    case 'forbidden': {
      if (params.permission && (SCOPES as readonly string[]).includes(params.level ?? '')) {
        const scope = t(`serverError.scope.${params.level}` as MessageKey, params);
        return t('serverError.forbidden', { permission: params.permission, scope });
      }
      if (params.verb && params.kind)
        return t('serverError.clusterForbidden', {
          verb: params.verb,
          kind: params.kind,
          name: params.name ? ` ${params.name}` : '',
          where: params.namespace ? t('serverError.inNamespace', params) : t('serverError.clusterWide'),
        });
      return undefined;
    }
    case 'not-found':
      if (params.kind === 'cluster' && params.name) return t('serverError.clusterNotFound', params);
      if (params.kind && params.name)
        return t('serverError.notFound', {
          kind: params.kind,
          name: params.name,
          where: params.namespace ? t('serverError.inNamespace', params) : '',
        });
      return undefined;
    case 'conflict':
      return params.kind && params.name ? t('serverError.conflict', params) : undefined;
    case 'unreachable':
      return params.server ? t('serverError.unreachable', params) : undefined;
    case 'invalid-request':
      if (!params.field) return undefined;
      if (params.rule === 'unknown')
        return t('serverError.unknownField', { ...params, where: where(params.where) });
      if (params.rule === 'one-of' && params.values)
        return t('serverError.oneOf', { ...params, where: where(params.where) });
      if (params.rule === 'invalid')
        return t('serverError.invalidField', { ...params, where: where(params.where) });
      return undefined;
    default:
      return undefined;
  }
}
