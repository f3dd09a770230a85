import type { FastifyInstance } from 'fastify';
import { jsonErrorOffset, linePosition } from '#server/resources/json-error-position.ts';
import { MAX_NESTING, nestsDeeperThan } from '#server/resources/nesting-depth.ts';

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

/** Whether a parsed value has a key that reaches a prototype, as Fastify's own parser refuses. */
function reachesPrototype(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length) {
    const current = pending.pop();
    if (current === null || typeof current !== 'object') continue;
    if (Object.hasOwn(current, '__proto__')) return true;
    // `constructor.prototype` reaches a prototype too once the value is merged into another object.
    const maker: unknown = Object.hasOwn(current, 'constructor')
      ? (current as { constructor: unknown }).constructor
      : undefined;
    if (maker && typeof maker === 'object' && Object.hasOwn(maker, 'prototype')) return true;
    for (const child of Object.values(current)) pending.push(child);
  }
  return false;
}

/**
 * Reads a JSON request body, or throws RequestBodyError naming what is wrong: empty, the line and
 * column of a syntax error, nesting over MAX_NESTING, or a `__proto__` key (prototype pollution).
 * Every parser of a JSON content type uses it, so no route can be sent what the others refuse.
 */
export function readJsonBody(text: string): unknown {
  if (text.trim() === '') {
    throw new RequestBodyError(
      'empty-body',
      400,
      'the body is empty; send a JSON object, or leave out the Content-Type header',
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const { line, column } = linePosition(text, jsonErrorOffset(text) ?? text.length);
    throw new RequestBodyError(
      'invalid-json',
      400,
      `the body is not valid JSON at line ${line}, column ${column}; send JSON, or set the Content-Type the route takes`,
      { line, column },
    );
  }
  if (nestsDeeperThan(value, MAX_NESTING)) {
    throw new RequestBodyError(
      'too-deep',
      400,
      `the JSON body nests objects and arrays more than ${MAX_NESTING} levels deep; no Portolan or Kubernetes object nests this far`,
    );
  }
  if (reachesPrototype(value)) {
    throw new RequestBodyError(
      'forbidden-key',
      400,
      'the body has a "__proto__" or "constructor.prototype" key, which could change every object on the server; rename it',
    );
  }
  return value;
}

/** Replaces Fastify's JSON parser with readJsonBody, for every route. */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    try {
      done(null, readJsonBody(text as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
