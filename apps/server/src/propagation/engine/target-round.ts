import {
  detailOf,
  type PropagationEventReason,
  type PropagationWording,
  propagationEnglish,
} from '@portolan/api';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { ClusterUnreachableError } from '#server/resources/resource-errors.ts';
import type {
  OwnedObject,
  PropagationStore,
  StoredTarget,
  TargetState,
} from '#server/store/propagations/propagation-store.ts';
import type { RenderedTarget } from '../contract.ts';
import type { WriteCheck } from './author-access.ts';
import type { EngineCluster } from './cluster-facts.ts';
import { memberRefused, refusalDetail } from './member-refusal.ts';
import {
  applyObject,
  deleteExactly,
  driftOf,
  handOverReplicas,
  type Member,
  readObject,
  reasonOf,
  unmark,
} from './member-writes.ts';
import {
  applyOrder,
  describeObject,
  identityOf,
  isScaledWorkload,
  keyOf,
  type ObjectIdentity,
} from './object-shape.ts';
import { healthOf, unreachable, whyLeft } from './target-words.ts';
import { because, noReason, wording } from './wording.ts';

export interface EventInput {
  cluster?: string;
  type: 'Normal' | 'Warning';
  reason: PropagationEventReason;
  message: string;
  /** `message` as a code and values the console words. */
  wording?: PropagationWording;
  object?: string;
}

/** One round on one target cluster of one propagation. */
export interface TargetRound {
  propagation: string;
  generation: number;
  suspended: boolean;
  rendered: RenderedTarget;
  /** Undefined: no cluster of that name is registered any more. */
  cluster: EngineCluster | undefined;
  /** Undefined while the cluster has no client (not opened yet, or its credentials fail). */
  member: Member | undefined;
  may: WriteCheck;
  /** The ownership records of this propagation on this cluster. */
  owned: OwnedObject[];
  previous: StoredTarget | undefined;
  /** `Kind/namespace/name` of the workloads an HPA scales there: their replicas are the HPA's. */
  autoscaled: ReadonlySet<string>;
  /**
   * Objects in a namespace there that no propagation put there (as the synced store has them):
   * a Namespace Portolan created is not deleted while it holds any, since they would go with it.
   */
  strangersIn: (namespace: string) => Promise<string[]>;
  moved: { movedIn: number; movedOut: number };
  store: PropagationStore;
  now: () => Date;
  event: (event: EventInput) => Promise<void>;
}

/** The worst state first: a cluster's state is the worst of its objects'. */
const SEVERITY: TargetState[] = [
  'offline',
  'failed',
  'forbidden',
  'drifted',
  'removing',
  'pending',
  'applied',
];
export const worstOf = (states: TargetState[]): TargetState =>
  SEVERITY.find((state) => states.includes(state)) ?? 'applied';

const recordKey = (o: ObjectIdentity) => keyOf(o);

function withoutReplicas(object: KubeObject): KubeObject {
  const { replicas: _theHpas, ...spec } = object.spec as Record<string, unknown>;
  return { ...object, spec };
}

/**
 * Applies what is rendered for the cluster and removes what is no longer rendered, then records the
 * cluster's state. Nothing is applied or removed on a cluster that is Offline (its records are
 * kept, so a cleanup runs when it is back), while the source cannot be read, while suspended, or
 * where the author may not write. Only objects Portolan created, with the uid it recorded, are ever
 * deleted; others lose Portolan's label and stay.
 */
export async function runTargetRound(round: TargetRound): Promise<StoredTarget | undefined> {
  const { store, rendered, propagation } = round;
  const clusterName = rendered.cluster;
  const event = (input: Omit<EventInput, 'cluster' | 'message'>, said: PropagationWording) =>
    round.event({ ...input, message: propagationEnglish(said), wording: said, cluster: clusterName });
  if (!round.cluster) {
    // The cluster left Portolan: its records go, nothing can be (or is) deleted there.
    for (const record of round.owned) await store.deleteObject(record);
    await store.deleteTarget(propagation, clusterName);
    return undefined;
  }
  const target: StoredTarget = {
    propagation,
    cluster: clusterName,
    state: 'pending',
    ...noReason,
    replicas: rendered.replicas ?? null,
    ...round.moved,
    offlineSince: round.cluster.offlineSince ?? null,
    lastAppliedAt: round.previous?.lastAppliedAt ?? null,
  };
  const finish = async (state: TargetState, why: PropagationWording | null) => {
    target.state = state;
    Object.assign(target, why ? because(why) : noReason);
    await store.putTarget(target);
    return target;
  };
  const offline = async (why: PropagationWording) => {
    if (round.previous?.state !== 'offline')
      await event(
        { type: 'Warning', reason: 'ClusterOffline' },
        wording('event.cluster-offline', { cluster: clusterName, ...detailOf(why) }),
      );
    return finish('offline', why);
  };
  if (round.cluster.status === 'Offline') return offline(healthOf(round.cluster));
  // No client yet (the registry opens them as the server starts): the next round will have one.
  if (!round.member) {
    target.state = round.previous?.state ?? 'pending';
    Object.assign(
      target,
      round.previous?.reason
        ? { reason: round.previous.reason, reasonWording: round.previous.reasonWording ?? null }
        : because(wording('reason.waiting-connection')),
    );
    await store.putTarget(target);
    return target;
  }
  if (round.previous?.state === 'offline')
    await event(
      { type: 'Normal', reason: 'ClusterBack' },
      wording('event.cluster-back', { cluster: clusterName }),
    );
  if (rendered.error) {
    const why = rendered.errorWording ?? wording('reason.member-refused', { detail: rendered.error });
    if (round.previous?.reason !== rendered.error)
      await event(
        { type: 'Warning', reason: 'ApplyFailed' },
        wording('event.nothing-applied', detailOf(why)),
      );
    return finish('failed', why);
  }
  const member = round.member;
  const owned = new Map(round.owned.map((record) => [recordKey(record), record]));
  if (round.suspended) {
    try {
      return finish(await reportDrift(round, member, owned), wording('reason.suspended'));
    } catch (error) {
      if (!(error instanceof ClusterUnreachableError)) throw error;
      return offline(unreachable(error));
    }
  }
  const states: TargetState[] = [];
  const forbiddenReasons = new Map<string, PropagationWording>();
  let changed = 0;
  try {
    for (const { object } of rendered.objects) {
      const identity = identityOf(object);
      const record = owned.get(recordKey(identity));
      const base = { propagation, cluster: clusterName, ...identity };
      const refused = round.may(clusterName, identity.namespace || undefined);
      if (refused) {
        states.push('forbidden');
        forbiddenReasons.set(propagationEnglish(refused), refused);
        await store.putObject({
          ...base,
          uid: record?.uid ?? null,
          created: record?.created ?? false,
          appliedGeneration: record?.appliedGeneration ?? 0,
          state: 'forbidden',
          ...because(refused),
          lastAppliedAt: record?.lastAppliedAt ?? null,
        });
        continue;
      }
      const scaledByHpa = isScaledWorkload(identity) && round.autoscaled.has(describeObject(identity));
      try {
        if (scaledByHpa) await handOverReplicas(member, identity);
        const applied = await applyObject(member, scaledByHpa ? withoutReplicas(object) : object);
        const uid = applied.object.metadata?.uid ?? null;
        // Created by Portolan: made by this apply, or by an earlier one and still the same object.
        const created = applied.created || (record?.created === true && record.uid === uid);
        const at = round.now();
        if (!record || record.appliedGeneration !== round.generation || record.state !== 'applied')
          changed += 1;
        await store.putObject({
          ...base,
          uid,
          created,
          appliedGeneration: round.generation,
          state: 'applied',
          ...noReason,
          lastAppliedAt: at,
        });
        target.lastAppliedAt = at;
        states.push('applied');
        if (applied.repaired.length && record)
          await event(
            { type: 'Warning', reason: 'DriftRepaired', object: describeObject(identity) },
            wording('event.drift-repaired', { cluster: clusterName, fields: applied.repaired.join('; ') }),
          );
        else if (applied.created && record?.uid && record.state === 'applied')
          await event(
            { type: 'Warning', reason: 'DriftRepaired', object: describeObject(identity) },
            wording('event.remade', { cluster: clusterName }),
          );
      } catch (error) {
        if (error instanceof ClusterUnreachableError) throw error;
        const reason = reasonOf(error);
        states.push('failed');
        if (record?.reason !== reason)
          await event(
            { type: 'Warning', reason: 'ApplyFailed', object: describeObject(identity) },
            wording('event.apply-failed', refusalDetail(error)),
          );
        await store.putObject({
          ...base,
          uid: record?.uid ?? null,
          created: record?.created ?? false,
          appliedGeneration: record?.appliedGeneration ?? 0,
          state: 'failed',
          ...because(memberRefused(error)),
          lastAppliedAt: record?.lastAppliedAt ?? null,
        });
      }
    }
    if (changed > 0 && !states.some((s) => s !== 'applied'))
      await event(
        { type: 'Normal', reason: 'Applied' },
        wording('event.applied', {
          generation: round.generation,
          cluster: clusterName,
          count: rendered.objects.length,
        }),
      );
    states.push(...(await removeAll(round, member, owned)));
  } catch (error) {
    if (!(error instanceof ClusterUnreachableError)) throw error;
    return offline(unreachable(error));
  }
  const firstRefusal = [...forbiddenReasons.values()][0];
  if (firstRefusal && round.previous?.state !== 'forbidden')
    await event({ type: 'Warning', reason: 'Forbidden' }, wording('event.forbidden', detailOf(firstRefusal)));
  const state = worstOf(states);
  return finish(state, state === 'forbidden' ? (firstRefusal ?? null) : null);
}

const isNamespace = (o: ObjectIdentity) => o.kind === 'Namespace' && o.apiVersion === 'v1';

/**
 * While suspended nothing is written, but drift is still found (a dry run of each apply): an object
 * changed by someone else is `drifted`, with the fields, until the propagation is resumed.
 */
async function reportDrift(
  round: TargetRound,
  member: Member,
  owned: Map<string, OwnedObject>,
): Promise<TargetState> {
  const states: TargetState[] = [];
  for (const { object } of round.rendered.objects) {
    const identity = identityOf(object);
    const record = owned.get(recordKey(identity));
    if (!record?.uid || (record.state !== 'applied' && record.state !== 'drifted')) continue;
    if (round.may(record.cluster, identity.namespace || undefined)) continue;
    const scaledByHpa = isScaledWorkload(identity) && round.autoscaled.has(describeObject(identity));
    let fields: string[];
    try {
      fields = await driftOf(member, scaledByHpa ? withoutReplicas(object) : object);
    } catch (error) {
      if (error instanceof ClusterUnreachableError) throw error;
      continue;
    }
    const state: TargetState = fields.length ? 'drifted' : 'applied';
    states.push(state);
    const why = fields.length ? because(wording('reason.drifted', { fields: fields.join('; ') })) : noReason;
    if (state !== record.state || why.reason !== record.reason)
      await round.store.putObject({ ...record, state, ...why });
  }
  if (states.includes('drifted')) return 'drifted';
  return round.previous?.state === 'drifted' ? 'applied' : (round.previous?.state ?? 'pending');
}

/** An event on `cluster` worded by a code. */
const said = (
  round: TargetRound,
  input: Omit<EventInput, 'cluster' | 'message' | 'wording'>,
  cluster: string,
  why: PropagationWording,
) => round.event({ ...input, cluster, message: propagationEnglish(why), wording: why });

/** Cleans up every removal, last applied first; answers the states of those that stay. */
async function removeAll(
  round: TargetRound,
  member: Member,
  owned: Map<string, OwnedObject>,
): Promise<TargetState[]> {
  const { store } = round;
  const removals = round.rendered.removals
    .map((removal) => owned.get(recordKey({ namespace: '', ...removal })))
    .filter((record): record is OwnedObject => record !== undefined);
  const ordered = applyOrder(
    removals.map((record) => ({
      record,
      object: {
        apiVersion: record.apiVersion,
        kind: record.kind,
        metadata: { name: record.name, ...(record.namespace ? { namespace: record.namespace } : {}) },
      },
    })),
  ).reverse();
  const states: TargetState[] = [];
  for (const { record } of ordered) {
    const refused = round.may(record.cluster, record.namespace || undefined);
    if (refused) {
      states.push('forbidden');
      await store.putObject({ ...record, state: 'forbidden', ...because(refused) });
      continue;
    }
    const name = describeObject(record);
    if (!record.uid) {
      // Never applied there (refused, or failed before the member answered): nothing to clean up.
      await store.deleteObject(record);
      continue;
    }
    try {
      const live = await readObject(member, record);
      const ours = live && record.created && record.uid && live.metadata?.uid === record.uid;
      const strangers = ours && isNamespace(record) ? await round.strangersIn(record.name) : [];
      if (ours && strangers.length === 0) {
        await deleteExactly(member, record, record.uid as string);
        await said(round, { type: 'Normal', reason: 'CleanedUp', object: name }, record.cluster, {
          code: 'event.cleaned-up',
          params: { cluster: record.cluster },
        });
      } else if (live) {
        await unmark(member, record);
        await said(round, { type: 'Normal', reason: 'LeftInPlace', object: name }, record.cluster, {
          ...whyLeft(record, strangers),
        });
      }
      await store.deleteObject(record);
    } catch (error) {
      if (error instanceof ClusterUnreachableError) throw error;
      states.push('removing');
      await store.putObject({
        ...record,
        state: 'removing',
        ...because(memberRefused(error)),
      });
    }
  }
  return states;
}
