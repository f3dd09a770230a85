import { stringify } from 'yaml';
import { columnsFor } from './kind-columns.ts';
import { qualifiedKind } from './kinds.ts';
import { printTable } from './output.ts';

export const OUTPUT_FORMATS = ['json', 'yaml', 'wide', 'name'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number] | 'table';

/** One object to show, with where it came from. */
export interface ListedObject {
  cluster: string;
  /** Plural resource name, which picks the table's columns. */
  resource: string;
  kind: string;
  group: string;
  namespace: string;
  name: string;
  object: unknown;
}

export interface ShowOptions {
  format: OutputFormat;
  /** Several clusters were asked: a CLUSTER column, and the cluster in -o name and in objects. */
  showCluster: boolean;
  showNamespace: boolean;
  /** Several kinds in one command: names read `deployment.apps/web`. */
  kindPrefix: boolean;
  now: Date;
}

export const CLUSTER_ANNOTATION = 'portolan.io/cluster';

/** The rows of a kubectl-like table: [CLUSTER] [NAMESPACE] NAME, then the kind's columns. */
export function resourceTable(
  items: ListedObject[],
  options: ShowOptions,
): { header: string[]; rows: string[][] } {
  const columns = columnsFor(items[0]?.resource ?? '', options.format === 'wide');
  const header = [
    ...(options.showCluster ? ['CLUSTER'] : []),
    ...(options.showNamespace ? ['NAMESPACE'] : []),
    'NAME',
    ...columns.map((column) => column.title),
  ];
  const rows = items.map((item) => [
    ...(options.showCluster ? [item.cluster] : []),
    ...(options.showNamespace ? [item.namespace] : []),
    options.kindPrefix ? `${qualifiedKind(item.kind, item.group)}/${item.name}` : item.name,
    ...columns.map((column) => column.value(item.object, options.now)),
  ]);
  return { header, rows };
}

/** The object, marked with its cluster when several clusters are shown together. */
function objectOf(item: ListedObject, showCluster: boolean): unknown {
  if (!showCluster || !item.object || typeof item.object !== 'object') return item.object;
  const object = item.object as { metadata?: { annotations?: Record<string, string> } };
  const metadata = object.metadata ?? {};
  return {
    ...object,
    metadata: { ...metadata, annotations: { ...metadata.annotations, [CLUSTER_ANNOTATION]: item.cluster } },
  };
}

export function formatDocument(value: unknown, format: 'json' | 'yaml'): string {
  return format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : stringify(value, { lineWidth: 0 });
}

/**
 * Prints objects as kubectl does: a table, `kind/name` lines, or JSON/YAML (one object alone when
 * `single`, otherwise a v1 List).
 */
export function showObjects(
  items: ListedObject[],
  options: ShowOptions & { single?: boolean },
  write: (text: string) => void,
): void {
  const { format } = options;
  if (format === 'json' || format === 'yaml') {
    const objects = items.map((item) => objectOf(item, options.showCluster));
    const value =
      options.single && objects.length === 1
        ? objects[0]
        : { apiVersion: 'v1', kind: 'List', items: objects };
    write(formatDocument(value, format));
    return;
  }
  if (format === 'name') {
    for (const item of items) {
      const name = `${qualifiedKind(item.kind, item.group)}/${item.name}`;
      write(`${options.showCluster ? `${item.cluster}/` : ''}${name}\n`);
    }
    return;
  }
  const { header, rows } = resourceTable(items, options);
  printTable((line) => write(`${line}\n`), header, rows);
}
