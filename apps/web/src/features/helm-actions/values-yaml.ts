import { isMap, parseDocument } from 'yaml';

/** The part of a JSON schema the values form understands; anything else is edited as YAML. */
export interface ValuesSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  default?: unknown;
  properties?: Record<string, ValuesSchema>;
}

/** What a form field is, by its schema: a nested object, an input, or something to edit in YAML. */
export type FieldKind = 'object' | 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'yaml';

export function kindOf(schema: ValuesSchema): FieldKind {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return 'enum';
  const type = Array.isArray(schema.type) ? schema.type.find((one) => one !== 'null') : schema.type;
  if (type === 'object' || (!type && schema.properties)) return schema.properties ? 'object' : 'yaml';
  if (type === 'string' || type === 'number' || type === 'integer' || type === 'boolean') return type;
  return 'yaml';
}

/** The values as a plain object, or undefined when the text is not one YAML mapping (or empty: `{}`). */
export function valuesObject(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return {};
  const document = parseDocument(text);
  if (document.errors.length > 0) return undefined;
  if (document.contents === null) return {};
  if (!isMap(document.contents)) return undefined;
  return document.toJS() as Record<string, unknown>;
}

/**
 * The text with one value set (or removed, for `undefined`), through the YAML document so that
 * comments and every other key stay as they were: switching between form and YAML drops nothing.
 */
export function setValue(text: string, path: string[], value: unknown): string {
  const document = parseDocument(text.trim() === '' ? '{}' : text);
  if (value === undefined) document.deleteIn(path);
  else document.setIn(path, value);
  return document.toString();
}

export function valueAt(values: Record<string, unknown>, path: string[]): unknown {
  let here: unknown = values;
  for (const step of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string, unknown>)[step];
  }
  return here;
}
