import { detailOf, type PropagationParams, type PropagationWording, propagationEnglish } from '@portolan/api';
import {
  ConflictError,
  describeTarget,
  ForbiddenError,
  InvalidObjectError,
  NotFoundError,
  ResourceError,
  UnknownKindError,
} from '#server/resources/resource-errors.ts';
import { wording } from './wording.ts';

/**
 * A member cluster's refusal (an apply, or a read for the preview) as a code: Portolan's own words
 * around it get a `refusal.*` code, and Kubernetes' own text stays a value as it was written. The
 * English is always the error's message unchanged: a code whose English would differ is not used.
 */

const causeText = (error: Error) => (error.cause instanceof Error ? error.cause.message : undefined);

/** The refusal's code and values when Portolan's words are around it; undefined for Kubernetes' text alone. */
function refusalOf(error: ResourceError): PropagationWording | undefined {
  if (error instanceof ForbiddenError) {
    const resource = describeTarget({ ...error.target, name: undefined, namespace: undefined });
    const object = `${resource}${error.target.name ? ` "${error.target.name}"` : ''}`;
    const where = error.target.namespace ? 'namespace' : 'cluster';
    const params = {
      verb: error.verb,
      object,
      resource,
      ...(error.target.namespace ? { namespace: error.target.namespace } : {}),
    };
    return error.user
      ? wording(`refusal.forbidden-user-${where}`, { user: error.user, ...params })
      : wording(`refusal.forbidden-${where}`, params);
  }
  if (error instanceof InvalidObjectError) {
    const at = error.message.indexOf(' is invalid:\n');
    const fields = error.fields.map((entry) => `- ${entry.field || '(object)'}: ${entry.message}`);
    return wording('refusal.invalid', { object: error.message.slice(0, at), fields: fields.join('\n') });
  }
  if (error instanceof NotFoundError) {
    const namespace = /^namespace "([^"]*)" does not exist$/.exec(error.message)?.[1];
    if (namespace !== undefined) return wording('refusal.no-namespace', { namespace });
    return wording('refusal.not-found', { object: describeTarget(error.target) });
  }
  if (error instanceof ConflictError) {
    const detail = causeText(error);
    return detail === undefined
      ? undefined
      : wording('refusal.changed', { object: describeTarget(error.target), detail });
  }
  if (error instanceof UnknownKindError)
    return error.suggestions.length
      ? wording('refusal.unknown-kind-suggested', {
          kind: error.kind,
          suggestions: error.suggestions.map((entry) => `"${entry}"`).join(', '),
        })
      : wording('refusal.unknown-kind', { kind: error.kind });
  if (error.code === 'unauthorized') {
    const detail = causeText(error);
    return detail === undefined ? undefined : wording('refusal.unauthorized', { detail });
  }
  return undefined;
}

/**
 * A refusal as `detail` values: its English (the error's message), and its code and values beside
 * it when Portolan's words are around Kubernetes' own.
 */
export function refusalDetail(error: unknown): PropagationParams {
  const message = error instanceof Error ? error.message : String(error);
  const refusal = error instanceof ResourceError ? refusalOf(error) : undefined;
  return refusal && propagationEnglish(refusal) === message ? detailOf(refusal) : { detail: message };
}

/** Why a member cluster refused an object: `reason.member-refused`, with the refusal's code inside. */
export const memberRefused = (error: unknown): PropagationWording =>
  wording('reason.member-refused', refusalDetail(error));
