import { fillWords } from './fill-words.ts';
/**
 * What a propagation says about its clusters and objects, as a code and values beside Portolan's
 * English (issue #10): a target's or object's `reason` comes with `reasonCode` and `reasonParams`, an
 * event's `message` with `messageCode` and `messageParams`, a preview target's `error` with `errorCode`
 * and `errorParams`, and a PUT's or a preview's `warnings` with `warningCodes`. The server makes the English from these
 * words and the values, so the two never disagree; the console words the same code in the reader's
 * language (apps/web/src/features/propagations/propagation-words-zh.ts; a test checks every code has
 * words with the same placeholders) and shows the English for a code it does not know.
 *
 * Values are names, counts and text Kubernetes or a member cluster wrote (`detail`), which stays as
 * written. Two kinds of value carry a reason of their own beside their English `detail`:
 * - `detailCode` with `detail.<name>` values: another code of this list (an event repeating a reason);
 * - `clusterCode` with `cluster.<name>` values: a cluster's reason (CLUSTER_REASON_CODES).
 */
export const PROPAGATION_WORDS = {
  // Why a cluster or an object is in its state (targets' and objects' `reason`).
  'reason.offline': '{detail}',
  'reason.offline-unsaid': 'the health probe calls it Offline',
  'reason.unreachable': 'the cluster cannot be reached',
  'reason.waiting-connection': 'waiting for Portolan’s connection',
  'reason.suspended': 'suspended: nothing is applied or removed',
  'reason.no-cluster': 'no cluster named {cluster} is registered',
  'reason.source-missing': 'spec.source.cluster: no cluster named "{source}" is registered',
  'reason.source-unreachable':
    'source cluster {source} cannot be reached now; nothing is applied or removed until it can',
  'reason.source-failed':
    'reading from source cluster {source} failed: {detail}; nothing is applied or removed until it can be read',
  'reason.override-failed': 'spec.overrides[{override}]: {detail}',
  'reason.author-disabled':
    '{user}, who last saved this propagation, is disabled; save it again as a user who may write here',
  'reason.author-gone':
    '{user}, who last saved this propagation, no longer exists; save it again as a user who may write here',
  'reason.author-namespace':
    '{user}, who last saved this propagation, may not write in namespace {namespace} of cluster {cluster} (resources:write); an administrator can grant it, or someone who may can save it again',
  'reason.author-cluster':
    '{user}, who last saved this propagation, may not write to cluster {cluster} (resources:write); an administrator can grant it, or someone who may can save it again',
  'reason.member-refused': '{detail}',
  'reason.drifted': 'changed by someone else: {fields}',
  // Why a preview cannot show (or apply) an object or a cluster to the caller.
  'preview.cannot-read-cluster':
    'you may not read cluster {cluster}; ask its Admin for a role to preview or propagate there',
  'preview.may-not-read-namespace':
    'you may not read in namespace {namespace} of cluster {cluster} (resources:read); narrow the placement or ask an Admin there for a role',
  'preview.may-not-read-cluster':
    'you may not read in cluster {cluster} (resources:read); narrow the placement or ask an Admin there for a role',
  'preview.may-not-write-namespace':
    'you may not write in namespace {namespace} of cluster {cluster} (resources:write); narrow the placement or ask an Admin there for a role',
  'preview.may-not-write-cluster':
    'you may not write in cluster {cluster} (resources:write); narrow the placement or ask an Admin there for a role',
  'preview.no-longer-rendered': 'Portolan applied it here and the document no longer renders it',
  // Why a preview cannot read a target cluster at all (a target's `error`).
  'preview.no-connection':
    'cluster "{cluster}" has no open connection ({detail}); replace its kubeconfig with PUT /api/v1/clusters/{cluster}/kubeconfig',
  'preview.no-client':
    'Portolan has no client for cluster {cluster}, so nothing of it can be shown: {detail}',
  // A cluster's refusal, in Portolan's words around Kubernetes' own (`detail`, `fields`): inside a
  // `reason.member-refused` as its detail.
  'refusal.forbidden-user-namespace':
    '{user} is not allowed to {verb} {object} in namespace "{namespace}": the permission "{verb}" on "{resource}" in namespace "{namespace}" is missing',
  'refusal.forbidden-user-cluster':
    '{user} is not allowed to {verb} {object} cluster-wide: the permission "{verb}" on "{resource}" cluster-wide is missing',
  'refusal.forbidden-namespace':
    'you are not allowed to {verb} {object} in namespace "{namespace}": the permission "{verb}" on "{resource}" in namespace "{namespace}" is missing',
  'refusal.forbidden-cluster':
    'you are not allowed to {verb} {object} cluster-wide: the permission "{verb}" on "{resource}" cluster-wide is missing',
  'refusal.unauthorized': 'the cluster did not accept the credentials ({detail}); they may have expired',
  'refusal.invalid': '{object} is invalid:\n{fields}',
  'refusal.no-namespace': 'namespace "{namespace}" does not exist',
  'refusal.not-found': '{object} does not exist',
  'refusal.changed': '{object} changed since it was read ({detail}); start again from the current version',
  'refusal.unknown-kind':
    'the cluster serves no resource type "{kind}"; `kubectl api-resources` lists the kinds it serves',
  'refusal.unknown-kind-suggested':
    'the cluster serves no resource type "{kind}"; did you mean {suggestions}?',
  // Why an override cannot be laid over an object (inside `reason.override-failed` as its detail).
  'override.no-container':
    'override {override}: {object} has no container named "{container}"; name one of its containers, or limit the override to other objects with its "resource"',
  'override.json-patch': 'override {override}, JSON patch on {object}: {detail}',
  'override.not-object': 'override {override}: the JSON patch leaves {object} not an object',
  // Why a JSON patch operation cannot be applied (inside `override.json-patch` as its detail).
  'patch.not-pointer': '"{pointer}" is not a JSON pointer: it must be empty or start with "/"',
  'patch.bad-escape': '"{pointer}" has a "~" that is not "~0" (for ~) or "~1" (for /)',
  'patch.not-index': 'path {pointer}: "{token}" is not an index of the array there',
  'patch.past-end': 'path {pointer}: index {index} is past the end (length {length})',
  'patch.no-path': 'path {pointer} does not exist',
  'patch.parent-not-container': 'path {pointer}: its parent is not an object or an array',
  'patch.remove-whole': 'the whole object cannot be removed',
  'patch.needs-field': '"{op}" at {pointer} needs a "{field}"',
  'patch.move-into-child': '"move" cannot move {from} into its own child {pointer}',
  'patch.test-failed': '"test" failed: {pointer} is not {value}',
  'patch.unknown-op': '"{op}" is not a JSON patch operation',
  // What in a document will not do what it seems to (a PUT's or a preview's `warnings`).
  'warning.unknown-cluster':
    '{field}: no registered cluster is named "{cluster}"; nothing happens there until one is (check the spelling)',
  'warning.nothing-to-propagate':
    'spec: names nothing to propagate; add spec.templates, or spec.resources with spec.source',
  'warning.failover-duplicated':
    'spec.failover: with Duplicated placement every cluster already runs all the replicas, so failover has nothing to move; set spec.placement.replicas.mode to Weighted or Capacity',
  // What happened (events' `message`).
  'event.cluster-offline':
    'cluster {cluster} cannot be reached: {detail}; its objects are kept and nothing is removed there until it is back',
  'event.cluster-back': 'cluster {cluster} is reachable again; applying',
  'event.nothing-applied': 'nothing applied or removed: {detail}',
  'event.apply-failed': '{detail}',
  'event.forbidden': '{detail}',
  'event.drift-repaired': 'changed on {cluster} by someone else; set back as propagated: {fields}',
  'event.remade': 'deleted from {cluster} by someone else; made again as propagated',
  'event.applied': 'generation {generation} applied on {cluster} ({count} objects)',
  'event.cleaned-up':
    'deleted from {cluster}: Portolan created it there and the propagation no longer places it',
  'event.left-strangers':
    "left on {cluster} without Portolan's label: it holds objects Portolan did not put there ({objects}), which would be deleted with it",
  'event.left-strangers-more':
    "left on {cluster} without Portolan's label: it holds objects Portolan did not put there ({objects} and {more} more), which would be deleted with it",
  'event.left-remade':
    "left on {cluster} without Portolan's label: it was made again by someone else since, so it is not Portolan’s to delete",
  'event.left-preexisting':
    "left on {cluster} without Portolan's label: it was there before Portolan applied it, so it is not Portolan’s to delete",
  'event.failover-moved':
    '{replicas} replicas of {workload} moved from {from} to {to}: {from} has been Offline for {seconds} s, beyond the {grace} s grace',
  'event.failover-again':
    '{replicas} replicas of {workload} moved from {from} to {to}: {from} is Offline again while its replicas still run elsewhere',
  'event.failback-moved':
    '{replicas} replicas of {workload} moved from {from} to {to}: {to} is back with {ready} of its {share} replicas Ready',
} as const;

/** What kind of thing an event tells (its `reason`, a word as Kubernetes' events have): the console words each. */
export const PROPAGATION_EVENT_REASONS = [
  'Applied',
  'ApplyFailed',
  'DriftRepaired',
  'CleanedUp',
  'LeftInPlace',
  'FailoverMoved',
  'FailbackMoved',
  'Forbidden',
  'ClusterOffline',
  'ClusterBack',
] as const;
export type PropagationEventReason = (typeof PROPAGATION_EVENT_REASONS)[number];

export type PropagationCode = keyof typeof PROPAGATION_WORDS;
export type PropagationParams = Record<string, string | number>;

/** Every code a propagation's reason or event can carry: the single list the console's words are checked against. */
export const PROPAGATION_CODES = Object.keys(PROPAGATION_WORDS) as PropagationCode[];

/** A reason or an event as a code and its values. */
export interface PropagationWording {
  code: PropagationCode;
  params: PropagationParams;
}

/** The English of a code with its values. */
export const propagationEnglish = (wording: PropagationWording): string =>
  fillWords(PROPAGATION_WORDS[wording.code], wording.params);

/** `detail` values carrying another wording: its English, its code and its values as `detail.<name>`. */
export function detailOf(inner: PropagationWording): PropagationParams {
  const params: PropagationParams = { detail: propagationEnglish(inner), detailCode: inner.code };
  for (const [name, value] of Object.entries(inner.params)) params[`detail.${name}`] = value;
  return params;
}

/** `reasonCode` / `messageCode` in a schema: one of PROPAGATION_CODES. */
export const propagationCode = {
  type: 'string',
  enum: PROPAGATION_CODES,
  description:
    'the English beside it as a code the console words (PROPAGATION_CODES of propagation-codes.ts)',
} as const;

/** `reasonParams` / `messageParams` in a schema: the code's values. */
export const propagationParams = {
  type: 'object',
  additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }] },
  description: "the code's values: cluster, user, namespace, counts, and Kubernetes' own text as detail",
} as const;
