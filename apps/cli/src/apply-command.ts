import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AppliedDocument, PreviewedDocument } from '@portolan/api';
import { parseAllDocuments } from 'yaml';
import { ApiError, describeApiError, segments } from './api-client.ts';
import { COMMON_OPTIONS, flagOption, listOption, parseCommandArgs, stringOption } from './cli-args.ts';
import { apiFor, type CommandContext, chooseCluster } from './command-context.ts';
import { groupOf, qualifiedKind } from './kinds.ts';
import { UsageError } from './output.ts';
import { applyPortolanDocument, splitPortolanDocuments } from './propagation-apply.ts';

export const APPLY_USAGE = `Usage: portolan apply -f FILE|DIR|- [-f …] [options]

Server-side apply of YAML or JSON (several documents per file) to one cluster. Portolan's own
documents (apiVersion: portolan.dev/v1: Propagation, MultiClusterService) go to Portolan itself,
whatever the cluster; --diff and --dry-run preview a Propagation on each of its target clusters.

Options:
  -f, --filename PATH     a file, a directory of .yaml/.yml/.json files, or - for standard input
      --cluster NAME      the cluster (or $PORTOLAN_CLUSTER; may be left out when only one is registered)
  -n, --namespace NS      for namespaced objects that name none (default: default)
      --dry-run           the cluster checks everything and stores nothing
      --diff              show what would change (a server dry run, diffed against each live object); apply nothing
      --force             take over fields another field manager owns
      --field-manager N   the field manager (default: portolan)
      --server URL        Portolan server`;

const APPLY_OPTIONS = {
  ...COMMON_OPTIONS,
  cluster: { type: 'string' },
  namespace: { type: 'string', short: 'n' },
  filename: { type: 'string', short: 'f', multiple: true },
  'dry-run': { type: 'boolean' },
  diff: { type: 'boolean' },
  force: { type: 'boolean' },
  'field-manager': { type: 'string' },
} as const;

/** One document's result, from apply (outcome) or from its preview (action). */
type ApplyResult = AppliedDocument & PreviewedDocument;

/** The files behind -f: a directory gives its YAML and JSON files, in name order. */
async function manifestFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const given of paths) {
    if (given === '-') {
      files.push(given);
      continue;
    }
    const info = await stat(given).catch(() => {
      throw new UsageError(`-f ${given}: no such file or directory`);
    });
    if (!info.isDirectory()) {
      files.push(given);
      continue;
    }
    const names = (await readdir(given)).filter((name) => /\.(ya?ml|json)$/.test(name)).sort();
    files.push(...names.map((name) => path.join(given, name)));
  }
  return files;
}

async function readManifests(file: string): Promise<string> {
  if (file !== '-') return readFile(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * kubectl puts objects that name no namespace in the default one, yet the server refuses a default
 * that differs from a namespace a document names; so `default` is sent only when none differs.
 */
export function defaultNamespaceFor(text: string): string | undefined {
  try {
    const namespaces = parseAllDocuments(text).flatMap((doc) => {
      const value = (doc.toJS?.() ?? {}) as { metadata?: { namespace?: unknown } };
      return typeof value?.metadata?.namespace === 'string' ? [value.metadata.namespace] : [];
    });
    return namespaces.every((namespace) => namespace === 'default') ? 'default' : undefined;
  } catch {
    return 'default';
  }
}

const label = (result: ApplyResult) =>
  `${qualifiedKind(result.kind ?? 'object', groupOf(result.apiVersion))}/${result.name ?? '(unnamed)'}`;

export async function runApply(argv: string[], context: CommandContext): Promise<number> {
  const args = parseCommandArgs(argv, APPLY_OPTIONS);
  if (flagOption(args, 'help')) {
    context.out(APPLY_USAGE);
    return 0;
  }
  const given = listOption(args, 'filename');
  if (given.length === 0) throw new UsageError('give the manifests with -f FILE, -f DIR or -f -');
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const files = await manifestFiles(given);
  const api = apiFor(args, context);
  // Chosen when a file holds a document for a cluster: Portolan's own documents need none.
  let cluster: string | undefined;
  const diff = flagOption(args, 'diff');
  const dryRun = flagOption(args, 'dry-run');
  let failed = 0;
  for (const file of files) {
    const where = files.length > 1 ? `${file}: ` : '';
    const { documents, rest } = splitPortolanDocuments(await readManifests(file));
    for (const document of documents)
      failed += await applyPortolanDocument(api, document, { diff, dryRun, where }, context);
    if (rest === undefined) continue;
    const manifests = rest;
    cluster ??= await chooseCluster(api, args, context);
    const namespace = stringOption(args, 'namespace') ?? defaultNamespaceFor(manifests);
    const body = {
      manifests,
      ...(namespace ? { namespace } : {}),
      ...(stringOption(args, 'field-manager') ? { fieldManager: stringOption(args, 'field-manager') } : {}),
      ...(flagOption(args, 'force') ? { force: true } : {}),
      ...(dryRun && !diff ? { dryRun: true } : {}),
    };
    const route = `/api/v1/clusters/${segments(cluster)}/apply${diff ? '/preview' : ''}`;
    let answer: { results: ApplyResult[] };
    try {
      answer = await api.send<{ results: ApplyResult[] }>('POST', route, body);
    } catch (error) {
      // One file that does not parse leaves the others to apply, as kubectl does.
      if (!(error instanceof ApiError) || error.status === 0 || files.length === 1) throw error;
      for (const line of describeApiError(error)) context.err(`${where}${line}`);
      failed += 1;
      continue;
    }
    for (const result of answer.results) {
      for (const warning of result.warnings ?? [])
        context.err(`warning: ${where}${label(result)}: ${warning}`);
      if (result.outcome === 'failed' || result.action === 'failed') {
        failed += 1;
        const message = typeof result.error?.message === 'string' ? result.error.message : 'failed';
        context.err(`error: ${where}document ${result.document ?? '?'} ${label(result)}: ${message}`);
        continue;
      }
      if (diff) {
        if (result.diff) context.write(result.diff.endsWith('\n') ? result.diff : `${result.diff}\n`);
        else context.out(`${label(result)} ${result.action === 'create' ? 'would be created' : 'unchanged'}`);
        continue;
      }
      context.out(`${label(result)} ${result.outcome}${dryRun ? ' (server dry run)' : ''}`);
    }
  }
  return failed > 0 ? 1 : 0;
}
