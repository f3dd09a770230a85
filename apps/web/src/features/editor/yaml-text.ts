import { isMap, isSeq, LineCounter, type Node, parseAllDocuments, stringify } from 'yaml';
import type { TypeRef } from './openapi-schema.ts';

type Json = Record<string, unknown>;

/** An object as users edit it: without managedFields (Kubernetes keeps them; people never write them). */
export function editable(object: Json): Json {
  const metadata = object.metadata as Json | undefined;
  if (!metadata || !('managedFields' in metadata)) return object;
  const { managedFields: _hidden, ...rest } = metadata;
  return { ...object, metadata: rest };
}

/** YAML as kubectl writes it: block style, long strings kept on one line. */
export function toYaml(object: unknown): string {
  return stringify(object, { lineWidth: 0, aliasDuplicateObjects: false });
}

/** The apiVersion and kind of each document (and of each item of a List). */
export function typesOf(text: string): TypeRef[] {
  const types: TypeRef[] = [];
  const add = (value: unknown) => {
    if (!value || typeof value !== 'object') return;
    const { apiVersion, kind, items } = value as Json;
    if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(items)) {
      for (const item of items) add(item);
    } else if (typeof apiVersion === 'string' && typeof kind === 'string') {
      types.push({ apiVersion, kind });
    }
  };
  for (const document of parseAllDocuments(text)) {
    if ('errors' in document && document.errors.length) continue;
    try {
      add(document.toJS());
    } catch {
      // A document that does not read is the server's to name (with its line).
    }
  }
  return types;
}

/** `spec.containers[0].image` → ['spec', 'containers', 0, 'image']; `labels[app.kubernetes.io/name]` too. */
export function fieldPath(field: string): (string | number)[] {
  const steps: (string | number)[] = [];
  for (const match of field.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
    if (match[1] !== undefined) steps.push(match[1]);
    else if (match[2] !== undefined) steps.push(/^\d+$/.test(match[2]) ? Number(match[2]) : match[2]);
  }
  return steps;
}

/**
 * The 1-based line of a field in the given document (1-based) of a text, or of the nearest field
 * above it that the text has (a missing required field is marked at its parent).
 */
export function lineOfField(text: string, field: string, document = 1): number | undefined {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter });
  if (!Array.isArray(parsed)) return undefined;
  const doc = parsed[document - 1];
  if (!doc) return undefined;
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0];
  for (const step of fieldPath(field)) {
    let next: { key?: unknown; value?: unknown } | undefined;
    if (isMap(node))
      next = node.items.find((pair) => String((pair.key as { value?: unknown })?.value) === step);
    else if (isSeq(node) && typeof step === 'number') next = { value: node.items[step] };
    if (!next) break;
    const keyRange = (next.key as Node | undefined)?.range;
    const valueRange = (next.value as Node | undefined)?.range;
    offset = keyRange?.[0] ?? valueRange?.[0] ?? offset;
    node = next.value;
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

/** The 1-based line where a document (1-based) starts, for problems that name only the document. */
export function lineOfDocument(text: string, document: number): number {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter });
  const found = Array.isArray(parsed) ? parsed[document - 1] : undefined;
  const start = (found?.contents as Node | null | undefined)?.range?.[0] ?? found?.range[0];
  return start === undefined ? 1 : lineCounter.linePos(start).line;
}
