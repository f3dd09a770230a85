import type { DiscoveredResource } from '#server/kube/discovery-types.ts';
import type { Clock } from '#server/time/clock.ts';
import { clusterDefinesKind, waitForCrdKind } from './crd-wait.ts';
import type { KindResolver } from './kind-resolver.ts';
import { callKube } from './kube-call.ts';
import type { KubeObject } from './kube-object.ts';
import { type Manifest, parseManifests } from './manifest-parse.ts';
import {
  locateObject,
  type ObjectLocation,
  operationOf,
  pathOf,
  placed,
  warningsOf,
} from './object-location.ts';
import { ClusterUnreachableError, inDocument, ResourceError, UnknownKindError } from './resource-errors.ts';
import type { ResourceTarget, WriteOptions } from './resource-service.ts';
import { writeQuery } from './resource-service.ts';

export interface ApplyOptions extends Omit<WriteOptions, 'fieldManager'> {
  /** Who owns the applied fields, e.g. `portolan` or the user's name. */
  fieldManager: string;
  /** Take over fields that another manager owns instead of failing with ApplyConflictError. */
  force?: boolean;
  /** The namespace of namespaced objects that name none. */
  namespace?: string;
  /** How long a custom resource waits for a CRD applied earlier in the same batch to be served. */
  crdWaitMs?: number;
  /** Measures that wait (the system clock unless a test moves it). */
  clock?: Clock;
  /** Throws when the caller may not write there; called for every document before it is sent. */
  check?: (location: ObjectLocation) => void;
}

export interface ApplyResult {
  document: number;
  item?: number;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  resource?: DiscoveredResource;
  outcome: 'created' | 'configured' | 'failed';
  /** The object as the server stored it (or, in a dry run, would store it). */
  object?: KubeObject;
  warnings: string[];
  error?: ResourceError;
}

/** Manifests as text (YAML or JSON, several documents) or as objects. */
export type ApplyInput = string | KubeObject[];

const isCrd = (manifest: Manifest) =>
  manifest.object.kind === 'CustomResourceDefinition' &&
  manifest.object.apiVersion.startsWith('apiextensions.k8s.io/');

/** `group/kind` of every custom resource a CRD in the batch defines. */
function kindsDefinedIn(manifests: Manifest[]): Set<string> {
  const defined = new Set<string>();
  for (const manifest of manifests.filter(isCrd)) {
    const spec = manifest.object.spec as { group?: string; names?: { kind?: string } } | undefined;
    if (spec?.group && spec.names?.kind) defined.add(`${spec.group}/${spec.names.kind}`);
  }
  return defined;
}

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '');

/**
 * Server-side apply of every document, in order. Nothing is sent until every document parses and
 * names a kind the cluster serves (or that a CRD earlier in the batch defines); then each document
 * is applied, and one that the cluster refuses is reported in its result while the rest go on.
 */
export async function applyManifests(
  target: ResourceTarget,
  input: ApplyInput,
  options: ApplyOptions,
): Promise<ApplyResult[]> {
  const manifests = parseManifests(typeof input === 'string' ? input : JSON.stringify(input));
  const defined = kindsDefinedIn(manifests);
  const locations = new Map<Manifest, ObjectLocation>();
  const waiting = new Set<Manifest>();
  for (const manifest of manifests) {
    const { apiVersion, kind } = manifest.object;
    if (defined.has(`${groupOf(apiVersion)}/${kind}`)) continue;
    try {
      locations.set(manifest, await locateObject(target.kinds, manifest.object, options.namespace));
    } catch (error) {
      // A CRD applied a moment ago is stored before discovery serves its kind: wait for it below.
      const stored =
        error instanceof UnknownKindError &&
        (await clusterDefinesKind(target.client, groupOf(apiVersion), kind));
      if (!stored) throw inDocument(error, manifest.document, manifest.item);
      waiting.add(manifest);
    }
  }
  for (const location of locations.values()) options.check?.(location);
  const results: ApplyResult[] = [];
  for (const manifest of manifests) {
    const { apiVersion, kind, metadata } = manifest.object;
    const result: ApplyResult = {
      document: manifest.document,
      apiVersion,
      kind,
      name: metadata.name ?? '',
      outcome: 'failed',
      warnings: [],
    };
    if (manifest.item !== undefined) result.item = manifest.item;
    results.push(result);
    try {
      const location =
        locations.get(manifest) ??
        (await locateCustomResource(target.kinds, manifest, { ...options, stored: waiting.has(manifest) }));
      if (!locations.has(manifest)) options.check?.(location);
      result.resource = location.resource;
      if (location.namespace) result.namespace = location.namespace;
      const response = await callKube<KubeObject>(
        target.client,
        {
          method: 'PATCH',
          path: pathOf(location),
          query: { ...writeQuery(options), force: options.force || undefined },
          body: JSON.stringify(placed(manifest.object, location)),
          contentType: 'application/apply-patch+yaml',
        },
        operationOf(location, 'patch'),
      );
      result.outcome = response.status === 201 ? 'created' : 'configured';
      result.object = response.body;
      result.warnings = warningsOf(response.headers);
    } catch (error) {
      // No answer from the cluster means none for the documents after this one either.
      if (!(error instanceof ResourceError) || error instanceof ClusterUnreachableError) throw error;
      result.error = error;
    }
  }
  return results;
}

/** A custom resource whose CRD came earlier in the batch, or was just stored: wait until it is served. */
async function locateCustomResource(
  kinds: KindResolver,
  manifest: Manifest,
  options: ApplyOptions & { stored: boolean },
): Promise<ObjectLocation> {
  const { apiVersion, kind } = manifest.object;
  if (options.dryRun && !options.stored) {
    throw new ResourceError(
      'unknown-kind',
      400,
      `${apiVersion} ${kind} is defined by a CustomResourceDefinition in this batch, which a dry run does not create`,
    );
  }
  await waitForCrdKind(kinds, apiVersion, kind, {
    timeoutMs: options.crdWaitMs ?? 30_000,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return locateObject(kinds, manifest.object, options.namespace);
}
