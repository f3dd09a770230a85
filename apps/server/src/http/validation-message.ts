import type { FastifySchemaValidationError } from 'fastify/types/schema.js';

/**
 * A schema refusal in words a caller can act on: the parameter or field by name, and for an unknown
 * one or a value outside a list, what to change (the validator's own words name neither).
 */
export function validationError(
  context: string | undefined,
  first: FastifySchemaValidationError | undefined,
): { code: 'invalid-request'; message: string; field?: string; params?: Record<string, string> } {
  const where = context ?? 'request';
  const path = (first?.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
  const params = (first?.params ?? {}) as { additionalProperty?: string; allowedValues?: unknown[] };
  const noun = where === 'querystring' ? 'query parameter' : where === 'params' ? 'path parameter' : 'field';
  if (first?.keyword === 'additionalProperties' && params.additionalProperty) {
    const field = path ? `${path}.${params.additionalProperty}` : params.additionalProperty;
    return {
      code: 'invalid-request',
      field,
      message: `unknown ${noun} "${field}": remove it or check its spelling (the API reference at /docs lists what this route takes)`,
      params: { rule: 'unknown', field, where },
    };
  }
  if (first?.keyword === 'enum' && Array.isArray(params.allowedValues) && path) {
    const values = params.allowedValues.map(String).join(', ');
    return {
      code: 'invalid-request',
      field: path,
      message: `${noun} "${path}" must be one of: ${values}`,
      params: { rule: 'one-of', field: path, where, values },
    };
  }
  return {
    code: 'invalid-request',
    ...(path && { field: path }),
    message: `${where}${first?.instancePath ?? ''} ${first?.message ?? 'is invalid'}`,
    // The validator's own words stay English; a client names the field and says it is not valid.
    ...(path && { params: { rule: 'invalid', field: path, where } }),
  };
}
