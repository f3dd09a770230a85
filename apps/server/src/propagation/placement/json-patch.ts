import { isDeepStrictEqual } from 'node:util';
import { isPlainObject } from '#server/resources/kube-object.ts';

/** One RFC 6902 operation, as the propagation document carries it. */
export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: unknown;
}

/** Why an operation cannot be applied; `path` is the pointer at fault. */
export class JsonPatchError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.name = 'JsonPatchError';
    this.path = path;
  }
}

type Container = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

/** A JSON pointer's reference tokens (RFC 6901): '~1' is '/', '~0' is '~'; '' is the whole document. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) {
    throw new JsonPatchError(
      pointer,
      `"${pointer}" is not a JSON pointer: it must be empty or start with "/"`,
    );
  }
  return pointer
    .slice(1)
    .split('/')
    .map((token) => {
      if (/~[^01]|~$/.test(token)) {
        throw new JsonPatchError(pointer, `"${pointer}" has a "~" that is not "~0" (for ~) or "~1" (for /)`);
      }
      return token.replaceAll('~1', '/').replaceAll('~0', '~');
    });
}

const INDEX = /^(0|[1-9][0-9]*)$/;

function arrayIndex(pointer: string, array: unknown[], token: string, forAdd: boolean): number {
  if (forAdd && token === '-') return array.length;
  if (!INDEX.test(token)) {
    throw new JsonPatchError(pointer, `path ${pointer}: "${token}" is not an index of the array there`);
  }
  const index = Number(token);
  if (index > array.length || (!forAdd && index === array.length)) {
    throw new JsonPatchError(
      pointer,
      `path ${pointer}: index ${index} is past the end (length ${array.length})`,
    );
  }
  return index;
}

/** The value the tokens lead to; a missing step throws naming the whole pointer. */
function walk(document: unknown, tokens: readonly string[], pointer: string): unknown {
  let here = document;
  for (const token of tokens) {
    if (Array.isArray(here)) here = here[arrayIndex(pointer, here, token, false)];
    else if (isPlainObject(here) && Object.hasOwn(here, token)) here = here[token];
    else throw new JsonPatchError(pointer, `path ${pointer} does not exist`);
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
    throw new JsonPatchError(pointer, `path ${pointer}: its parent is not an object or an array`);
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
  if (pointer === '') throw new JsonPatchError(pointer, 'the whole object cannot be removed');
  const { parent, key } = parentOf(document, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(pointer, parent, key, false), 1);
  else if (Object.hasOwn(parent, key)) delete parent[key];
  else throw new JsonPatchError(pointer, `path ${pointer} does not exist`);
  return document;
}

function replace(document: unknown, pointer: string, value: unknown): unknown {
  if (pointer === '') return value;
  const { parent, key } = parentOf(document, pointer);
  if (Array.isArray(parent)) parent[arrayIndex(pointer, parent, key, false)] = value;
  else if (Object.hasOwn(parent, key)) setOwn(parent, key, value);
  else throw new JsonPatchError(pointer, `path ${pointer} does not exist`);
  return document;
}

function required<T>(operation: JsonPatchOperation, field: 'from' | 'value', value: T | undefined): T {
  if (value === undefined) {
    throw new JsonPatchError(operation.path, `"${operation.op}" at ${operation.path} needs a "${field}"`);
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
          throw new JsonPatchError(path, `"move" cannot move ${from} into its own child ${path}`);
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
          throw new JsonPatchError(path, `"test" failed: ${path} is not ${JSON.stringify(expected)}`);
        }
        break;
      }
      default:
        throw new JsonPatchError(path, `"${String(op)}" is not a JSON patch operation`);
    }
  }
  return result;
}
