import type { SearchParams } from '../resources/resources-api.ts';

/** What one search box says, read into the parts GET /api/v1/search takes. */
export interface ParsedQuery {
  kinds: string[];
  namespaces: string[];
  clusters: string[];
  /** Label requirements as Kubernetes selectors write them: `app=web`, `tier!=db`, `env in (a,b)`, `team`, `!team`. */
  labels: string[];
  name?: string;
  nameContains?: string;
}

/** What every search covers when the box names no kind: the kinds people look for most. */
export const DEFAULT_KINDS = ['pods', 'workloads', 'network', 'config', 'storage'];

const PREFIXES: Record<string, 'namespaces' | 'clusters' | 'kinds' | 'labels'> = {
  ns: 'namespaces',
  namespace: 'namespaces',
  cluster: 'clusters',
  kind: 'kinds',
  label: 'labels',
  l: 'labels',
};

/** Splits on spaces, except inside `in (a, b)` parentheses and quotes. */
function tokens(text: string): string[] {
  const found: string[] = [];
  let current = '';
  let depth = 0;
  let quote = '';
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = '';
      else current += char;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '(') {
      depth++;
      current += char;
    } else if (char === ')') {
      depth = Math.max(0, depth - 1);
      current += char;
    } else if (/\s/.test(char) && depth === 0) {
      if (current) found.push(current);
      current = '';
    } else current += char;
  }
  if (current) found.push(current);
  // `env in (a,b)` written with spaces: join a word, `in`/`notin` and the list back together.
  const joined: string[] = [];
  for (const token of found) {
    const last = joined.at(-1);
    if (last && /^(in|notin)$/.test(token)) joined[joined.length - 1] = `${last} ${token}`;
    else if (last && /\s(in|notin)$/.test(last) && token.startsWith('('))
      joined[joined.length - 1] = `${last} ${token}`;
    else joined.push(token);
  }
  return joined;
}

const commaList = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/**
 * Reads `pods app=web ns:shop name~api cluster:eu`: bare words are kinds (`pods`, `deploy`,
 * `configmaps,secrets`, a collection such as `workloads`), `key=value`, `key!=value`, `key in (a,b)`
 * and `label:key` are labels, `ns:` namespaces, `cluster:` clusters, `name~` a part of the name and
 * `name:` the whole name.
 */
export function parseQuery(text: string): ParsedQuery {
  const parsed: ParsedQuery = { kinds: [], namespaces: [], clusters: [], labels: [] };
  for (const token of tokens(text.trim())) {
    const contains = /^name~(.+)$/.exec(token);
    const exact = /^name:(.+)$/.exec(token);
    const prefixed = /^([a-z]+):(.+)$/.exec(token);
    const target = prefixed ? PREFIXES[prefixed[1] ?? ''] : undefined;
    if (contains) parsed.nameContains = contains[1];
    else if (exact) parsed.name = exact[1];
    else if (prefixed && target === 'labels') parsed.labels.push(prefixed[2] ?? '');
    else if (prefixed && target) parsed[target].push(...commaList(prefixed[2] ?? ''));
    else if (/[=!]|\s(in|notin)\s/.test(token)) parsed.labels.push(token);
    else parsed.kinds.push(...commaList(token));
  }
  return parsed;
}

/** The request for one page of a parsed query. */
export function searchParamsOf(
  parsed: ParsedQuery,
  page: { limit: number; continue?: string },
): SearchParams {
  return {
    kinds: (parsed.kinds.length ? parsed.kinds : DEFAULT_KINDS).join(','),
    ...(parsed.clusters.length ? { clusters: parsed.clusters.join(',') } : {}),
    ...(parsed.namespaces.length ? { namespaces: parsed.namespaces.join(',') } : {}),
    ...(parsed.labels.length ? { labelSelector: parsed.labels.join(',') } : {}),
    ...(parsed.name ? { name: parsed.name } : {}),
    ...(parsed.nameContains ? { nameContains: parsed.nameContains } : {}),
    // Grouped by cluster on screen, so the server sorts by cluster first.
    sort: 'cluster',
    limit: page.limit,
    ...(page.continue ? { continue: page.continue } : {}),
  };
}

const WORKLOADS = new Set(['deployments', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs']);
const TABS: Record<string, string> = {
  services: 'network?view=services',
  ingresses: 'network?view=ingresses',
  configmaps: 'config?view=configmaps',
  secrets: 'config?view=secrets',
  persistentvolumeclaims: 'storage?view=claims',
  persistentvolumes: 'storage?view=volumes',
  storageclasses: 'storage?view=classes',
  customresourcedefinitions: 'custom',
  namespaces: 'namespaces',
  nodes: 'nodes',
  events: 'events',
};
const BUILT_IN_GROUPS = /(^|\.)k8s\.io$|^(apps|batch|policy|autoscaling)$|^$/;

/** Where a found object is acted on: its pod or workload page, or the cluster tab that lists it. */
export function linkOf(item: {
  cluster: string;
  group: string;
  resource: string;
  namespace: string;
  name: string;
}): string {
  const enc = encodeURIComponent;
  const cluster = `/clusters/${enc(item.cluster)}`;
  if (item.group === '' && item.resource === 'pods')
    return `${cluster}/pods/${enc(item.namespace)}/${enc(item.name)}`;
  if ((item.group === 'apps' || item.group === 'batch') && WORKLOADS.has(item.resource))
    return `${cluster}/workloads/${item.resource}/${enc(item.namespace)}/${enc(item.name)}`;
  // The tab opens filtered to the object: its namespace and its name.
  const where = `${item.namespace ? `&namespace=${enc(item.namespace)}` : ''}&name=${enc(item.name)}`;
  const tab = TABS[item.resource];
  if (tab?.includes('?view=') && BUILT_IN_GROUPS.test(item.group)) return `${cluster}/${tab}${where}`;
  if (tab && BUILT_IN_GROUPS.test(item.group)) return `${cluster}/${tab}`;
  if (!BUILT_IN_GROUPS.test(item.group))
    return `${cluster}/custom?crd=${enc(`${item.resource}.${item.group}`)}`;
  return cluster;
}
