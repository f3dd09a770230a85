import { parseDocument, stringify } from 'yaml';
import { ApiError } from '../../api/client.ts';
import type { EditorMarker } from '../editor/index.ts';
import { lineOfField } from '../editor/yaml-text.ts';

/**
 * Where a refusal of Helm values points in the text: helm's values-schema errors name the field
 * (`values.replicas`, `targets[1].values.image.tag`), a YAML error its line. Empty when the refusal
 * is about something else.
 */
export function valuesMarkers(
  error: unknown,
  text: string,
  say: (error: ApiError) => string = (refusal) => refusal.message,
): EditorMarker[] {
  if (!(error instanceof ApiError)) return [];
  const field = error.body.field ?? '';
  const at = /(?:^|\.)values(?:\.(.+))?$/.exec(field);
  if (!at) return [];
  const message = say(error);
  const line = error.body.params?.line ?? /\(line (\d+)\)/.exec(error.serverMessage)?.[1];
  if (line) return [{ line: Number(line), message }];
  const inside = at[1];
  return [{ line: (inside && lineOfField(text, inside)) || 1, message }];
}

/** The values field a refusal names (`replicaCount`, `image.tag`), or undefined. */
export function refusedValuesPath(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return /(?:^|\.)values\.(.+)$/.exec(error.body.field ?? '')?.[1];
}

/** The form field a refusal names (`name`, `namespace`, `values`, `chart`), or undefined. */
export function refusedField(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const field = error.body.field ?? '';
  if (/(^|\.)values(\.|$)/.test(field)) return 'values';
  return error.field;
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const under = out[key];
    out[key] = isMapping(under) && isMapping(value) ? merge(under, value) : value;
  }
  return out;
}

/**
 * A cluster's values laid over the shared ones, as helm does with two values files: what the preview
 * of that cluster renders. The shared text as it is when there is nothing to lay over it.
 */
export function layered(shared: string, own: string | undefined): string {
  if (!own?.trim()) return shared;
  const base = parseDocument(shared).toJS() as unknown;
  const over = parseDocument(own).toJS() as unknown;
  if (!isMapping(over)) return shared;
  return stringify(merge(isMapping(base) ? base : {}, over));
}
