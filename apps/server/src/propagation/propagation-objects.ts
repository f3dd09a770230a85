import type { PropagationDocument } from '@portolan/api';
import { KIND_REGISTRY } from '@portolan/kinds';
import { isPlainObject } from '#server/resources/kube-object.ts';

/**
 * Where a propagation writes, known from the document alone: its templates and the resources it
 * selects (a workload's dependencies live in the workload's namespace, so they add no place).
 */
export interface WrittenPlace {
  kind: string;
  /** Undefined: a cluster-scoped object (or a kind Portolan does not know that names no namespace). */
  namespace?: string;
  /** Where in the document it comes from, for messages. */
  field: string;
}

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '');

/**
 * Whether a built-in kind lives in namespaces; undefined for kinds Portolan does not know (custom
 * resources), which only the member cluster's discovery can tell.
 */
export function isNamespacedKind(apiVersion: string, kind: string): boolean | undefined {
  const known = KIND_REGISTRY.find(kind);
  if (!known || known.kind !== kind || known.group !== groupOf(apiVersion)) return undefined;
  return known.namespaced;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** Every place the document writes on each of its target clusters, in document order. */
export function writtenPlaces(document: PropagationDocument): WrittenPlace[] {
  const places: WrittenPlace[] = [];
  (document.spec.templates ?? []).forEach((template, index) => {
    const metadata = isPlainObject(template.metadata) ? template.metadata : {};
    const kind = text(template.kind) ?? 'object';
    const namespace = text(metadata.namespace);
    places.push({ kind, field: `spec.templates[${index}]`, ...(namespace ? { namespace } : {}) });
  });
  (document.spec.resources ?? []).forEach((selector, index) => {
    const namespace = text(selector.namespace);
    places.push({
      kind: selector.kind,
      field: `spec.resources[${index}]`,
      ...(namespace ? { namespace } : {}),
    });
  });
  return places;
}

/** Kinds whose pods mount ConfigMaps, Secrets, ServiceAccounts and PVCs (their dependencies). */
const WORKLOAD_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'ReplicaSet',
  'Pod',
]);

/**
 * The namespaces of the source cluster whose Secrets the document reads: those it selects by kind,
 * and those of the workloads whose dependencies it takes along.
 */
export function secretNamespaces(document: PropagationDocument): Array<string | undefined> {
  const withDependencies = document.spec.includeDependencies !== false;
  const namespaces = (document.spec.resources ?? [])
    .filter(
      (selector) => selector.kind === 'Secret' || (withDependencies && WORKLOAD_KINDS.has(selector.kind)),
    )
    .map((selector) => text(selector.namespace));
  return [...new Set(namespaces)];
}
