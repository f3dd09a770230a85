import { cellText, list, readJsonPath, text } from './object-fields.ts';
import type { KubeObject } from './resources-api.ts';

/** One of a CRD's additionalPrinterColumns, as kubectl shows it. */
export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  /** 0 in kubectl's default view; more only in its wide view. */
  priority: number;
}

/**
 * The printer columns of the CRD's version the objects come in (the storage version when there are
 * none yet). Columns of the wide view are left out, as kubectl does by default.
 */
export function printerColumnsOf(crd: KubeObject | undefined, objects: KubeObject[]): PrinterColumn[] {
  const versions = list(crd, 'spec', 'versions');
  const served = objects[0]?.apiVersion?.split('/').at(-1);
  const version =
    versions.find((entry) => text(entry, 'name') === served) ??
    versions.find((entry) => text(entry, 'storage') === 'true') ??
    versions[0];
  return list(version, 'additionalPrinterColumns')
    .map((column) => ({
      name: text(column, 'name'),
      type: text(column, 'type') || 'string',
      jsonPath: text(column, 'jsonPath'),
      description: text(column, 'description') || undefined,
      priority: Number(text(column, 'priority') || 0),
    }))
    .filter((column) => column.name && column.jsonPath && column.priority === 0);
}

/** A printer column's cell: its text, or an instant for `date` columns (shown as an age). */
export function printerCell(column: PrinterColumn, object: unknown): { text: string; date?: string } {
  let values: unknown[];
  try {
    values = readJsonPath(object, column.jsonPath);
  } catch {
    return { text: '' };
  }
  const value = cellText(values);
  if (column.type === 'date' && value && !Number.isNaN(Date.parse(value)))
    return { text: value, date: value };
  return { text: value };
}
