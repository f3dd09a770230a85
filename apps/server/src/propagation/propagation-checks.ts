import {
  type ClusterSelector,
  type PropagationDocument,
  type PropagationOverride,
  type PropagationWording,
  propagationEnglish,
  type ReplicaPlacement,
} from '@portolan/api';
import { MASKED } from '#server/kube/secret-mask.ts';
import { isPlainObject } from '#server/resources/kube-object.ts';
import { parseLabelSelector } from '#server/store/resources/labels.ts';
import { isNamespacedKind } from './propagation-objects.ts';

/**
 * What the JSON schema cannot say about a Propagation: selectors that parse, fields that go
 * together, templates that are objects. Pure: the routes call it before anything is saved or read.
 * Every problem names its field and says how to fix it; names no cluster has are only warnings
 * (a policy kept in Git may name a cluster before it is registered).
 */

export interface DocumentProblem {
  /** A path into the document: `spec.placement.clusters.labelSelector`. */
  field: string;
  message: string;
}

/** The document cannot be saved as it is; `problems` lists every one, the message the first. */
export class PropagationCheckError extends Error {
  override name = 'PropagationCheckError';
  readonly field: string;
  readonly problems: DocumentProblem[];
  constructor(problems: DocumentProblem[]) {
    const first = problems[0] ?? { field: 'spec', message: 'is not a valid Propagation' };
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems: see fields)` : '';
    super(`${first.field}: ${first.message}${more}`);
    this.field = first.field;
    this.problems = problems;
  }
}

/** What will not do what it seems to: the English, and its code and values for the console. */
export interface DocumentWarning {
  message: string;
  wording: PropagationWording;
}

export interface CheckResult {
  problems: DocumentProblem[];
  warnings: DocumentWarning[];
}

const warningOf = (wording: PropagationWording): DocumentWarning => ({
  message: propagationEnglish(wording),
  wording,
});

/** A PUT's or a preview's answer fields for the warnings: none when there are none. */
export const warningFields = (warnings: readonly DocumentWarning[]) =>
  warnings.length
    ? {
        warnings: warnings.map((warning) => warning.message),
        warningCodes: warnings.map(({ wording }) => ({ code: wording.code, params: wording.params })),
      }
    : {};

/** Every problem and warning of a document; `clusters` are the registered clusters' names. */
export function findProblems(document: PropagationDocument, clusters: readonly string[]): CheckResult {
  const problems: DocumentProblem[] = [];
  const warnings: DocumentWarning[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });
  const known = new Set(clusters);
  const unknownCluster = (field: string, name: string | undefined) => {
    if (name !== undefined && !known.has(name))
      warnings.push(warningOf({ code: 'warning.unknown-cluster', params: { field, cluster: name } }));
  };
  const spec = document.spec;

  checkClusterSelector('spec.placement.clusters', spec.placement.clusters, problem, unknownCluster);
  checkSources(document, problem);
  unknownCluster('spec.source.cluster', spec.source?.cluster);
  checkTemplates(spec.templates ?? [], problem);
  checkPlacement(spec.placement.replicas, problem, unknownCluster);
  (spec.overrides ?? []).forEach((override, index) => {
    checkOverride(`spec.overrides[${index}]`, override, problem, unknownCluster);
  });
  if (!spec.templates?.length && !spec.resources?.length)
    warnings.push(warningOf({ code: 'warning.nothing-to-propagate', params: {} }));
  const mode = spec.placement.replicas?.mode ?? 'Duplicated';
  if (spec.failover?.enabled && mode === 'Duplicated')
    warnings.push(warningOf({ code: 'warning.failover-duplicated', params: {} }));
  return { problems, warnings };
}

/** The document's warnings; throws PropagationCheckError when it has any problem. */
export function checkPropagation(
  document: PropagationDocument,
  clusters: readonly string[],
): DocumentWarning[] {
  const { problems, warnings } = findProblems(document, clusters);
  if (problems.length) throw new PropagationCheckError(problems);
  return warnings;
}

type Report = (field: string, message: string) => void;
type Unknown = (field: string, name: string | undefined) => void;

function checkSelectorText(field: string, selector: string | undefined, problem: Report): void {
  if (selector === undefined) return;
  try {
    parseLabelSelector(selector);
  } catch (error) {
    problem(field, (error as Error).message);
  }
}

function checkClusterSelector(
  field: string,
  selector: ClusterSelector,
  problem: Report,
  unknownCluster: Unknown,
): void {
  if (!selector.names?.length && selector.labelSelector === undefined && !selector.all)
    problem(field, 'selects no cluster; give names, a labelSelector, or all: true');
  checkSelectorText(`${field}.labelSelector`, selector.labelSelector, problem);
  selector.names?.forEach((name, index) => {
    unknownCluster(`${field}.names[${index}]`, name);
  });
  selector.exclude?.forEach((name, index) => {
    unknownCluster(`${field}.exclude[${index}]`, name);
  });
}

function checkSources(document: PropagationDocument, problem: Report): void {
  const resources = document.spec.resources ?? [];
  if (resources.length && !document.spec.source)
    problem(
      'spec.source.cluster',
      'is required when spec.resources selects resources; name the cluster to read them from',
    );
  resources.forEach((selector, index) => {
    const field = `spec.resources[${index}]`;
    checkSelectorText(`${field}.labelSelector`, selector.labelSelector, problem);
    if (selector.name !== undefined && selector.labelSelector !== undefined)
      problem(field, 'gives both a name and a labelSelector; keep one');
    const namespaced = isNamespacedKind(selector.apiVersion, selector.kind);
    if (namespaced === true && !selector.namespace)
      problem(`${field}.namespace`, `${selector.kind} lives in a namespace; name the namespace to read from`);
    if (namespaced === false && selector.namespace)
      problem(`${field}.namespace`, `${selector.kind} is cluster-scoped; leave out the namespace`);
  });
}

function checkTemplates(templates: readonly Record<string, unknown>[], problem: Report): void {
  const seen = new Map<string, number>();
  templates.forEach((template, index) => {
    const field = `spec.templates[${index}]`;
    const { apiVersion, kind, metadata } = template;
    if (typeof apiVersion !== 'string' || apiVersion === '')
      problem(`${field}.apiVersion`, 'is missing; give the object’s apiVersion, e.g. v1 or apps/v1');
    if (typeof kind !== 'string' || kind === '')
      problem(`${field}.kind`, 'is missing; give the object’s kind, e.g. ConfigMap');
    const name = isPlainObject(metadata) ? metadata.name : undefined;
    if (typeof name !== 'string' || name === '') {
      problem(`${field}.metadata.name`, 'is missing; every template names its object');
      return;
    }
    if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !isPlainObject(metadata)) return;
    const namespace = metadata.namespace;
    if (namespace !== undefined && (typeof namespace !== 'string' || namespace === ''))
      problem(
        `${field}.metadata.namespace`,
        'must be a namespace’s name, or left out for cluster-scoped kinds',
      );
    const namespaced = isNamespacedKind(apiVersion, kind);
    if (namespaced === true && !namespace)
      problem(`${field}.metadata.namespace`, `${kind} lives in a namespace; name it in metadata.namespace`);
    if (namespaced === false && namespace)
      problem(`${field}.metadata.namespace`, `${kind} is cluster-scoped; leave out metadata.namespace`);
    if (kind === 'Secret' && hasMaskedValue(template))
      problem(
        `${field}.data`,
        `holds the masked placeholder ${MASKED} rather than a value; write the Secret's real values`,
      );
    const key = `${apiVersion}/${kind}/${String(namespace ?? '')}/${name}`;
    const earlier = seen.get(key);
    if (earlier !== undefined)
      problem(field, `is the same object as spec.templates[${earlier}]; keep one of them`);
    else seen.set(key, index);
  });
}

const hasMaskedValue = (secret: Record<string, unknown>) =>
  ['data', 'stringData'].some((field) => {
    const values = secret[field];
    return isPlainObject(values) && Object.values(values).includes(MASKED);
  });

function checkPlacement(
  placement: ReplicaPlacement | undefined,
  problem: Report,
  unknownCluster: Unknown,
): void {
  if (!placement) return;
  const field = 'spec.placement.replicas';
  const weights = placement.weights ?? [];
  if (weights.length && placement.mode !== 'Weighted')
    problem(`${field}.weights`, `only mode Weighted uses weights; set mode: Weighted or remove the weights`);
  if (placement.mode === 'Weighted' && !weights.length)
    problem(
      `${field}.weights`,
      'mode Weighted needs weights: give each cluster (by name or labelSelector) one',
    );
  weights.forEach((weight, index) => {
    const at = `${field}.weights[${index}]`;
    if ((weight.cluster === undefined) === (weight.labelSelector === undefined))
      problem(at, 'names its clusters by cluster or by labelSelector: give exactly one');
    checkSelectorText(`${at}.labelSelector`, weight.labelSelector, problem);
    unknownCluster(`${at}.cluster`, weight.cluster);
  });
  const limited = new Map<string, number>();
  (placement.limits ?? []).forEach((limit, index) => {
    const at = `${field}.limits[${index}]`;
    if (limit.min !== undefined && limit.max !== undefined && limit.min > limit.max)
      problem(at, `min ${limit.min} is more than max ${limit.max}; lower min or raise max`);
    const earlier = limited.get(limit.cluster);
    if (earlier !== undefined)
      problem(`${at}.cluster`, `limits cluster "${limit.cluster}" again (limits[${earlier}]); merge the two`);
    else limited.set(limit.cluster, index);
    unknownCluster(`${at}.cluster`, limit.cluster);
  });
}

const CHANGES = ['image', 'replicas', 'env', 'labels', 'annotations', 'jsonPatch'] as const;

function checkOverride(
  field: string,
  override: PropagationOverride,
  problem: Report,
  unknownCluster: Unknown,
): void {
  checkClusterSelector(`${field}.clusters`, override.clusters, problem, unknownCluster);
  if (!CHANGES.some((change) => override[change] !== undefined))
    problem(field, `changes nothing; give one of ${CHANGES.join(', ')}`);
  const image = override.image;
  if (image) {
    const parts = image.registry !== undefined || image.tag !== undefined;
    if (image.image !== undefined && parts)
      problem(`${field}.image`, 'gives a whole image and a registry or tag; give one or the other');
    if (image.image === undefined && !parts)
      problem(`${field}.image`, 'changes nothing; give image, or registry and/or tag');
  }
  (override.jsonPatch ?? []).forEach((operation, index) => {
    const at = `${field}.jsonPatch[${index}]`;
    if (!operation.path.startsWith('/'))
      problem(
        `${at}.path`,
        `"${operation.path}" is not a JSON pointer; start it with "/", e.g. /spec/replicas`,
      );
    if (operation.op === 'move' || operation.op === 'copy') {
      if (operation.from === undefined)
        problem(`${at}.from`, `${operation.op} needs from: the pointer to take from`);
      else if (!operation.from.startsWith('/'))
        problem(`${at}.from`, `"${operation.from}" is not a JSON pointer; start it with "/"`);
    }
    if (
      (operation.op === 'add' || operation.op === 'replace' || operation.op === 'test') &&
      !('value' in operation)
    )
      problem(`${at}.value`, `${operation.op} needs a value`);
  });
}
