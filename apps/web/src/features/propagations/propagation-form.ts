import type {
  ClusterSelector,
  PropagationDocument,
  PropagationOverride,
  ReplicaPlacement,
  ResourceSelector,
} from '@portolan/api';
import { parseAllDocuments, parse as parseYaml, stringify } from 'yaml';
import { parseLabels } from '../clusters/cluster-labels.ts';
import { kindKey, kindOfKey } from './kinds.ts';

// The form's values and the document, both ways. The form is one view of the document and the YAML tab
// another: switching between them goes through documentOf and formOf, so nothing typed is lost.

/** Which clusters, as the form edits it (empty parts mean "not used"). */
export interface SelectorFields {
  names: string[];
  labelSelector: string;
  all: boolean;
  exclude: string[];
}

/** One kind from the source cluster: several names, or a label selector, or every one. */
export interface ResourceRow {
  /** kindKey(apiVersion, kind). */
  type: string;
  namespace: string;
  names: string[];
  labelSelector: string;
}

export interface WeightRow {
  cluster: string;
  labelSelector: string;
  weight: number | null;
}

export interface LimitRow {
  cluster: string;
  min: number | null;
  max: number | null;
}

export interface EnvRow {
  container: string;
  name: string;
  value: string;
  /** The variable is removed rather than set. */
  remove: boolean;
}

export interface OverrideRow {
  clusters: SelectorFields;
  kind: string;
  namespace: string;
  name: string;
  container: string;
  image: string;
  registry: string;
  tag: string;
  replicas: number | null;
  env: EnvRow[];
  /** key=value, one a line. */
  labels: string;
  annotations: string;
  /** A YAML list of JSON patch operations. */
  jsonPatch: string;
}

export type ReplicaMode = '' | ReplicaPlacement['mode'];

export interface PropagationForm {
  name: string;
  sourceCluster: string;
  resources: ResourceRow[];
  includeDependencies: boolean;
  /** Objects kept in Portolan itself, as YAML documents. */
  templates: string;
  targets: SelectorFields;
  replicaMode: ReplicaMode;
  weights: WeightRow[];
  limits: LimitRow[];
  spreadBy: string;
  overrides: OverrideRow[];
  failover: boolean;
  graceSeconds: number | null;
  minReadyReplicas: number | null;
}

/** How long a cluster may be offline before its replicas move, when not said (the schema's default). */
export const DEFAULT_GRACE = 60;

export const emptySelector = (): SelectorFields => ({
  names: [],
  labelSelector: '',
  all: false,
  exclude: [],
});

export const emptyForm = (): PropagationForm => ({
  name: '',
  sourceCluster: '',
  resources: [],
  includeDependencies: true,
  templates: '',
  targets: emptySelector(),
  replicaMode: '',
  weights: [],
  limits: [],
  spreadBy: '',
  overrides: [],
  failover: false,
  graceSeconds: DEFAULT_GRACE,
  minReadyReplicas: null,
});

export const emptyOverride = (): OverrideRow => ({
  clusters: emptySelector(),
  kind: '',
  namespace: '',
  name: '',
  container: '',
  image: '',
  registry: '',
  tag: '',
  replicas: null,
  env: [],
  labels: '',
  annotations: '',
  jsonPatch: '',
});

const trim = (text: string | undefined) => (text ?? '').trim();
const present = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

// ---- the form → the document ----

export function selectorOf(fields: SelectorFields): ClusterSelector {
  const names = fields.names.map(trim).filter(Boolean);
  const exclude = fields.exclude.map(trim).filter(Boolean);
  return {
    ...(names.length ? { names } : {}),
    ...(trim(fields.labelSelector) ? { labelSelector: trim(fields.labelSelector) } : {}),
    ...(fields.all ? { all: true } : {}),
    ...(exclude.length ? { exclude } : {}),
  };
}

/** The selectors of one row: one per name, or one for the row's label selector (or every one). */
export function selectorsOfRow(row: ResourceRow): ResourceSelector[] {
  const { apiVersion, kind } = kindOfKey(row.type);
  const base = { apiVersion, kind, ...(trim(row.namespace) ? { namespace: trim(row.namespace) } : {}) };
  const names = row.names.map(trim).filter(Boolean);
  if (names.length) return names.map((name) => ({ ...base, name }));
  return [{ ...base, ...(trim(row.labelSelector) ? { labelSelector: trim(row.labelSelector) } : {}) }];
}

export const pairsText = (pairs: Record<string, string> | undefined) =>
  Object.entries(pairs ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');

/** The YAML documents of a text as objects; throws with the first problem's line. */
export function parseTemplates(text: string): Record<string, unknown>[] {
  const objects: Record<string, unknown>[] = [];
  for (const document of parseAllDocuments(text)) {
    const problem = document.errors[0];
    if (problem) throw new Error(problem.message);
    const value = document.toJS() as unknown;
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) throw new Error('not-object');
    objects.push(value as Record<string, unknown>);
  }
  return objects;
}

/** What is wrong with a template, as a message key; undefined when it can be sent. */
export function templateProblem(
  object: Record<string, unknown>,
): 'templateKind' | 'templateName' | undefined {
  if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') return 'templateKind';
  const metadata = object.metadata as { name?: unknown } | undefined;
  if (typeof metadata?.name !== 'string' || !metadata.name) return 'templateName';
  return undefined;
}

export const templatesText = (templates: readonly object[] | undefined) =>
  (templates ?? []).map((object) => stringify(object, { lineWidth: 0 })).join('---\n');

function overrideOf(row: OverrideRow): PropagationOverride {
  const resource = {
    ...(trim(row.kind) ? { kind: trim(row.kind) } : {}),
    ...(trim(row.namespace) ? { namespace: trim(row.namespace) } : {}),
    ...(trim(row.name) ? { name: trim(row.name) } : {}),
  };
  const image = {
    ...(trim(row.container) ? { container: trim(row.container) } : {}),
    ...(trim(row.image) ? { image: trim(row.image) } : {}),
    ...(trim(row.registry) ? { registry: trim(row.registry) } : {}),
    ...(trim(row.tag) ? { tag: trim(row.tag) } : {}),
  };
  const hasImage = Boolean(image.image || image.registry || image.tag);
  const env = row.env
    .filter((entry) => trim(entry.name))
    .map((entry) => ({
      ...(trim(entry.container) ? { container: trim(entry.container) } : {}),
      name: trim(entry.name),
      ...(entry.remove ? {} : { value: entry.value ?? '' }),
    }));
  const labels = parseLabels(row.labels ?? '') ?? {};
  const annotations = parseLabels(row.annotations ?? '') ?? {};
  const patch = trim(row.jsonPatch) ? (parseYaml(row.jsonPatch) as PropagationOverride['jsonPatch']) : [];
  return {
    clusters: selectorOf(row.clusters),
    ...(Object.keys(resource).length ? { resource } : {}),
    ...(hasImage ? { image } : {}),
    ...(present(row.replicas) ? { replicas: row.replicas } : {}),
    ...(env.length ? { env } : {}),
    ...(Object.keys(labels).length ? { labels } : {}),
    ...(Object.keys(annotations).length ? { annotations } : {}),
    ...(patch?.length ? { jsonPatch: patch } : {}),
  };
}

function replicasOf(form: PropagationForm): ReplicaPlacement | undefined {
  if (!form.replicaMode) return undefined;
  const weights = form.weights
    .filter((row) => trim(row.cluster) || trim(row.labelSelector))
    .map((row) => ({
      ...(trim(row.cluster) ? { cluster: trim(row.cluster) } : {}),
      ...(trim(row.labelSelector) ? { labelSelector: trim(row.labelSelector) } : {}),
      weight: row.weight ?? 0,
    }));
  const limits = form.limits
    .filter((row) => trim(row.cluster))
    .map((row) => ({
      cluster: trim(row.cluster),
      ...(present(row.min) ? { min: row.min } : {}),
      ...(present(row.max) ? { max: row.max } : {}),
    }));
  return {
    mode: form.replicaMode,
    ...(form.replicaMode === 'Weighted' && weights.length ? { weights } : {}),
    ...(limits.length ? { limits } : {}),
    ...(trim(form.spreadBy) ? { spreadBy: trim(form.spreadBy) } : {}),
  };
}

/**
 * The document the form describes. `base` is the document it was opened from: its metadata labels,
 * annotations and generation (optimistic concurrency) and whether it is suspended carry over.
 * Templates and JSON patches must parse (the form's rules check them first); this throws otherwise.
 */
export function documentOf(form: PropagationForm, base?: PropagationDocument): PropagationDocument {
  const resources = form.resources.filter((row) => row.type).flatMap(selectorsOfRow);
  const templates = trim(form.templates) ? parseTemplates(form.templates) : [];
  const replicas = replicasOf(form);
  const failover = form.failover
    ? {
        enabled: true,
        graceSeconds: form.graceSeconds ?? DEFAULT_GRACE,
        ...(present(form.minReadyReplicas) ? { minReadyReplicas: form.minReadyReplicas } : {}),
      }
    : undefined;
  const metadata = base?.metadata;
  return {
    apiVersion: 'portolan.dev/v1',
    kind: 'Propagation',
    metadata: {
      name: trim(form.name),
      ...(metadata?.labels ? { labels: metadata.labels } : {}),
      ...(metadata?.annotations ? { annotations: metadata.annotations } : {}),
      ...(present(metadata?.generation) ? { generation: metadata.generation } : {}),
    },
    spec: {
      ...(trim(form.sourceCluster) && resources.length
        ? { source: { cluster: trim(form.sourceCluster) } }
        : {}),
      ...(resources.length ? { resources } : {}),
      // The schema's defaults are written out: the document says what will happen.
      includeDependencies: form.includeDependencies,
      ...(templates.length ? { templates } : {}),
      placement: { clusters: selectorOf(form.targets), ...(replicas ? { replicas } : {}) },
      ...(form.overrides.length ? { overrides: form.overrides.map(overrideOf) } : {}),
      ...(failover ? { failover } : {}),
      suspended: base?.spec.suspended ?? false,
    },
  };
}

// ---- the document → the form ----

export function fieldsOf(selector: ClusterSelector | undefined): SelectorFields {
  return {
    names: [...(selector?.names ?? [])],
    labelSelector: selector?.labelSelector ?? '',
    all: selector?.all ?? false,
    exclude: [...(selector?.exclude ?? [])],
  };
}

/** Selectors back into rows: consecutive names of one kind and namespace share a row. */
function rowsOf(selectors: readonly ResourceSelector[]): ResourceRow[] {
  const rows: ResourceRow[] = [];
  for (const selector of selectors) {
    const type = kindKey(selector.apiVersion, selector.kind);
    const namespace = selector.namespace ?? '';
    const last = rows.at(-1);
    if (selector.name && last && last.type === type && last.namespace === namespace && last.names.length) {
      last.names.push(selector.name);
      continue;
    }
    rows.push({
      type,
      namespace,
      names: selector.name ? [selector.name] : [],
      labelSelector: selector.labelSelector ?? '',
    });
  }
  return rows;
}

function overrideRowOf(override: PropagationOverride): OverrideRow {
  return {
    clusters: fieldsOf(override.clusters),
    kind: override.resource?.kind ?? '',
    namespace: override.resource?.namespace ?? '',
    name: override.resource?.name ?? '',
    container: override.image?.container ?? '',
    image: override.image?.image ?? '',
    registry: override.image?.registry ?? '',
    tag: override.image?.tag ?? '',
    replicas: override.replicas ?? null,
    env: (override.env ?? []).map((entry) => ({
      container: entry.container ?? '',
      name: entry.name,
      value: entry.value ?? '',
      remove: entry.value === undefined,
    })),
    labels: pairsText(override.labels),
    annotations: pairsText(override.annotations),
    jsonPatch: override.jsonPatch?.length ? stringify(override.jsonPatch, { lineWidth: 0 }) : '',
  };
}

export function formOf(document: PropagationDocument): PropagationForm {
  const { spec } = document;
  const replicas = spec.placement.replicas;
  return {
    name: document.metadata.name,
    sourceCluster: spec.source?.cluster ?? '',
    resources: rowsOf(spec.resources ?? []),
    includeDependencies: spec.includeDependencies ?? true,
    templates: templatesText(spec.templates),
    targets: fieldsOf(spec.placement.clusters),
    replicaMode: replicas?.mode ?? '',
    weights: (replicas?.weights ?? []).map((row) => ({
      cluster: row.cluster ?? '',
      labelSelector: row.labelSelector ?? '',
      weight: row.weight,
    })),
    limits: (replicas?.limits ?? []).map((row) => ({
      cluster: row.cluster,
      min: row.min ?? null,
      max: row.max ?? null,
    })),
    spreadBy: replicas?.spreadBy ?? '',
    overrides: (spec.overrides ?? []).map(overrideRowOf),
    failover: spec.failover?.enabled ?? false,
    graceSeconds: spec.failover?.graceSeconds ?? DEFAULT_GRACE,
    minReadyReplicas: spec.failover?.minReadyReplicas ?? null,
  };
}

// ---- checks the form makes before anything is sent ----

export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const KEY = String.raw`([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?`;
const VALUE = '([a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?)?';
const TERM = new RegExp(
  `^(!?\\s*${KEY}|${KEY}\\s*(=|==|!=)\\s*${VALUE}|${KEY}\\s+(in|notin)\\s*\\(\\s*${VALUE}(\\s*,\\s*${VALUE})*\\s*\\))$`,
);

/** Whether a label selector reads as Kubernetes reads one (the server still has the last word). */
export function isLabelSelector(text: string): boolean {
  const source = text.trim();
  if (!source) return true;
  // Commas inside `in (…)` belong to the term, not between terms.
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let at = 0; at < source.length; at++) {
    const char = source[at];
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === ',' && depth === 0) {
      terms.push(source.slice(start, at));
      start = at + 1;
    }
  }
  terms.push(source.slice(start));
  return terms.every((term) => TERM.test(term.trim()));
}

/** Whether a selector picks any cluster at all: a name, a label selector or all. */
export const selectsSomething = (fields: SelectorFields | undefined) =>
  Boolean(fields && (fields.all || fields.names.some((name) => trim(name)) || trim(fields.labelSelector)));

/** A JSON patch text's problem as a message key; undefined when it is a list of operations. */
export function jsonPatchProblem(text: string): 'patchYaml' | 'patchShape' | undefined {
  if (!trim(text)) return undefined;
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch {
    return 'patchYaml';
  }
  const ops = ['add', 'remove', 'replace', 'move', 'copy', 'test'];
  const ok =
    Array.isArray(value) &&
    value.every(
      (entry) =>
        entry &&
        typeof entry === 'object' &&
        ops.includes((entry as { op?: unknown }).op as string) &&
        typeof (entry as { path?: unknown }).path === 'string',
    );
  return ok ? undefined : 'patchShape';
}

/** The YAML tab's text read back as a document; a message key when it is not one. */
export function readDocument(
  text: string,
): { document: PropagationDocument } | { problem: 'yamlSyntax' | 'yamlKind'; detail?: string } {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    return { problem: 'yamlSyntax', detail: error instanceof Error ? error.message : String(error) };
  }
  const document = value as Partial<PropagationDocument> | null;
  if (
    !document ||
    typeof document !== 'object' ||
    document.kind !== 'Propagation' ||
    typeof document.metadata?.name !== 'string' ||
    !document.spec?.placement?.clusters
  )
    return { problem: 'yamlKind' };
  return { document: document as PropagationDocument };
}
