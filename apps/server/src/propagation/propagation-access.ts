import type { PropagationDocument, PropagationEvent, PropagationView } from '@portolan/api';
import { allowedInCluster, authorize, type Scope } from '#server/iam/authorize.ts';
import type { Caller } from '#server/iam/caller.ts';
import { IamError } from '#server/iam/iam-errors.ts';
import type { Permission } from '#server/iam/permissions.ts';
import { describeScope } from '#server/iam/route-guards.ts';
import { maskSecretValues } from '#server/kube/secret-mask.ts';
import { secretNamespaces, type WrittenPlace, writtenPlaces } from './propagation-objects.ts';

/**
 * Who may do what with a propagation. Propagating writes on many clusters at once, so a caller must
 * be allowed to write on every one of them, in every namespace the document writes in (cluster-scoped
 * objects need a cluster-level role); the engine writes with Portolan's credentials, so this is the
 * check that keeps a namespace Editor inside its namespace. Reads show only what the caller could
 * read cluster by cluster.
 */

const scopeOf = (cluster: string, place: Pick<WrittenPlace, 'namespace'>): Scope =>
  place.namespace === undefined ? { cluster } : { cluster, namespace: place.namespace };

/** The scopes among `scopes` where the caller may not `action`, without repeats, in order. */
function refusedScopes(caller: Caller, action: Permission, scopes: Scope[]): Scope[] {
  const seen = new Set<string>();
  return scopes.filter((scope) => {
    const key = JSON.stringify(scope);
    if (seen.has(key)) return false;
    seen.add(key);
    return !authorize(caller, action, scope);
  });
}

/** Every (cluster, namespace) the document writes on those clusters. */
export function writeScopes(document: PropagationDocument, clusters: readonly string[]): Scope[] {
  const places = writtenPlaces(document);
  return clusters.flatMap((cluster) => places.map((place) => scopeOf(cluster, place)));
}

const listed = (scopes: Scope[]) => {
  const shown = scopes.slice(0, 10).map(describeScope).join('; ');
  return scopes.length > 10 ? `${shown}; and ${scopes.length - 10} more` : shown;
};

/**
 * Throws forbidden unless the caller may write everywhere the document would write on `clusters`:
 * the message names each cluster (and namespace) refused.
 */
export function requireWriteEverywhere(
  caller: Caller,
  document: PropagationDocument,
  clusters: readonly string[],
  doing = 'propagate',
): void {
  const refused = refusedScopes(caller, 'resources:write', writeScopes(document, clusters));
  if (!refused.length) return;
  throw new IamError(
    'forbidden',
    `you may not ${doing} "${document.metadata.name}": it writes where you may not resources:write: ${listed(refused)}. ` +
      'Narrow spec.placement (or the namespaces of its objects) to where you may write, or ask an Admin of those clusters for a role',
  );
}

/**
 * Throws forbidden unless the caller may read what the document reads from its source cluster:
 * each selected namespace (the whole cluster for cluster-scoped kinds), and the Secrets it takes.
 */
export function requireSourceRead(caller: Caller, document: PropagationDocument): void {
  const source = document.spec.source?.cluster;
  const selectors = document.spec.resources ?? [];
  if (source === undefined || !selectors.length) return;
  const reads = selectors.map((selector) => scopeOf(source, selector.namespace ? selector : {}));
  const unreadable = refusedScopes(caller, 'resources:read', reads);
  if (unreadable.length)
    throw new IamError(
      'forbidden',
      `you may not read the resources spec.resources selects from source cluster ${source}: no resources:read in ${listed(unreadable)}. ` +
        'Select only what you may read, or ask an Admin for a role there',
    );
  const secrets = secretNamespaces(document).map((namespace) => scopeOf(source, { namespace }));
  const hidden = refusedScopes(caller, 'secrets:reveal', secrets);
  if (hidden.length)
    throw new IamError(
      'forbidden',
      `spec.resources takes Secrets from source cluster ${source} (selected, or mounted by the workloads it selects), and you may not secrets:reveal in ${listed(hidden)}. ` +
        'Set spec.includeDependencies: false and leave Secrets out, or ask an Admin for an Editor role there',
    );
}

/** May the caller read anything in this cluster (the whole of it, or one of its namespaces)? */
export const readsCluster = (caller: Caller, cluster: string) =>
  allowedInCluster(caller, 'resources:read', cluster);

/**
 * Whether the caller may see the propagation at all: its author, or a reader of one of its
 * targets (now or as placed) or of its source. Others get 404, as for a name that does not exist.
 */
export function maySee(caller: Caller, view: PropagationView): boolean {
  if (view.createdBy === caller.username || view.updatedBy === caller.username) return true;
  const spec = view.document.spec;
  const clusters = [
    ...view.status.targets.map((target) => target.cluster),
    ...(spec.placement.clusters.names ?? []),
    ...(spec.source ? [spec.source.cluster] : []),
  ];
  return clusters.some((cluster) => readsCluster(caller, cluster));
}

/**
 * The view as the caller may see it: only the targets on clusters it may read, and in them only
 * the objects in namespaces it may read; `hiddenTargets` counts the rest, and the total replicas
 * add up what is shown when anything is hidden.
 */
/**
 * The document as the caller may read it: a Secret kept as a template shows its values only to a
 * caller who may reveal Secrets in its namespace on every cluster the propagation puts it on.
 */
function visibleDocument(caller: Caller, view: PropagationView): PropagationDocument {
  const { document } = view;
  const templates = document.spec.templates;
  if (!templates?.some(isSecret)) return document;
  const clusters = [
    ...new Set([
      ...view.status.targets.map((target) => target.cluster),
      ...(document.spec.placement.clusters.names ?? []),
    ]),
  ];
  const reveals = (namespace: string | undefined) =>
    clusters.length > 0 &&
    clusters.every((cluster) => authorize(caller, 'secrets:reveal', scopeOf(cluster, { namespace })));
  const shown = templates.map((template) =>
    isSecret(template) && !reveals(namespaceOf(template)) ? maskSecretValues(template) : template,
  );
  return { ...document, spec: { ...document.spec, templates: shown } };
}

const isSecret = (template: object): boolean =>
  (template as { kind?: unknown }).kind === 'Secret' &&
  (template as { apiVersion?: unknown }).apiVersion === 'v1';

const namespaceOf = (template: object): string | undefined => {
  const namespace = (template as { metadata?: { namespace?: unknown } }).metadata?.namespace;
  return typeof namespace === 'string' && namespace ? namespace : undefined;
};

export function visibleView(caller: Caller, view: PropagationView): PropagationView {
  const shown = view.status.targets
    .filter((target) => readsCluster(caller, target.cluster))
    .map((target) => ({
      ...target,
      objects: target.objects.filter((object) =>
        authorize(caller, 'resources:read', scopeOf(target.cluster, object)),
      ),
    }));
  const hidden = view.status.targets.length - shown.length;
  const status = { ...view.status, targets: shown, hiddenTargets: (view.status.hiddenTargets ?? 0) + hidden };
  if (hidden > 0 && view.status.replicas) {
    const counted = shown.filter((target) => target.replicas);
    status.replicas = {
      desired: counted.reduce((sum, target) => sum + (target.replicas?.desired ?? 0), 0),
      ready: counted.reduce((sum, target) => sum + (target.replicas?.ready ?? 0), 0),
    };
  }
  return { ...view, document: visibleDocument(caller, view), status };
}

/** Events of clusters the caller may not read are left out; events of the propagation as a whole stay. */
export function visibleEvents(caller: Caller, events: PropagationEvent[]): PropagationEvent[] {
  return events.filter((event) => event.cluster === undefined || readsCluster(caller, event.cluster));
}
