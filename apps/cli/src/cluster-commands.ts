import { readFile } from 'node:fs/promises';
import type { Cluster, ClusterList, ConnectionFacts } from '@portolan/api';
import { ageOf, labelText } from '@portolan/kinds';
import { segments } from './api-client.ts';
import {
  COMMON_OPTIONS,
  flagOption,
  listOption,
  oneOf,
  parseCommandArgs,
  parseLabels,
  stringOption,
} from './cli-args.ts';
import { apiFor, type CommandContext } from './command-context.ts';
import { printTable, UsageError } from './output.ts';
import { formatDocument, OUTPUT_FORMATS } from './resource-output.ts';

export const CLUSTERS_USAGE = `Usage: portolan clusters [list] [-o json|yaml|wide|name]
       portolan clusters test --kubeconfig FILE|- [--context C]
       portolan clusters add NAME --kubeconfig FILE|- [--context C] [--label key=value]…
       portolan clusters remove NAME

Registered clusters: list them with their health, test a kubeconfig's connection without saving
anything, register one from a kubeconfig, remove one (its sync stops and its stored objects are
dropped; the cluster itself is untouched).

Options:
      --server URL     Portolan server (default $PORTOLAN_SERVER or http://127.0.0.1:8080)`;

export const KUBECONFIG_USAGE = `Usage: portolan kubeconfig [--cluster NAME] > FILE

Prints a kubeconfig with one context per registered cluster, reaching each through Portolan's
Kubernetes API proxy; --cluster makes that one the current context. Then: kubectl --kubeconfig FILE …`;

const CLUSTER_OPTIONS = {
  ...COMMON_OPTIONS,
  output: { type: 'string', short: 'o' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  label: { type: 'string', multiple: true },
  'display-name': { type: 'string' },
  description: { type: 'string' },
} as const;

/** What the clusters table shows of a cluster as GET /api/v1/clusters lists it. */
export type ClusterInfo = Pick<
  Cluster,
  | 'name'
  | 'status'
  | 'reason'
  | 'version'
  | 'platform'
  | 'nodeCount'
  | 'serverUrl'
  | 'labels'
  | 'lastSeenAt'
  | 'createdAt'
> &
  Partial<Pick<Cluster, 'warnings'>>;

export function clusterTable(clusters: ClusterInfo[], wide: boolean, now: Date) {
  const header = ['NAME', 'STATUS', 'VERSION', 'NODES', 'LABELS', 'AGE'];
  if (wide) header.push('SERVER', 'PLATFORM', 'LAST-SEEN', 'REASON');
  const rows = clusters.map((cluster) => {
    const row = [
      cluster.name,
      cluster.status,
      cluster.version ?? '<unknown>',
      cluster.nodeCount === null ? '<unknown>' : String(cluster.nodeCount),
      labelText(cluster.labels) || '<none>',
      ageOf(cluster.createdAt, now),
    ];
    if (wide) {
      row.push(
        cluster.serverUrl,
        cluster.platform ?? '<unknown>',
        cluster.lastSeenAt ? `${ageOf(cluster.lastSeenAt, now)} ago` : '<never>',
        cluster.reason ?? '',
      );
    }
    return row;
  });
  return { header, rows };
}

async function readKubeconfig(file: string): Promise<string> {
  if (file !== '-') {
    return readFile(file, 'utf8').catch(() => {
      throw new UsageError(`--kubeconfig ${file}: cannot read that file`);
    });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

type Missing = { group: string; resource: string; verbs: string[] };

/** What a connection check found wanting: the server's warnings, and what sync will lack. */
function warnAbout(context: CommandContext, warnings: string[] = [], missing: Missing[] = []): void {
  for (const warning of warnings) context.err(`warning: ${warning}`);
  for (const gap of missing) {
    const resource = gap.group ? `${gap.resource}.${gap.group}` : gap.resource;
    context.err(`warning: the credentials may not ${gap.verbs.join(', ')} ${resource}: those will not sync`);
  }
}

async function kubeconfigOption(args: Parameters<typeof stringOption>[0]): Promise<string> {
  const file = stringOption(args, 'kubeconfig');
  if (!file)
    throw new UsageError("give the cluster's kubeconfig with --kubeconfig FILE (or - for standard input)");
  return readKubeconfig(file);
}

export async function runClusters(argv: string[], context: CommandContext): Promise<number> {
  const args = parseCommandArgs(argv, CLUSTER_OPTIONS);
  if (flagOption(args, 'help')) {
    context.out(CLUSTERS_USAGE);
    return 0;
  }
  const [sub = 'list', name, ...extra] = args.positionals;
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const api = apiFor(args, context);
  if (sub === 'list' || sub === 'ls') {
    const format = oneOf('output', stringOption(args, 'output'), OUTPUT_FORMATS);
    const { items } = await api.get<ClusterList>('/api/v1/clusters');
    if (format === 'json' || format === 'yaml') context.write(formatDocument({ items }, format));
    else if (format === 'name') for (const cluster of items) context.out(cluster.name);
    else if (items.length === 0) context.err('No clusters registered; add one with `portolan clusters add`');
    else {
      const { header, rows } = clusterTable(items, format === 'wide', context.now());
      printTable(context.out, header, rows);
    }
    for (const cluster of items)
      for (const warning of cluster.warnings ?? []) context.err(`warning: ${cluster.name}: ${warning}`);
    return 0;
  }
  if (sub === 'test') {
    if (name) throw new UsageError(`unexpected argument "${name}": clusters test takes --kubeconfig`);
    const body: Record<string, unknown> = { kubeconfig: await kubeconfigOption(args) };
    const chosen = stringOption(args, 'context');
    if (chosen !== undefined) body.context = chosen;
    const facts = await api.send<ConnectionFacts>('POST', '/api/v1/kubeconfig/check', body);
    const who = facts.identity ? `, as ${facts.identity.username}` : '';
    context.out(
      `connection ok: ${facts.server} (context ${facts.context.name}), ${facts.version.gitVersion}, ${facts.platform}, ${facts.nodeCount ?? '?'} nodes${who}; nothing was saved`,
    );
    warnAbout(context, facts.warnings, facts.missingPermissions);
    return 0;
  }
  if (!name) throw new UsageError(`clusters ${sub} needs the cluster's NAME`);
  if (sub === 'add') {
    const body: Record<string, unknown> = { name, kubeconfig: await kubeconfigOption(args) };
    const labels = parseLabels(listOption(args, 'label'));
    if (Object.keys(labels).length) body.labels = labels;
    for (const [flag, field] of [
      ['context', 'context'],
      ['display-name', 'displayName'],
      ['description', 'description'],
    ]) {
      const value = stringOption(args, flag as string);
      if (value !== undefined) body[field as string] = value;
    }
    const added = await api.send<ClusterInfo & { missingPermissions?: Missing[] }>(
      'POST',
      '/api/v1/clusters',
      body,
    );
    context.out(
      `cluster "${added.name}" added: ${added.status}, ${added.version ?? 'version unknown'}, ${added.nodeCount ?? '?'} nodes`,
    );
    warnAbout(context, added.warnings, added.missingPermissions);
    return 0;
  }
  if (sub === 'remove' || sub === 'rm' || sub === 'delete') {
    await api.send('DELETE', `/api/v1/clusters/${segments(name)}`);
    context.out(`cluster "${name}" removed`);
    return 0;
  }
  throw new UsageError(`unknown clusters subcommand "${sub}"`);
}

export async function runKubeconfig(argv: string[], context: CommandContext): Promise<number> {
  const args = parseCommandArgs(argv, { ...COMMON_OPTIONS, cluster: { type: 'string' } });
  if (flagOption(args, 'help')) {
    context.out(KUBECONFIG_USAGE);
    return 0;
  }
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const response = await apiFor(args, context).raw('/api/v1/kubeconfig', {
    cluster: stringOption(args, 'cluster'),
  });
  context.write(await response.text());
  return 0;
}
