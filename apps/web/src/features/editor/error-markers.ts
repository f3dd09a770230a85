import type { ErrorBody } from '@portolan/api';
import type { EditorMarker } from './CodeEditor.tsx';
import { lineOfDocument, lineOfField } from './yaml-text.ts';

/**
 * Where in the text a server's refusal points: the line and column of a YAML that does not read,
 * the line of each field a cluster found invalid, or the start of the document at fault.
 */
export function markersOf(error: ErrorBody, text: string, document = error.document ?? 1): EditorMarker[] {
  if (typeof error.line === 'number') {
    return [{ line: error.line, ...(error.column ? { column: error.column } : {}), message: error.message }];
  }
  // Fields another manager owns (a conflict) are written `.spec.replicas`; invalid ones `spec.replicas`.
  const conflicts = ((error.conflicts ?? []) as { field?: string; message?: string }[]).map((entry) => ({
    field: entry.field?.replace(/^\./, ''),
    message: entry.message,
  }));
  const fields = [...(error.fields ?? []), ...conflicts].filter((entry) => entry.field);
  if (fields.length) {
    return fields.map((entry) => ({
      line: lineOfField(text, entry.field ?? '', document) ?? lineOfDocument(text, document),
      message: `${entry.field}: ${entry.message ?? error.message}`,
    }));
  }
  return error.document ? [{ line: lineOfDocument(text, document), message: error.message }] : [];
}
