import { segments } from './api-client.ts';
import { kindAndName, type ParsedArgs } from './cli-args.ts';
import { type KnownKind, qualifiedKind, resolveKind, WORKLOAD_RESOURCES } from './kinds.ts';
import { UsageError } from './output.ts';

/** A workload named on the command line, and where its routes live. */
export interface WorkloadTarget {
  kind: KnownKind;
  name: string;
  namespace: string;
  cluster: string;
  /** `/api/v1/clusters/{cluster}/workloads/{kind}/{namespace}/{name}` */
  path: string;
  /** `deployment.apps/web`, as kubectl prints it. */
  label: string;
}

/** `deploy/web` or `deployment web`, refused unless the kind is one of `allowed` (plural names). */
export function workloadOf(
  args: ParsedArgs,
  allowed: string[],
  what: string,
): { kind: KnownKind; name: string } {
  const { kind: typed, name } = kindAndName(args.positionals, 'workload');
  const kind = resolveKind(typed).known;
  if (!kind || !WORKLOAD_RESOURCES.includes(kind.resource) || !allowed.includes(kind.resource)) {
    throw new UsageError(`${what} works on ${allowed.join(', ')}; "${typed}" is not one of them`);
  }
  return { kind, name };
}

export function workloadTarget(
  workload: { kind: KnownKind; name: string },
  cluster: string,
  namespace: string,
): WorkloadTarget {
  const { kind, name } = workload;
  return {
    kind,
    name,
    namespace,
    cluster,
    path: `/api/v1/clusters/${segments(cluster, 'workloads', kind.resource, namespace, name)}`,
    label: `${qualifiedKind(kind.kind, kind.group)}/${name}`,
  };
}
