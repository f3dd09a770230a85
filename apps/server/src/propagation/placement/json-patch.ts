import { isDeepStrictEqual } from 'node:util';
import { type PropagationCode, type PropagationParams, propagationEnglish } from '@portolan/api';
import { isPlainObject } from '#server/resources/kube-object.ts';

/** One RFC 6902 operation, as the propagation document carries it. */
export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: unknown;
}

/**
 * Why an operation cannot be applied; `path` is the pointer at fault. The message is the English of
 * its code (`patch.*` of propagation-codes.ts) and values, which the console words in the reader's language.
 */
export class JsonPatchError extends Error {
  readonly path: string;
  readonly code: PropagationCode;
  readonly params: PropagationParams;
  constructor(path: string, code: PropagationCode, params: PropagationParams = {}) {
    super(propagationEnglish({ code, params }));
    this.name = 'JsonPatchError';
    this.path = path;
    this.code = code;
    this.params = params;
  }
}

type Container = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

/** A JSON pointer's reference tokens (RFC 6901): '~1' is '/', '~0' is '~'; '' is the whole document. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new JsonPatchError(pointer, 'patch.not-pointer', { pointer });
  }
  return pointer
    .slice(1)
    .split('/')
    .map((token) => {
      if (/~[^01]|~$/.test(token)) {
        throw new JsonPatchError(pointer, 'patch.bad-escape', { pointer });
      }
      return token.replaceAll('~1', '/').replaceAll('~0', '~');
    });
}

const INDEX = /^(0|[1-9][0-9]*)$/;

function arrayIndex(pointer: string, array: unknown[], token: string, forAdd: boolean): number {
  if (forAdd && token === '-') return array.length;
  if (!INDEX.test(token)) {
    throw new JsonPatchError(pointer, 'patch.not-index', { pointer, token });
  }
  const index = Number(token);
  if (index > array.length || (!forAdd && index === array.length)) {
    throw new JsonPatchError(pointer, 'patch.past-end', { pointer, index, length: array.length });
  }
  return index;
}

/** The value the tokens lead to; a missing step throws naming the whole pointer. */
function walk(document: unknown, tokens: readonly string[], pointer: string): unknown {
  let here = document;
  for (const token of tokens) {
    if (Array.isArray(here)) here = here[arrayIndex(pointer, here, token, false)];
    else if (isPlainObject(here) && Object.hasOwn(here, token)) here = here[token];
    else throw new JsonPatchError(pointer, 'patch.no-path', { pointer });
  }
  return here;
}

const valueAt = (document: unknown, pointer: string): unknown =>
  walk(document, parsePointer(pointer), pointer);

/** The container that holds a pointer's last token, and that token. */
function parentOf(document: unknown, pointer: string): { parent: Container; key: string } {
  const tokens = parsePointer(pointer);
  const key = tokens.pop() as string;
  const parent = walk(document, tokens, pointer);
  if (!isContainer(parent)) {
    throw new JsonPatchError(pointer, 'patch.parent-not-container', { pointer });
  }
  return { parent, key };
}

/** Sets an own property even when it is named like one of Object's ("__proto__"), never the prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

function add(document: unknown, pointer: string, value: unknown): unknown {
  if (pointer === '') return value;
  const { parent, key } = parentOf(document, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(pointer, parent, key, true), 0, value);
  else setOwn(parent, key, value);
  return document;
}

function remove(document: unknown, pointer: string): unknown {
  if (pointer === '') throw new JsonPatchError(pointer, 'patch.remove-whole');
  const { parent, key } = parentOf(document, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(pointer, parent, key, false), 1);
  else if (Object.hasOwn(parent, key)) delete parent[key];
  else throw new JsonPatchError(pointer, 'patch.no-path', { pointer });
  return document;
}

function replace(document: unknown, pointer: string, value: unknown): unknown {
  if (pointer === '') return value;
  const { parent, key } = parentOf(document, pointer);
  if (Array.isArray(parent)) parent[arrayIndex(pointer, parent, key, false)] = value;
  else if (Object.hasOwn(parent, key)) setOwn(parent, key, value);
  else throw new JsonPatchError(pointer, 'patch.no-path', { pointer });
  return document;
}

function required<T>(operation: JsonPatchOperation, field: 'from' | 'value', value: T | undefined): T {
  if (value === undefined) {
    throw new JsonPatchError(operation.path, 'patch.needs-field', {
      op: operation.op,
      pointer: operation.path,
      field,
    });
  }
  return value;
}

/**
 * Applies RFC 6902 operations in order to `document` (changed in place; clone it first) and returns
 * the result, which is a new value only when an operation replaced the whole document.
 */
export function applyJsonPatch(document: unknown, operations: readonly JsonPatchOperation[]): unknown {
  let result = document;
  for (const operation of operations) {
    const { op, path } = operation;
    switch (op) {
      case 'add':
        result = add(result, path, structuredClone(required(operation, 'value', operation.value)));
        break;
      case 'remove':
        result = remove(result, path);
        break;
      case 'replace': {
        const value = structuredClone(required(operation, 'value', operation.value));
        result = replace(result, path, value);
        break;
      }
      case 'move': {
        const from = required(operation, 'from', operation.from);
        if (path !== from && path.startsWith(`${from}/`)) {
          throw new JsonPatchError(path, 'patch.move-into-child', { from, pointer: path });
        }
        const value = valueAt(result, from);
        if (path !== from) result = add(remove(result, from), path, value);
        break;
      }
      case 'copy': {
        const from = required(operation, 'from', operation.from);
        result = add(result, path, structuredClone(valueAt(result, from)));
        break;
      }
      case 'test': {
        const expected = required(operation, 'value', operation.value);
        if (!isDeepStrictEqual(valueAt(result, path), expected)) {
          throw new JsonPatchError(path, 'patch.test-failed', {
            pointer: path,
            value: JSON.stringify(expected),
          });
        }
        break;
      }
      default:
        throw new JsonPatchError(path, 'patch.unknown-op', { op: String(op) });
    }
  }
  return result;
}
