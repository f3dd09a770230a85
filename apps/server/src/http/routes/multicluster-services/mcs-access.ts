import type { ClusterSelector, MultiClusterServiceDocument, MultiClusterServiceView } from '@portolan/api';
import { authorize } from '#server/iam/authorize.ts';
import type { Caller } from '#server/iam/caller.ts';
import { IamError } from '#server/iam/iam-errors.ts';
import { type LabelSelectorError, parseLabelSelector } from '#server/store/resources/labels.ts';

/** A refusal of the document itself, naming the field at fault. */
export class McsDocumentError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** Every selector picks something and its label selector parses; the path and metadata agree. */
export function checkDocument(document: MultiClusterServiceDocument, namespace: string, name: string): void {
  if (document.metadata.namespace !== namespace)
    throw new McsDocumentError(
      'metadata.namespace',
      `metadata.namespace is "${document.metadata.namespace}" but the address names "${namespace}"; make them the same`,
    );
  if (document.metadata.name !== name)
    throw new McsDocumentError(
      'metadata.name',
      `metadata.name is "${document.metadata.name}" but the address names "${name}"; make them the same`,
    );
  checkSelector(document.spec.importTo, 'spec.importTo');
  if (document.spec.exportFrom) checkSelector(document.spec.exportFrom, 'spec.exportFrom');
  const service = document.spec.service ?? name;
  if ((document.spec.importName ?? `${service}-mcs`) === service)
    throw new McsDocumentError(
      'spec.importName',
      `spec.importName "${service}" is the exported Service's own name: on a cluster that runs it the import would replace it; choose another name`,
    );
  if (`${service}-mcs`.length > 63 && document.spec.importName === undefined)
    throw new McsDocumentError(
      'spec.importName',
      `"${service}-mcs" is longer than 63 characters; give spec.importName`,
    );
}

function checkSelector(selector: ClusterSelector, field: string): void {
  const picks = Boolean(selector.all || selector.names?.length || selector.labelSelector?.trim());
  if (!picks)
    throw new McsDocumentError(
      field,
      `${field} picks no cluster: give names, a labelSelector (e.g. env=prod) or all: true`,
    );
  if (selector.labelSelector?.trim())
    try {
      parseLabelSelector(selector.labelSelector);
    } catch (error) {
      throw new McsDocumentError(`${field}.labelSelector`, (error as LabelSelectorError).message);
    }
}

const listed = (clusters: string[]) =>
  clusters.length > 10
    ? `${clusters.slice(0, 10).join(', ')} and ${clusters.length - 10} more`
    : clusters.join(', ');

/**
 * Saving or removing writes on every import cluster and reads the exporting ones' pods, with
 * Portolan's own credentials: the caller must be allowed both, in the document's namespace.
 * The refusal names every cluster at fault.
 */
export function requireMayImport(
  caller: Caller,
  namespace: string,
  clusters: { importTo: string[]; exportFrom: string[] },
  doing: string,
): void {
  const writes = clusters.importTo.filter(
    (cluster) => !authorize(caller, 'resources:write', { cluster, namespace }),
  );
  const reads = clusters.exportFrom.filter(
    (cluster) => !authorize(caller, 'resources:read', { cluster, namespace }),
  );
  if (!writes.length && !reads.length) return;
  const parts = [
    writes.length ? `resources:write in namespace ${namespace} of ${listed(writes)} (imported into)` : '',
    reads.length ? `resources:read in namespace ${namespace} of ${listed(reads)} (exported from)` : '',
  ].filter(Boolean);
  throw new IamError(
    'forbidden',
    `you may not ${doing}: you lack ${parts.join(', and ')}. Narrow spec.importTo and spec.exportFrom to clusters where you may, or ask their Admin for a role`,
  );
}

/** The clusters of a view the caller may read in its namespace; undefined when it may read none of them. */
export function visibleView(
  caller: Caller,
  view: MultiClusterServiceView,
): MultiClusterServiceView | undefined {
  const namespace = view.document.metadata.namespace;
  const may = (cluster: string) => authorize(caller, 'resources:read', { cluster, namespace });
  const exports = view.exports.filter((entry) => may(entry.cluster));
  const imports = view.imports.filter((entry) => may(entry.cluster));
  const named = view.exports.length + view.imports.length;
  // Nothing done yet: whoever may read its namespace on a cluster it names (or everywhere) sees it.
  if (named === 0) {
    const names = view.document.spec.importTo.names ?? [];
    return names.some(may) || authorize(caller, 'resources:read', 'platform') ? view : undefined;
  }
  if (!exports.length && !imports.length) return undefined;
  return { ...view, exports, imports };
}
