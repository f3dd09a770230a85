import {
  detailOf,
  type PropagationDocument,
  type PropagationWording,
  propagationEnglish,
} from '@portolan/api';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { OverrideError, type RenderedObject, type RenderedTarget } from '../contract.ts';
import { applyOverrides, selectorMatches } from '../placement/index.ts';
import type { EngineCluster } from './cluster-facts.ts';
import {
  applyOrder,
  cleanObject,
  identityOf,
  isScaledWorkload,
  keyOf,
  markObject,
  type ObjectIdentity,
} from './object-shape.ts';
import type { ReplicaPlan } from './replica-plan.ts';
import { WordedError, wording } from './wording.ts';

/** A target's error: the English of a code, and the code beside it. */
const failing = (why: PropagationWording) => ({ error: propagationEnglish(why), errorWording: why });

/** The objects every target starts from: the templates, then what the source cluster gave. */
export function baseObjects(
  document: PropagationDocument,
  fromSource: readonly RenderedObject[],
): RenderedObject[] {
  const templates = (document.spec.templates ?? []).map(
    (template): RenderedObject => ({ object: cleanObject(template as KubeObject), origin: 'template' }),
  );
  const seen = new Set(templates.map((t) => keyOf(identityOf(t.object))));
  return [...templates, ...fromSource.filter((s) => !seen.has(keyOf(identityOf(s.object))))];
}

/** What Portolan applied on a cluster before, by object (the ownership records of one target). */
export type AppliedBefore = readonly ObjectIdentity[];

/**
 * Per target, each object as it would be applied there: placement's replicas for scaled workloads,
 * then the overrides that select the cluster, then the contract's label and annotation; namespaces
 * first. `base` is an Error when the source could not be read: then every target says why and
 * renders nothing, and nothing is listed for removal (an unreadable source never removes anything).
 */
export function renderTargets(input: {
  document: PropagationDocument;
  generation: number;
  clusters: readonly EngineCluster[];
  targets: readonly string[];
  base: readonly RenderedObject[] | Error;
  plan: ReplicaPlan;
  /** Ownership records by cluster name. */
  appliedBefore: (cluster: string) => AppliedBefore;
}): RenderedTarget[] {
  const { document, clusters } = input;
  const name = document.metadata.name;
  const byName = new Map(clusters.map((c) => [c.name, c]));
  const selects = (selector: Parameters<typeof selectorMatches>[0], cluster: string) => {
    const facts = byName.get(cluster);
    return facts ? selectorMatches(selector, facts) : false;
  };
  return input.targets.map((cluster): RenderedTarget => {
    const facts = byName.get(cluster);
    if (!facts)
      return { cluster, ...failing(wording('reason.no-cluster', { cluster })), objects: [], removals: [] };
    if (input.base instanceof Error) {
      const why = input.base instanceof WordedError ? input.base.wording : undefined;
      return { cluster, ...(why ? failing(why) : { error: input.base.message }), objects: [], removals: [] };
    }
    let replicas: number | undefined;
    const objects: RenderedObject[] = [];
    // The source cluster holds the originals: applying the placed copies there would change what
    // the next round reads (its replicas split again and again), so it gets the templates only.
    const source = document.spec.resources?.length ? document.spec.source?.cluster : undefined;
    const base = cluster === source ? input.base.filter((item) => item.origin === 'template') : input.base;
    try {
      for (const item of base) {
        let object = item.object;
        const planned = isScaledWorkload(identityOf(object))
          ? input.plan.get(keyOf(identityOf(object)))?.[cluster]
          : undefined;
        if (planned !== undefined) {
          object = { ...object, spec: { ...(object.spec as object), replicas: planned } };
        }
        object = applyOverrides(object, document.spec.overrides ?? [], facts, selects);
        const placed = (object.spec as { replicas?: unknown } | undefined)?.replicas;
        if (planned !== undefined && typeof placed === 'number') replicas = (replicas ?? 0) + placed;
        objects.push({ ...item, object: markObject(object, name, input.generation) });
      }
    } catch (error) {
      if (!(error instanceof OverrideError)) throw error;
      return {
        cluster,
        ...failing(
          wording('reason.override-failed', { override: error.override, ...detailOf(error.wording) }),
        ),
        objects: [],
        removals: [],
      };
    }
    const rendered = new Set(objects.map((o) => keyOf(identityOf(o.object))));
    const removals = input
      .appliedBefore(cluster)
      .filter((o) => !rendered.has(keyOf(o)))
      .map((o) => ({
        apiVersion: o.apiVersion,
        kind: o.kind,
        name: o.name,
        ...(o.namespace ? { namespace: o.namespace } : {}),
      }));
    return {
      cluster,
      ...(replicas === undefined ? {} : { replicas }),
      objects: applyOrder(objects),
      removals,
    };
  });
}
