import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isSeq } from 'yaml';
import { KubeconfigError } from './kubeconfig-errors.ts';
import { CLUSTER_SHAPE, CONTEXT_SHAPE, checkEntryShape, USER_SHAPE } from './kubeconfig-shape.ts';
import type { Kubeconfig, KubeconfigCluster, KubeconfigUser, Named } from './kubeconfig-types.ts';
import { parseKubeconfigYaml } from './kubeconfig-yaml.ts';

export interface ContextSummary {
  name: string;
  cluster: string;
  user: string;
  namespace: string | undefined;
  current: boolean;
}

/** The context chosen to connect with, and the cluster and user entries it names. */
export interface SelectedContext {
  name: string;
  cluster: Named<KubeconfigCluster>;
  /** The empty user (anonymous) when the context names none. */
  user: Named<KubeconfigUser>;
  namespace: string | undefined;
}

const SECTIONS = [
  ['clusters', 'cluster', CLUSTER_SHAPE],
  ['users', 'user', USER_SHAPE],
  ['contexts', 'context', CONTEXT_SHAPE],
] as const;

/** Parses kubeconfig YAML (or JSON). `file` is where it came from, if it came from a file. */
export function parseKubeconfig(text: string, file?: string): Kubeconfig {
  const { doc, lineCounter, value: parsed } = parseKubeconfigYaml(text);
  const locate = (at: (string | number)[]) => {
    const node = at.length === 0 ? doc.contents : doc.getIn(at, true);
    const offset = (node as { range?: [number, number, number] } | undefined)?.range?.[0];
    if (offset === undefined) return undefined;
    const position = lineCounter.linePos(offset);
    return { line: position.line, column: position.col };
  };
  const invalid = (message: string, at: (string | number)[]) =>
    new KubeconfigError('invalid-kubeconfig', message, { field: at.join('.'), ...locate(at) });

  if (!doc.contents) throw new KubeconfigError('invalid-kubeconfig', 'the kubeconfig is empty');
  if (!isMap(doc.contents))
    throw invalid('a kubeconfig must be a YAML mapping (apiVersion, clusters, …)', []);
  const root = parsed as Record<string, unknown>;
  if (root.kind !== undefined && root.kind !== 'Config') {
    throw invalid(`this is a ${String(root.kind)}, not a kubeconfig (kind: Config)`, ['kind']);
  }
  const config: Kubeconfig = {
    clusters: [],
    users: [],
    contexts: [],
    currentContext:
      typeof root['current-context'] === 'string' ? root['current-context'] || undefined : undefined,
    path: file ? path.resolve(file) : undefined,
    locate,
  };
  for (const [section, key, shape] of SECTIONS) {
    const list = root[section];
    if (list === undefined || list === null) continue;
    if (!isSeq(doc.get(section))) throw invalid(`${section} must be a list of { name, ${key} }`, [section]);
    const seen = new Set<string>();
    (list as unknown[]).forEach((entry, index) => {
      const item = entry as Record<string, unknown> | null;
      if (!item || typeof item !== 'object' || typeof item.name !== 'string' || !item.name) {
        throw invalid(`${section}[${index}] needs a name`, [section, index]);
      }
      const value = item[key] ?? {};
      if (typeof value !== 'object' || Array.isArray(value)) {
        throw invalid(`${section}[${index}] ("${item.name}"): ${key} must be a mapping`, [
          section,
          index,
          key,
        ]);
      }
      // kubectl keeps the first of two entries with the same name.
      if (seen.has(item.name)) return;
      checkEntryShape(value as Record<string, unknown>, shape, {
        label: `${section}[${item.name}].${key}`,
        at: [section, index, key],
        locate,
      });
      seen.add(item.name);
      (config[section] as Named<unknown>[]).push({ name: item.name, index, value });
    });
  }
  return config;
}

/** Reads and parses a kubeconfig file; relative paths inside it resolve against its directory. */
export async function readKubeconfigFile(file: string): Promise<Kubeconfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as { code?: string }).code === 'ENOENT' ? 'it does not exist' : String(error);
    throw new KubeconfigError(
      'unreadable-file',
      `cannot read the kubeconfig file ${file}: ${reason}. Check the path and its permissions.`,
    );
  }
  return parseKubeconfig(text, file);
}

export function listContexts(config: Kubeconfig): ContextSummary[] {
  return config.contexts.map((context) => ({
    name: context.name,
    cluster: context.value.cluster ?? '',
    user: context.value.user ?? '',
    namespace: context.value.namespace || undefined,
    current: context.name === config.currentContext,
  }));
}

const names = (entries: Named<unknown>[]) => entries.map((entry) => `"${entry.name}"`).join(', ') || 'none';

/** Chooses a context: the one named, else current-context, else the only one there is. */
export function selectContext(config: Kubeconfig, name?: string): SelectedContext {
  if (config.contexts.length === 0) {
    throw new KubeconfigError(
      'no-contexts',
      'the kubeconfig defines no contexts; add one that names a cluster and a user',
    );
  }
  const wanted =
    name || config.currentContext || (config.contexts.length === 1 ? config.contexts[0]?.name : '');
  if (!wanted) {
    throw new KubeconfigError(
      'unknown-context',
      `the kubeconfig sets no current-context; choose one of its contexts: ${names(config.contexts)}`,
      { field: 'current-context' },
    );
  }
  const context = config.contexts.find((entry) => entry.name === wanted);
  if (!context) {
    throw new KubeconfigError(
      'unknown-context',
      `the kubeconfig has no context "${wanted}"; its contexts are: ${names(config.contexts)}`,
      { field: name ? 'context' : 'current-context', ...(name ? {} : config.locate(['current-context'])) },
    );
  }
  const at = (field: string) => ({
    field: `contexts[${context.name}].context.${field}`,
    ...config.locate(['contexts', context.index, 'context', field]),
  });
  const clusterName = context.value.cluster;
  const cluster = clusterName ? config.clusters.find((entry) => entry.name === clusterName) : undefined;
  if (!cluster) {
    throw new KubeconfigError(
      'missing-cluster',
      clusterName
        ? `context "${context.name}" names cluster "${clusterName}", which the kubeconfig does not define; its clusters are: ${names(config.clusters)}`
        : `context "${context.name}" names no cluster; set context.cluster to one of: ${names(config.clusters)}`,
      at('cluster'),
    );
  }
  const userName = context.value.user;
  const user = userName
    ? config.users.find((entry) => entry.name === userName)
    : { name: '', index: -1, value: {} };
  if (!user) {
    throw new KubeconfigError(
      'missing-user',
      `context "${context.name}" names user "${userName}", which the kubeconfig does not define; its users are: ${names(config.users)}`,
      at('user'),
    );
  }
  return { name: context.name, cluster, user, namespace: context.value.namespace || undefined };
}
