import type { PropagationPreview, PropagationView } from '@portolan/api';
import { parseAllDocuments } from 'yaml';
import type { ApiClient } from './api-client.ts';
import { ApiError, describeApiError, segments } from './api-client.ts';
import type { CommandContext } from './command-context.ts';

/**
 * `portolan apply -f` of Portolan's own documents (apiVersion portolan.dev/v1): each goes to its
 * route (a Propagation to PUT /api/v1/propagations/NAME, a MultiClusterService to PUT
 * /api/v1/multicluster-services/NS/NAME), not to a cluster; the other documents of the file are
 * applied to the cluster as before.
 */

export const PORTOLAN_API_VERSION = 'portolan.dev/v1';

export interface PortolanDocument {
  /** 1-based position in its file. */
  document: number;
  object: { apiVersion: string; kind: string; metadata?: { name?: unknown; namespace?: unknown } };
}

const isPortolan = (value: unknown): value is PortolanDocument['object'] =>
  typeof value === 'object' &&
  value !== null &&
  (value as { apiVersion?: unknown }).apiVersion === PORTOLAN_API_VERSION;

/**
 * The file's Portolan documents, and the text of the others (undefined when none is left). A file
 * with no Portolan document, or that does not parse, is left whole, so the cluster's apply reports
 * its faults with their lines as before.
 */
export function splitPortolanDocuments(text: string): {
  documents: PortolanDocument[];
  rest: string | undefined;
} {
  const whole = { documents: [], rest: text };
  let parsed: ReturnType<typeof parseAllDocuments>;
  try {
    parsed = parseAllDocuments(text, { version: '1.1' });
  } catch {
    return whole;
  }
  if (!Array.isArray(parsed) || parsed.some((document) => document.errors.length > 0)) return whole;
  const documents: PortolanDocument[] = [];
  const others: string[] = [];
  parsed.forEach((document, index) => {
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 1000 });
    } catch {
      value = undefined;
    }
    if (isPortolan(value)) documents.push({ document: index + 1, object: value });
    else if (value !== null && value !== undefined) others.push(document.toString());
  });
  if (documents.length === 0) return whole;
  return { documents, rest: others.length ? others.join('---\n') : undefined };
}

export interface PortolanApplyOptions {
  diff: boolean;
  dryRun: boolean;
  /** `FILE: ` when several files are applied. */
  where: string;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** Sends one Portolan document to its route; 1 when it failed (the reason printed), 0 otherwise. */
export async function applyPortolanDocument(
  api: ApiClient,
  { document, object }: PortolanDocument,
  options: PortolanApplyOptions,
  context: CommandContext,
): Promise<number> {
  const name = text(object.metadata?.name);
  const fail = (message: string) => {
    context.err(`error: ${options.where}document ${document} ${message}`);
    return 1;
  };
  try {
    if (object.kind === 'Propagation') {
      const label = `propagation.portolan.dev/${name}`;
      if (options.diff || options.dryRun)
        return showPreview(
          await api.send('POST', '/api/v1/propagations/preview', object),
          label,
          options,
          context,
        );
      const view = await api.send<PropagationView>('PUT', `/api/v1/propagations/${segments(name)}`, object);
      for (const warning of view.warnings ?? []) context.err(`warning: ${options.where}${label}: ${warning}`);
      context.out(`${label} ${view.createdAt === view.updatedAt ? 'created' : 'configured'}`);
      return 0;
    }
    if (object.kind === 'MultiClusterService') {
      const namespace = text(object.metadata?.namespace);
      const label = `multiclusterservice.portolan.dev/${namespace}/${name}`;
      if (options.diff || options.dryRun)
        return fail(`${label}: multi-cluster Services have no preview; apply it without --diff or --dry-run`);
      await api.send('PUT', `/api/v1/multicluster-services/${segments(namespace, name)}`, object);
      context.out(`${label} applied`);
      return 0;
    }
    return fail(
      `kind ${object.kind || '(none)'} of ${PORTOLAN_API_VERSION} is not one Portolan knows; use Propagation or MultiClusterService`,
    );
  } catch (error) {
    if (!(error instanceof ApiError) || error.status === 0) throw error;
    const [first = '', ...rest] = describeApiError(error);
    context.err(
      `${first.replace(/^error: /, `error: ${options.where}document ${document} ${object.kind} "${name}": `)}`,
    );
    for (const line of rest) context.err(line);
    return 1;
  }
}

/** --diff prints each object's diff per cluster; --dry-run one line per object saying what would happen. */
function showPreview(
  preview: PropagationPreview,
  label: string,
  options: PortolanApplyOptions,
  context: CommandContext,
): number {
  for (const warning of preview.warnings ?? []) context.err(`warning: ${options.where}${label}: ${warning}`);
  let refused = 0;
  for (const target of preview.targets) {
    if (target.error)
      context.err(`warning: ${options.where}${label} on cluster ${target.cluster}: ${target.error}`);
    for (const object of target.objects) {
      const what = `${object.kind}/${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
      if (object.action === 'refused') {
        refused += 1;
        context.err(
          `error: ${options.where}${label} on cluster ${target.cluster}: ${what}: ${object.reason ?? 'refused'}`,
        );
        continue;
      }
      if (options.diff && object.diff) {
        context.out(`# cluster ${target.cluster}: ${what} (${object.action})`);
        context.write(object.diff.endsWith('\n') ? object.diff : `${object.diff}\n`);
        continue;
      }
      context.out(`${label} on cluster ${target.cluster}: ${what} ${ACTION_WORDS[object.action]}`);
    }
  }
  return refused > 0 ? 1 : 0;
}

const ACTION_WORDS: Record<string, string> = {
  create: 'would be created',
  update: 'would be updated',
  unchanged: 'unchanged',
  delete: 'would be deleted',
};
