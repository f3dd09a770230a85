import type { FastifyInstance } from 'fastify';
import { jsonErrorOffset, linePosition } from '#server/resources/json-error-position.ts';

/**
 * How deeply a JSON body may nest. Kubernetes objects nest a few dozen levels (a CRD's schema the most);
 * thousands of levels only serve to overflow the stack of whatever writes the value out again.
 */
export const MAX_JSON_DEPTH = 512;

/** A request body the server cannot read; the message says where and how to fix it. */
export class RequestBodyError extends Error {
  override name = 'RequestBodyError';
  readonly code: string;
  readonly status: number;
  readonly line: number | undefined;
  readonly column: number | undefined;
  constructor(code: string, status: number, message: string, where: { line?: number; column?: number } = {}) {
    super(message);
    this.code = code;
    this.status = status;
    this.line = where.line;
    this.column = where.column;
  }
}

/** Whether a parsed value nests deeper than `limit` objects and arrays; iterative, so it cannot overflow. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, depth] = next;
    if (current === null || typeof current !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * Replaces the JSON parser with one that keeps Fastify's guard against `__proto__` keys and adds what
 * it lacks: the line and column of a syntax error, and a limit on nesting.
 */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, text, done) => {
    const body = text as string;
    if (body.trim() === '') {
      done(
        new RequestBodyError(
          'empty-body',
          400,
          'the body is empty; send a JSON object, or leave out the Content-Type header',
        ),
        undefined,
      );
      return;
    }
    parse(request, body, (error, value) => {
      if (error) {
        done(syntaxError(body, error), undefined);
        return;
      }
      if (nestsDeeperThan(value, MAX_JSON_DEPTH)) {
        done(
          new RequestBodyError(
            'too-deep',
            400,
            `the JSON body nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep; no Portolan or Kubernetes object nests this far`,
          ),
          undefined,
        );
        return;
      }
      done(null, value);
    });
  });
}

function syntaxError(body: string, error: Error): RequestBodyError {
  // Fastify's own error for a `__proto__` or `constructor.prototype` key keeps its words.
  if (!/not valid JSON/i.test(error.message)) return new RequestBodyError('invalid-json', 400, error.message);
  const { line, column } = linePosition(body, jsonErrorOffset(body) ?? body.length);
  return new RequestBodyError(
    'invalid-json',
    400,
    `the body is not valid JSON at line ${line}, column ${column}; send JSON, or set the Content-Type the route takes`,
    { line, column },
  );
}
