import type {
  InspectionConfigSpec,
  InspectionFinding,
  InspectionLevel,
  InspectionRunView,
  InspectionSeverity,
} from '@portolan/api';
import { INSPECTION_ITEMS, type InspectionItem, ITEMS_BY_ID, type ItemParams } from './catalogue.ts';
import type { KubeObject } from './inspection-input.ts';
import { english, type Said } from './said.ts';

/** Objects (or their namespaces) carrying it are exempt from the items it names, or from all with "*". */
export const EXEMPT_ANNOTATION = 'portolan.dev/inspection-exempt';

/** The object a finding names; kind as Kubernetes spells it. */
export interface FindingObject {
  kind: string;
  namespace?: string;
  name: string;
}

/** An item as the configuration sets it: on or off, its severity and parameters. */
export interface EffectiveItem extends InspectionItem {
  enabled: boolean;
}

/** What the checks tell the recorder; it keeps counts, exemptions and findings. */
export interface Recorder {
  /** The item as configured, or undefined when it is switched off. */
  item(id: string): EffectiveItem | undefined;
  /** A number or boolean parameter of the item, falling back to the catalogue's default. */
  param(id: string, name: string): number | boolean | string;
  /** `count` more objects (or facts) looked at by the item. */
  checked(id: string, count?: number): void;
  /** A problem: exempt instead when the object, its namespace or the configuration says so. */
  fail(id: string, object: KubeObject | FindingObject | undefined, what: Said): void;
  /** The check could not run; the code and values say why. */
  skip(id: string, why: Said): void;
}

type Scores = NonNullable<InspectionRunView['scores']>;
type Score = NonNullable<Scores['overall']>;

const SEVERITY_WEIGHT: Record<InspectionSeverity, number> = { critical: 3, warning: 2, info: 1 };
const SEVERITY_ORDER: Record<InspectionSeverity, number> = { critical: 0, warning: 1, info: 2 };
const STATUS_ORDER: Record<InspectionFinding['status'], number> = { failed: 0, skipped: 1, exempt: 2 };

/** The catalogue with the configuration's choices applied. */
export function effectiveItems(spec: Pick<InspectionConfigSpec, 'items'>): Map<string, EffectiveItem> {
  const chosen = new Map((spec.items ?? []).map((choice) => [choice.id, choice]));
  return new Map(
    INSPECTION_ITEMS.map((item) => {
      const choice = chosen.get(item.id);
      return [
        item.id,
        {
          ...item,
          enabled: choice?.enabled ?? true,
          severity: choice?.severity ?? item.severity,
          params: { ...item.params, ...(choice?.params ?? {}) },
        },
      ];
    }),
  );
}

/** Item ids an annotation value names: "*" for all. */
function annotated(value: string | undefined, id: string): boolean {
  if (value === undefined) return false;
  return value
    .split(',')
    .map((part) => part.trim())
    .some((part) => part === '*' || part === id);
}

const isKubeObject = (object: KubeObject | FindingObject): object is KubeObject => 'metadata' in object;

export function createRecorder(
  spec: Pick<InspectionConfigSpec, 'items' | 'exemptions'>,
  namespaceAnnotations: ReadonlyMap<string, Record<string, string> | undefined>,
): Recorder & { findings(): InspectionFinding[]; scores(): Scores } {
  const items = effectiveItems(spec);
  const counts = new Map<string, { checked: number; failed: number; exempt: number; skipped: number }>();
  const findings: InspectionFinding[] = [];
  const countOf = (id: string) => {
    const count = counts.get(id) ?? { checked: 0, failed: 0, exempt: 0, skipped: 0 };
    counts.set(id, count);
    return count;
  };
  const known = (id: string): EffectiveItem => {
    const item = items.get(id);
    if (!item) throw new Error(`inspection item ${id} is not in the catalogue`);
    return item;
  };
  const exempt = (id: string, object: FindingObject, annotations: Record<string, string> | undefined) =>
    annotated(annotations?.[EXEMPT_ANNOTATION], id) ||
    (object.namespace !== undefined &&
      annotated(namespaceAnnotations.get(object.namespace)?.[EXEMPT_ANNOTATION], id)) ||
    (spec.exemptions ?? []).some(
      (rule) =>
        (rule.item === '*' || rule.item === id) &&
        (rule.namespace === undefined || rule.namespace === object.namespace) &&
        (rule.kind === undefined || rule.kind === object.kind) &&
        (rule.name === undefined || rule.name === object.name),
    );
  const finding = (
    item: EffectiveItem,
    status: InspectionFinding['status'],
    what: Said,
    object?: FindingObject,
  ) => {
    findings.push({
      item: item.id,
      level: item.level,
      severity: item.severity,
      status,
      ...(object ? { object: { ...object } } : {}),
      message: english(what),
      code: what.code,
      params: what.params,
      why: item.why,
      fix: item.fix,
    });
  };
  return {
    item(id) {
      const item = known(id);
      return item.enabled ? item : undefined;
    },
    param(id, name) {
      const value = known(id).params[name] ?? ITEMS_BY_ID.get(id)?.params[name];
      if (value === undefined) throw new Error(`inspection item ${id} has no parameter ${name}`);
      return value;
    },
    checked(id, count = 1) {
      countOf(id).checked += count;
    },
    fail(id, object, what) {
      const item = known(id);
      if (!item.enabled) return;
      const ref: FindingObject | undefined =
        object === undefined
          ? undefined
          : isKubeObject(object)
            ? {
                kind: object.kind ?? 'Object',
                ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
                name: object.metadata.name,
              }
            : object;
      const annotations = object && isKubeObject(object) ? object.metadata.annotations : undefined;
      const held = ref !== undefined && exempt(id, ref, annotations);
      countOf(id)[held ? 'exempt' : 'failed']++;
      finding(item, held ? 'exempt' : 'failed', what, ref);
    },
    skip(id, why) {
      const item = known(id);
      if (!item.enabled) return;
      countOf(id).skipped++;
      finding(item, 'skipped', why);
    },
    findings: () => sortFindings(findings),
    scores: () => scoresOf(items, counts),
  };
}

/** Failures first (critical first), then skipped, then exempt; then by item, namespace and name. */
export function sortFindings(findings: InspectionFinding[]): InspectionFinding[] {
  const itemOrder = new Map(INSPECTION_ITEMS.map((item, index) => [item.id, index]));
  return [...findings].sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      (a.status === 'failed' ? SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] : 0) ||
      (itemOrder.get(a.item) ?? 0) - (itemOrder.get(b.item) ?? 0) ||
      (a.object?.namespace ?? '').localeCompare(b.object?.namespace ?? '') ||
      (a.object?.name ?? '').localeCompare(b.object?.name ?? ''),
  );
}

/**
 * Per level and overall: objects that passed, weighed by their item's severity (critical 3, warning 2,
 * info 1), out of all that passed or failed. Exempt objects count neither way; skipped items are counted
 * apart. A level where nothing could be checked scores 100.
 */
function scoresOf(
  items: Map<string, EffectiveItem>,
  counts: Map<string, { checked: number; failed: number; exempt: number; skipped: number }>,
): Scores {
  const levels: Array<InspectionLevel | 'overall'> = ['overall', 'cluster', 'node', 'workload'];
  const scores = {} as Record<InspectionLevel | 'overall', Score>;
  for (const level of levels) {
    let weighed = 0;
    let weighedPassed = 0;
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const [id, count] of counts) {
      const item = items.get(id);
      if (!item?.enabled || (level !== 'overall' && item.level !== level)) continue;
      const ok = Math.max(0, count.checked - count.failed - count.exempt);
      const weight = SEVERITY_WEIGHT[item.severity];
      weighed += weight * (ok + count.failed);
      weighedPassed += weight * ok;
      passed += ok;
      failed += count.failed;
      skipped += count.skipped;
    }
    const score = weighed === 0 ? 100 : Math.round((1000 * weighedPassed) / weighed) / 10;
    scores[level] = { score, passed, failed, skipped };
  }
  return scores;
}

export type { ItemParams };
