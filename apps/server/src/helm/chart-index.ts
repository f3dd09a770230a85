import { parseDocument } from 'yaml';
import type { ChartVersionRow } from '#server/store/helm/helm-store.ts';
import { RepositoryError } from './repository-http.ts';

/** What Chart.yaml (or an index entry, or an OCI chart config) says of one version. */
export interface ChartMetadata {
  name?: unknown;
  version?: unknown;
  appVersion?: unknown;
  description?: unknown;
  keywords?: unknown;
  icon?: unknown;
  created?: unknown;
  digest?: unknown;
  urls?: unknown;
  deprecated?: unknown;
  kubeVersion?: unknown;
  dependencies?: unknown;
  annotations?: unknown;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;
const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(text).filter((v): v is string => v !== null) : [];

/** The category a chart declares: Portolan's `category` annotation, else Artifact Hub's. */
function categoryOf(annotations: unknown): string | null {
  if (!annotations || typeof annotations !== 'object') return null;
  const a = annotations as Record<string, unknown>;
  return text(a.category) ?? text(a['artifacthub.io/category']);
}

/** One version's row, before its rank among the chart's versions is known. */
export function versionRowOf(chart: string, entry: ChartMetadata): ChartVersionRow | undefined {
  const version = text(entry.version);
  if (!version) return undefined;
  const created = text(entry.created);
  const createdAt = created ? new Date(created) : null;
  const deps = Array.isArray(entry.dependencies)
    ? entry.dependencies.filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null)
    : [];
  return {
    chart,
    version,
    appVersion: text(entry.appVersion),
    description: text(entry.description) ?? '',
    keywords: texts(entry.keywords),
    category: categoryOf(entry.annotations),
    iconUrl: text(entry.icon),
    created: createdAt && !Number.isNaN(createdAt.getTime()) ? createdAt : null,
    digest: text(entry.digest),
    urls: texts(entry.urls),
    deprecated: entry.deprecated === true,
    kubeVersion: text(entry.kubeVersion),
    dependencies: deps,
    prerelease: (parseVersion(version)?.prerelease.length ?? 0) > 0,
    latest: false,
    rank: 0,
  };
}

/** A semantic version's parts (a leading `v` allowed, build metadata ignored); undefined when it is not one. */
export function parseVersion(version: string): { core: number[]; prerelease: string[] } | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(version.trim());
  if (!match) return undefined;
  return {
    core: [Number(match[1]), Number(match[2]), Number(match[3])],
    prerelease: match[4] ? match[4].split('.') : [],
  };
}

/** Semantic version precedence: negative when a is older than b. */
export function compareVersions(a: string, b: string): number {
  const va = parseVersion(a);
  const vb = parseVersion(b);
  if (!va || !vb) return va ? 1 : vb ? -1 : a.localeCompare(b);
  for (let i = 0; i < 3; i++) {
    const d = (va.core[i] ?? 0) - (vb.core[i] ?? 0);
    if (d !== 0) return d;
  }
  // A release is newer than its pre-releases.
  if (va.prerelease.length === 0 || vb.prerelease.length === 0)
    return vb.prerelease.length - va.prerelease.length;
  for (let i = 0; i < Math.max(va.prerelease.length, vb.prerelease.length); i++) {
    const x = va.prerelease[i];
    const y = vb.prerelease[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) - Number(y);
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** Newest first in semver order; versions that are not semver after every one that is. */
const compareNewestFirst = (a: ChartVersionRow, b: ChartVersionRow) => compareVersions(b.version, a.version);

/**
 * Ranks each chart's versions newest first and marks the one the catalogue lists: the newest that is
 * not a pre-release, or the newest of all when every version is one.
 */
export function rankVersions(rows: ChartVersionRow[]): ChartVersionRow[] {
  const byChart = new Map<string, ChartVersionRow[]>();
  for (const row of rows) {
    const list = byChart.get(row.chart) ?? [];
    list.push(row);
    byChart.set(row.chart, list);
  }
  const ranked: ChartVersionRow[] = [];
  for (const list of byChart.values()) {
    list.sort(compareNewestFirst);
    const shown = list.find((row) => !row.prerelease) ?? list[0];
    list.forEach((row, index) => {
      ranked.push({ ...row, rank: index, latest: row === shown });
    });
  }
  return ranked;
}

/**
 * Reads a chart repository's index.yaml. A YAML error says its line; an index without `entries`
 * says what is missing. Duplicate versions keep the first.
 */
export function parseChartIndex(body: string, source: string): ChartVersionRow[] {
  const document = parseDocument(body, { uniqueKeys: false });
  const error = document.errors[0];
  if (error) {
    const line = error.linePos?.[0]?.line;
    throw new RepositoryError(
      'bad-index',
      `the index at ${source} is not valid YAML${line ? ` (line ${line})` : ''}: ${error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '')}`,
    );
  }
  const index = document.toJS() as { entries?: unknown } | null;
  if (!index || typeof index !== 'object' || !index.entries || typeof index.entries !== 'object')
    throw new RepositoryError(
      'bad-index',
      `the index at ${source} has no "entries": is this the URL of a Helm chart repository?`,
    );
  const rows: ChartVersionRow[] = [];
  for (const [chart, entries] of Object.entries(index.entries as Record<string, unknown>)) {
    if (!Array.isArray(entries)) continue;
    const seen = new Set<string>();
    for (const entry of entries) {
      if (!entry || typeof entry !== 'object') continue;
      const row = versionRowOf(chart, entry as ChartMetadata);
      if (!row || seen.has(row.version)) continue;
      seen.add(row.version);
      rows.push(row);
    }
  }
  return rankVersions(rows);
}
