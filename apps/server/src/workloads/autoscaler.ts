import type { KubeClient } from '#server/kube/kube-client.ts';
import type { KubeObject } from '#server/resources/kube-object.ts';
import { InvalidObjectError, NotFoundError } from '#server/resources/resource-errors.ts';
import { Problems } from './field-checks.ts';
import {
  apiVersionOf,
  callObject,
  listIn,
  registeredResource,
  requireKind,
  type WorkloadRef,
  workloadKindsThat,
} from './workload-kinds.ts';

/** Utilization targets are percentages of the pods' requests. */
export interface AutoscalerSettings {
  minReplicas: number;
  maxReplicas: number;
  cpuUtilization?: number;
  memoryUtilization?: number;
}

export interface Autoscaler extends AutoscalerSettings {
  name: string;
  currentReplicas?: number;
  desiredReplicas?: number;
  conditions: { type: string; status: string; reason?: string; message?: string }[];
}

interface Metric {
  type: string;
  resource?: { name: string; target?: { type: string; averageUtilization?: number } };
}

interface Hpa extends KubeObject {
  spec: {
    scaleTargetRef: { apiVersion?: string; kind: string; name: string };
    minReplicas?: number;
    maxReplicas: number;
    metrics?: Metric[];
    [field: string]: unknown;
  };
  status?: { currentReplicas?: number; desiredReplicas?: number; conditions?: Autoscaler['conditions'] };
}

const HPA = registeredResource('horizontalpodautoscalers');
/** An autoscaler drives a workload's scale subresource, so only kinds that scale take one. */
const SCALABLE = workloadKindsThat('scalable');

const utilization = (hpa: Hpa, name: string) =>
  hpa.spec.metrics?.find((metric) => metric.type === 'Resource' && metric.resource?.name === name)?.resource
    ?.target?.averageUtilization;

function summarize(hpa: Hpa): Autoscaler {
  const summary: Autoscaler = {
    name: hpa.metadata?.name ?? '',
    minReplicas: hpa.spec.minReplicas ?? 1,
    maxReplicas: hpa.spec.maxReplicas,
    conditions: hpa.status?.conditions ?? [],
  };
  const cpu = utilization(hpa, 'cpu');
  const memory = utilization(hpa, 'memory');
  if (cpu !== undefined) summary.cpuUtilization = cpu;
  if (memory !== undefined) summary.memoryUtilization = memory;
  if (hpa.status?.currentReplicas !== undefined) summary.currentReplicas = hpa.status.currentReplicas;
  if (hpa.status?.desiredReplicas !== undefined) summary.desiredReplicas = hpa.status.desiredReplicas;
  return summary;
}

/** The autoscaler aimed at this workload, whatever its name. */
async function findHpa(client: KubeClient, ref: WorkloadRef): Promise<Hpa | undefined> {
  const all = await listIn<Hpa>(client, HPA, ref.namespace);
  return all.find(
    (hpa) => hpa.spec.scaleTargetRef.kind === ref.kind && hpa.spec.scaleTargetRef.name === ref.name,
  );
}

export async function getAutoscaler(client: KubeClient, ref: WorkloadRef): Promise<Autoscaler | undefined> {
  requireKind(ref, SCALABLE, 'autoscaling');
  const hpa = await findHpa(client, ref);
  return hpa && summarize(hpa);
}

function checkSettings(ref: WorkloadRef, settings: AutoscalerSettings): void {
  const problems = new Problems();
  problems.required('minReplicas', settings.minReplicas);
  problems.required('maxReplicas', settings.maxReplicas);
  problems.integer('minReplicas', settings.minReplicas, 1);
  problems.integer('maxReplicas', settings.maxReplicas, 1);
  if (settings.maxReplicas < settings.minReplicas)
    problems.add('maxReplicas', 'invalid', 'must be at least minReplicas');
  problems.integer('cpuUtilization', settings.cpuUtilization, 1);
  problems.integer('memoryUtilization', settings.memoryUtilization, 1);
  if (settings.cpuUtilization === undefined && settings.memoryUtilization === undefined) {
    problems.add('cpuUtilization', 'required', 'give a CPU or a memory utilization target');
  }
  if (problems.list.length)
    throw new InvalidObjectError(`the autoscaler of ${ref.kind} "${ref.name}"`, problems.list);
}

/** Creates the workload's autoscaler (named after it), or changes the one that targets it. */
export async function setAutoscaler(
  client: KubeClient,
  ref: WorkloadRef,
  settings: AutoscalerSettings,
): Promise<Autoscaler> {
  requireKind(ref, SCALABLE, 'autoscaling');
  checkSettings(ref, settings);
  const metrics: Metric[] = [];
  for (const [name, value] of [
    ['cpu', settings.cpuUtilization],
    ['memory', settings.memoryUtilization],
  ] as const) {
    if (value !== undefined) {
      metrics.push({
        type: 'Resource',
        resource: { name, target: { type: 'Utilization', averageUtilization: value } },
      });
    }
  }
  const existing = await findHpa(client, ref);
  const spec = {
    ...existing?.spec,
    scaleTargetRef: { apiVersion: apiVersionOf(ref.kind), kind: ref.kind, name: ref.name },
    minReplicas: settings.minReplicas,
    maxReplicas: settings.maxReplicas,
    metrics,
  };
  if (existing) {
    const location = { resource: HPA, namespace: ref.namespace, name: existing.metadata?.name };
    const { status: _status, ...current } = existing;
    return summarize(
      await callObject<Hpa>(client, location, 'update', { method: 'PUT', body: { ...current, spec } }),
    );
  }
  const body = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: ref.name, namespace: ref.namespace },
    spec,
  };
  const location = { resource: HPA, namespace: ref.namespace, name: undefined };
  return summarize(await callObject<Hpa>(client, location, 'create', { method: 'POST', body }));
}

/** Deletes the autoscaler that targets the workload; the replica count stays where it was. */
export async function removeAutoscaler(client: KubeClient, ref: WorkloadRef): Promise<void> {
  requireKind(ref, SCALABLE, 'autoscaling');
  const existing = await findHpa(client, ref);
  if (!existing) {
    throw new NotFoundError(
      { group: 'autoscaling', resource: 'horizontalpodautoscalers', namespace: ref.namespace },
      `${ref.kind} "${ref.name}" in namespace "${ref.namespace}" has no autoscaler`,
    );
  }
  await callObject(
    client,
    { resource: HPA, namespace: ref.namespace, name: existing.metadata?.name },
    'delete',
    {
      method: 'DELETE',
    },
  );
}
